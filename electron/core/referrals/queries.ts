/**
 * Referrals: the rules and queries (access is declared in handlers.ts, never checked here).
 *
 * - A referral belongs to a case and names one pupil of it; a closed case takes no new referral
 *   (`cases.closed`), a pupil outside the case is refused (`referrals.not_in_case`).
 * - Status moves follow `REFERRAL_TRANSITIONS` (shared/referrals.ts); anything else is `referrals.bad_transition`.
 *   Only a draft is edited (`referrals.not_draft`); sending needs the agency (`referrals.no_agency`).
 * - Dates: the answer is due on or after the date sent, the answer comes on or after it, and neither the date sent
 *   nor the answer's date lies in the future (`referrals.bad_dates`).
 * - Every write names the `version` the screen read; another version is refused as `referrals.changed`.
 * - Every step is written to the pupil's chronology (`referral`) in the same transaction; the summary is sealed in
 *   the protection compartment and names the agency, never another child.
 */
import crypto from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import { isoDate as isoDateOf } from '../../../shared/calendar';
import type { ParsedInputOf } from '../../../shared/contract';
import {
  addDaysIso,
  canMove,
  DRAFT_SEND_DAYS,
  type AgencyType,
  type Referral,
  type ReferralListItem,
  type ReferralStatus,
  type referralsMethods,
} from '../../../shared/referrals';
import type { ChronologyMessage } from '../chronology/messages';
import { recordChronology } from '../chronology/record';
import type { KeySource } from '../core';
import type { Actor, Db } from '../db/types';
import { AppError } from '../errors';
import { referralProtected } from './protected';
import type { ReferralsTable } from './tables';

type In<M extends keyof typeof referralsMethods> = ParsedInputOf<(typeof referralsMethods)[M]>;

const TABLE = 'referrals';

function requireKey(keys: KeySource): void {
  if (!referralProtected.canRead(keys)) throw new AppError('keys.not_holder', 'referrals need the protection compartment');
}

function clip(s: string, n = 300): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

const listColumns = [
  'r.id',
  'r.case_id',
  'r.pupil_id',
  'r.agency_type',
  'r.agency_enc',
  'r.status',
  'r.send_by',
  'r.sent_on',
  'r.answer_due_on',
  'r.answered_on',
  'r.document_id',
  'r.council_decision_id',
  'r.version',
  'r.created_at',
  'r.updated_at',
  'c.number as case_number',
  'p.last_name',
  'p.first_name',
  'p.middle_name',
  'p.grade',
  'p.class_letter',
  'd.register_number',
] as const;

function baseSelect(db: Db) {
  return db
    .selectFrom('referrals as r')
    .innerJoin('cases as c', 'c.id', 'r.case_id')
    .innerJoin('pupils as p', 'p.id', 'r.pupil_id')
    .leftJoin('documents as d', 'd.id', 'r.document_id');
}

type ListRow = {
  id: string;
  case_id: string;
  pupil_id: string;
  agency_type: AgencyType | null;
  agency_enc: Uint8Array | null;
  status: ReferralStatus;
  send_by: string | null;
  sent_on: string | null;
  answer_due_on: string | null;
  answered_on: string | null;
  document_id: string | null;
  council_decision_id: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  case_number: number;
  last_name: string;
  first_name: string;
  middle_name: string;
  grade: number;
  class_letter: string;
  register_number: string | null;
};

/** Waiting for the agency: sent, no answer recorded. */
function awaitingAnswer(r: { status: ReferralStatus; answered_on: string | null }): boolean {
  return r.status === 'sent' && r.answered_on === null;
}

function toListItem(keys: KeySource, r: ListRow, today: string): ReferralListItem {
  const agency = referralProtected.read(keys, r.id, { agency_enc: r.agency_enc, reason_enc: null, request_enc: null, answer_enc: null }).agency_enc;
  return {
    id: r.id,
    caseId: r.case_id,
    caseNumber: r.case_number,
    pupilId: r.pupil_id,
    pupil: { lastName: r.last_name, firstName: r.first_name, middleName: r.middle_name, grade: r.grade, classLetter: r.class_letter },
    agencyType: r.agency_type,
    agency,
    status: r.status,
    sendBy: r.send_by,
    sentOn: r.sent_on,
    answerDueOn: r.answer_due_on,
    answeredOn: r.answered_on,
    overdue: awaitingAnswer(r) && r.answer_due_on !== null && r.answer_due_on < today,
    letter: r.document_id && r.register_number ? { documentId: r.document_id, registerNumber: r.register_number } : null,
    councilDecisionId: r.council_decision_id,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function listReferrals(db: Db, keys: KeySource, f: In<'referrals.list'>, today: string): Promise<ReferralListItem[]> {
  let q = baseSelect(db).select([...listColumns]);
  if (f.status) q = q.where('r.status', '=', f.status);
  if (f.agencyType) q = q.where('r.agency_type', '=', f.agencyType);
  if (f.caseId) q = q.where('r.case_id', '=', f.caseId);
  if (f.pupilId) q = q.where('r.pupil_id', '=', f.pupilId);
  if (f.overdueOnly) q = q.where('r.status', '=', 'sent').where('r.answered_on', 'is', null).where('r.answer_due_on', '<', today);
  const rows = await q.orderBy(sql`CASE r.status WHEN 'draft' THEN 0 WHEN 'sent' THEN 1 WHEN 'accepted' THEN 2 ELSE 3 END`).orderBy('r.created_at', 'desc').limit(1000).execute();
  return rows.map((r) => toListItem(keys, r, today));
}

async function rowsToReferrals(db: Db, keys: KeySource, rows: ListRow[], today: string): Promise<Referral[]> {
  if (rows.length === 0) return [];
  const sealed = await db.selectFrom('referrals').select(['id', 'reason_enc', 'request_enc', 'answer_enc']).where('id', 'in', rows.map((r) => r.id)).execute();
  const byId = new Map(sealed.map((s) => [s.id, s]));
  return rows.map((r) => {
    const s = byId.get(r.id);
    const p = referralProtected.read(keys, r.id, { agency_enc: null, reason_enc: s?.reason_enc ?? null, request_enc: s?.request_enc ?? null, answer_enc: s?.answer_enc ?? null });
    return { ...toListItem(keys, r, today), reason: p.reason_enc, request: p.request_enc, answer: p.answer_enc };
  });
}

export async function referralsForCase(db: Db, keys: KeySource, caseId: string, today: string): Promise<Referral[]> {
  const rows = await baseSelect(db).select([...listColumns]).where('r.case_id', '=', caseId).orderBy('r.created_at', 'desc').execute();
  return rowsToReferrals(db, keys, rows, today);
}

export async function getReferral(db: Db, keys: KeySource, id: string, today: string): Promise<Referral> {
  const row = await baseSelect(db).select([...listColumns]).where('r.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('not_found', 'no such referral');
  const [r] = await rowsToReferrals(db, keys, [row], today);
  if (!r) throw new AppError('not_found', 'no such referral');
  return r;
}

/**
 * The optimistic lock: bumps the version only when it is the one the screen read, and returns the row as it was.
 * Throws `not_found`, or `referrals.changed` (nothing is written: the caller's transaction rolls back).
 */
async function bump(db: Db, id: string, version: number, a: Actor): Promise<Selectable<ReferralsTable>> {
  const row = await db.selectFrom('referrals').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('not_found', 'no such referral');
  const r = await db
    .updateTable('referrals')
    .set({ version: sql<number>`version + 1`, updated_at: a.now.toISOString(), updated_by: a.accountId })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw new AppError('referrals.changed', 'the referral changed since it was opened', { version: row.version });
  return row;
}

async function chronicle(db: Db, a: Actor, row: { id: string; pupil_id: string }, summary: ChronologyMessage, occurredAt?: string): Promise<void> {
  await recordChronology(db, a.keys, { accountId: a.accountId, now: a.now }, {
    pupilId: row.pupil_id,
    kind: 'referral',
    source: { table: TABLE, id: row.id },
    ...(occurredAt ? { occurredAt } : {}),
    summary,
  });
}

async function openCaseFor(db: Db, caseId: string, pupilId: string): Promise<{ id: string; number: number }> {
  const c = await db.selectFrom('cases').select(['id', 'number', 'stage']).where('id', '=', caseId).executeTakeFirst();
  if (!c) throw new AppError('not_found', 'no such case');
  if (c.stage === 'closed') throw new AppError('cases.closed', 'the case is closed: reopen it first');
  const inCase = await db.selectFrom('case_pupils').select('id').where('case_id', '=', caseId).where('pupil_id', '=', pupilId).executeTakeFirst();
  if (!inCase) throw new AppError('referrals.not_in_case', 'the pupil is not a pupil of the case');
  return { id: c.id, number: c.number };
}

export interface NewReferral {
  caseId: string;
  pupilId: string;
  agencyType: AgencyType | null;
  agency: { name: string; address: string } | null;
  reason: string;
  request: string;
  sendBy: string | null;
  councilDecisionId?: string | null;
}

/** Inserts a draft and writes its chronology line; used by `referrals.create` and the council's decision. */
export async function insertDraft(db: Db, a: Actor, n: NewReferral): Promise<string> {
  requireKey(a.keys);
  const c = await openCaseFor(db, n.caseId, n.pupilId);
  const id = crypto.randomUUID();
  const at = a.now.toISOString();
  await db
    .insertInto('referrals')
    .values({
      id,
      case_id: c.id,
      pupil_id: n.pupilId,
      agency_type: n.agencyType,
      ...referralProtected.write(a.keys, id, { reason_enc: n.reason, request_enc: n.request }),
      ...(n.agency ? referralProtected.write(a.keys, id, { agency_enc: n.agency }) : { agency_enc: null }),
      answer_enc: null,
      status: 'draft',
      send_by: n.sendBy,
      sent_on: null,
      answer_due_on: null,
      answered_on: null,
      document_id: null,
      council_decision_id: n.councilDecisionId ?? null,
      version: 1,
      created_at: at,
      created_by: a.accountId,
      updated_at: at,
      updated_by: a.accountId,
    })
    .execute();
  await chronicle(db, a, { id, pupil_id: n.pupilId }, {
    key: 'referral_update',
    case: c.number,
    agencyType: n.agencyType,
    agencyName: n.agency ? clip(n.agency.name, 120) : null,
    status: 'draft',
    text: clip(n.reason, 1200),
  });
  return id;
}

export async function createReferral(db: Db, a: Actor, input: In<'referrals.create'>): Promise<Referral> {
  const today = isoDateOf(a.now);
  const id = await insertDraft(db, a, {
    caseId: input.caseId,
    pupilId: input.pupilId,
    agencyType: input.agencyType,
    agency: { name: input.agency.name, address: input.agency.address },
    reason: input.reason,
    request: input.request,
    sendBy: input.sendBy ?? addDaysIso(today, DRAFT_SEND_DAYS),
  });
  return getReferral(db, a.keys, id, today);
}

export async function updateReferral(db: Db, a: Actor, input: In<'referrals.update'>): Promise<Referral> {
  requireKey(a.keys);
  const row = await bump(db, input.id, input.version, a);
  if (row.status !== 'draft') throw new AppError('referrals.not_draft', 'only a draft referral is edited');
  await db
    .updateTable('referrals')
    .set({
      agency_type: input.agencyType,
      send_by: input.sendBy,
      ...referralProtected.write(a.keys, row.id, {
        agency_enc: { name: input.agency.name, address: input.agency.address },
        reason_enc: input.reason,
        request_enc: input.request,
      }),
    })
    .where('id', '=', row.id)
    .execute();
  return getReferral(db, a.keys, row.id, isoDateOf(a.now));
}

function refuseMove(from: ReferralStatus, to: ReferralStatus): void {
  if (!canMove(from, to)) throw new AppError('referrals.bad_transition', 'this status change is not allowed', { from, to });
}

export async function sendReferral(db: Db, a: Actor, input: In<'referrals.send'>): Promise<Referral> {
  requireKey(a.keys);
  const today = isoDateOf(a.now);
  const row = await bump(db, input.id, input.version, a);
  refuseMove(row.status, 'sent');
  const agency = referralProtected.read(a.keys, row.id, row).agency_enc;
  if (row.agency_type === null || agency === null || agency.name.trim() === '') throw new AppError('referrals.no_agency', 'choose the agency before sending');
  if (input.sentOn > today) throw new AppError('referrals.bad_dates', 'the date sent is in the future', { field: 'sentOn' });
  if (input.answerDueOn < input.sentOn) throw new AppError('referrals.bad_dates', 'the answer is due before the referral was sent', { field: 'answerDueOn' });
  await db.updateTable('referrals').set({ status: 'sent', sent_on: input.sentOn, answer_due_on: input.answerDueOn }).where('id', '=', row.id).execute();
  const c = await db.selectFrom('cases').select('number').where('id', '=', row.case_id).executeTakeFirstOrThrow();
  await chronicle(
    db,
    a,
    row,
    { key: 'referral_sent', case: c.number, agencyType: row.agency_type, agencyName: clip(agency.name, 120), answerDueOn: input.answerDueOn },
    input.sentOn,
  );
  return getReferral(db, a.keys, row.id, today);
}

export async function setDue(db: Db, a: Actor, input: In<'referrals.setDue'>): Promise<Referral> {
  const row = await bump(db, input.id, input.version, a);
  if (row.status !== 'sent' && row.status !== 'accepted') throw new AppError('referrals.bad_transition', 'only a referral waiting for its answer has an answer date', { from: row.status, to: row.status });
  if (row.sent_on !== null && input.answerDueOn < row.sent_on) throw new AppError('referrals.bad_dates', 'the answer is due before the referral was sent', { field: 'answerDueOn' });
  await db.updateTable('referrals').set({ answer_due_on: input.answerDueOn }).where('id', '=', row.id).execute();
  return getReferral(db, a.keys, row.id, isoDateOf(a.now));
}

/** A step of a sent referral in the pupil's chronology: a new status (text: the answer, if any), or the answer (status null). */
async function chronicleStep(db: Db, a: Actor, row: Selectable<ReferralsTable>, status: ReferralStatus | null, text: string, occurredAt?: string): Promise<void> {
  const c = await db.selectFrom('cases').select('number').where('id', '=', row.case_id).executeTakeFirstOrThrow();
  const agency = referralProtected.read(a.keys, row.id, row).agency_enc;
  await chronicle(
    db,
    a,
    row,
    { key: 'referral_update', case: c.number, agencyType: row.agency_type, agencyName: agency ? clip(agency.name, 120) : null, status, text: clip(text, 1200) },
    occurredAt,
  );
}

function checkAnswerDate(row: Selectable<ReferralsTable>, answeredOn: string, today: string): void {
  if (answeredOn > today) throw new AppError('referrals.bad_dates', 'the answer is dated in the future', { field: 'answeredOn' });
  if (row.sent_on !== null && answeredOn < row.sent_on) throw new AppError('referrals.bad_dates', 'the answer came before the referral was sent', { field: 'answeredOn' });
}

export async function setStatus(db: Db, a: Actor, input: In<'referrals.setStatus'>): Promise<Referral> {
  const today = isoDateOf(a.now);
  const row = await bump(db, input.id, input.version, a);
  refuseMove(row.status, input.status);
  const withAnswer = input.answer !== undefined && input.answer !== '' && input.answeredOn !== undefined;
  if (withAnswer) {
    requireKey(a.keys);
    checkAnswerDate(row, input.answeredOn ?? today, today);
  }
  await db
    .updateTable('referrals')
    .set({
      status: input.status,
      ...(withAnswer && input.answer !== undefined && input.answeredOn !== undefined
        ? { answered_on: input.answeredOn, ...referralProtected.write(a.keys, row.id, { answer_enc: input.answer }) }
        : {}),
    })
    .where('id', '=', row.id)
    .execute();
  await chronicleStep(db, a, row, input.status, withAnswer ? (input.answer ?? '') : '', withAnswer ? input.answeredOn : undefined);
  return getReferral(db, a.keys, row.id, today);
}

export async function recordAnswer(db: Db, a: Actor, input: In<'referrals.answer'>): Promise<Referral> {
  requireKey(a.keys);
  const today = isoDateOf(a.now);
  const row = await bump(db, input.id, input.version, a);
  if (row.status === 'draft' || row.status === 'withdrawn') throw new AppError('referrals.bad_transition', 'a draft or withdrawn referral has no answer', { from: row.status, to: row.status });
  checkAnswerDate(row, input.answeredOn, today);
  await db
    .updateTable('referrals')
    .set({ answered_on: input.answeredOn, ...referralProtected.write(a.keys, row.id, { answer_enc: input.answer }) })
    .where('id', '=', row.id)
    .execute();
  await chronicleStep(db, a, row, null, input.answer, input.answeredOn);
  return getReferral(db, a.keys, row.id, today);
}
