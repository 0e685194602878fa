import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import kk from '../../renderer/src/i18n/kk.json';
import { EscalateForm } from '../../renderer/src/features/bullying/EscalateForm';
import { EvidenceForm } from '../../renderer/src/features/bullying/EvidenceForm';
import { ScheduleFollowUpForm } from '../../renderer/src/features/bullying/ScheduleFollowUpForm';
import { SkipForm } from '../../renderer/src/features/bullying/SkipForm';
import { StepRecordForm } from '../../renderer/src/features/bullying/StepRecordForm';
import type { BullyingFlow, BullyingStep } from '../../shared/bullying';
import type { CaseDetail } from '../../shared/cases';
import { errorOf, fail, type FakeHandler, installFakeCore, ok, renderWithApp } from './render';

const caseId = '8f7c1a52-5a0e-4f3b-9f57-8a4f2a3c9d11';
const target = '5b0f3c7e-2d1a-4e8b-9c6f-1a2b3c4d5e6f';
const initiator = '6c1a4d8f-3e2b-4f9c-8d7a-2b3c4d5e6f70';
const stepId = '0c9e6b1d-3f1a-4c4e-8d55-2b7e9a1f0c33';

const kase: CaseDetail = {
  id: caseId,
  number: 12,
  stage: 'intervention',
  risk: 'medium',
  leadId: null,
  leadName: null,
  openedAt: '2026-11-24T08:00:00.000Z',
  updatedAt: '2026-11-25T08:00:00.000Z',
  title: 'Буллинг',
  formOfHarm: 'bullying',
  pupilCount: 2,
  openTasks: 3,
  closurePending: false,
  version: 5,
  summary: null,
  pupils: [
    { pupilId: target, lastName: 'Мысалова', firstName: 'Айша', grade: 5, classLetter: 'Ә', role: 'targeted' },
    { pupilId: initiator, lastName: 'Үлгіұлы', firstName: 'Дәулет', grade: 5, classLetter: 'Ә', role: 'initiator' },
  ],
  tasks: [],
  notes: [],
  contacts: [],
  concernIds: [],
  closure: null,
  closedAt: null,
};

const step = (kind: BullyingStep['kind']): BullyingStep => ({
  id: stepId,
  kind,
  pupilId: null,
  side: null,
  position: 1,
  dueOn: '2026-12-05',
  status: 'open',
  overdue: false,
  taskId: null,
  closedAt: null,
  closedBy: null,
  record: null,
  skipReason: null,
});

/** the core's today is 30 November; the first talk was on the 25th */
const flow: BullyingFlow = {
  caseId,
  startedAt: '2026-11-24T08:00:00.000Z',
  startedBy: 'Психолог',
  cyber: true,
  firstTalkOn: '2026-11-25',
  today: '2026-11-30',
  steps: [step('follow_up')],
  escalations: [],
  evidence: [],
};

const byId = (id: string) => screen.getByTestId<HTMLInputElement>(id);
const type = (id: string, value: string) => fireEvent.change(byId(id), { target: { value } });
const save = () => fireEvent.click(byId('bullying-form-save'));
const core = (handlers: Record<string, FakeHandler>) => installFakeCore(handlers);

describe('a step done with its record (bullying.complete)', () => {
  it('names the missing summary and a date after the core’s today on their fields, and sends nothing', async () => {
    const fake = core({ 'bullying.complete': () => ok(flow) });
    renderWithApp(<StepRecordForm c={kase} f={flow} s={step('target_talk')} onClose={() => undefined} />);
    type('date-bullying-at', '01.12.2026');
    await waitFor(() => expect(byId('bullying-error-at').textContent).toBe(kk.errors.bullying.date_in_future));
    save();
    await waitFor(() => expect(errorOf(byId('bullying-summary'))).toBe(kk.validation.required));
    expect(fake.inputs('bullying.complete')).toEqual([]);
  });

  it('sends only the kind’s own fields, trimmed, with the case version it read', async () => {
    const fake = core({ 'bullying.complete': () => ok(flow) });
    renderWithApp(<StepRecordForm c={kase} f={flow} s={step('initiator_talk')} onClose={() => undefined} />);
    type('bullying-commitment', '  Енді итермеймін.  ');
    type('date-bullying-at', '29.11.2026');
    save();
    await waitFor(() => expect(fake.inputs('bullying.complete')).toHaveLength(1));
    expect(fake.inputs('bullying.complete')[0]).toEqual({
      stepId,
      version: 5,
      record: { kind: 'initiator_talk', at: '2026-11-29', summary: '', commitment: 'Енді итермеймін.' },
    });
  });

  it('a follow-up: before the first talk, no outcome and a next date in the past are each named on their field', async () => {
    const fake = core({ 'bullying.complete': () => ok(flow) });
    renderWithApp(<StepRecordForm c={kase} f={flow} s={step('follow_up')} onClose={() => undefined} />);
    type('date-bullying-at', '24.11.2026');
    type('bullying-notes', 'Тыныш');
    type('date-bullying-next', '29.11.2026');
    save();
    await waitFor(() => expect(byId('bullying-error-at').textContent).toBe(kk.errors.bullying.before_first_talk));
    expect(byId('bullying-error-outcome').textContent).toBe(kk.validation.required);
    expect(byId('bullying-error-nextOn').textContent).toBe(kk.errors.bullying.date_in_past);
    expect(fake.inputs('bullying.complete')).toEqual([]);
  });

  it('a refusal of the core that names the next date lands on that field', async () => {
    const fake = core({ 'bullying.complete': () => fail('bullying.before_first_talk', 'a follow-up cannot be before the first talk', { field: 'nextOn' }) });
    renderWithApp(<StepRecordForm c={kase} f={flow} s={step('monitoring')} onClose={() => undefined} />);
    type('bullying-notes', ' Бәрі жақсы ');
    type('date-bullying-next', '30.12.2026');
    save();
    await waitFor(() => expect(byId('bullying-error-nextOn').textContent).toBe(kk.errors.bullying.before_first_talk));
    expect(fake.inputs('bullying.complete')).toEqual([{ stepId, version: 5, record: { kind: 'monitoring', at: '2026-11-30', notes: 'Бәрі жақсы', nextOn: '2026-12-30' } }]);
  });
});

describe('the follow-up date (bullying.scheduleFollowUp)', () => {
  it('a date before the core’s today is refused on the field as the core would; a good one is sent', async () => {
    const fake = core({ 'bullying.scheduleFollowUp': () => ok(flow) });
    renderWithApp(<ScheduleFollowUpForm c={kase} f={flow} onDone={() => undefined} />);
    // the open follow-up's date to start with
    expect(byId('date-bullying-follow-up').value).toBe('05.12.2026');
    type('date-bullying-follow-up', '20.11.2026');
    fireEvent.click(byId('bullying-schedule'));
    await waitFor(() => expect(byId('bullying-error-on').textContent).toBe(kk.errors.bullying.date_in_past));
    expect(fake.inputs('bullying.scheduleFollowUp')).toEqual([]);
    type('date-bullying-follow-up', '07.12.2026');
    fireEvent.click(byId('bullying-schedule'));
    await waitFor(() => expect(fake.inputs('bullying.scheduleFollowUp')).toEqual([{ caseId, version: 5, on: '2026-12-07' }]));
  });

  it('the core’s refusal lands on the date', async () => {
    core({ 'bullying.scheduleFollowUp': () => fail('bullying.date_in_past', 'a follow-up cannot be scheduled in the past', { field: 'on' }) });
    renderWithApp(<ScheduleFollowUpForm c={kase} f={flow} onDone={() => undefined} />);
    fireEvent.click(byId('bullying-schedule'));
    await waitFor(() => expect(byId('bullying-error-on').textContent).toBe(kk.errors.bullying.date_in_past));
  });
});

describe('skip, escalation and evidence', () => {
  it('a skip needs its reason and sends it trimmed; an over-long one is named with its counter', async () => {
    const fake = core({ 'bullying.skip': () => ok(flow) });
    renderWithApp(<SkipForm c={kase} s={step('parents')} onClose={() => undefined} />);
    save();
    await waitFor(() => expect(errorOf(byId('bullying-skip-reason-input'))).toBe(kk.validation.required));
    type('bullying-skip-reason-input', 'а'.repeat(1001));
    await waitFor(() => expect(errorOf(byId('bullying-skip-reason-input'))).toBe(kk.validation.tooLong));
    type('bullying-skip-reason-input', ' Әкесі іссапарда ');
    save();
    await waitFor(() => expect(fake.inputs('bullying.skip')).toEqual([{ stepId, version: 5, reason: 'Әкесі іссапарда' }]));
  });

  it('an escalation proposes the initiators by default and sends the reason trimmed', async () => {
    const fake = core({ 'bullying.escalate': () => ok(flow) });
    renderWithApp(<EscalateForm c={kase} onClose={() => undefined} />);
    save();
    await waitFor(() => expect(errorOf(byId('bullying-escalate-reason'))).toBe(kk.validation.required));
    type('bullying-escalate-reason', ' Жалғасты ');
    save();
    await waitFor(() => expect(fake.inputs('bullying.escalate')).toEqual([{ caseId, version: 5, reason: 'Жалғасты', pupilIds: [initiator] }]));
  });

  it('evidence: account names and links one a line; an over-long account name is named on its field; a refusal on the platform lands there', async () => {
    const fake = core({ 'bullying.addEvidence': () => fail('validation', 'bad', { path: 'platform' }) });
    renderWithApp(<EvidenceForm c={kase} onClose={() => undefined} />);
    type('evidence-accounts', `@ok\n${'x'.repeat(201)}`);
    await waitFor(() => expect(errorOf(byId('evidence-accounts'))).toBe(kk.validation.tooLong));
    type('evidence-platform', ' Instagram ');
    type('evidence-accounts', ' @aisha_fake \n\n @anon123 ');
    type('evidence-links', 'https://example.org/p/1');
    save();
    await waitFor(() => expect(fake.inputs('bullying.addEvidence')).toHaveLength(1));
    expect(fake.inputs('bullying.addEvidence')[0]).toEqual({
      caseId,
      version: 5,
      platform: 'Instagram',
      accounts: ['@aisha_fake', '@anon123'],
      links: ['https://example.org/p/1'],
      description: '',
      observedOn: null,
    });
    await waitFor(() => expect(errorOf(byId('evidence-platform'))).toBe(kk.errors.validation));
    expect(within(document.body).queryByTestId('bullying-error-observedOn')).toBeNull();
  });
});
