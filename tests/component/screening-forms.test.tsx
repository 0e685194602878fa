import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import kk from '../../renderer/src/i18n/kk.json';
import { AsqForm } from '../../renderer/src/features/screening/AsqForm';
import { AcuteLineForm } from '../../renderer/src/features/screening/AcuteChecklist';
import { SafetyPlanForm } from '../../renderer/src/features/screening/SafetyPlanForm';
import type { CaseDetail } from '../../shared/cases';
import { asqResult, type AsqAnswers, type Screening } from '../../shared/screening';
import { errorOf, descriptionOf, fail, type FakeHandler, installFakeCore, ok, renderWithApp } from './render';

const pupilId = '5b0f3c7e-2d1a-4e8b-9c6f-1a2b3c4d5e6f';
const caseId = '8f7c1a52-5a0e-4f3b-9f57-8a4f2a3c9d11';
const screeningId = '0c9e6b1d-3f1a-4c4e-8d55-2b7e9a1f0c33';

const kase: CaseDetail = {
  id: caseId,
  number: 7,
  stage: 'intervention',
  risk: 'high',
  leadId: null,
  leadName: null,
  openedAt: '2026-11-20T09:00:00.000Z',
  updatedAt: '2026-11-20T09:00:00.000Z',
  title: 'Кейс',
  formOfHarm: 'self_harm',
  pupilCount: 1,
  openTasks: 0,
  closurePending: false,
  version: 4,
  summary: null,
  pupils: [{ pupilId, lastName: 'Мысалова', firstName: 'Айша', grade: 7, classLetter: 'А', role: 'targeted' }],
  tasks: [],
  notes: [],
  contacts: [],
  concernIds: [],
  closure: null,
  closedAt: null,
};

const byId = <T extends HTMLElement = HTMLInputElement>(id: string) => screen.getByTestId<T>(id);
const type = (id: string, value: string) => fireEvent.change(byId(id), { target: { value } });
const answer = (q: string, label: string) => fireEvent.click(within(byId(`asq-${q}`)).getByRole('radio', { name: label }));
const saveButton = (id: string) => byId<HTMLButtonElement>(id);

function core(handlers: Record<string, FakeHandler>) {
  return installFakeCore({ 'screening.forCase': () => ok({ screenings: [], plans: [] }), ...handlers });
}

describe('the ASQ form (screening.record)', () => {
  it('shows the result the core computes, asks the reason of an incomplete screen and sends the parsed value', async () => {
    const fake = core({ 'screening.record': (input) => ok(input) });
    renderWithApp(<AsqForm c={kase} onDone={() => undefined} />);
    // question 5 is asked only after a "yes" or a refusal to 1–4
    expect(screen.queryByTestId('asq-q5')).toBeNull();
    answer('q1', kk.screening.answer.yes);
    answer('q3', kk.screening.answer.yes);
    await waitFor(() => expect(byId('screening-preview').textContent).toBe(kk.screening.result.positive));
    answer('q5', kk.screening.answer.yes);
    await waitFor(() => expect(byId('screening-preview').textContent).toBe(kk.screening.result.acute));
    // 2 and 4 unanswered: no save without the reason, and an emptied reason is named on its field
    expect(saveButton('screening-save').disabled).toBe(true);
    type('screening-reason', 'x');
    type('screening-reason', '  ');
    await waitFor(() => expect(errorOf(byId('screening-reason'))).toBe(kk.screening.incompleteHint));
    type('screening-reason', '  2 және 4-сұрақтарға жауап бермеді  ');
    await waitFor(() => expect(saveButton('screening-save').disabled).toBe(false));
    expect(errorOf(byId('screening-reason'))).toBeNull();
    fireEvent.click(saveButton('screening-save'));
    await waitFor(() => expect(fake.inputs('screening.record')).toHaveLength(1));
    const sent = fake.inputs('screening.record')[0] as Record<string, unknown>;
    expect(sent).toMatchObject({
      caseId,
      caseVersion: 4,
      pupilId,
      answers: { q1: 'yes', q2: null, q3: 'yes', q4: null, q5: 'yes' },
      notes: '',
      incompleteReason: '2 және 4-сұрақтарға жауап бермеді',
    });
    expect(sent.askedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/u);
  });

  it('a complete negative screen needs no reason and sends none', async () => {
    const fake = core({ 'screening.record': (input) => ok(input) });
    renderWithApp(<AsqForm c={kase} onDone={() => undefined} />);
    for (const q of ['q1', 'q2', 'q3', 'q4']) answer(q, kk.screening.answer.no);
    await waitFor(() => expect(byId('screening-preview').textContent).toBe(kk.screening.result.negative));
    expect(screen.queryByTestId('screening-reason')).toBeNull();
    fireEvent.click(saveButton('screening-save'));
    await waitFor(() => expect(fake.inputs('screening.record')).toHaveLength(1));
    expect(fake.inputs('screening.record')[0]).toMatchObject({ answers: { q1: 'no', q2: 'no', q3: 'no', q4: 'no', q5: null }, incompleteReason: '' });
  });

  it('a time in the future is named on its field as typed; the core’s refusal of a time lands on the field too', async () => {
    const fake = core({ 'screening.record': () => fail('screening.in_future', 'a time in the future is refused', { field: 'askedAt' }) });
    renderWithApp(<AsqForm c={kase} onDone={() => undefined} />);
    type('screening-asked-at', '2099-01-01T10:00');
    await waitFor(() => expect(errorOf(byId('screening-asked-at'))).toBe(kk.errors.screening.in_future));
    type('screening-asked-at', '2026-01-05T10:00');
    await waitFor(() => expect(errorOf(byId('screening-asked-at'))).toBeNull());
    for (const q of ['q1', 'q2', 'q3', 'q4']) answer(q, kk.screening.answer.no);
    await waitFor(() => expect(saveButton('screening-save').disabled).toBe(false));
    fireEvent.click(saveButton('screening-save'));
    await waitFor(() => expect(errorOf(byId('screening-asked-at'))).toBe(kk.errors.screening.in_future));
    expect(fake.inputs('screening.record')).toHaveLength(1);
  });

  it('notes show a counter near their limit and an over-long note on the field', async () => {
    core({});
    renderWithApp(<AsqForm c={kase} onDone={() => undefined} />);
    type('screening-notes', 'а'.repeat(4001));
    await waitFor(() => expect(errorOf(byId('screening-notes'))).toBe(kk.validation.tooLong));
    expect(descriptionOf(byId('screening-notes'))).toBe(kk.common.counter.replace('{{n}}', '4001').replace('{{max}}', '4000'));
  });

  it('the preview is asqResult of the answers, for every way 1–4 can decide it', async () => {
    core({});
    renderWithApp(<AsqForm c={kase} onDone={() => undefined} />);
    const cases: Partial<AsqAnswers>[] = [{ q2: 'declined' }, { q4: 'no' }, { q5: 'no' }];
    const answers: AsqAnswers = { q1: 'no', q2: 'no', q3: 'no', q4: 'no', q5: null };
    for (const q of ['q1', 'q2', 'q3', 'q4'] as const) answer(q, kk.screening.answer.no);
    for (const change of cases) {
      Object.assign(answers, change);
      for (const [q, a] of Object.entries(change)) answer(q, kk.screening.answer[a as 'yes' | 'no' | 'declined']);
      const expected = asqResult(answers);
      await waitFor(() => expect(byId('screening-preview').textContent).toBe(kk.screening.result[expected!]));
    }
  });
});

const acute: Screening = {
  id: screeningId,
  caseId,
  pupilId,
  askedAt: '2026-11-30T09:00',
  askedBy: 'Психолог',
  answers: { q1: 'yes', q2: 'yes', q3: 'yes', q4: 'no', q5: 'yes' },
  notes: null,
  incompleteReason: null,
  result: 'acute',
  assessmentTaskId: null,
  checklist: [{ line: 'parents', state: null, at: null, note: null, answeredBy: null }],
  checklistClosedAt: null,
  version: 2,
};

describe('an acute checklist line (screening.answerLine)', () => {
  it('"not done" needs the reason: save stays off, an emptied reason is named; then the reason is sent', async () => {
    const fake = core({ 'screening.answerLine': () => ok(acute) });
    renderWithApp(<AcuteLineForm s={acute} item={acute.checklist![0]!} onDone={() => undefined} />);
    fireEvent.click(within(byId('acute-state-parents')).getByRole('radio', { name: kk.screening.acute.notDone }));
    await waitFor(() => expect(saveButton('acute-save-parents').disabled).toBe(true));
    type('acute-text-parents', 'x');
    type('acute-text-parents', '');
    await waitFor(() => expect(errorOf(byId('acute-text-parents'))).toBe(kk.validation.required));
    type('acute-text-parents', ' Анасы телефонды алмады ');
    await waitFor(() => expect(saveButton('acute-save-parents').disabled).toBe(false));
    fireEvent.click(saveButton('acute-save-parents'));
    await waitFor(() => expect(fake.inputs('screening.answerLine')).toEqual([{ id: screeningId, version: 2, line: 'parents', state: 'not_done', reason: 'Анасы телефонды алмады' }]));
  });

  it('"done" before the screening is named on the time field; the core’s refusal of the time lands there too', async () => {
    const fake = core({ 'screening.answerLine': () => fail('screening.in_future', 'a time in the future is refused', { field: 'at' }) });
    renderWithApp(<AcuteLineForm s={acute} item={acute.checklist![0]!} onDone={() => undefined} />);
    type('acute-at-parents', '2026-11-30T08:59');
    await waitFor(() => expect(errorOf(byId('acute-at-parents'))).toBe(kk.errors.screening.before_screen));
    type('acute-at-parents', '2026-11-30T09:05');
    await waitFor(() => expect(errorOf(byId('acute-at-parents'))).toBeNull());
    fireEvent.click(saveButton('acute-save-parents'));
    await waitFor(() => expect(errorOf(byId('acute-at-parents'))).toBe(kk.errors.screening.in_future));
    expect(fake.inputs('screening.answerLine')).toEqual([{ id: screeningId, version: 2, line: 'parents', state: 'done', at: '2026-11-30T09:05', note: '' }]);
  });
});

describe('the safety plan form (safetyPlan.save)', () => {
  it('names too many lines and an empty plan on their fields and sends nothing', async () => {
    const fake = core({ 'safetyPlan.save': (input) => ok(input) });
    renderWithApp(<SafetyPlanForm caseId={caseId} pupilId={pupilId} plan={null} onDone={() => undefined} />);
    fireEvent.click(byId('plan-save'));
    await waitFor(() => expect(byId('plan-steps-error').textContent).toBe(kk.screening.plan.empty));
    type('plan-step-coping', 'а\nә\nб\nв\nг\nд');
    await waitFor(() => expect(errorOf(byId('plan-step-coping'))).toBe(kk.screening.plan.linesHint));
    type('plan-step-helpers', 'ж'.repeat(121));
    await waitFor(() => expect(errorOf(byId('plan-step-helpers'))).toBe(kk.screening.plan.lineTooLong.replace('{{max}}', '120')));
    fireEvent.click(byId('plan-save'));
    expect(fake.inputs('safetyPlan.save')).toEqual([]);
  });

  it('sends each step as its trimmed non-empty lines, with the version it read; a refusal naming `steps` is shown', async () => {
    const fake = core({ 'safetyPlan.save': () => fail('validation', 'the plan has no line in any step', { field: 'steps' }) });
    renderWithApp(<SafetyPlanForm caseId={caseId} pupilId={pupilId} plan={null} onDone={() => undefined} />);
    type('plan-step-warningSigns', ' Ешкіммен сөйлескім келмейді \n\n Түнде ұйықтай алмаймын');
    type('plan-step-professionals', 'Мектеп психологы');
    fireEvent.click(byId('plan-save'));
    await waitFor(() => expect(fake.inputs('safetyPlan.save')).toHaveLength(1));
    expect(fake.inputs('safetyPlan.save')[0]).toEqual({
      caseId,
      pupilId,
      baseVersion: 0,
      withPupil: true,
      steps: {
        warningSigns: ['Ешкіммен сөйлескім келмейді', 'Түнде ұйықтай алмаймын'],
        coping: [],
        distractions: [],
        helpers: [],
        professionals: ['Мектеп психологы'],
        environment: [],
      },
    });
    await waitFor(() => expect(byId('plan-steps-error').textContent).toBe(kk.errors.validation));
  });
});
