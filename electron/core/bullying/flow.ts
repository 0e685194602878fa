/**
 * The bullying flow's rules and queries (access is declared in handlers.ts, never checked here).
 *
 * - Every write names the case `version` the screen read and bumps it (one lock for the case and its flow, as every
 *   case write): a write against another version is refused with `cases.stale` and changes nothing.
 * - A step is carried by a case task (owner: the case's lead worker), so it reaches the work lists; the step is
 *   closed — done with its record, or skipped with a reason — and its task marked done in the same transaction.
 * - Every record about a child writes a `bullying_*` chronology entry for the pupil it is about (a talk, a
 *   commitment, the parents informed) or for the targeted pupils and initiators (follow-ups, escalation); the
 *   summaries name no other child.
 * - Dates: what happened cannot be in the future; a follow-up cannot be scheduled in the past nor before the first
 *   talk (`details.field` names the field, for the form).
 */
import crypto from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import {
  DEFAULT_BULLYING_SETTINGS,
  bullyingSettingsSchema,
  followUpDateRefusal,
  followUpFloor,
  stepDateRefusal,
  type BullyingDateRefusal,
  type BullyingEscalation,
  type BullyingEvidence,
  type BullyingFlow,
  type BullyingSettings,
  type BullyingStep,
  type BullyingStepKind,
  type StepRecord,
  type bullyingMethods,
} from '../../../shared/bullying';
import { isoDate } from '../../../shared/calendar';
import type { ChronologyKind } from '../../../shared/chronology';
import type { ParsedInputOf } from '../../../shared/contract';
import { caseProtected, casePupilProtected } from '../cases/protected';
import { bumpOpenCase } from '../cases/queries';
import { clip, type ChronologyMessage } from '../chronology/messages';
import { recordChronology } from '../chronology/record';
import type { KeySource } from '../core';
import type { BullyingStepsTable, CasesTable } from '../db/schema';
import type { Actor, Db } from '../db/types';
import { AppError } from '../errors';
import { escalationProtected, evidenceFileProtected, evidenceProtected, stepProtected } from './protected';

type In<M extends keyof typeof bullyingMethods> = ParsedInputOf<(typeof bullyingMethods)[M]>;

/** The agenda source type of an escalation's proposals (council/agenda.ts); the source id is `<escalation>:<pupil>`. */
export const ESCALATION_SOURCE = 'bullying_escalation';

// ---------------------------------------------------------------------------------------------------- words

/** Task titles (plain: an instruction to the task's owner) name no pupil. */
const TASK_KK: Record<BullyingStepKind, string> = {
  target_talk: 'зардап шеккен оқушымен әңгіме (сол күні)',
  initiator_talk: 'бастамашы оқушымен жеке әңгіме, жазбаша міндеттеме',
  parents: 'ата-ананы хабардар ету',
  platform_report: 'платформаға хабарлау',
  follow_up: 'қайталама әңгіме, нәтижесін жазу',
  monitoring: 'бақылау',
};
// ---------------------------------------------------------------------------------------------------- helpers

export function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function whenIso(when: string): string {
  return when.length === 10 ? when : `${when}:00`;
}

/** The case's optimistic lock (as every case write): bumps the version read, refuses a stale or a closed case. */
export const bump = bumpOpenCase;

async function flowRow(db: Db, caseId: string) {
  const f = await db.selectFrom('bullying_flows').selectAll().where('case_id', '=', caseId).executeTakeFirst();
  if (!f) throw new AppError('bullying.not_started', 'the bullying flow of this case was not started');
  return f;
}

/** The case's pupils by role (roles are protected: a session without the key cannot lay out the flow). */
async function pupilsByRole(db: Db, keys: KeySource, caseId: string): Promise<{ targeted: string[]; initiators: string[]; all: string[] }> {
  const rows = await db
    .selectFrom('case_pupils')
    .innerJoin('pupils', 'pupils.id', 'case_pupils.pupil_id')
    .select(['case_pupils.id', 'case_pupils.pupil_id', 'case_pupils.role_enc'])
    .where('case_id', '=', caseId)
    .orderBy('pupils.last_name')
    .orderBy('pupils.first_name')
    .execute();
  const out = { targeted: [] as string[], initiators: [] as string[], all: rows.map((r) => r.pupil_id) };
  for (const r of rows) {
    const role = casePupilProtected.read(keys, r.id, r).role_enc;
    if (role === null) throw new AppError('keys.not_holder', 'the pupils’ roles need the protection compartment');
    if (role === 'targeted') out.targeted.push(r.pupil_id);
    if (role === 'initiator') out.initiators.push(r.pupil_id);
  }
  return out;
}

async function chronicle(db: Db, a: Actor, pupilIds: readonly string[], kind: ChronologyKind, source: { table: string; id: string }, summary: ChronologyMessage, occurredAt?: string): Promise<void> {
  for (const pupilId of new Set(pupilIds)) {
    await recordChronology(db, a.keys, { accountId: a.accountId, now: a.now }, { pupilId, kind, source, ...(occurredAt ? { occurredAt } : {}), summary });
  }
}

export async function loadSettings(db: Db): Promise<BullyingSettings> {
  const r = await db.selectFrom('bullying_settings').select('steps').where('id', '=', 1).executeTakeFirst();
  if (!r) return DEFAULT_BULLYING_SETTINGS;
  try {
    const parsed = bullyingSettingsSchema.safeParse(JSON.parse(r.steps));
    return parsed.success ? parsed.data : DEFAULT_BULLYING_SETTINGS;
  } catch {
    return DEFAULT_BULLYING_SETTINGS;
  }
}

export async function saveSettings(db: Db, s: BullyingSettings): Promise<BullyingSettings> {
  await db.updateTable('bullying_settings').set({ steps: JSON.stringify(s) }).where('id', '=', 1).execute();
  return loadSettings(db);
}

interface NewStep {
  kind: BullyingStepKind;
  dueOn: string;
  pupil: { pupilId: string; side: 'targeted' | 'initiator' } | null;
  /** "(2/3)" in the task title when there are several of the kind */
  of?: [number, number];
}

async function nextPosition(db: Db, caseId: string): Promise<number> {
  const r = await db.selectFrom('bullying_steps').select((eb) => eb.fn.max<number>('position').as('p')).where('case_id', '=', caseId).executeTakeFirst();
  return Number(r?.p ?? 0) + 1;
}

/** Inserts steps and the case tasks that carry them (owner: the case's lead worker, else the one who lays them out). */
async function insertSteps(db: Db, a: Actor, c: Selectable<CasesTable>, steps: NewStep[]): Promise<void> {
  let position = await nextPosition(db, c.id);
  const now = a.now.toISOString();
  for (const s of steps) {
    const taskId = crypto.randomUUID();
    const of = s.of && s.of[1] > 1 ? ` (${s.of[0]}/${s.of[1]})` : '';
    await db
      .insertInto('case_tasks')
      .values({
        id: taskId,
        case_id: c.id,
        title: `№${c.number}: ${TASK_KK[s.kind]}${of}`,
        due_on: s.dueOn,
        owner_id: c.lead_id ?? a.accountId,
        created_at: now,
        created_by: a.accountId,
        done_at: null,
        done_by: null,
        version: 1,
      })
      .execute();
    const id = crypto.randomUUID();
    await db
      .insertInto('bullying_steps')
      .values({
        id,
        case_id: c.id,
        kind: s.kind,
        position: position++,
        task_id: taskId,
        due_on: s.dueOn,
        status: 'open',
        created_at: now,
        closed_at: null,
        closed_by: null,
        pupil_enc: s.pupil ? stepProtected.write(a.keys, id, { pupil_enc: s.pupil }).pupil_enc : null,
        record_enc: null,
        skip_enc: null,
      })
      .execute();
  }
}

async function closeTask(db: Db, a: Actor, taskId: string | null): Promise<void> {
  if (!taskId) return;
  await db
    .updateTable('case_tasks')
    .set({ version: sql<number>`version + 1`, done_at: a.now.toISOString(), done_by: a.accountId })
    .where('id', '=', taskId)
    .where('done_at', 'is', null)
    .execute();
}

async function redate(db: Db, step: Pick<Selectable<BullyingStepsTable>, 'id' | 'task_id'>, on: string): Promise<void> {
  await db.updateTable('bullying_steps').set({ due_on: on }).where('id', '=', step.id).execute();
  if (step.task_id) await db.updateTable('case_tasks').set({ due_on: on, version: sql<number>`version + 1` }).where('id', '=', step.task_id).execute();
}

const DATE_REFUSALS: Record<BullyingDateRefusal, string> = {
  'bullying.date_in_future': 'a step cannot have been done in the future',
  'bullying.date_in_past': 'a follow-up cannot be scheduled in the past',
  'bullying.before_first_talk': 'a follow-up cannot be before the first talk',
};

function refuseDate(refusal: BullyingDateRefusal | null, field: string): void {
  if (refusal) throw new AppError(refusal, DATE_REFUSALS[refusal], { field });
}

// ---------------------------------------------------------------------------------------------------- start

export async function startFlow(db: Db, a: Actor, input: In<'bullying.start'>): Promise<BullyingFlow> {
  const c = await bump(db, input.caseId, input.version, a.now);
  const details = caseProtected.read(a.keys, c.id, c).details_enc;
  if (!details) throw new AppError('keys.not_holder', 'the case details need the protection compartment');
  if (details.formOfHarm !== 'bullying' && details.formOfHarm !== 'cyberbullying') {
    throw new AppError('bullying.not_bullying', 'the case is not about bullying or cyberbullying');
  }
  if (await db.selectFrom('bullying_flows').select('case_id').where('case_id', '=', c.id).executeTakeFirst()) {
    throw new AppError('bullying.already_started', 'the flow of this case was started already');
  }
  const { targeted, initiators } = await pupilsByRole(db, a.keys, c.id);
  if (targeted.length === 0) throw new AppError('bullying.no_targeted', 'the case names no targeted pupil');
  const s = await loadSettings(db);
  const cyber = details.formOfHarm === 'cyberbullying';
  const today = isoDate(a.now);
  await db
    .insertInto('bullying_flows')
    .values({ case_id: c.id, started_at: a.now.toISOString(), started_by: a.accountId, cyber: cyber ? 1 : 0, first_talk_on: null, settings: JSON.stringify(s) })
    .execute();
  const steps: NewStep[] = targeted.map((p, i) => ({ kind: 'target_talk', dueOn: addDays(today, s.target_talk.offsetDays), pupil: { pupilId: p, side: 'targeted' }, of: [i + 1, targeted.length] }));
  if (s.initiator_talk.enabled) {
    initiators.forEach((p, i) => steps.push({ kind: 'initiator_talk', dueOn: addDays(today, s.initiator_talk.offsetDays), pupil: { pupilId: p, side: 'initiator' }, of: [i + 1, initiators.length] }));
  }
  if (s.parents.enabled) {
    const sides = [...targeted.map((p) => ({ pupilId: p, side: 'targeted' as const })), ...initiators.map((p) => ({ pupilId: p, side: 'initiator' as const }))];
    sides.forEach((pupil, i) => steps.push({ kind: 'parents', dueOn: addDays(today, s.parents.offsetDays), pupil, of: [i + 1, sides.length] }));
  }
  if (cyber && s.platform_report.enabled) steps.push({ kind: 'platform_report', dueOn: addDays(today, s.platform_report.offsetDays), pupil: null });
  // the first follow-up, dated from the planned first talk; it moves to the real talk's date once that is recorded
  if (s.follow_up.enabled) steps.push({ kind: 'follow_up', dueOn: addDays(today, s.target_talk.offsetDays + s.follow_up.offsetDays), pupil: null });
  await insertSteps(db, a, c, steps);
  await chronicle(db, a, [...targeted, ...initiators], 'bullying_step', { table: 'bullying_flows', id: c.id }, { key: 'bullying_started', case: c.number, cyber: details.formOfHarm === 'cyberbullying', steps: steps.length });
  return (await getFlow(db, a.keys, c.id, a.now)) as BullyingFlow;
}

// ---------------------------------------------------------------------------------------------------- steps

async function stepFor(db: Db, stepId: string) {
  const s = await db.selectFrom('bullying_steps').selectAll().where('id', '=', stepId).executeTakeFirst();
  if (!s) throw new AppError('not_found', 'no such step');
  return s;
}

async function openEscalationExists(db: Db, caseId: string): Promise<boolean> {
  const rows = await db.selectFrom('bullying_escalations').select('id').where('case_id', '=', caseId).execute();
  for (const r of rows) {
    const taken = await db
      .selectFrom('council_agenda_items')
      .select('id')
      .where('source_type', '=', ESCALATION_SOURCE)
      .where('source_id', 'like', `${r.id}:%`)
      .executeTakeFirst();
    if (!taken) return true;
  }
  return false;
}

async function insertEscalation(db: Db, a: Actor, c: Selectable<CasesTable>, cause: 'outcome' | 'worker', stepId: string | null, reason: string, pupilIds: string[]): Promise<void> {
  const id = crypto.randomUUID();
  await db
    .insertInto('bullying_escalations')
    .values({
      id,
      case_id: c.id,
      escalated_at: a.now.toISOString(),
      escalated_by: a.accountId,
      cause,
      step_id: stepId,
      ...escalationProtected.write(a.keys, id, { details_enc: { reason, pupilIds } }),
    })
    .execute();
  await chronicle(db, a, pupilIds, 'bullying_escalated', { table: 'bullying_escalations', id }, { key: 'bullying_escalated', case: c.number });
}

export async function completeStep(db: Db, a: Actor, input: In<'bullying.complete'>): Promise<BullyingFlow> {
  const step = await stepFor(db, input.stepId);
  const c = await bump(db, step.case_id, input.version, a.now);
  const flow = await flowRow(db, c.id);
  if (step.status !== 'open') throw new AppError('bullying.step_closed', 'the step is done or skipped already');
  const r: StepRecord = input.record;
  if (r.kind !== step.kind) throw new AppError('validation', 'the record is not of the step’s kind', { field: 'kind' });
  const today = isoDate(a.now);
  const at = r.at.slice(0, 10);
  const firstTalkOn = followUpFloor({ firstTalkOn: flow.first_talk_on, startedAt: flow.started_at });
  refuseDate(stepDateRefusal(r.kind, r.at, today, firstTalkOn), 'at');
  if ((r.kind === 'follow_up' || r.kind === 'monitoring') && r.nextOn !== null) refuseDate(followUpDateRefusal(r.nextOn, today, firstTalkOn), 'nextOn');
  const pupil = step.pupil_enc ? stepProtected.read(a.keys, step.id, step).pupil_enc : null;
  if (step.pupil_enc && !pupil) throw new AppError('keys.not_holder', 'the step needs the protection compartment');
  await db
    .updateTable('bullying_steps')
    .set({ status: 'done', closed_at: a.now.toISOString(), closed_by: a.accountId, ...stepProtected.write(a.keys, step.id, { record_enc: r }) })
    .where('id', '=', step.id)
    .execute();
  await closeTask(db, a, step.task_id);
  const s = await loadSettings(db);
  const { targeted, initiators } = await pupilsByRole(db, a.keys, c.id);
  const source = { table: 'bullying_steps', id: step.id };
  const when = whenIso(r.at);
  switch (r.kind) {
    case 'target_talk': {
      if (flow.first_talk_on === null || at < flow.first_talk_on) {
        await db.updateTable('bullying_flows').set({ first_talk_on: at }).where('case_id', '=', c.id).execute();
        if (flow.first_talk_on === null && s.follow_up.enabled) {
          // the first follow-up is dated from the real first talk (never into the past)
          const first = await db
            .selectFrom('bullying_steps')
            .select(['id', 'task_id'])
            .where('case_id', '=', c.id)
            .where('kind', '=', 'follow_up')
            .where('status', '=', 'open')
            .orderBy('position')
            .executeTakeFirst();
          const due = addDays(at, s.follow_up.offsetDays);
          if (first) await redate(db, first, due < today ? today : due);
        }
      }
      await chronicle(db, a, pupil ? [pupil.pupilId] : targeted, 'bullying_step', source, { key: 'bullying_talk', case: c.number, text: clip(r.summary, 1500) }, when);
      break;
    }
    case 'initiator_talk':
      await chronicle(db, a, pupil ? [pupil.pupilId] : [], 'bullying_step', source, { key: 'bullying_commitment', case: c.number, text: clip(r.commitment, 1500) }, when);
      break;
    case 'parents':
      await chronicle(db, a, pupil ? [pupil.pupilId] : [], 'bullying_step', source, { key: 'bullying_parents', case: c.number, who: r.who, method: r.method, text: clip(r.told, 1500) }, when);
      break;
    case 'platform_report':
      await chronicle(db, a, targeted, 'bullying_step', source, { key: 'bullying_platform', case: c.number, platform: r.platform }, when);
      break;
    case 'follow_up': {
      await chronicle(db, a, [...targeted, ...initiators], 'bullying_step', source, { key: 'bullying_follow_up', case: c.number, outcome: r.outcome }, when);
      if (r.outcome === 'continued' && !(await openEscalationExists(db, c.id))) {
        await insertEscalation(db, a, c, 'outcome', step.id, r.notes, initiators.length ? initiators : targeted);
      }
      if (r.outcome === 'stopped') {
        if (s.monitoring.enabled || r.nextOn !== null) {
          await insertSteps(db, a, c, [{ kind: 'monitoring', dueOn: r.nextOn ?? maxDate(addDays(at, s.monitoring.offsetDays), today), pupil: null }]);
        }
      } else if (s.follow_up.enabled || r.nextOn !== null) {
        await insertSteps(db, a, c, [{ kind: 'follow_up', dueOn: r.nextOn ?? maxDate(addDays(at, s.follow_up.offsetDays), today), pupil: null }]);
      }
      break;
    }
    case 'monitoring':
      await chronicle(db, a, targeted, 'bullying_step', source, { key: 'bullying_monitoring', case: c.number }, when);
      // monitoring goes on until the case is closed (the tasks of a closed case leave the work lists)
      if (s.monitoring.enabled || r.nextOn !== null) {
        await insertSteps(db, a, c, [{ kind: 'monitoring', dueOn: r.nextOn ?? maxDate(addDays(at, s.monitoring.offsetDays), today), pupil: null }]);
      }
      break;
  }
  return (await getFlow(db, a.keys, c.id, a.now)) as BullyingFlow;
}

function maxDate(x: string, y: string): string {
  return x > y ? x : y;
}

export async function skipStep(db: Db, a: Actor, input: In<'bullying.skip'>): Promise<BullyingFlow> {
  const step = await stepFor(db, input.stepId);
  const c = await bump(db, step.case_id, input.version, a.now);
  await flowRow(db, c.id);
  if (step.status !== 'open') throw new AppError('bullying.step_closed', 'the step is done or skipped already');
  const pupil = step.pupil_enc ? stepProtected.read(a.keys, step.id, step).pupil_enc : null;
  await db
    .updateTable('bullying_steps')
    .set({ status: 'skipped', closed_at: a.now.toISOString(), closed_by: a.accountId, ...stepProtected.write(a.keys, step.id, { skip_enc: input.reason }) })
    .where('id', '=', step.id)
    .execute();
  await closeTask(db, a, step.task_id);
  const { targeted } = await pupilsByRole(db, a.keys, c.id);
  await chronicle(db, a, pupil ? [pupil.pupilId] : targeted, 'bullying_step', { table: 'bullying_steps', id: step.id }, { key: 'bullying_skipped', case: c.number, step: step.kind, text: clip(input.reason, 1500) });
  return (await getFlow(db, a.keys, c.id, a.now)) as BullyingFlow;
}

/** Schedules the next follow-up talk, or moves the open one. */
export async function scheduleFollowUp(db: Db, a: Actor, input: In<'bullying.scheduleFollowUp'>): Promise<BullyingFlow> {
  const c = await bump(db, input.caseId, input.version, a.now);
  const flow = await flowRow(db, c.id);
  refuseDate(followUpDateRefusal(input.on, isoDate(a.now), followUpFloor({ firstTalkOn: flow.first_talk_on, startedAt: flow.started_at })), 'on');
  const open = await db
    .selectFrom('bullying_steps')
    .select(['id', 'task_id'])
    .where('case_id', '=', c.id)
    .where('kind', '=', 'follow_up')
    .where('status', '=', 'open')
    .orderBy('position')
    .executeTakeFirst();
  if (open) await redate(db, open, input.on);
  else await insertSteps(db, a, c, [{ kind: 'follow_up', dueOn: input.on, pupil: null }]);
  return (await getFlow(db, a.keys, c.id, a.now)) as BullyingFlow;
}

export async function escalate(db: Db, a: Actor, input: In<'bullying.escalate'>): Promise<BullyingFlow> {
  const c = await bump(db, input.caseId, input.version, a.now);
  await flowRow(db, c.id);
  const { all } = await pupilsByRole(db, a.keys, c.id);
  const ids = [...new Set(input.pupilIds)];
  if (!ids.every((p) => all.includes(p))) throw new AppError('not_found', 'a pupil is not in this case', { field: 'pupilIds' });
  await insertEscalation(db, a, c, 'worker', null, input.reason, ids);
  return (await getFlow(db, a.keys, c.id, a.now)) as BullyingFlow;
}

// ---------------------------------------------------------------------------------------------------- read

async function names(db: Db, ids: (string | null)[]): Promise<Map<string, string>> {
  const list = [...new Set(ids.filter((x): x is string => x !== null))];
  if (list.length === 0) return new Map();
  const rows = await db.selectFrom('accounts').select(['id', 'display_name']).where('id', 'in', list).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

export async function getFlow(db: Db, keys: KeySource, caseId: string, now: Date): Promise<BullyingFlow | null> {
  const f = await db.selectFrom('bullying_flows').selectAll().where('case_id', '=', caseId).executeTakeFirst();
  if (!f) {
    if (!(await db.selectFrom('cases').select('id').where('id', '=', caseId).executeTakeFirst())) throw new AppError('not_found', 'no such case');
    return null;
  }
  const today = isoDate(now);
  const steps = await db.selectFrom('bullying_steps').selectAll().where('case_id', '=', caseId).orderBy('position').execute();
  const escalations = await db.selectFrom('bullying_escalations').selectAll().where('case_id', '=', caseId).orderBy('escalated_at').execute();
  const taken = escalations.length
    ? await db
        .selectFrom('council_agenda_items as i')
        .innerJoin('council_meetings as m', 'm.id', 'i.meeting_id')
        .select(['i.source_id', 'm.id as meeting_id', 'm.number', 'm.date'])
        .where('i.source_type', '=', ESCALATION_SOURCE)
        .where((eb) => eb.or(escalations.map((e) => eb('i.source_id', 'like', `${e.id}:%`))))
        .orderBy('m.date')
        .execute()
    : [];
  const evidence = await db.selectFrom('bullying_evidence').selectAll().where('case_id', '=', caseId).orderBy('added_at').execute();
  const files = evidence.length
    ? await db
        .selectFrom('bullying_evidence_files')
        .select(['id', 'evidence_id', 'added_at', 'size_bytes', 'meta_enc'])
        .where('evidence_id', 'in', evidence.map((e) => e.id))
        .orderBy('added_at')
        .execute()
    : [];
  const who = await names(db, [f.started_by, ...steps.map((s) => s.closed_by), ...escalations.map((e) => e.escalated_by), ...evidence.map((e) => e.added_by)]);
  const name = (x: string | null) => (x ? (who.get(x) ?? null) : null);
  return {
    caseId,
    startedAt: f.started_at,
    startedBy: name(f.started_by),
    cyber: f.cyber === 1,
    firstTalkOn: f.first_talk_on,
    today,
    steps: steps.map((s): BullyingStep => {
      const p = stepProtected.read(keys, s.id, s);
      return {
        id: s.id,
        kind: s.kind,
        pupilId: p.pupil_enc?.pupilId ?? null,
        side: p.pupil_enc?.side ?? null,
        position: s.position,
        dueOn: s.due_on,
        status: s.status,
        overdue: s.status === 'open' && s.due_on !== null && s.due_on < today,
        taskId: s.task_id,
        closedAt: s.closed_at,
        closedBy: name(s.closed_by),
        record: p.record_enc,
        skipReason: p.skip_enc,
      };
    }),
    escalations: escalations.map((e): BullyingEscalation => {
      const d = escalationProtected.read(keys, e.id, e).details_enc;
      const meetings = new Map<string, { meetingId: string; number: number; date: string }>();
      for (const t of taken) if (t.source_id?.startsWith(`${e.id}:`)) meetings.set(t.meeting_id, { meetingId: t.meeting_id, number: t.number, date: t.date });
      return {
        id: e.id,
        escalatedAt: e.escalated_at,
        escalatedBy: name(e.escalated_by),
        cause: e.cause,
        reason: d?.reason ?? null,
        pupilIds: d?.pupilIds ?? null,
        meetings: [...meetings.values()],
      };
    }),
    evidence: evidence.map((e): BullyingEvidence => {
      const d = evidenceProtected.read(keys, e.id, e).details_enc;
      return {
        id: e.id,
        addedAt: e.added_at,
        addedBy: name(e.added_by),
        platform: d?.platform ?? null,
        accounts: d?.accounts ?? null,
        links: d?.links ?? null,
        description: d?.description ?? null,
        observedOn: d?.observedOn ?? null,
        files: files
          .filter((x) => x.evidence_id === e.id)
          .map((x) => {
            const m = evidenceFileProtected.read(keys, x.id, { meta_enc: x.meta_enc, data_enc: null }).meta_enc;
            return { id: x.id, addedAt: x.added_at, sizeBytes: x.size_bytes, fileName: m?.fileName ?? null, mime: m?.mime ?? null, sha256: m?.sha256 ?? null };
          }),
      };
    }),
  };
}
