import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { casesMethods, type CaseDetail } from '../../shared/cases';
import { CloseForm, ContactForm, CourseForm, NoteForm, TaskForm } from '../../renderer/src/features/cases/CaseForms';
import { CASE_LIMITS, newCaseFormSchema, validateNewCase, type NewCaseFormValues } from '../../renderer/src/features/cases/forms';
import kk from '../../renderer/src/i18n/kk.json';
import i18n from '../../renderer/src/i18n';
import { descriptionOf, errorOf, fail, installFakeCore, ok, renderWithApp, type FakeHandler } from './render';
import { CASE_ID, caseDetail, PUPIL_ID } from './fixtures';

const caseId = CASE_ID;
const pupilId = PUPIL_ID;
const leadId = '0d3c1f2e-4b5a-4c6d-8e7f-9a0b1c2d3e4f';

const kase: CaseDetail = caseDetail();

const byId = <T extends HTMLElement = HTMLInputElement>(id: string) => screen.getByTestId<T>(id);
const type = (id: string, value: string) => fireEvent.change(byId(id), { target: { value } });

function core(handlers: Record<string, FakeHandler>) {
  return installFakeCore({
    'capabilities.mine': () => ok({ caseWork: true, confidentialRead: true }),
    'cases.staff': () => ok([{ id: leadId, displayName: 'Психолог (демо)', roles: ['psychologist'] }]),
    ...handlers,
  });
}

describe('case task form (cases.addTask)', () => {
  it('names an empty title on its field and sends nothing; then sends the trimmed title with the case and its version', async () => {
    const fake = core({ 'cases.addTask': () => ok(kase) });
    let added = 0;
    renderWithApp(<TaskForm c={kase} onAdded={() => (added += 1)} />);
    fireEvent.click(byId('task-add'));
    await waitFor(() => expect(errorOf(byId('task-title'))).toBe(kk.validation.required));
    expect(fake.inputs('cases.addTask')).toEqual([]);
    type('task-title', '  Сынып сағатын өткізу  ');
    fireEvent.click(byId('task-add'));
    await waitFor(() => expect(added).toBe(1));
    expect(fake.inputs('cases.addTask')).toEqual([{ caseId, version: 4, title: 'Сынып сағатын өткізу', dueOn: null, ownerId: null }]);
  });

  it('a typed due date goes as YYYY-MM-DD; a wrong one is named on the date field', async () => {
    const fake = core({ 'cases.addTask': () => ok(kase) });
    renderWithApp(<TaskForm c={kase} onAdded={() => undefined} />);
    type('task-title', 'Ата-анамен кездесу');
    type('date-task-due', '31.02.2026');
    await waitFor(() => expect(errorOf(byId('date-task-due'))).toBe(kk.cases.dateInvalid));
    type('date-task-due', '07.12.2026');
    fireEvent.click(byId('task-add'));
    await waitFor(() => expect(fake.inputs('cases.addTask')).toHaveLength(1));
    expect(fake.inputs('cases.addTask')[0]).toMatchObject({ dueOn: '2026-12-07' });
  });

  it('the core’s refusal of the title lands on the title; a counter shows near the limit', async () => {
    core({ 'cases.addTask': () => fail('validation', 'the input does not match the method', { issues: 1, path: 'title' }) });
    renderWithApp(<TaskForm c={kase} onAdded={() => undefined} />);
    expect(descriptionOf(byId('task-title'))).toBe(kk.cases.taskTitleHint);
    type('task-title', 'ә'.repeat(CASE_LIMITS.task - 10));
    await waitFor(() => expect(descriptionOf(byId('task-title'))).toContain(`${CASE_LIMITS.task - 10} / ${CASE_LIMITS.task}`));
    expect(byId('task-title').maxLength).toBe(300);
    fireEvent.click(byId('task-add'));
    await waitFor(() => expect(errorOf(byId('task-title'))).toBe(kk.errors.validation));
  });
});

describe('case note form (cases.addNote)', () => {
  it('an empty note is named on the field; a confidential note is sent as one', async () => {
    const fake = core({ 'cases.addNote': () => ok(kase) });
    renderWithApp(<NoteForm c={kase} onAdded={() => undefined} />);
    fireEvent.click(byId('note-add'));
    await waitFor(() => expect(errorOf(byId<HTMLTextAreaElement>('note-text'))).toBe(kk.validation.required));
    type('note-text', ' Анасымен сөйлестім. ');
    await waitFor(() => byId('note-confidential'));
    fireEvent.click(byId('note-confidential'));
    fireEvent.click(byId('note-add'));
    await waitFor(() => expect(fake.inputs('cases.addNote')).toEqual([{ caseId, version: 4, text: 'Анасымен сөйлестім.', confidential: true }]));
  });

  it('shows the counter from 1 000 characters of 8 000', async () => {
    core({});
    renderWithApp(<NoteForm c={kase} onAdded={() => undefined} />);
    type('note-text', 'а'.repeat(999));
    expect(descriptionOf(byId<HTMLTextAreaElement>('note-text'))).toBeNull();
    type('note-text', 'а'.repeat(1000));
    await waitFor(() => expect(descriptionOf(byId<HTMLTextAreaElement>('note-text'))).toContain(`1000 / ${CASE_LIMITS.note}`));
  });
});

describe('case contact form (cases.addContact)', () => {
  it('names who and the outcome when missing; sends the parsed contact', async () => {
    const fake = core({ 'cases.addContact': () => ok(kase) });
    renderWithApp(<ContactForm c={kase} onAdded={() => undefined} />);
    type('date-contact-date', '');
    fireEvent.click(byId('contact-add'));
    await waitFor(() => expect(errorOf(byId('contact-who'))).toBe(kk.validation.required));
    expect(errorOf(byId<HTMLTextAreaElement>('contact-outcome'))).toBe(kk.validation.required);
    expect(errorOf(byId('date-contact-date'))).toBe(kk.validation.required);
    expect(fake.inputs('cases.addContact')).toEqual([]);
    type('contact-who', ' Анасы ');
    type('contact-outcome', ' Кездесуге келісті ');
    type('date-contact-date', '28.11.2026');
    fireEvent.click(byId('contact-add'));
    await waitFor(() => expect(fake.inputs('cases.addContact')).toHaveLength(1));
    expect(fake.inputs('cases.addContact')[0]).toEqual({ caseId, version: 4, who: 'Анасы', method: 'meeting', at: '2026-11-28', pupilId: null, outcome: 'Кездесуге келісті' });
    expect(casesMethods['cases.addContact'].input.safeParse(fake.inputs('cases.addContact')[0]).success).toBe(true);
  });
});

describe('case closure and course', () => {
  it('closing needs an outcome on its field; the core’s refusal of it lands there', async () => {
    const fake = core({ 'cases.close': () => fail('validation', 'the input does not match the method', { issues: 1, path: 'outcome' }) });
    renderWithApp(<CloseForm c={kase} />);
    fireEvent.click(byId('case-close'));
    await waitFor(() => expect(errorOf(byId<HTMLTextAreaElement>('closure-outcome'))).toBe(kk.validation.required));
    expect(fake.inputs('cases.close')).toEqual([]);
    type('closure-outcome', ' Жағдай шешілді ');
    fireEvent.click(byId('case-close'));
    await waitFor(() => expect(fake.inputs('cases.close')).toEqual([{ id: caseId, version: 4, reason: 'resolved', outcome: 'Жағдай шешілді' }]));
    await waitFor(() => expect(errorOf(byId<HTMLTextAreaElement>('closure-outcome'))).toBe(kk.errors.validation));
  });

  it('the course starts from the case and sends only what changed', async () => {
    const fake = core({ 'cases.update': () => ok(kase) });
    renderWithApp(<CourseForm c={kase} />);
    expect(byId<HTMLButtonElement>('case-course-save').disabled).toBe(true);
    expect(byId('case-risk').value).toBe(kk.cases.risk.high);
    fireEvent.click(byId('case-risk'));
    fireEvent.click(await screen.findByRole('option', { name: kk.cases.risk.acute }));
    await waitFor(() => expect(byId<HTMLButtonElement>('case-course-save').disabled).toBe(false));
    fireEvent.click(byId('case-course-save'));
    await waitFor(() => expect(fake.inputs('cases.update')).toEqual([{ id: caseId, version: 4, risk: 'acute' }]));
  });
});

describe('new case form (cases.create)', () => {
  // (the modal navigates to the new case, which needs the router; e2e cases.test.ts opens a case through triage)
  const draft: NewCaseFormValues = {
    title: ' Буллинг ',
    summary: ' ',
    formOfHarm: 'bullying',
    risk: 'medium',
    pupils: [{ pupilId, role: 'targeted', label: 'Мысалова Айша · 7 А' }],
  };

  it('turns the form into cases.create’s input: trimmed, no lead, pupils without labels', () => {
    const input = newCaseFormSchema.parse(draft);
    expect(input).toEqual({ title: 'Буллинг', summary: '', formOfHarm: 'bullying', risk: 'medium', leadId: null, pupils: [{ pupilId, role: 'targeted' }] });
    expect(casesMethods['cases.create'].input.safeParse(input).success).toBe(true);
  });

  it('names the missing title, form of harm and pupils on their fields; a too-long summary too', async () => {
    await i18n.changeLanguage('kk');
    const validate = validateNewCase(i18n.t);
    expect(validate({ ...draft, title: '  ', formOfHarm: null, pupils: [] })).toEqual({
      title: kk.validation.required,
      formOfHarm: kk.validation.required,
      pupils: kk.validation.required,
    });
    expect(validate({ ...draft, summary: 'а'.repeat(CASE_LIMITS.summary + 1) })).toEqual({ summary: kk.validation.tooLong });
  });
});
