/**
 * Concerns and cases: the rules and queries (access is declared in handlers.ts, never checked here).
 *
 * - Every write to a case names the `version` the screen read; a write against another version is refused with
 *   `cases.stale` ("changed since you opened it") and changes nothing. Each write bumps the version.
 * - Every record about a child writes a chronology entry for each pupil of the case in the same transaction.
 * - Protected fields are read through their declarations (protected.ts): a session without the compartment reads
 *   null, and a write that needs it throws `keys.not_holder`.
 */
import crypto from 'node:crypto';
import { sql, type Selectable, type Updateable } from 'kysely';
import {
  OPEN_STAGES,
  riskRank,
  type CaseContact,
  type CaseDetail,
  type CaseListItem,
  type CaseNote,
  type CasePage,
  type CasePupil,
  type CaseTask,
  type Concern,
  type ConcernContent,
  type ConcernStatus,
  type InvolvedPupil,
  type MyConcern,
  type MyTask,
  type StaffMember,
  type casesMethods,
} from '../../../shared/cases';
import type { ChronologyKind } from '../../../shared/chronology';
import type { ParsedInputOf } from '../../../shared/contract';
import type { ChronologyMessage } from '../chronology/messages';
import { recordChronology } from '../chronology/record';
import type { KeySource } from '../core';
import type { CasesTable, ConcernsTable, Database } from '../db/schema';
import type { Actor, Db } from '../db/types';
import { AppError } from '../errors';
import { currentIntakeKey, ensureIntakeKey, IntakeOpener, sealConcern } from './intake';
import { indexCase, searchCaseText } from './search';
import { readTaskTitle, sealTaskTitle } from './task-titles';
import { caseContactProtected, caseNoteProtected, caseProtected, casePupilProtected, concernProtected } from './protected';
import { closedDayOf, retally } from '../statistics/tally';

type In<M extends keyof typeof casesMethods> = ParsedInputOf<(typeof casesMethods)[M]>;

// ---------------------------------------------------------------------------------------------------- helpers

async function names(db: Db, ids: (string | null)[]): Promise<Map<string, string>> {
  const list = [...new Set(ids.filter((x): x is string => x !== null))];
  if (list.length === 0) return new Map();
  const rows = await db.selectFrom('accounts').select(['id', 'display_name']).where('id', 'in', list).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/**
 * The chronology's "when it happened" from what the person typed (YYYY-MM-DD or YYYY-MM-DDTHH:MM): an ISO date, or
 * an ISO local date-time without a zone — the school's wall-clock time as typed, which the screens show as such.
 */
function whenIso(when: string): string {
  return when.length === 10 ? when : `${when}:00`;
}

function clip(s: string, n = 400): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

async function ensurePupils(db: Db, pupils: readonly InvolvedPupil[]): Promise<void> {
  const ids = pupils.map((p) => p.pupilId);
  const found = await db.selectFrom('pupils').select('id').where('id', 'in', ids).execute();
  if (found.length !== new Set(ids).size) throw new AppError('not_found', 'a pupil named in the concern does not exist');
}

async function ensureAccount(db: Db, id: string | null): Promise<void> {
  if (id === null) return;
  const a = await db.selectFrom('accounts').select(['id', 'disabled']).where('id', '=', id).executeTakeFirst();
  if (!a || a.disabled) throw new AppError('not_found', 'no such active account');
}

async function casePupilIds(db: Db, caseId: string): Promise<string[]> {
  return (await db.selectFrom('case_pupils').select('pupil_id').where('case_id', '=', caseId).orderBy('pupil_id').execute()).map((r) => r.pupil_id);
}

async function chronicle(
  db: Db,
  a: Actor,
  pupilIds: readonly string[],
  entry: { kind: ChronologyKind; table: string; id: string; summary: string | ChronologyMessage; occurredAt?: string; confidential?: boolean },
): Promise<void> {
  for (const pupilId of pupilIds) {
    await recordChronology(db, a.keys, { accountId: a.accountId, now: a.now }, {
      pupilId,
      kind: entry.kind,
      source: { table: entry.table, id: entry.id },
      ...(entry.occurredAt ? { occurredAt: entry.occurredAt } : {}),
      summary: typeof entry.summary === 'string' ? clip(entry.summary, 2000) : entry.summary,
      confidential: entry.confidential ?? false,
    });
  }
}

/**
 * The optimistic lock: bumps the version only when it is the one the screen read. Throws `not_found`, or
 * `cases.stale` when someone changed the case since (nothing is written then: the caller's transaction rolls back).
 * Returns the row after the bump.
 */
async function bump(db: Db, id: string, version: number, now: Date): Promise<Selectable<CasesTable>> {
  const r = await db
    .updateTable('cases')
    .set({ version: sql<number>`version + 1`, updated_at: now.toISOString() })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  const row = await db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('not_found', 'no such case');
  if (Number(r.numUpdatedRows) !== 1) throw new AppError('cases.stale', 'the case changed since it was opened', { version: row.version });
  return row;
}

/**
 * The lock every write of a flow on the case takes (bullying steps, evidence, screenings): `bump`, and refuses a
 * closed case (`cases.closed`).
 */
export async function bumpOpenCase(db: Db, id: string, version: number, now: Date): Promise<Selectable<CasesTable>> {
  const row = await bump(db, id, version, now);
  refuseClosed(row);
  return row;
}

function refuseClosed(row: Selectable<CasesTable>): void {
  if (row.stage === 'closed') throw new AppError('cases.closed', 'the case is closed: reopen it first');
}

async function nextNumber(db: Db, table: 'cases' | 'concerns'): Promise<number> {
  const r = await db.selectFrom(table).select((eb) => eb.fn.max<number>('number').as('n')).executeTakeFirst();
  return Number(r?.n ?? 0) + 1;
}

async function pupilsFor(db: Db, pairs: { pupilId: string; role: CasePupil['role'] }[]): Promise<CasePupil[]> {
  if (pairs.length === 0) return [];
  const rows = await db
    .selectFrom('pupils')
    .select(['id', 'last_name', 'first_name', 'grade', 'class_letter'])
    .where('id', 'in', pairs.map((p) => p.pupilId))
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return pairs.flatMap((p) => {
    const r = byId.get(p.pupilId);
    return r ? [{ pupilId: r.id, lastName: r.last_name, firstName: r.first_name, grade: r.grade, classLetter: r.class_letter, role: p.role }] : [];
  });
}

// ---------------------------------------------------------------------------------------------------- concerns

function toMine(r: Selectable<ConcernsTable>): MyConcern {
  return { id: r.id, number: r.number, loggedAt: r.logged_at, status: r.status, answer: r.answer, answeredAt: r.answered_at };
}

/** Any staff account: the content is sealed to the intake key (intake.ts); nothing of it is kept in the clear. */
export async function logConcern(db: Db, a: Actor, content: ConcernContent): Promise<MyConcern> {
  if (whenIso(content.occurredAt) > new Date(a.now.getTime() + 24 * 3600_000).toISOString()) {
    throw new AppError('validation', 'a concern cannot have happened in the future', { field: 'occurredAt' });
  }
  await ensurePupils(db, content.pupils);
  await ensureIntakeKey(db, a.keys, a.now);
  const key = await currentIntakeKey(db);
  if (!key) throw new AppError('concerns.intake_not_ready', 'no protection holder has opened the concern intake yet');
  const id = crypto.randomUUID();
  await db
    .insertInto('concerns')
    .values({
      id,
      number: await nextNumber(db, 'concerns'),
      author_id: a.accountId,
      logged_at: a.now.toISOString(),
      intake_key_id: key.id,
      intake_sealed: sealConcern(content, id, key),
      content_enc: null,
      status: 'awaiting',
      case_id: null,
      answer: null,
      answered_at: null,
      answered_by: null,
    })
    .execute();
  const row = await db.selectFrom('concerns').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return toMine(row);
}

export async function myConcerns(db: Db, accountId: string): Promise<MyConcern[]> {
  const rows = await db.selectFrom('concerns').selectAll().where('author_id', '=', accountId).orderBy('logged_at', 'desc').limit(200).execute();
  return rows.map(toMine);
}

async function concernContent(opener: IntakeOpener, keys: KeySource, r: Selectable<ConcernsTable>): Promise<ConcernContent | null> {
  if (r.content_enc) return concernProtected.read(keys, r.id, { content_enc: r.content_enc }).content_enc;
  return opener.open(r.id, r.intake_key_id, r.intake_sealed);
}

async function toConcerns(db: Db, keys: KeySource, rows: Selectable<ConcernsTable>[]): Promise<Concern[]> {
  const opener = new IntakeOpener(db, keys);
  try {
    const who = await names(db, rows.map((r) => r.author_id));
    const caseNumbers = new Map<string, number>();
    const caseIds = [...new Set(rows.flatMap((r) => (r.case_id ? [r.case_id] : [])))];
    if (caseIds.length) {
      for (const c of await db.selectFrom('cases').select(['id', 'number']).where('id', 'in', caseIds).execute()) caseNumbers.set(c.id, c.number);
    }
    const out: Concern[] = [];
    for (const r of rows) {
      const content = await concernContent(opener, keys, r);
      out.push({
        id: r.id,
        number: r.number,
        loggedAt: r.logged_at,
        authorName: r.author_id ? (who.get(r.author_id) ?? null) : null,
        status: r.status,
        caseId: r.case_id,
        caseNumber: r.case_id ? (caseNumbers.get(r.case_id) ?? null) : null,
        answer: r.answer,
        answeredAt: r.answered_at,
        content: content ? { what: content.what, where: content.where, occurredAt: content.occurredAt, formOfHarm: content.formOfHarm } : null,
        pupils: content ? await pupilsFor(db, content.pupils) : [],
      });
    }
    return out;
  } finally {
    opener.close();
  }
}

/** The inbox: awaiting concerns oldest first, then the latest answered ones. */
export async function concernInbox(db: Db, keys: KeySource, now: Date, status?: ConcernStatus): Promise<Concern[]> {
  await ensureIntakeKey(db, keys, now);
  let q = db.selectFrom('concerns').selectAll();
  if (status) q = q.where('status', '=', status);
  const rows = await q
    .orderBy(sql`CASE status WHEN 'awaiting' THEN 0 ELSE 1 END`)
    .orderBy(sql`CASE status WHEN 'awaiting' THEN logged_at END`)
    .orderBy('logged_at', 'desc')
    .limit(200)
    .execute();
  return toConcerns(db, keys, rows);
}

export async function getConcern(db: Db, keys: KeySource, id: string): Promise<Concern> {
  const r = await db.selectFrom('concerns').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('not_found', 'no such concern');
  const [c] = await toConcerns(db, keys, [r]);
  if (!c) throw new AppError('not_found', 'no such concern');
  return c;
}

/**
 * Triage: into a new case, into an existing one (its pupils joined, roles kept), or closed with no action. The
 * content is re-sealed as a protection field and the intake copy dropped; the answer is written for the author;
 * each pupil's chronology gets the concern, dated when it happened.
 */
export async function triageConcern(db: Db, a: Actor, input: In<'concerns.triage'>): Promise<Concern> {
  const r = await db.selectFrom('concerns').selectAll().where('id', '=', input.id).executeTakeFirst();
  if (!r) throw new AppError('not_found', 'no such concern');
  if (r.status !== 'awaiting') throw new AppError('concerns.already_triaged', 'the concern was triaged already');
  const opener = new IntakeOpener(db, a.keys);
  let content: ConcernContent | null;
  try {
    content = await concernContent(opener, a.keys, r);
  } finally {
    opener.close();
  }
  if (!content) throw new AppError('keys.not_holder', 'the concern cannot be opened with this session’s keys');
  let caseId: string | null = null;
  if (input.action === 'new_case') {
    const created = await createCase(db, a, {
      title: input.title,
      summary: content.what,
      formOfHarm: content.formOfHarm,
      risk: input.risk,
      leadId: input.leadId ?? a.accountId,
      pupils: content.pupils,
    });
    caseId = created.id;
  } else if (input.action === 'existing_case') {
    const row = await bump(db, input.caseId, input.caseVersion, a.now);
    refuseClosed(row);
    caseId = row.id;
    const have = new Set(await casePupilIds(db, row.id));
    const added = content.pupils.filter((p) => !have.has(p.pupilId));
    await insertCasePupils(db, a.keys, row.id, added);
    await chronicle(db, a, added.map((p) => p.pupilId), { kind: 'case_opened', table: 'cases', id: row.id, summary: `№${row.number}` });
  }
  await db
    .updateTable('concerns')
    .set({
      ...concernProtected.write(a.keys, r.id, { content_enc: content }),
      intake_sealed: null,
      status: input.action === 'no_action' ? 'no_action' : 'case',
      case_id: caseId,
      answer: input.answer,
      answered_at: a.now.toISOString(),
      answered_by: a.accountId,
    })
    .where('id', '=', r.id)
    .execute();
  // the statistics' sealed tally of the month the concern was logged in (statistics/tally.ts)
  await retally(db, a.keys, 'concerns', [r.logged_at], a.now);
  const roleOf = new Map(content.pupils.map((p) => [p.pupilId, p.role]));
  for (const p of content.pupils) {
    await chronicle(db, a, [p.pupilId], {
      kind: 'concern',
      table: 'concerns',
      id: r.id,
      occurredAt: whenIso(content.occurredAt),
      summary: { key: 'concern', harm: content.formOfHarm, role: roleOf.get(p.pupilId) ?? 'witness', what: clip(content.what, 1500) },
    });
  }
  return getConcern(db, a.keys, r.id);
}

// ---------------------------------------------------------------------------------------------------- cases

async function insertCasePupils(db: Db, keys: KeySource, caseId: string, pupils: readonly InvolvedPupil[]): Promise<void> {
  for (const p of pupils) {
    const id = crypto.randomUUID();
    await db
      .insertInto('case_pupils')
      .values({ id, case_id: caseId, pupil_id: p.pupilId, ...casePupilProtected.write(keys, id, { role_enc: p.role }) })
      .execute();
  }
}

export async function createCase(db: Db, a: Actor, input: In<'cases.create'>): Promise<CaseDetail> {
  await ensurePupils(db, input.pupils);
  await ensureAccount(db, input.leadId);
  const id = crypto.randomUUID();
  const number = await nextNumber(db, 'cases');
  const now = a.now.toISOString();
  await db
    .insertInto('cases')
    .values({
      id,
      number,
      stage: 'identified',
      risk: input.risk,
      risk_rank: riskRank(input.risk),
      lead_id: input.leadId,
      opened_at: now,
      opened_by: a.accountId,
      updated_at: now,
      closed_at: null,
      closure_state: null,
      closure_requested_at: null,
      closure_requested_by: null,
      closure_approved_by: null,
      version: 1,
      ...caseProtected.write(a.keys, id, { details_enc: { title: input.title, summary: input.summary, formOfHarm: input.formOfHarm } }),
      closure_enc: null,
    })
    .execute();
  await insertCasePupils(db, a.keys, id, input.pupils);
  await retally(db, a.keys, 'cases', [now], a.now);
  await indexCase(db, a.keys, { id, number, title: input.title, summary: input.summary });
  await chronicle(db, a, input.pupils.map((p) => p.pupilId), { kind: 'case_opened', table: 'cases', id, summary: `№${number}: ${input.title}` });
  return getCase(db, a.keys, id);
}

/** The list's row: the plain columns, the page's protected details, and the counts and lead name in the same query. */
function listSelect(db: Db) {
  return db
    .selectFrom('cases')
    .leftJoin('accounts as lead', 'lead.id', 'cases.lead_id')
    .select([
      'cases.id',
      'cases.number',
      'cases.stage',
      'cases.risk',
      'cases.lead_id',
      'lead.display_name as lead_name',
      'cases.opened_at',
      'cases.updated_at',
      'cases.closure_state',
      'cases.details_enc',
      sql<number>`(SELECT count(*) FROM case_pupils cp WHERE cp.case_id = cases.id)`.as('pupil_count'),
      sql<number>`(SELECT count(*) FROM case_tasks ct WHERE ct.case_id = cases.id AND ct.done_at IS NULL)`.as('open_tasks'),
    ]);
}

type ListRow = Pick<Selectable<CasesTable>, 'id' | 'number' | 'stage' | 'risk' | 'lead_id' | 'opened_at' | 'updated_at' | 'closure_state' | 'details_enc'> & {
  lead_name: string | null;
  pupil_count: number;
  open_tasks: number;
};

function toListItem(keys: KeySource, r: ListRow): CaseListItem {
  const d = caseProtected.read(keys, r.id, { details_enc: r.details_enc, closure_enc: null }).details_enc;
  return {
    id: r.id,
    number: r.number,
    stage: r.stage,
    risk: r.risk,
    leadId: r.lead_id,
    leadName: r.lead_name,
    openedAt: r.opened_at,
    updatedAt: r.updated_at,
    title: d?.title ?? null,
    formOfHarm: d?.formOfHarm ?? null,
    pupilCount: Number(r.pupil_count),
    openTasks: Number(r.open_tasks),
    closurePending: r.closure_state === 'pending',
  };
}

/**
 * A page of cases: filtered on the plain columns in SQL (indexed: stage, risk, lead, pupil), ordered by risk then
 * the newest. A text search is over protected fields, which no index may hold: it runs over the sealed search chunks
 * (search.ts) and the plain filters and the order are applied to its hits in SQL.
 */
export async function listCases(db: Db, keys: KeySource, f: In<'cases.list'>): Promise<CasePage> {
  const stages = new Set(f.stages ?? []);
  const allOpen = stages.size === OPEN_STAGES.length && OPEN_STAGES.every((s) => stages.has(s));
  const hits = f.search ? await searchCaseText(db, keys, f.search) : null;
  if (hits && hits.size === 0) return { items: [], total: 0 };
  // `forOrder`: "every open stage" said as `stage != 'closed'` — a literal, which lets SQLite walk the partial index
  // cases_open_by_risk in order; the count says it as `stage IN (…)`, which the stage index answers by range
  const filtered = (forOrder: boolean) => {
    let q = db.selectFrom('cases');
    if (allOpen && forOrder) q = q.where(sql<boolean>`cases.stage != 'closed'`);
    else if (stages.size) q = q.where('cases.stage', 'in', [...stages]);
    // by rank: the column the indexes order on
    if (f.risks?.length) q = q.where('cases.risk_rank', 'in', f.risks.map(riskRank));
    if (f.leadId) q = q.where('cases.lead_id', '=', f.leadId);
    if (f.pupilId) {
      const pupilId = f.pupilId;
      q = q.where('cases.id', 'in', (eb) => eb.selectFrom('case_pupils').select('case_pupils.case_id').where('case_pupils.pupil_id', '=', pupilId));
    }
    if (hits && hits.size <= 500) q = q.where('cases.id', 'in', [...hits]);
    return q;
  };
  const ordered = filtered(true).orderBy('cases.risk_rank', 'desc').orderBy('cases.opened_at', 'desc').orderBy('cases.number', 'desc');
  let pageIds: string[];
  let total: number;
  if (hits && hits.size > 500) {
    // many hits: the ordered ids of the filter (plain columns only), kept when they are hits
    const all = (await ordered.select('cases.id').execute()).filter((r) => hits.has(r.id));
    total = all.length;
    pageIds = all.slice(f.page * f.pageSize, (f.page + 1) * f.pageSize).map((r) => r.id);
  } else {
    total = Number((await filtered(false).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
    pageIds = (await ordered.select('cases.id').limit(f.pageSize).offset(f.page * f.pageSize).execute()).map((r) => r.id);
  }
  const rows = pageIds.length ? await listSelect(db).where('cases.id', 'in', pageIds).execute() : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { items: pageIds.flatMap((id) => byId.get(id) ?? []).map((r) => toListItem(keys, r)), total };
}

export async function casesForPupil(db: Db, keys: KeySource, pupilId: string): Promise<CaseListItem[]> {
  return (await listCases(db, keys, { pupilId, page: 0, pageSize: 200 })).items;
}

export async function getCase(db: Db, keys: KeySource, id: string): Promise<CaseDetail> {
  const r = await db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('not_found', 'no such case');
  const listed = await listSelect(db).where('cases.id', '=', id).executeTakeFirst();
  if (!listed) throw new AppError('not_found', 'no such case');
  const item = toListItem(keys, listed);
  const prot = caseProtected.read(keys, r.id, r);
  const cp = await db.selectFrom('case_pupils').selectAll().where('case_id', '=', id).execute();
  const pupils = (await pupilsFor(db, cp.map((p) => ({ pupilId: p.pupil_id, role: casePupilProtected.read(keys, p.id, p).role_enc })))).sort(
    (x, y) => x.grade - y.grade || x.classLetter.localeCompare(y.classLetter) || x.lastName.localeCompare(y.lastName),
  );
  const tasks = await db.selectFrom('case_tasks').selectAll().where('case_id', '=', id).orderBy('done_at').orderBy('due_on').orderBy('created_at').execute();
  const notes = await db.selectFrom('case_notes').selectAll().where('case_id', '=', id).orderBy('written_at', 'desc').execute();
  const contacts = await db.selectFrom('case_contacts').selectAll().where('case_id', '=', id).orderBy('at', 'desc').execute();
  const concerns = await db.selectFrom('concerns').select('id').where('case_id', '=', id).orderBy('logged_at').execute();
  const who = await names(db, [
    ...tasks.map((t) => t.owner_id),
    ...notes.map((n) => n.written_by),
    ...contacts.map((c) => c.written_by),
    r.closure_requested_by,
    r.closure_approved_by,
  ]);
  const name = (x: string | null) => (x ? (who.get(x) ?? null) : null);
  return {
    ...item,
    version: r.version,
    summary: prot.details_enc?.summary ?? null,
    pupils,
    tasks: tasks.map((t) => toTask(t, name(t.owner_id), keys)),
    notes: notes.map((n): CaseNote => {
      const p = caseNoteProtected.read(keys, n.id, n);
      return { id: n.id, writtenAt: n.written_at, authorName: name(n.written_by), confidential: n.confidential === 1, text: n.confidential === 1 ? p.confidential_enc : p.text_enc };
    }),
    contacts: contacts.map((c): CaseContact => {
      const p = caseContactProtected.read(keys, c.id, c).details_enc;
      return {
        id: c.id,
        at: c.at,
        method: c.method as CaseContact['method'],
        pupilId: c.pupil_id,
        who: p?.who ?? null,
        outcome: p?.outcome ?? null,
        authorName: name(c.written_by),
      };
    }),
    concernIds: concerns.map((c) => c.id),
    closure:
      r.closure_state && r.closure_requested_at
        ? {
            state: r.closure_state,
            reason: prot.closure_enc?.reason ?? null,
            outcome: prot.closure_enc?.outcome ?? null,
            requestedAt: r.closure_requested_at,
            requestedBy: name(r.closure_requested_by),
            approvedBy: name(r.closure_approved_by),
          }
        : null,
    closedAt: r.closed_at,
  };
}

/** The title reads '' for a session that neither holds `protection` nor owns the task (cases/task-titles.ts). */
function toTask(t: Selectable<Database['case_tasks']>, ownerName: string | null, keys: KeySource): CaseTask {
  return { id: t.id, caseId: t.case_id, title: readTaskTitle(keys, t) ?? '', dueOn: t.due_on, ownerId: t.owner_id, ownerName, doneAt: t.done_at, version: t.version };
}

export async function updateCase(db: Db, a: Actor, input: In<'cases.update'>): Promise<CaseDetail> {
  const row = await bump(db, input.id, input.version, a.now);
  refuseClosed(row);
  const set: Updateable<CasesTable> = {};
  if (input.risk !== undefined) Object.assign(set, { risk: input.risk, risk_rank: riskRank(input.risk) });
  if (input.leadId !== undefined) {
    await ensureAccount(db, input.leadId);
    set.lead_id = input.leadId;
  }
  if (input.stage !== undefined && input.stage !== row.stage) set.stage = input.stage;
  if (input.title !== undefined || input.summary !== undefined || input.formOfHarm !== undefined) {
    const cur = caseProtected.read(a.keys, row.id, row).details_enc;
    if (!cur) throw new AppError('keys.not_holder', 'the case details need the protection compartment');
    const details = { title: input.title ?? cur.title, summary: input.summary ?? cur.summary, formOfHarm: input.formOfHarm ?? cur.formOfHarm };
    Object.assign(set, caseProtected.write(a.keys, row.id, { details_enc: details }));
    await indexCase(db, a.keys, { id: row.id, number: row.number, title: details.title, summary: details.summary });
  }
  if (Object.keys(set).length) await db.updateTable('cases').set(set).where('id', '=', row.id).execute();
  if (set.details_enc !== undefined || set.stage !== undefined) await retally(db, a.keys, 'cases', [row.opened_at, closedDayOf(row)], a.now);
  if (input.pupils) {
    await ensurePupils(db, input.pupils);
    const have = new Set(await casePupilIds(db, row.id));
    const want = new Set(input.pupils.map((p) => p.pupilId));
    // roles are re-sealed for everyone kept; pupils taken out leave the case (their chronology keeps what happened)
    await db.deleteFrom('case_pupils').where('case_id', '=', row.id).execute();
    await insertCasePupils(db, a.keys, row.id, input.pupils);
    const added = [...want].filter((p) => !have.has(p));
    await chronicle(db, a, added, { kind: 'case_opened', table: 'cases', id: row.id, summary: `№${row.number}` });
  }
  if (input.stage !== undefined && input.stage !== row.stage) {
    await chronicle(db, a, await casePupilIds(db, row.id), {
      kind: 'case_stage',
      table: 'cases',
      id: row.id,
      summary: { key: 'case_stage', case: row.number, from: row.stage, to: input.stage },
    });
  }
  if (input.risk !== undefined && input.risk !== row.risk) {
    await chronicle(db, a, await casePupilIds(db, row.id), {
      kind: 'case_risk',
      table: 'cases',
      id: row.id,
      summary: { key: 'case_risk', case: row.number, from: row.risk, to: input.risk },
    });
  }
  return getCase(db, a.keys, row.id);
}

export async function addTask(db: Db, a: Actor, input: In<'cases.addTask'>): Promise<CaseDetail> {
  const row = await bump(db, input.caseId, input.version, a.now);
  refuseClosed(row);
  await ensureAccount(db, input.ownerId);
  const id = crypto.randomUUID();
  await db
    .insertInto('case_tasks')
    .values({
      id,
      case_id: row.id,
      // sealed to protection and to the owner's own key; the plain column stays empty
      ...sealTaskTitle(a.keys, id, input.ownerId, input.title),
      due_on: input.dueOn,
      owner_id: input.ownerId,
      created_at: a.now.toISOString(),
      created_by: a.accountId,
      done_at: null,
      done_by: null,
      version: 1,
    })
    .execute();
  await chronicle(db, a, await casePupilIds(db, row.id), {
    kind: 'task',
    table: 'case_tasks',
    id,
    summary: `№${row.number}: ${input.title}${input.dueOn ? ` (${input.dueOn})` : ''}`,
  });
  return getCase(db, a.keys, row.id);
}

export async function setTaskDone(db: Db, a: Actor, input: In<'cases.setTaskDone'>): Promise<CaseTask> {
  const r = await db
    .updateTable('case_tasks')
    .set({ version: sql<number>`version + 1`, done_at: input.done ? a.now.toISOString() : null, done_by: input.done ? a.accountId : null })
    .where('id', '=', input.taskId)
    .where('version', '=', input.version)
    .executeTakeFirst();
  const t = await db.selectFrom('case_tasks').selectAll().where('id', '=', input.taskId).executeTakeFirst();
  if (!t) throw new AppError('not_found', 'no such task');
  if (Number(r.numUpdatedRows) !== 1) throw new AppError('cases.stale', 'the task changed since it was opened', { version: t.version });
  const who = await names(db, [t.owner_id]);
  return toTask(t, t.owner_id ? (who.get(t.owner_id) ?? null) : null, a.keys);
}

export async function myTasks(db: Db, keys: KeySource, accountId: string, includeDone: boolean): Promise<MyTask[]> {
  let q = db
    .selectFrom('case_tasks')
    .innerJoin('cases', 'cases.id', 'case_tasks.case_id')
    .selectAll('case_tasks')
    .select('cases.number as case_number')
    .where('case_tasks.owner_id', '=', accountId);
  if (!includeDone) q = q.where('case_tasks.done_at', 'is', null);
  const rows = await q.orderBy(sql`case_tasks.due_on IS NULL`).orderBy('case_tasks.due_on').limit(500).execute();
  const who = await names(db, [accountId]);
  return rows.map((t) => ({ ...toTask(t, who.get(accountId) ?? null, keys), caseNumber: t.case_number }));
}

export async function addNote(db: Db, a: Actor, input: In<'cases.addNote'>): Promise<CaseDetail> {
  const row = await bump(db, input.caseId, input.version, a.now);
  refuseClosed(row);
  const id = crypto.randomUUID();
  const sealed = input.confidential
    ? { text_enc: null, ...caseNoteProtected.write(a.keys, id, { confidential_enc: input.text }) }
    : { confidential_enc: null, ...caseNoteProtected.write(a.keys, id, { text_enc: input.text }) };
  await db
    .insertInto('case_notes')
    .values({ id, case_id: row.id, written_at: a.now.toISOString(), written_by: a.accountId, confidential: input.confidential ? 1 : 0, ...sealed })
    .execute();
  await chronicle(db, a, await casePupilIds(db, row.id), {
    kind: 'case_note',
    table: 'case_notes',
    id,
    summary: `№${row.number}: ${input.text}`,
    confidential: input.confidential,
  });
  return getCase(db, a.keys, row.id);
}

export async function addContact(db: Db, a: Actor, input: In<'cases.addContact'>): Promise<CaseDetail> {
  const row = await bump(db, input.caseId, input.version, a.now);
  refuseClosed(row);
  const pupils = await casePupilIds(db, row.id);
  if (input.pupilId && !pupils.includes(input.pupilId)) throw new AppError('not_found', 'the pupil is not in this case');
  const id = crypto.randomUUID();
  await db
    .insertInto('case_contacts')
    .values({
      id,
      case_id: row.id,
      at: input.at,
      method: input.method,
      pupil_id: input.pupilId,
      written_at: a.now.toISOString(),
      written_by: a.accountId,
      ...caseContactProtected.write(a.keys, id, { details_enc: { who: input.who, outcome: input.outcome } }),
    })
    .execute();
  await chronicle(db, a, input.pupilId ? [input.pupilId] : pupils, {
    kind: 'contact',
    table: 'case_contacts',
    id,
    occurredAt: whenIso(input.at),
    summary: `№${row.number}: ${input.who} — ${input.outcome}`,
  });
  return getCase(db, a.keys, row.id);
}

export async function closureApproval(db: Db): Promise<boolean> {
  const r = await db.selectFrom('case_settings').select('closure_approval').where('id', '=', 1).executeTakeFirst();
  return (r?.closure_approval ?? 0) === 1;
}

export async function setClosureApproval(db: Db, on: boolean): Promise<boolean> {
  await db.updateTable('case_settings').set({ closure_approval: on ? 1 : 0 }).where('id', '=', 1).execute();
  return closureApproval(db);
}

async function finishClosure(db: Db, a: Actor, row: Selectable<CasesTable>, approvedBy: string | null): Promise<void> {
  await db
    .updateTable('cases')
    .set({ stage: 'closed', closed_at: a.now.toISOString(), closure_state: 'closed', closure_approved_by: approvedBy })
    .where('id', '=', row.id)
    .execute();
  await retally(db, a.keys, 'cases', [row.opened_at, a.now.toISOString()], a.now);
  const c = caseProtected.read(a.keys, row.id, row).closure_enc;
  await chronicle(db, a, await casePupilIds(db, row.id), {
    kind: 'case_closed',
    table: 'cases',
    id: row.id,
    summary: `№${row.number}${c ? `: ${c.outcome}` : ''}`,
  });
}

/**
 * Closure with a reason and an outcome. Where the school asks for it (case_settings), the closure waits for the
 * director's decision (`decideClosure`); the case stays in its stage meanwhile.
 */
export async function closeCase(db: Db, a: Actor, input: In<'cases.close'>): Promise<CaseDetail> {
  const row = await bump(db, input.id, input.version, a.now);
  refuseClosed(row);
  if (row.closure_state === 'pending') throw new AppError('cases.closure_pending', 'the closure already waits for approval');
  const closure = caseProtected.write(a.keys, row.id, { closure_enc: { reason: input.reason, outcome: input.outcome } });
  await db
    .updateTable('cases')
    .set({ ...closure, closure_state: 'pending', closure_requested_at: a.now.toISOString(), closure_requested_by: a.accountId, closure_approved_by: null })
    .where('id', '=', row.id)
    .execute();
  if (!(await closureApproval(db))) {
    const fresh = await db.selectFrom('cases').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
    await finishClosure(db, a, fresh, null);
  }
  return getCase(db, a.keys, row.id);
}

export async function decideClosure(db: Db, a: Actor, input: In<'cases.decideClosure'>): Promise<CaseDetail> {
  const row = await bump(db, input.id, input.version, a.now);
  if (row.closure_state !== 'pending') throw new AppError('conflict', 'no closure waits for a decision');
  if (input.approve) await finishClosure(db, a, row, a.accountId);
  else {
    await db
      .updateTable('cases')
      .set({ closure_state: null, closure_enc: null, closure_requested_at: null, closure_requested_by: null })
      .where('id', '=', row.id)
      .execute();
  }
  return getCase(db, a.keys, row.id);
}

export async function reopenCase(db: Db, a: Actor, input: In<'cases.reopen'>): Promise<CaseDetail> {
  const row = await bump(db, input.id, input.version, a.now);
  if (row.stage !== 'closed') throw new AppError('conflict', 'only a closed case is reopened');
  await db
    .updateTable('cases')
    .set({ stage: input.stage, closed_at: null, closure_state: null, closure_enc: null, closure_requested_at: null, closure_requested_by: null, closure_approved_by: null })
    .where('id', '=', row.id)
    .execute();
  await retally(db, a.keys, 'cases', [row.opened_at, closedDayOf(row)], a.now);
  await chronicle(db, a, await casePupilIds(db, row.id), {
    kind: 'case_stage',
    table: 'cases',
    id: row.id,
    summary: { key: 'case_stage', case: row.number, from: 'closed', to: input.stage },
  });
  return getCase(db, a.keys, row.id);
}

export async function staff(db: Db): Promise<StaffMember[]> {
  const rows = await db.selectFrom('accounts').select(['id', 'display_name', 'roles']).where('disabled', '=', 0).orderBy('display_name').execute();
  return rows.map((r) => ({ id: r.id, displayName: r.display_name, roles: parseRoles(r.roles) }));
}

function parseRoles(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}
