import { notifications } from '@mantine/notifications';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import kk from '../../renderer/src/i18n/kk.json';
import { ArchivePanel } from '../../renderer/src/features/pupils/ArchivePanel';
import { PromoteModal } from '../../renderer/src/features/pupils/PromoteModal';
import type { Pupil, PromotionSummary } from '../../shared/pupils';
import { errorOf, fail, type FakeCore, type FakeHandler, installFakeCore, ok, renderWithApp } from './render';

const pupil: Pupil = {
  id: '5b0f3c7e-2d1a-4e8b-9c6f-1a2b3c4d5e6f',
  iin: null,
  lastName: 'Мысалова',
  firstName: 'Айша',
  middleName: '',
  birthDate: null,
  sex: null,
  grade: 5,
  classLetter: 'Ә',
  instructionLanguage: 'kk',
  familyStatus: [],
  onRegister: false,
  archived: false,
  archiveReason: null,
  archivedOn: null,
};

const summary: PromotionSummary = { byGrade: [{ grade: 5, pupils: 20 }, { grade: 11, pupils: 12 }], graduating: 12, moved: 32, lastPromotion: null };

/** A date picker's own button (where Mantine links its error). */
const dateField = (name: string) => screen.getByTestId(`date-${name}`);

/** Empties a clearable date picker with its clear button. */
function clearDate(name: string) {
  const wrapper = dateField(name).closest('.mantine-InputWrapper-root');
  const clear = wrapper?.querySelector('button.mantine-InputClearButton-root');
  if (!(clear instanceof HTMLElement)) throw new Error(`no clear button on ${name}`);
  fireEvent.click(clear);
}

const isoDay = /^\d{4}-\d{2}-\d{2}$/;

describe('archive of a pupil (pupils.archive)', () => {
  let core: FakeCore;
  let archive: FakeHandler;
  beforeEach(() => {
    notifications.clean();
    archive = () => ok({ ...pupil, archived: true });
    core = installFakeCore({ 'pupils.archive': (i) => archive(i) });
  });

  async function open() {
    renderWithApp(<ArchivePanel pupil={pupil} canEdit />);
    fireEvent.click(screen.getByTestId('pupil-archive'));
    await screen.findByTestId('pupil-archive-confirm');
  }

  it('refuses a missing date on its field and sends nothing', async () => {
    await open();
    clearDate('archive');
    fireEvent.click(screen.getByTestId('pupil-archive-confirm'));
    await waitFor(() => expect(errorOf(dateField('archive'))).toBe(kk.validation.required));
    expect(core.inputs('pupils.archive')).toEqual([]);
  });

  it('sends the reason and the day', async () => {
    await open();
    fireEvent.click(screen.getByTestId('pupil-archive-confirm'));
    await waitFor(() => expect(core.inputs('pupils.archive')).toHaveLength(1));
    expect(core.inputs('pupils.archive')[0]).toEqual({ id: pupil.id, reason: 'transferred', date: expect.stringMatching(isoDay) as unknown });
  });

  it("puts the core's refusal of the date on the date field", async () => {
    archive = () => fail('validation', 'bad date', { path: 'date' });
    await open();
    fireEvent.click(screen.getByTestId('pupil-archive-confirm'));
    await waitFor(() => expect(errorOf(dateField('archive'))).toBe(kk.errors.validation));
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('the yearly move up a grade (pupils.promote)', () => {
  let core: FakeCore;
  let promote: FakeHandler;
  beforeEach(() => {
    notifications.clean();
    promote = () => ok(summary);
    core = installFakeCore({ 'pupils.promotePreview': () => ok(summary), 'pupils.promote': (i) => promote(i) });
  });

  it('refuses a missing date on its field and sends nothing', async () => {
    renderWithApp(<PromoteModal onClose={() => undefined} />);
    await screen.findByTestId('promote-preview');
    clearDate('promote');
    fireEvent.click(screen.getByTestId('promote-apply'));
    await waitFor(() => expect(errorOf(dateField('promote'))).toBe(kk.validation.required));
    expect(core.inputs('pupils.promote')).toEqual([]);
  });

  it('sends the top grade, the day and the count the preview showed', async () => {
    renderWithApp(<PromoteModal onClose={() => undefined} />);
    await screen.findByTestId('promote-preview');
    fireEvent.click(screen.getByTestId('promote-apply'));
    await waitFor(() => expect(core.inputs('pupils.promote')).toHaveLength(1));
    expect(core.inputs('pupils.promote')[0]).toEqual({ topGrade: 11, expected: 32, date: expect.stringMatching(isoDay) as unknown });
  });

  it('shows a refusal about no field as a whole and previews again', async () => {
    promote = () => fail('conflict', 'changed since the preview');
    renderWithApp(<PromoteModal onClose={() => undefined} />);
    await screen.findByTestId('promote-preview');
    fireEvent.click(screen.getByTestId('promote-apply'));
    // the graduating notice is an alert too: the refusal is one more
    await waitFor(() => expect(screen.getAllByRole('alert').some((a) => a.textContent?.includes(kk.errors.conflict))).toBe(true));
    await waitFor(() => expect(core.inputs('pupils.promotePreview').length).toBeGreaterThanOrEqual(2));
    expect(errorOf(dateField('promote'))).toBeNull();
  });
});
