/**
 * ASQ screenings and safety plans: the rules (access is declared in handlers.ts, never checked here).
 *
 * - A screening is recorded whole, in one call: the answers, notes and — when any answer is missing — the reason.
 *   Its result follows the NIMH rules (`asqResult`, shared/screening.ts). A screen with a missing answer and no
 *   reason is refused (`screening.incomplete`); nothing is saved.
 * - Positive, not acute: a case task "full psychological assessment" due the day after the screen (within 24 h),
 *   owned by the screener. Its title is neutral (task titles are plain); the link is sealed in the screening.
 * - Acute: the case's risk becomes `acute` and the checklist opens (ACUTE_LINES); each line is answered done (with
 *   the time) or not done (with a reason); the checklist closes only when every line is answered.
 * - A safety plan is saved as a new version each time (`baseVersion` = the version the editor read; another one is
 *   `safety_plan.stale`).
 * - Every write notes the pupil's chronology with a summary sealed in `confidential`.
 */
import crypto from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import { riskRank } from '../../../shared/cases';
import type { ParsedInputOf } from '../../../shared/contract';
import {
  ACUTE_LINES,
  asqMissing,
  asqNeedsReason,
  asqResult,
  isBeforeScreening,
  isLocalTimeInFuture,
  safetyPlanIsEmpty,
  type ChecklistItem,
  type SafetyPlan,
  type Screening,
  type ScreeningOverview,
  type screeningMethods,
} from '../../../shared/screening';
import { bumpOpenCase } from '../cases/queries';
import type { ChronologyMessage } from '../chronology/messages';
import { recordChronology } from '../chronology/record';
import type { KeySource } from '../core';
import type { SafetyPlansTable, ScreeningsTable } from '../db/schema';
import type { Actor, Db } from '../db/types';
import { AppError } from '../errors';
import {
  safetyPlanProtected,
  screeningProtected,
  type ChecklistRecord,
  type SafetyPlanRecord,
  type ScreeningRecord,
} from './protected';

type In<M extends keyof typeof screeningMethods> = ParsedInputOf<(typeof screeningMethods)[M]>;

/** The plain title of the full-assessment task (plain, seen in work lists: it says nothing of the screen). */
export const ASSESSMENT_TASK_TITLE = 'Толық психологиялық бағалау / Полная психологическая оценка';

function refuseFuture(local: string, now: Date, field: string): void {
  if (isLocalTimeInFuture(local, now)) {
    throw new AppError('screening.in_future', 'a time in the future is refused', { field });
  }
}

function nextDay(localDateTime: string): string {
  const d = new Date(`${localDateTime.slice(0, 10)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function requireConfidential(keys: KeySource): void {
  if (keys.compartmentKey('confidential') === null) throw new AppError('keys.not_holder', 'screenings need the confidential compartment');
}

async function names(db: Db, ids: (string | null)[]): Promise<Map<string, string>> {
  const list = [...new Set(ids.filter((x): x is string => x !== null))];
  if (list.length === 0) return new Map();
  const rows = await db.selectFrom('accounts').select(['id', 'display_name']).where('id', 'in', list).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/** The case's optimistic lock (as cases/queries.ts): refuses a stale version or a closed case. */
async function bumpCase(db: Db, caseId: string, version: number, now: Date): Promise<{ number: number }> {
  return { number: (await bumpOpenCase(db, caseId, version, now)).number };
}

async function caseOpen(db: Db, caseId: string): Promise<{ number: number }> {
  const row = await db.selectFrom('cases').select(['number', 'stage']).where('id', '=', caseId).executeTakeFirst();
  if (!row) throw new AppError('not_found', 'no such case');
  if (row.stage === 'closed') throw new AppError('cases.closed', 'the case is closed: reopen it first');
  return { number: row.number };
}

async function ensureInCase(db: Db, caseId: string, pupilId: string): Promise<void> {
  const r = await db.selectFrom('case_pupils').select('id').where('case_id', '=', caseId).where('pupil_id', '=', pupilId).executeTakeFirst();
  if (!r) throw new AppError('screening.not_in_case', 'the pupil is not in this case');
}

async function chronicle(db: Db, a: Actor, pupilId: string, kind: 'screening' | 'safety_plan', table: string, id: string, summary: ChronologyMessage, occurredAt?: string) {
  await recordChronology(db, a.keys, { accountId: a.accountId, now: a.now }, {
    pupilId,
    kind,
    source: { table, id },
    ...(occurredAt ? { occurredAt } : {}),
    summary,
    confidential: true,
  });
}

// ---------------------------------------------------------------------------------------------------- screenings

interface OpenedScreening {
  row: Selectable<ScreeningsTable>;
  record: ScreeningRecord;
  checklist: ChecklistRecord | null;
}

function openScreening(keys: KeySource, row: Selectable<ScreeningsTable>): OpenedScreening | null {
  const p = screeningProtected.read(keys, row.id, row);
  return p.record_enc ? { row, record: p.record_enc, checklist: p.checklist_enc } : null;
}

async function loadScreening(db: Db, keys: KeySource, id: string): Promise<OpenedScreening> {
  requireConfidential(keys);
  const row = await db.selectFrom('screenings').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('not_found', 'no such screening');
  const s = openScreening(keys, row);
  if (!s) throw new AppError('keys.not_holder', 'the screening does not open with this session');
  return s;
}

async function toScreening(db: Db, s: OpenedScreening): Promise<Screening> {
  const who = await names(db, [s.record.askedBy, ...(s.checklist?.items.map((i) => i.answeredBy) ?? [])]);
  const name = (x: string | null) => (x ? (who.get(x) ?? null) : null);
  return {
    id: s.row.id,
    caseId: s.record.caseId,
    pupilId: s.record.pupilId,
    askedAt: s.record.askedAt,
    askedBy: name(s.record.askedBy),
    answers: s.record.answers,
    notes: s.record.notes || null,
    incompleteReason: s.record.incompleteReason || null,
    result: s.record.result,
    assessmentTaskId: s.record.assessmentTaskId,
    checklist: s.checklist
      ? s.checklist.items.map((i): ChecklistItem => ({ line: i.line, state: i.state, at: i.at, note: i.note, answeredBy: name(i.answeredBy) }))
      : null,
    checklistClosedAt: s.checklist?.closedAt ?? null,
    version: s.row.version,
  };
}

export async function recordScreening(db: Db, a: Actor, input: In<'screening.record'>): Promise<Screening> {
  requireConfidential(a.keys);
  await ensureInCase(db, input.caseId, input.pupilId);
  refuseFuture(input.askedAt, a.now, 'askedAt');
  const result = asqResult(input.answers);
  const missing = asqMissing(input.answers);
  // an acute answer is kept even half-answered — but never without a reason for what is missing
  if (asqNeedsReason(input.answers) && input.incompleteReason === '') {
    throw new AppError('screening.incomplete', 'a screening with unanswered questions needs a reason', { missing: missing.join(',') });
  }
  if (result === null) {
    // nothing decides the result (some of 1–4 unanswered, none positive): the screen could not be completed
    throw new AppError('screening.incomplete', 'the answers given do not decide the result', { missing: missing.join(',') });
  }
  const kase = await bumpCase(db, input.caseId, input.caseVersion, a.now);
  const id = crypto.randomUUID();
  let assessmentTaskId: string | null = null;
  if (result === 'positive') {
    assessmentTaskId = crypto.randomUUID();
    await db
      .insertInto('case_tasks')
      .values({
        id: assessmentTaskId,
        case_id: input.caseId,
        title: ASSESSMENT_TASK_TITLE,
        due_on: nextDay(input.askedAt),
        owner_id: a.accountId,
        created_at: a.now.toISOString(),
        created_by: a.accountId,
        done_at: null,
        done_by: null,
        version: 1,
      })
      .execute();
  }
  if (result === 'acute') {
    await db.updateTable('cases').set({ risk: 'acute', risk_rank: riskRank('acute') }).where('id', '=', input.caseId).execute();
  }
  const record: ScreeningRecord = {
    caseId: input.caseId,
    pupilId: input.pupilId,
    askedAt: input.askedAt,
    askedBy: a.accountId,
    answers: input.answers,
    notes: input.notes,
    incompleteReason: input.incompleteReason,
    result,
    assessmentTaskId,
  };
  const checklist: ChecklistRecord | null =
    result === 'acute' ? { items: ACUTE_LINES.map((line) => ({ line, state: null, at: null, note: null, answeredBy: null })), closedAt: null } : null;
  const now = a.now.toISOString();
  await db
    .insertInto('screenings')
    .values({
      id,
      created_at: now,
      updated_at: now,
      version: 1,
      ...screeningProtected.write(a.keys, id, { record_enc: record }),
      checklist_enc: checklist ? screeningProtected.write(a.keys, id, { checklist_enc: checklist }).checklist_enc : null,
    })
    .execute();
  await chronicle(db, a, input.pupilId, 'screening', 'screenings', id, { key: 'asq', case: kase.number, result }, `${input.askedAt}:00`);
  return loadScreening(db, a.keys, id).then((s) => toScreening(db, s));
}

async function writeChecklist(db: Db, a: Actor, s: OpenedScreening, version: number, checklist: ChecklistRecord): Promise<void> {
  const r = await db
    .updateTable('screenings')
    .set({ ...screeningProtected.write(a.keys, s.row.id, { checklist_enc: checklist }), version: sql<number>`version + 1`, updated_at: a.now.toISOString() })
    .where('id', '=', s.row.id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw new AppError('screening.stale', 'the screening changed since it was opened', { version: s.row.version });
}

function openChecklist(s: OpenedScreening): ChecklistRecord {
  if (s.record.result !== 'acute' || !s.checklist) throw new AppError('screening.no_checklist', 'only an acute screening has a checklist');
  if (s.checklist.closedAt !== null) throw new AppError('screening.checklist_closed', 'the checklist is closed');
  return s.checklist;
}

export async function answerLine(db: Db, a: Actor, input: In<'screening.answerLine'>): Promise<Screening> {
  const s = await loadScreening(db, a.keys, input.id);
  const checklist = openChecklist(s);
  await caseOpen(db, s.record.caseId);
  if (input.state === 'done') {
    refuseFuture(input.at, a.now, 'at');
    if (isBeforeScreening(input.at, s.record.askedAt)) throw new AppError('screening.before_screen', 'a line cannot be done before the screening', { field: 'at' });
  }
  const items = checklist.items.map((i) =>
    i.line !== input.line
      ? i
      : input.state === 'done'
        ? { line: i.line, state: 'done' as const, at: input.at, note: input.note || null, answeredBy: a.accountId }
        : { line: i.line, state: 'not_done' as const, at: null, note: input.reason, answeredBy: a.accountId },
  );
  await writeChecklist(db, a, s, input.version, { items, closedAt: null });
  return loadScreening(db, a.keys, input.id).then((x) => toScreening(db, x));
}

export async function closeChecklist(db: Db, a: Actor, input: In<'screening.closeChecklist'>): Promise<Screening> {
  const s = await loadScreening(db, a.keys, input.id);
  const checklist = openChecklist(s);
  const open = checklist.items.filter((i) => i.state === null).map((i) => i.line);
  if (open.length > 0) throw new AppError('screening.checklist_open', 'every line must be answered first', { lines: open.join(',') });
  const kase = await caseOpen(db, s.record.caseId);
  await writeChecklist(db, a, s, input.version, { items: checklist.items, closedAt: a.now.toISOString() });
  await chronicle(db, a, s.record.pupilId, 'screening', 'screenings', s.row.id, { key: 'asq_acute_done', case: kase.number });
  return loadScreening(db, a.keys, input.id).then((x) => toScreening(db, x));
}

// ---------------------------------------------------------------------------------------------------- safety plans

interface OpenedPlan {
  row: Selectable<SafetyPlansTable>;
  record: SafetyPlanRecord;
}

async function plansOf(db: Db, keys: KeySource, caseId: string, pupilId?: string): Promise<OpenedPlan[]> {
  const rows = await db.selectFrom('safety_plans').selectAll().orderBy('saved_at', 'desc').execute();
  return rows.flatMap((row) => {
    const record = safetyPlanProtected.read(keys, row.id, row).record_enc;
    return record && record.caseId === caseId && (pupilId === undefined || record.pupilId === pupilId) ? [{ row, record }] : [];
  });
}

async function toPlans(db: Db, opened: OpenedPlan[]): Promise<SafetyPlan[]> {
  const who = await names(db, opened.map((p) => p.record.savedBy));
  const name = (x: string | null) => (x ? (who.get(x) ?? null) : null);
  const byPupil = new Map<string, OpenedPlan[]>();
  for (const p of opened) byPupil.set(p.record.pupilId, [...(byPupil.get(p.record.pupilId) ?? []), p]);
  return [...byPupil.values()].map((versions) => {
    const sorted = [...versions].sort((x, y) => y.record.version - x.record.version);
    const cur = sorted[0]!;
    return {
      caseId: cur.record.caseId,
      pupilId: cur.record.pupilId,
      version: cur.record.version,
      savedAt: cur.row.saved_at,
      savedBy: name(cur.record.savedBy),
      withPupil: cur.record.withPupil,
      steps: cur.record.steps,
      history: sorted.map((v) => ({ version: v.record.version, savedAt: v.row.saved_at, savedBy: name(v.record.savedBy) })),
    };
  });
}

export async function currentPlan(db: Db, keys: KeySource, caseId: string, pupilId: string): Promise<SafetyPlan | null> {
  requireConfidential(keys);
  return (await toPlans(db, await plansOf(db, keys, caseId, pupilId)))[0] ?? null;
}

export async function saveSafetyPlan(db: Db, a: Actor, input: In<'safetyPlan.save'>): Promise<SafetyPlan> {
  requireConfidential(a.keys);
  const kase = await caseOpen(db, input.caseId);
  await ensureInCase(db, input.caseId, input.pupilId);
  const versions = await plansOf(db, a.keys, input.caseId, input.pupilId);
  const latest = versions.reduce((m, p) => Math.max(m, p.record.version), 0);
  if (latest !== input.baseVersion) throw new AppError('safety_plan.stale', 'the plan changed since it was opened', { version: latest });
  if (safetyPlanIsEmpty(input.steps)) throw new AppError('validation', 'the plan has no line in any step', { field: 'steps' });
  const id = crypto.randomUUID();
  const record: SafetyPlanRecord = {
    caseId: input.caseId,
    pupilId: input.pupilId,
    version: latest + 1,
    savedBy: a.accountId,
    withPupil: input.withPupil,
    steps: input.steps,
  };
  await db
    .insertInto('safety_plans')
    .values({ id, saved_at: a.now.toISOString(), ...safetyPlanProtected.write(a.keys, id, { record_enc: record }) })
    .execute();
  await chronicle(db, a, input.pupilId, 'safety_plan', 'safety_plans', id, { key: 'safety_plan', case: kase.number, version: record.version });
  const plan = await currentPlan(db, a.keys, input.caseId, input.pupilId);
  if (!plan) throw new AppError('internal', 'the saved plan does not read back');
  return plan;
}

// ---------------------------------------------------------------------------------------------------- reading

export async function screeningsForCase(db: Db, keys: KeySource, caseId: string): Promise<ScreeningOverview> {
  requireConfidential(keys);
  const exists = await db.selectFrom('cases').select('id').where('id', '=', caseId).executeTakeFirst();
  if (!exists) throw new AppError('not_found', 'no such case');
  const rows = await db.selectFrom('screenings').selectAll().orderBy('created_at', 'desc').execute();
  const mine = rows.flatMap((row) => {
    const s = openScreening(keys, row);
    return s && s.record.caseId === caseId ? [s] : [];
  });
  const screenings: Screening[] = [];
  for (const s of mine) screenings.push(await toScreening(db, s));
  screenings.sort((x, y) => y.askedAt.localeCompare(x.askedAt));
  return { screenings, plans: await toPlans(db, await plansOf(db, keys, caseId)) };
}
