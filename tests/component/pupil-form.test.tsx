import { fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import kk from '../../renderer/src/i18n/kk.json';
import { PupilModal } from '../../renderer/src/features/pupils/PupilsScreen';
import { makeIin } from '../../shared/iin';
import type { Pupil } from '../../shared/pupils';
import { errorOf, fail, type FakeCore, installFakeCore, ok, renderWithApp } from './render';

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
  familyStatus: ['large'],
  onRegister: false,
  archived: false,
  archiveReason: null,
  archivedOn: null,
};

const byId = (id: string) => screen.getByTestId<HTMLInputElement>(id);
const type = (id: string, value: string) => fireEvent.change(byId(id), { target: { value } });
const save = () => byId('pupil-save') as unknown as HTMLButtonElement;

describe('pupil form (pupils.create / pupils.update on pupilInputSchema)', () => {
  let core: FakeCore;
  beforeEach(() => {
    core = installFakeCore({
      'capabilities.mine': () => ok({ protectionRead: true }),
      'pupils.create': (input) => ok({ ...pupil, ...(input as object) }),
      'pupils.update': (input) => ok({ ...pupil, ...((input as { pupil: object }).pupil) }),
      'pupils.get': () => ok(pupil),
      'pupils.list': () => ok({ items: [], total: 0 }),
    });
  });

  it('names the IIN problem on the IIN field as it is typed and keeps the save closed', async () => {
    renderWithApp(<PupilModal dialog={{ kind: 'create' }} canEdit onClose={() => undefined} />);
    const iin = makeIin('2014-02-11', 'f', 4321)!;
    const wrong = iin.slice(0, 11) + String((Number(iin[11]) + 1) % 10);
    type('pupil-iin', wrong);
    await waitFor(() => expect(errorOf(byId('pupil-iin'))).toBe(kk.pupils.iinProblem.checksum));
    expect(save().disabled).toBe(true);
    type('pupil-iin', `${iin}99`);
    // more than 12 digits or letters never reach the field
    expect(byId('pupil-iin').value).toBe(iin);
    await waitFor(() => expect(errorOf(byId('pupil-iin'))).toBeNull());
    expect(save().disabled).toBe(false);
  });

  it('shows a missing name on its field and sends nothing', async () => {
    renderWithApp(<PupilModal dialog={{ kind: 'create' }} canEdit onClose={() => undefined} />);
    type('pupil-last-name', '   ');
    type('pupil-first-name', 'Інжу');
    fireEvent.click(save());
    await waitFor(() => expect(errorOf(byId('pupil-last-name'))).toBe(kk.validation.required));
    expect(errorOf(byId('pupil-first-name'))).toBeNull();
    expect(core.inputs('pupils.create')).toEqual([]);
  });

  it('sends the parsed value: names trimmed, no IIN as null, the grade a number', async () => {
    renderWithApp(<PupilModal dialog={{ kind: 'create' }} canEdit onClose={() => undefined} />);
    type('pupil-last-name', '  Ойдантапқанова ');
    type('pupil-first-name', ' Інжу');
    fireEvent.click(save());
    await waitFor(() => expect(core.inputs('pupils.create')).toHaveLength(1));
    expect(core.inputs('pupils.create')[0]).toEqual({
      iin: null,
      lastName: 'Ойдантапқанова',
      firstName: 'Інжу',
      middleName: '',
      grade: 1,
      classLetter: '',
      instructionLanguage: 'kk',
      familyStatus: [],
    });
  });

  it('shows a counter as a name nears its limit of 100 and keeps no more', async () => {
    renderWithApp(<PupilModal dialog={{ kind: 'create' }} canEdit onClose={() => undefined} />);
    type('pupil-last-name', 'Ә'.repeat(79));
    expect(screen.queryByText(/\d+ \/ 100/)).toBeNull();
    type('pupil-last-name', 'Ә'.repeat(95));
    expect(screen.getByText(kk.common.counter.replace('{{n}}', '95').replace('{{max}}', '100'))).toBeTruthy();
    expect(byId('pupil-last-name').maxLength).toBe(100);
  });

  it("puts the core's duplicate-IIN refusal on the IIN field; typing there clears it", async () => {
    core = installFakeCore({
      'capabilities.mine': () => ok({ protectionRead: true }),
      'pupils.create': () => fail('pupils.duplicate_iin', 'a pupil with this IIN exists', { field: 'iin' }),
    });
    renderWithApp(<PupilModal dialog={{ kind: 'create' }} canEdit onClose={() => undefined} />);
    type('pupil-last-name', 'Екінші');
    type('pupil-first-name', 'Арман');
    const iin = makeIin('2015-09-21', 'm', 2468)!;
    type('pupil-iin', iin);
    fireEvent.click(save());
    await waitFor(() => expect(errorOf(byId('pupil-iin'))).toBe(kk.errors.pupils.duplicate_iin));
    expect(byId('pupil-iin').getAttribute('aria-invalid')).toBe('true');
    expect(core.inputs('pupils.create')[0]).toMatchObject({ iin });
    type('pupil-iin', makeIin('2015-09-21', 'm', 2469)!);
    await waitFor(() => expect(errorOf(byId('pupil-iin'))).toBeNull());
  });

  it("edits a saved pupil from its own values and sends the update with the pupil's id", async () => {
    renderWithApp(<PupilModal dialog={{ kind: 'edit', id: pupil.id }} canEdit onClose={() => undefined} />);
    await waitFor(() => expect(byId('pupil-last-name').value).toBe('Мысалова'));
    type('pupil-middle-name', ' Серікқызы ');
    fireEvent.click(save());
    await waitFor(() => expect(core.inputs('pupils.update')).toHaveLength(1));
    expect(core.inputs('pupils.update')[0]).toEqual({
      id: pupil.id,
      pupil: {
        iin: null,
        lastName: 'Мысалова',
        firstName: 'Айша',
        middleName: 'Серікқызы',
        grade: 5,
        classLetter: 'Ә',
        instructionLanguage: 'kk',
        familyStatus: ['large'],
      },
    });
  });
});
