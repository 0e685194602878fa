import { fireEvent, screen, waitFor } from '@testing-library/react';
import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { registerMethods, type RegisterEntry } from '../../shared/register';
import { GroundsModal, PutOnModal, TakeOffModal } from '../../renderer/src/features/register/dialogs';
import {
  REGISTER_LIMITS,
  externalFormSchema,
  measureFormSchema,
  reviewFormSchema,
  validateExternal,
  validateMeasure,
  validateReview,
  validateTakeOff,
  type MeasureFormValues,
  type ReviewFormValues,
} from '../../renderer/src/features/register/forms';
import kk from '../../renderer/src/i18n/kk.json';
import i18n from '../../renderer/src/i18n';
import { descriptionOf, errorOf, fail, installFakeCore, ok, renderWithApp, type FakeHandler } from './render';

const pupilId = '5b0f3c7e-2d1a-4e8b-9c6f-1a2b3c4d5e6f';
const entryId = '8f7c1a52-5a0e-4f3b-9f57-8a4f2a3c9d11';
const groundId = '0d3c1f2e-4b5a-4c6d-8e7f-9a0b1c2d3e4f';

const entry: RegisterEntry = {
  id: entryId,
  pupilId,
  on: { number: '12', date: '2026-10-01', body: 'council' },
  off: null,
  groundIds: [groundId],
  notes: '',
  offReason: null,
  curatorId: null,
  curatorName: null,
  reviewMonths: 3,
  nextReviewOn: '2027-01-05',
  reviewDue: false,
  reviews: [],
  measures: [],
  version: 2,
  createdAt: '2026-10-01T09:00:00.000Z',
  updatedAt: '2026-10-01T09:00:00.000Z',
};

const byId = <T extends HTMLElement = HTMLInputElement>(id: string) => screen.getByTestId<T>(id);
const type = (id: string, value: string) => fireEvent.change(byId(id), { target: { value } });
const today = () => dayjs().format('YYYY-MM-DD');

function core(handlers: Record<string, FakeHandler>) {
  return installFakeCore({
    'register.staff': () => ok([]),
    'register.grounds': () => ok([{ id: groundId, code: 'bullying', labelKk: 'Буллингке қатысу', labelRu: 'Участие в буллинге', retired: false }]),
    'register.list': () => ok({ items: [], dueCount: 0 }),
    ...handlers,
  });
}

describe('taking a pupil off the register (register.takeOff)', () => {
  it('names a missing decision number on its field; then sends the parsed decision with the entry and its version', async () => {
    const fake = core({ 'register.takeOff': () => ok(entry) });
    renderWithApp(<TakeOffModal entry={entry} onClose={() => undefined} />);
    fireEvent.click(byId('register-take-off-save'));
    await waitFor(() => expect(errorOf(byId('register-off-number'))).toBe(kk.validation.required));
    expect(fake.inputs('register.takeOff')).toEqual([]);
    type('register-off-number', ' 43 ');
    type('register-off-reason', ' Жағдайы жақсарды ');
    fireEvent.click(byId('register-take-off-save'));
    await waitFor(() => expect(fake.inputs('register.takeOff')).toHaveLength(1));
    expect(fake.inputs('register.takeOff')[0]).toEqual({
      entryId,
      version: 2,
      decision: { number: '43', date: today(), body: 'council' },
      reason: 'Жағдайы жақсарды',
    });
  });

  it('the core’s refusal of the number lands on the number; a counter near the 40-character limit', async () => {
    core({ 'register.takeOff': () => fail('validation', 'the input does not match the method', { issues: 1, path: 'decision.number' }) });
    renderWithApp(<TakeOffModal entry={entry} onClose={() => undefined} />);
    type('register-off-number', '7'.repeat(REGISTER_LIMITS.decisionNumber - 4));
    await waitFor(() => expect(descriptionOf(byId('register-off-number'))).toContain(`36 / ${REGISTER_LIMITS.decisionNumber}`));
    fireEvent.click(byId('register-take-off-save'));
    await waitFor(() => expect(errorOf(byId('register-off-number'))).toBe(kk.errors.validation));
  });

  it('a date before the pupil was put on: the rule the core keeps, on the date field, before sending', async () => {
    await i18n.changeLanguage('kk');
    const validate = validateTakeOff(i18n.t, entry);
    const errors = validate({ decision: { number: '43', date: '2026-09-30', body: 'council' }, reason: '' });
    expect(errors).toEqual({ 'decision.date': i18n.t('register.dateRule.notBeforeOn', { date: '01.10.2026' }) });
    expect(errors['decision.date']).toContain('01.10.2026');
    expect(validate({ decision: { number: '43', date: '2026-10-01', body: 'council' }, reason: '' })).toEqual({});
  });
});

describe('putting a pupil on the register (register.putOn)', () => {
  it('names the missing grounds on their field; a refused date lands on the date field, not in a general alert', async () => {
    const fake = core({ 'register.putOn': () => fail('register.bad_dates', 'the first review is before the decision', { field: 'decision.date' }) });
    renderWithApp(<PutOnModal pupilId={pupilId} onClose={() => undefined} />);
    type('register-on-number', '42');
    fireEvent.click(byId('register-put-on-save'));
    await waitFor(() => expect(errorOf(byId('register-grounds'))).toBe(kk.validation.required));
    expect(fake.inputs('register.putOn')).toEqual([]);
    fireEvent.click(byId('register-grounds'));
    fireEvent.click(await screen.findByRole('option', { name: 'Буллингке қатысу', hidden: true }));
    fireEvent.click(byId('register-put-on-save'));
    await waitFor(() => expect(fake.inputs('register.putOn')).toHaveLength(1));
    expect(fake.inputs('register.putOn')[0]).toEqual({
      pupilId,
      decision: { number: '42', date: today(), body: 'council' },
      groundIds: [groundId],
      notes: '',
      curatorId: null,
      reviewMonths: 3,
    });
    await waitFor(() => expect(screen.getAllByText(kk.errors.register.bad_dates)).toHaveLength(1));
    expect(byId('date-register-on-date').closest('.mantine-InputWrapper-root')?.textContent).toContain(kk.errors.register.bad_dates);
  });

  it('a pupil already on the register: the refusal lands on the pupil field when the dialog chose the pupil', async () => {
    core({
      'register.putOn': () => fail('register.already_on', 'the pupil is already on the register'),
      'pupils.list': () => ok({ items: [{ id: pupilId, lastName: 'Мысалова', firstName: 'Айша', grade: 7, classLetter: 'А' }], total: 1 }),
    });
    renderWithApp(<PutOnModal pupilId={null} onClose={() => undefined} />);
    fireEvent.click(byId('register-put-on-save'));
    await waitFor(() => expect(errorOf(byId('register-pupil'))).toBe(kk.validation.required));
    expect(errorOf(byId('register-on-number'))).toBe(kk.validation.required);
    type('register-pupil-search', 'Мыс');
    type('register-on-number', '42');
    fireEvent.click(byId('register-pupil'));
    fireEvent.click(await screen.findByRole('option', { name: 'Мысалова Айша — 7 А', hidden: true }, { timeout: 3000 }));
    fireEvent.click(byId('register-grounds'));
    fireEvent.click(await screen.findByRole('option', { name: 'Буллингке қатысу', hidden: true }));
    fireEvent.click(byId('register-put-on-save'));
    await waitFor(() => expect(errorOf(byId('register-pupil'))).toBe(kk.errors.register.already_on));
  });

  it('shows the notes counter near their limit', async () => {
    core({});
    renderWithApp(<PutOnModal pupilId={pupilId} onClose={() => undefined} />);
    type('register-notes', 'а'.repeat(999));
    expect(descriptionOf(byId<HTMLTextAreaElement>('register-notes'))).toBeNull();
    type('register-notes', 'а'.repeat(1200));
    await waitFor(() => expect(descriptionOf(byId<HTMLTextAreaElement>('register-notes'))).toContain(`1200 / ${REGISTER_LIMITS.notes}`));
  });
});

describe('the school’s grounds (register.saveGrounds)', () => {
  it('an emptied label is named on its cell; the list goes trimmed', async () => {
    const fake = core({ 'register.saveGrounds': (input) => ok((input as { grounds: unknown[] }).grounds) });
    renderWithApp(<GroundsModal grounds={[{ id: groundId, code: 'bullying', labelKk: 'Буллингке қатысу', labelRu: 'Участие в буллинге', retired: false }]} onClose={() => undefined} />);
    type('ground-kk-0', '  ');
    fireEvent.click(byId('grounds-save'));
    await waitFor(() => expect(errorOf(byId('ground-kk-0'))).toBe(kk.validation.required));
    expect(fake.inputs('register.saveGrounds')).toEqual([]);
    type('ground-kk-0', ' Буллинг ');
    fireEvent.click(byId('grounds-save'));
    await waitFor(() => expect(fake.inputs('register.saveGrounds')).toEqual([{ grounds: [{ id: groundId, labelKk: 'Буллинг', labelRu: 'Участие в буллинге', retired: false }] }]));
  });
});

describe('review, measure and outside registration: the core’s date rules on their fields', () => {
  const review: ReviewFormValues = { reviewedOn: '2026-11-30', outcome: 'improved', note: ' Жақсарды ', auto: true, nextReviewOn: null };

  it('a review: "as usual" leaves the next review to the core; a chosen one must come after the review', async () => {
    await i18n.changeLanguage('kk');
    expect(reviewFormSchema.parse(review)).toEqual({ reviewedOn: '2026-11-30', outcome: 'improved', note: 'Жақсарды' });
    expect(reviewFormSchema.parse({ ...review, auto: false, nextReviewOn: '2027-02-01' })).toMatchObject({ nextReviewOn: '2027-02-01' });
    const validate = validateReview(i18n.t, entry);
    expect(validate({ ...review, auto: false, nextReviewOn: '2026-11-30' })).toEqual({ nextReviewOn: kk.register.dateRule.nextAfterReview });
    expect(validate({ ...review, reviewedOn: '2026-09-01' })).toEqual({ reviewedOn: i18n.t('register.dateRule.notBeforeOn', { date: '01.10.2026' }) });
    expect(validate({ ...review, reviewedOn: null })).toEqual({ reviewedOn: kk.validation.required });
    const input = { entryId, version: 2, ...reviewFormSchema.parse(review) };
    expect(registerMethods['register.review'].input.safeParse(input).success).toBe(true);
  });

  it('a measure: only the chosen responsible is sent; done before the pupil was put on is refused on the field', async () => {
    await i18n.changeLanguage('kk');
    const m: MeasureFormValues = { what: ' Психологпен кездесу ', who: 'text', responsibleId: groundId, responsibleText: ' Ювеналдық полиция ', dueOn: '2026-12-10', doneOn: null, result: 'ескі' };
    expect(measureFormSchema.parse(m)).toEqual({ what: 'Психологпен кездесу', responsibleId: null, responsibleText: 'Ювеналдық полиция', dueOn: '2026-12-10', doneOn: null, result: '' });
    const validate = validateMeasure(i18n.t, entry.on.date);
    expect(validate({ ...m, doneOn: '2026-09-15' })).toEqual({ doneOn: i18n.t('register.dateRule.notBeforeOn', { date: '01.10.2026' }) });
    expect(validate({ ...m, what: '' })).toEqual({ what: kk.validation.required });
    expect(validate({ ...m, what: 'а'.repeat(REGISTER_LIMITS.what + 1) })).toEqual({ what: kk.validation.tooLong });
  });

  it('an outside registration does not end before it starts', async () => {
    await i18n.changeLanguage('kk');
    const validate = validateExternal(i18n.t);
    const x = { body: 'kdn' as const, fromDate: '2026-10-01', toDate: '2026-09-01', note: '' };
    expect(validate(x)).toEqual({ toDate: kk.register.dateRule.endBeforeStart });
    expect(validate({ ...x, toDate: null })).toEqual({});
    expect(externalFormSchema.parse({ ...x, toDate: '2026-10-01' })).toEqual({ ...x, toDate: '2026-10-01' });
  });
});
