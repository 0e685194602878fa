import { fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import kk from '../../renderer/src/i18n/kk.json';
import { useApiMutation } from '../../renderer/src/api/hooks';
import { MeetingForm, type MeetingValues } from '../../renderer/src/features/council/MeetingForm';
import { errorOf, fail, type FakeCore, type FakeHandler, installFakeCore, ok, renderWithApp } from './render';

function input(testId: string): HTMLInputElement {
  const el = screen.getByTestId(testId);
  if (!(el instanceof HTMLInputElement)) throw new Error(`${testId} is no input`);
  return el;
}

/** The new-meeting form as CouncilScreen wires it: its submit goes to `council.meetings.create`. */
function NewMeeting({ initial }: { initial: MeetingValues }) {
  const create = useApiMutation('council.meetings.create');
  return (
    <MeetingForm
      initialValues={initial}
      academicYear={2026}
      numberRequired={false}
      testIdPrefix="meeting"
      submitTestId="meeting-create"
      pending={create.isPending}
      error={create.error}
      onSubmit={(v, fieldError) => create.mutate(v, { onError: (e) => fieldError(e) })}
      onCancel={() => undefined}
    />
  );
}

function EditMeeting({ initial }: { initial: MeetingValues }) {
  const update = useApiMutation('council.meetings.update');
  return (
    <MeetingForm
      initialValues={initial}
      academicYear={2026}
      numberRequired
      testIdPrefix="edit-meeting"
      submitTestId="edit-meeting-save"
      pending={update.isPending}
      error={update.error}
      onSubmit={(v, fieldError) => update.mutate({ ...v, id: '5d2c8f3a-6b1e-4c7d-9a0f-1e2d3c4b5a69' }, { onError: (e) => fieldError(e) })}
      onCancel={() => undefined}
    />
  );
}

const blank: MeetingValues = { number: '', date: '2026-11-30', time: '15:00', place: '' };

describe('council meeting form (meetingInputSchema)', () => {
  let core: FakeCore;
  let create: FakeHandler;
  beforeEach(() => {
    create = () => ok({ id: 'x' });
    core = installFakeCore({
      'council.meetings.create': (i) => create(i),
      'council.meetings.update': () => ok({ id: 'x' }),
    });
  });

  it('refuses an empty place and a broken time on their fields and sends nothing', () => {
    renderWithApp(<NewMeeting initial={blank} />);
    fireEvent.change(input('meeting-time'), { target: { value: '25:00' } });
    fireEvent.click(screen.getByTestId('meeting-create'));
    expect(errorOf(input('meeting-place'))).toBe(kk.validation.required);
    expect(errorOf(input('meeting-time'))).toBe(kk.validation.invalid);
    expect(errorOf(input('meeting-number'))).toBeNull();
    expect(core.inputs('council.meetings.create')).toEqual([]);
  });

  it('sends the parsed input, leaving out an empty number', async () => {
    renderWithApp(<NewMeeting initial={blank} />);
    fireEvent.change(input('meeting-place'), { target: { value: '  Мәжіліс залы  ' } });
    fireEvent.click(screen.getByTestId('meeting-create'));
    await waitFor(() =>
      expect(core.inputs('council.meetings.create')).toEqual([{ academicYear: 2026, date: '2026-11-30', time: '15:00', place: 'Мәжіліс залы' }]),
    );
  });

  it("puts the core's «number taken» on the number field, with no general alert", async () => {
    create = () => fail('council.number_taken', 'taken');
    renderWithApp(<NewMeeting initial={{ ...blank, number: 3, place: 'Зал' }} />);
    fireEvent.click(screen.getByTestId('meeting-create'));
    await waitFor(() => expect(errorOf(input('meeting-number'))).toBe(kk.errors.council.number_taken));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(core.inputs('council.meetings.create')).toEqual([{ academicYear: 2026, number: 3, date: '2026-11-30', time: '15:00', place: 'Зал' }]);
  });

  it('an edit keeps a number: an emptied number is refused on its field', () => {
    renderWithApp(<EditMeeting initial={{ number: 2, date: '2026-11-30', time: '15:00', place: 'Зал' }} />);
    fireEvent.change(input('edit-meeting-number'), { target: { value: '' } });
    fireEvent.click(screen.getByTestId('edit-meeting-save'));
    expect(errorOf(input('edit-meeting-number'))).toBe(kk.validation.required);
    expect(core.inputs('council.meetings.update')).toEqual([]);
  });
});
