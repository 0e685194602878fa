import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import kk from '../../renderer/src/i18n/kk.json';
import { CaseDocumentsSection } from '../../renderer/src/features/case-documents/CaseDocumentsSection';
import type { CaseDetail } from '../../shared/cases';
import { errorOf, installFakeCore, ok } from './render';
import { renderSignedIn } from './session';

const PUPIL = '9b2c1d0e-3f4a-4b5c-8d6e-7f8091a2b3c4';
const c = {
  id: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
  pupils: [{ pupilId: PUPIL, lastName: 'Мысалова', firstName: 'Айша', grade: 7, classLetter: 'Ә', role: 'targeted' }],
} as unknown as CaseDetail;
const byId = (id: string) => screen.getByTestId<HTMLInputElement>(id);

describe('the letter inviting the parents (caseDocs.parentLetter on the contract schema)', () => {
  it('names each missing or wrong field — a day already past, a time that is not one — and signs nothing', async () => {
    installFakeCore({ 'caseDocs.list': () => ok([]), 'guardians.list': () => ok([]), 'documents.certificates.list': () => ok([]) });
    renderSignedIn(<CaseDocumentsSection c={c} canWork />);
    fireEvent.click(await screen.findByTestId('parent-letter-open'));
    await screen.findByTestId('letter-form');
    fireEvent.click(byId('letter-next'));
    await waitFor(() => expect(errorOf(byId('letter-place'))).toBeTruthy());
    expect(errorOf(byId('letter-addressee'))).toBeTruthy();
    fireEvent.change(byId('date-letter-date'), { target: { value: '01.09.2020' } });
    fireEvent.change(byId('letter-time'), { target: { value: '25:00' } });
    fireEvent.click(byId('letter-next'));
    await waitFor(() => expect(errorOf(byId('date-letter-date'))).toBe(kk.errors.caseDocs.meeting_in_past));
    expect(errorOf(byId('letter-time'))).toBe(kk.cases.timeInvalid);
    expect(screen.getByTestId('letter-form')).toBeTruthy();
  });

  it('a complete letter goes on to signing', async () => {
    installFakeCore({ 'caseDocs.list': () => ok([]), 'guardians.list': () => ok([]), 'documents.certificates.list': () => ok([]), 'school.get': () => ok(null) });
    renderSignedIn(<CaseDocumentsSection c={c} canWork />);
    fireEvent.click(await screen.findByTestId('parent-letter-open'));
    await screen.findByTestId('letter-form');
    fireEvent.change(byId('letter-addressee'), { target: { value: 'Мысалова Гүлнар' } });
    fireEvent.click(byId('date-letter-date-plus-3'));
    fireEvent.change(byId('letter-place'), { target: { value: 'мектеп, 214 кабинет' } });
    fireEvent.click(byId('letter-next'));
    await waitFor(() => expect(screen.queryByTestId('letter-form')).toBeNull());
  });
});
