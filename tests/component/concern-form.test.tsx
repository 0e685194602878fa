import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import kk from '../../renderer/src/i18n/kk.json';
import { ConcernForm } from '../../renderer/src/features/cases/ConcernsScreen';
import type { Pupil } from '../../shared/pupils';
import { concernFormSchema, type ConcernFormValues } from '../../renderer/src/features/cases/forms';
import { errorOf, type FakeHandler, installFakeCore, ok, renderWithApp } from './render';

const pupil: Pupil = {
  id: '5b0f3c7e-2d1a-4e8b-9c6f-1a2b3c4d5e6f',
  iin: null,
  lastName: 'Мысалова',
  firstName: 'Айша',
  middleName: '',
  birthDate: null,
  sex: null,
  grade: 7,
  classLetter: 'А',
  instructionLanguage: 'kk',
  familyStatus: null,
  onRegister: null,
  archived: false,
  archiveReason: null,
  archivedOn: null,
};

const byId = (id: string) => screen.getByTestId<HTMLInputElement>(id);
const type = (id: string, value: string) => fireEvent.change(byId(id), { target: { value } });

function core(log: FakeHandler) {
  return installFakeCore({
    'concerns.log': log,
    'concerns.mine': () => ok([]),
    'pupils.list': () => ok({ items: [pupil], total: 1 }),
  });
}

describe('concern form (concerns.log on concernContentSchema)', () => {
  it('shows each missing part on its own field and sends nothing; a wrong time as it is typed', async () => {
    const fake = core((input) => ok(input));
    renderWithApp(<ConcernForm onDone={() => undefined} />);
    type('concern-time', '25:70');
    await waitFor(() => expect(errorOf(byId('concern-time'))).toBe(kk.cases.timeInvalid));
    fireEvent.click(byId('concern-submit'));
    await waitFor(() => expect(errorOf(byId('concern-what'))).toBe(kk.validation.required));
    expect(errorOf(byId('concern-harm'))).toBe(kk.validation.required);
    expect(errorOf(byId('pupil-picker'))).toBe(kk.validation.required);
    expect(errorOf(byId('concern-time'))).toBe(kk.cases.timeInvalid);
    expect(fake.inputs('concerns.log')).toEqual([]);
  });

  it('turns what the form holds into the input concerns.log takes: texts trimmed, date and time joined, pupils without labels', () => {
    // (the picker's search is a Mantine combobox that happy-dom does not type into; e2e cases.test.ts picks pupils)
    const values: ConcernFormValues = {
      what: '  Үзілісте сөмкесін тартып алды.  ',
      where: ' Екінші қабат ',
      date: '2026-11-30',
      time: '10:40',
      formOfHarm: 'bullying',
      pupils: [{ pupilId: pupil.id, role: 'targeted', label: 'Мысалова Айша · 7 А' }],
    };
    expect(concernFormSchema.parse(values)).toEqual({
      what: 'Үзілісте сөмкесін тартып алды.',
      where: 'Екінші қабат',
      occurredAt: '2026-11-30T10:40',
      formOfHarm: 'bullying',
      pupils: [{ pupilId: pupil.id, role: 'targeted' }],
    });
    expect(concernFormSchema.parse({ ...values, time: '' }).occurredAt).toBe('2026-11-30');
    expect(concernFormSchema.safeParse({ ...values, pupils: [values.pupils[0], values.pupils[0]] }).success).toBe(false);
  });
});
