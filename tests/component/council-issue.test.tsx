import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import kk from '../../renderer/src/i18n/kk.json';
import { IssueMinutesModal } from '../../renderer/src/features/council/IssueModal';
import type { MeetingDetail } from '../../shared/council';
import { errorOf, fail, installFakeCore, ok } from './render';
import { certificate, renderSignedIn } from './session';

const meeting = { id: '7c9e6679-7425-40de-944b-e07fc1f90ae7' } as MeetingDetail;
const byId = (id: string) => screen.getByTestId<HTMLInputElement>(id);

describe('signing a council document (council.*.issue on the contract schemas)', () => {
  it('the minutes: sends the language and the signer; a wrong signing password is said on its field and emptied', async () => {
    const core = installFakeCore({
      'documents.certificates.list': () => ok([certificate()]),
      'council.minutes.issue': () => fail('documents.wrong_p12_password', 'wrong PKCS#12 password'),
    });
    renderSignedIn(<IssueMinutesModal meeting={meeting} onClose={() => undefined} />);
    const password = await screen.findByTestId<HTMLInputElement>('minutes-password');
    fireEvent.click(byId('minutes-sign'));
    await waitFor(() => expect(errorOf(password)).toBeTruthy());
    expect(core.inputs('council.minutes.issue')).toEqual([]);
    fireEvent.change(password, { target: { value: 'not the password' } });
    fireEvent.click(byId('minutes-sign'));
    await waitFor(() => expect(errorOf(password)).toBe(kk.errors.documents.wrong_p12_password));
    expect(password.value).toBe('');
    expect(core.inputs('council.minutes.issue')).toEqual([
      { meetingId: meeting.id, lang: 'kk', signer: { certificateId: certificate().id, password: 'not the password' } },
    ]);
  });

  it('an invitation: the pupil and the reason are asked for on their fields before anything is signed; a counter near the limit', async () => {
    const core = installFakeCore({
      'documents.certificates.list': () => ok([certificate()]),
      'pupils.list': () => ok({ items: [], total: 0 }),
    });
    renderSignedIn(<IssueMinutesModal meeting={meeting} invitation onClose={() => undefined} />);
    const password = await screen.findByTestId<HTMLInputElement>('minutes-password');
    fireEvent.change(password, { target: { value: 'signing password' } });
    fireEvent.click(byId('minutes-sign'));
    await waitFor(() => expect(errorOf(byId('invitation-reason'))).toBeTruthy());
    expect(errorOf(byId('invitation-pupil'))).toBeTruthy();
    expect(core.inputs('council.invitation.issue')).toEqual([]);
    fireEvent.change(byId('invitation-reason'), { target: { value: 'а'.repeat(290) } });
    await waitFor(() => expect(screen.getByText(new RegExp(`290 / 300`))).toBeTruthy());
  });
});
