/**
 * The register's rules and queries. Writes run inside the registry's transaction (`db` is it) and keep three things
 * in step with the entry: the pupil's `on_register_enc` flag (the pupils list filters on it), the pupil's chronology
 * (register_on / register_off / register_review / register_external / prevention_plan) and the entry's `version`
 * (a write carrying an older version is refused as `register.changed`: "changed since you opened it").
 */
import crypto from 'node:crypto';
import type { Selectable } from 'kysely';
import { z } from 'zod';
import { academicYearOf, isoDate } from '../../../shared/calendar';
import type { ChronologyKind } from '../../../shared/chronology';
import {
  defaultNextReview,
  type Decision,
  type ExternalRegistration,
  type PreventionMeasure,
  type PupilRegister,
  type RegisterEntry,
  type RegisterGround,
  type RegisterList,
  type RegisterListItem,
  type RegisterReview,
  type ReviewOutcome,
  type StaffMember,
  type registerMethods,
  registerDateRules,
} from '../../../shared/register';
import { PUPIL_READERS } from '../../../shared/permissions';
import type { Language } from '../../../shared/roles';
import { clip, encodeMessage, type ChronologyMessage } from '../chronology/messages';
import { chronologyProtected, recordChronology, removeChronology, updateChronologySummary } from '../chronology/record';
import type { KeySource } from '../core';
import type { Database } from '../db/schema';
import type { Actor, Db } from '../db/types';
import { AppError } from '../errors';
import { readCalendar } from '../plans/calendar';
import { pupilProtected } from '../pupils/protected';
import { entryProtected, externalProtected, measureProtected, reviewProtected } from './protected';
import type { PreventionMeasuresTable, RegisterEntriesTable } from './tables';

type In<M extends keyof typeof registerMethods> = z.output<(typeof registerMethods)[M]['input']>;

const ENTRY = 'register_entries';
const MEASURE = 'prevention_measures';
const EXTERNAL = 'register_external';

function requireKey(keys: KeySource): void {
  if (!entryProtected.canRead(keys)) throw new AppError('keys.not_holder', 'the register needs the protection compartment');
}

// ---------------------------------------------------------------------------------------------------------------
// grounds

export async function listGrounds(db: Db): Promise<RegisterGround[]> {
  const rows = await db.selectFrom('register_grounds').selectAll().orderBy('position').execute();
  return rows.map((r) => ({ id: r.id, code: r.code, labelKk: r.label_kk, labelRu: r.label_ru, retired: r.retired === 1 }));
}

async function groundsInUse(db: Db, keys: KeySource): Promise<Set<string>> {
  const rows = await db.selectFrom('register_entries').select(['id', 'grounds_enc']).execute();
  const used = new Set<string>();
  for (const r of rows) for (const g of entryProtected.read(keys, r.id, { grounds_enc: r.grounds_enc, notes_enc: null, off_reason_enc: null }).grounds_enc ?? []) used.add(g);
  return used;
}

/**
 * Replaces the list: listed rows with an id are edited (in the order given), rows without one added. A ground left
 * out is deleted when no entry ever used it; one in use must be retired instead (`register.ground_in_use`).
 */
export async function saveGrounds(db: Db, input: In<'register.saveGrounds'>, actor: Actor): Promise<RegisterGround[]> {
  requireKey(actor.keys);
  const existing = await listGrounds(db);
  const byId = new Map(existing.map((g) => [g.id, g]));
  const kept = new Set<string>();
  for (const g of input.grounds) {
    if (g.id !== undefined) {
      if (!byId.has(g.id)) throw new AppError('not_found', 'no such ground');
      if (kept.has(g.id)) throw new AppError('validation', 'a ground is listed twice');
      kept.add(g.id);
    }
  }
  const dropped = existing.filter((g) => !kept.has(g.id));
  if (dropped.length > 0) {
    const used = await groundsInUse(db, actor.keys);
    if (dropped.some((g) => used.has(g.id))) throw new AppError('register.ground_in_use', 'a ground in use can only be retired');
    await db.deleteFrom('register_grounds').where('id', 'in', dropped.map((g) => g.id)).execute();
  }
  const at = actor.now.toISOString();
  let position = 0;
  for (const g of input.grounds) {
    const values = { label_kk: g.labelKk, label_ru: g.labelRu, retired: g.retired ? 1 : 0, position: position++, updated_at: at };
    if (g.id !== undefined) await db.updateTable('register_grounds').set(values).where('id', '=', g.id).execute();
    else await db.insertInto('register_grounds').values({ id: crypto.randomUUID(), code: null, ...values }).execute();
  }
  return listGrounds(db);
}

async function checkGrounds(db: Db, ids: readonly string[], allowRetired: ReadonlySet<string>): Promise<string[]> {
  const unique = [...new Set(ids)];
  const rows = await db.selectFrom('register_grounds').select(['id', 'retired']).where('id', 'in', unique).execute();
  const ok = new Map(rows.map((r) => [r.id, r.retired === 1]));
  for (const id of unique) {
    const retired = ok.get(id);
    if (retired === undefined || (retired && !allowRetired.has(id))) throw new AppError('register.bad_ground', 'a ground is unknown or retired');
  }
  return unique;
}

// ---------------------------------------------------------------------------------------------------------------
// reading

/** Active accounts that work with pupils (any role of `PUPIL_READERS`): curators and measures' responsible. */
export async function listStaff(db: Db): Promise<StaffMember[]> {
  const rows = await db.selectFrom('accounts').select(['id', 'display_name', 'roles']).where('disabled', '=', 0).orderBy('display_name').execute();
  return rows
    .filter((r) => {
      const roles = z.array(z.string()).safeParse(JSON.parse(r.roles) as unknown);
      return roles.success && roles.data.some((role) => (PUPIL_READERS as readonly string[]).includes(role));
    })
    .map((r) => ({ id: r.id, displayName: r.display_name }));
}

function decisionOf(number: string, date: string, body: 'council' | 'director'): Decision {
  return { number, date, body };
}

async function accountNames(db: Db, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const list = [...new Set(ids.filter((i): i is string => i !== null))];
  if (list.length === 0) return new Map();
  const rows = await db.selectFrom('accounts').select(['id', 'display_name']).where('id', 'in', list).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

function toMeasure(r: Selectable<PreventionMeasuresTable>, keys: KeySource, names: Map<string, string>, today: string): PreventionMeasure {
  const p = measureProtected.read(keys, r.id, r);
  return {
    id: r.id,
    entryId: r.entry_id,
    position: r.position,
    what: p.what_enc,
    responsibleId: r.responsible_id,
    responsibleName: r.responsible_id ? (names.get(r.responsible_id) ?? null) : null,
    responsibleText: p.responsible_text_enc,
    dueOn: r.due_on,
    doneOn: r.done_on,
    overdue: r.done_on === null && r.due_on !== null && r.due_on < today,
    result: p.result_enc,
    version: r.version,
  };
}

async function toEntries(db: Db, rows: Selectable<RegisterEntriesTable>[], keys: KeySource, today: string): Promise<RegisterEntry[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const reviews = await db.selectFrom('register_reviews').selectAll().where('entry_id', 'in', ids).orderBy('reviewed_on', 'desc').orderBy('written_at', 'desc').execute();
  const measures = await db.selectFrom('prevention_measures').selectAll().where('entry_id', 'in', ids).orderBy('position').execute();
  const names = await accountNames(db, [...rows.map((r) => r.curator_id), ...reviews.map((r) => r.written_by), ...measures.map((m) => m.responsible_id)]);
  return rows.map((r) => {
    const p = entryProtected.read(keys, r.id, r);
    const own: RegisterReview[] = reviews
      .filter((v) => v.entry_id === r.id)
      .map((v) => {
        const vp = reviewProtected.read(keys, v.id, v);
        return {
          id: v.id,
          reviewedOn: v.reviewed_on,
          outcome: vp.outcome_enc,
          note: vp.note_enc,
          nextReviewOn: v.next_review_on,
          writtenBy: v.written_by ? (names.get(v.written_by) ?? null) : null,
          writtenAt: v.written_at,
        };
      });
    return {
      id: r.id,
      pupilId: r.pupil_id,
      on: decisionOf(r.on_number, r.on_date, r.on_body),
      off: r.off_date !== null && r.off_number !== null && r.off_body !== null ? decisionOf(r.off_number, r.off_date, r.off_body) : null,
      groundIds: p.grounds_enc,
      notes: p.notes_enc,
      offReason: p.off_reason_enc,
      curatorId: r.curator_id,
      curatorName: r.curator_id ? (names.get(r.curator_id) ?? null) : null,
      reviewMonths: r.review_months,
      nextReviewOn: r.next_review_on,
      reviewDue: r.off_date === null && r.next_review_on !== null && r.next_review_on <= today,
      reviews: own,
      measures: measures.filter((m) => m.entry_id === r.id).map((m) => toMeasure(m, keys, names, today)),
      version: r.version,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  });
}

export async function getEntry(db: Db, id: string, keys: KeySource, today: string): Promise<RegisterEntry> {
  const r = await db.selectFrom('register_entries').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('not_found', 'no such register entry');
  const [entry] = await toEntries(db, [r], keys, today);
  return entry!;
}

function toExternal(r: Selectable<Database['register_external']>, keys: KeySource): ExternalRegistration {
  const d = externalProtected.read(keys, r.id, r).details_enc;
  return { id: r.id, pupilId: r.pupil_id, body: d?.body ?? null, fromDate: r.from_date, toDate: r.to_date, note: d?.note ?? null, version: r.version };
}

export async function pupilRegister(db: Db, pupilId: string, keys: KeySource, today: string): Promise<PupilRegister> {
  const pupil = await db.selectFrom('pupils').select('id').where('id', '=', pupilId).executeTakeFirst();
  if (!pupil) throw new AppError('not_found', 'no such pupil');
  const rows = await db.selectFrom('register_entries').selectAll().where('pupil_id', '=', pupilId).orderBy('on_date', 'desc').execute();
  // the open entry first, then the closed ones, newest first
  rows.sort((a, b) => Number(a.off_date !== null) - Number(b.off_date !== null));
  const external = await db.selectFrom('register_external').selectAll().where('pupil_id', '=', pupilId).orderBy('from_date', 'desc').execute();
  return { pupilId, entries: await toEntries(db, rows, keys, today), external: external.map((r) => toExternal(r, keys)) };
}

/**
 * The register list: one row per entry (open ones, or all), ordered with due reviews first, then by class and
 * name. Everything is answered in SQL but the grounds (ciphertext, decrypted per row).
 */
export async function listRegister(db: Db, f: { includeClosed: boolean; dueOnly: boolean; today: string }, keys: KeySource): Promise<RegisterList> {
  let q = db
    .selectFrom('register_entries as e')
    .innerJoin('pupils as p', 'p.id', 'e.pupil_id')
    .leftJoin('accounts as a', 'a.id', 'e.curator_id')
    .select([
      'e.id',
      'e.pupil_id',
      'e.on_number',
      'e.on_date',
      'e.on_body',
      'e.off_date',
      'e.grounds_enc',
      'e.curator_id',
      'a.display_name as curator_name',
      'e.next_review_on',
      'p.last_name',
      'p.first_name',
      'p.grade',
      'p.class_letter',
    ])
    .select((eb) => [
      eb
        .selectFrom('prevention_measures as m')
        .select((x) => x.fn.countAll<number>().as('n'))
        .whereRef('m.entry_id', '=', 'e.id')
        .where('m.done_on', 'is', null)
        .as('open_measures'),
      eb
        .selectFrom('prevention_measures as m')
        .select((x) => x.fn.countAll<number>().as('n'))
        .whereRef('m.entry_id', '=', 'e.id')
        .where('m.done_on', 'is', null)
        .where('m.due_on', '<', f.today)
        .as('overdue_measures'),
    ]);
  if (!f.includeClosed || f.dueOnly) q = q.where('e.off_date', 'is', null);
  if (f.dueOnly) q = q.where('e.next_review_on', '<=', f.today);
  const rows = await q.orderBy('p.grade').orderBy('p.class_letter').orderBy('p.last_name').orderBy('p.first_name').orderBy('e.on_date', 'desc').execute();
  const items: RegisterListItem[] = rows.map((r) => ({
    entryId: r.id,
    pupilId: r.pupil_id,
    lastName: r.last_name,
    firstName: r.first_name,
    grade: r.grade,
    classLetter: r.class_letter,
    on: decisionOf(r.on_number, r.on_date, r.on_body),
    offDate: r.off_date,
    groundIds: entryProtected.read(keys, r.id, { grounds_enc: r.grounds_enc, notes_enc: null, off_reason_enc: null }).grounds_enc,
    curatorId: r.curator_id,
    curatorName: r.curator_name ?? null,
    nextReviewOn: r.next_review_on,
    reviewDue: r.off_date === null && r.next_review_on !== null && r.next_review_on <= f.today,
    openMeasures: Number(r.open_measures ?? 0),
    overdueMeasures: Number(r.overdue_measures ?? 0),
  }));
  // due first (the list's point), the rest in class order
  items.sort((a, b) => Number(b.reviewDue) - Number(a.reviewDue));
  const due = await db
    .selectFrom('register_entries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('off_date', 'is', null)
    .where('next_review_on', '<=', f.today)
    .executeTakeFirst();
  return { items, dueCount: Number(due?.n ?? 0) };
}

// ---------------------------------------------------------------------------------------------------------------
// chronology lines (stored as messages, read in the reader's language; they never name another child)

const BODY = {
  kk: { council: 'профилактика кеңесінің', director: 'директордың' },
  ru: { council: 'совета профилактики', director: 'директора' },
} as const;
const OUTCOME: Record<Language, Record<ReviewOutcome, string>> = {
  kk: { improved: 'жақсарды', no_change: 'өзгеріс жоқ', worse: 'нашарлады', ready_to_take_off: 'есептен шығаруға ұсынылады' },
  ru: { improved: 'улучшение', no_change: 'без изменений', worse: 'ухудшение', ready_to_take_off: 'рекомендовано снять с учёта' },
};

async function groundLabels(db: Db, ids: readonly string[]): Promise<Record<Language, string>> {
  if (ids.length === 0) return { kk: '', ru: '' };
  const rows = await db.selectFrom('register_grounds').select(['id', 'label_kk', 'label_ru']).where('id', 'in', [...ids]).execute();
  const by = new Map(rows.map((r) => [r.id, r]));
  const list = (lang: Language) => ids.map((i) => { const r = by.get(i); return r ? (lang === 'kk' ? r.label_kk : r.label_ru) : '?'; }).join('; ');
  return { kk: clip(list('kk'), 600), ru: clip(list('ru'), 600) };
}

/** The chronology's register_on message (the grounds' labels in both languages: the school's list may change). */
async function onMessage(db: Db, decision: Decision, groundIds: readonly string[]): Promise<ChronologyMessage> {
  return { key: 'register_on', decision, grounds: await groundLabels(db, groundIds) };
}

// The register's chronology lines in words (chronology/render.ts puts a stored message into them, in the reader's language).

export function onLine(d: Decision, grounds: Record<Language, string>, lang: Language): string {
  return lang === 'kk'
    ? `Мектепішілік есепке қойылды: ${BODY.kk[d.body]} шешімі № ${d.number}, ${d.date}. Негіздері: ${grounds.kk}`
    : `Поставлен на внутришкольный учёт: решение ${BODY.ru[d.body]} № ${d.number} от ${d.date}. Основания: ${grounds.ru}`;
}

export function offLine(d: Decision, lang: Language): string {
  return lang === 'kk'
    ? `Мектепішілік есептен шығарылды: ${BODY.kk[d.body]} шешімі № ${d.number}, ${d.date}`
    : `Снят с внутришкольного учёта: решение ${BODY.ru[d.body]} № ${d.number} от ${d.date}`;
}

export function reviewLine(outcome: ReviewOutcome, next: string | null, lang: Language): string {
  return lang === 'kk'
    ? `Есептегі оқушының жағдайы қаралды: ${OUTCOME.kk[outcome]}${next ? `; келесі қарау ${next}` : ''}`
    : `Пересмотр учёта: ${OUTCOME.ru[outcome]}${next ? `; следующий пересмотр ${next}` : ''}`;
}

export function externalLine(body: 'juvenile_police' | 'kdn', from: string, to: string | null, lang: Language): string {
  const name = lang === 'kk' ? (body === 'kdn' ? 'КТІЖК' : 'ювеналды полиция') : body === 'kdn' ? 'КДН' : 'ПДН';
  return lang === 'kk' ? `${name} есебі: ${from}${to ? ` – ${to}` : ' бастап'}` : `Учёт ${name}: с ${from}${to ? ` по ${to}` : ''}`;
}

export function measureLine(what: string, dueOn: string | null, doneOn: string | null, lang: Language): string {
  const head = lang === 'kk' ? 'Жеке профилактика жоспары' : 'Индивидуальный план профилактики';
  const state = doneOn
    ? lang === 'kk' ? `орындалды ${doneOn}` : `выполнено ${doneOn}`
    : dueOn ? lang === 'kk' ? `мерзімі ${dueOn}` : `срок ${dueOn}` : '';
  return `${head}: ${what}${state ? ` (${state})` : ''}`;
}

function chronology(db: Db, actor: Actor, pupilId: string, kind: ChronologyKind, source: { table: string; id: string }, summary: ChronologyMessage, occurredAt: string) {
  return recordChronology(db, actor.keys, { accountId: actor.accountId, now: actor.now }, { pupilId, kind, source, summary, occurredAt });
}

// ---------------------------------------------------------------------------------------------------------------
// writing

async function setOnRegister(db: Db, keys: KeySource, pupilId: string, on: boolean, now: Date): Promise<void> {
  await db
    .updateTable('pupils')
    .set({ ...pupilProtected.write(keys, pupilId, { on_register_enc: on }), updated_at: now.toISOString() })
    .where('id', '=', pupilId)
    .execute();
}

/** Moves the entry's version on; refuses a write made from an older version (`register.changed`). */
async function bump(db: Db, id: string, version: number, actor: Actor): Promise<Selectable<RegisterEntriesTable>> {
  const r = await db.selectFrom('register_entries').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('not_found', 'no such register entry');
  if (r.version !== version) throw new AppError('register.changed', 'the entry changed since it was opened', { version: r.version });
  await db
    .updateTable('register_entries')
    .set({ version: version + 1, updated_at: actor.now.toISOString(), updated_by: actor.accountId })
    .where('id', '=', id)
    .where('version', '=', version)
    .execute();
  return r;
}

async function calendarsAround(db: Db, date: string) {
  const y = academicYearOf(date);
  return Promise.all([readCalendar(db, y), readCalendar(db, y + 1)]);
}

async function assertAccount(db: Db, id: string | null): Promise<void> {
  if (id === null) return;
  const a = await db.selectFrom('accounts').select(['id', 'disabled']).where('id', '=', id).executeTakeFirst();
  if (!a || a.disabled === 1) throw new AppError('not_found', 'no such active account');
}

export async function putOn(db: Db, input: In<'register.putOn'>, actor: Actor): Promise<RegisterEntry> {
  requireKey(actor.keys);
  const pupil = await db.selectFrom('pupils').select(['id', 'archived']).where('id', '=', input.pupilId).executeTakeFirst();
  if (!pupil) throw new AppError('not_found', 'no such pupil');
  if (pupil.archived === 1) throw new AppError('register.pupil_archived', 'an archived pupil is read-only');
  const open = await db.selectFrom('register_entries').select('id').where('pupil_id', '=', input.pupilId).where('off_date', 'is', null).executeTakeFirst();
  if (open) throw new AppError('register.already_on', 'the pupil is already on the register', { entryId: open.id });
  const grounds = await checkGrounds(db, input.groundIds, new Set());
  await assertAccount(db, input.curatorId);
  const next = input.firstReviewOn ?? defaultNextReview(input.decision.date, await calendarsAround(db, input.decision.date), input.reviewMonths);
  if (!registerDateRules.inOrder(input.decision.date, next)) throw new AppError('register.bad_dates', 'the first review is before the decision', { field: 'firstReviewOn' });
  const id = crypto.randomUUID();
  const at = actor.now.toISOString();
  await db
    .insertInto('register_entries')
    .values({
      id,
      pupil_id: input.pupilId,
      on_number: input.decision.number,
      on_date: input.decision.date,
      on_body: input.decision.body,
      off_number: null,
      off_date: null,
      off_body: null,
      ...entryProtected.write(actor.keys, id, { grounds_enc: grounds, notes_enc: input.notes }),
      off_reason_enc: null,
      curator_id: input.curatorId,
      review_months: input.reviewMonths,
      next_review_on: next,
      version: 1,
      created_at: at,
      created_by: actor.accountId,
      updated_at: at,
      updated_by: actor.accountId,
    })
    .execute();
  await setOnRegister(db, actor.keys, input.pupilId, true, actor.now);
  await chronology(db, actor, input.pupilId, 'register_on', { table: ENTRY, id }, await onMessage(db, input.decision, grounds), input.decision.date);
  return getEntry(db, id, actor.keys, isoDate(actor.now));
}

export async function updateEntry(db: Db, input: In<'register.update'>, actor: Actor): Promise<RegisterEntry> {
  requireKey(actor.keys);
  const before = await bump(db, input.entryId, input.version, actor);
  const had = new Set(entryProtected.read(actor.keys, before.id, before).grounds_enc ?? []);
  const grounds = await checkGrounds(db, input.groundIds, had);
  await assertAccount(db, input.curatorId);
  if (!registerDateRules.inOrder(input.decision.date, before.off_date)) throw new AppError('register.bad_dates', 'put on after taken off', { field: 'decision.date' });
  if (!registerDateRules.inOrder(input.decision.date, input.nextReviewOn)) throw new AppError('register.bad_dates', 'review before the decision', { field: 'nextReviewOn' });
  await db
    .updateTable('register_entries')
    .set({
      on_number: input.decision.number,
      on_date: input.decision.date,
      on_body: input.decision.body,
      ...entryProtected.write(actor.keys, before.id, { grounds_enc: grounds, notes_enc: input.notes }),
      curator_id: input.curatorId,
      review_months: input.reviewMonths,
      // a closed entry has no review ahead
      next_review_on: before.off_date === null ? input.nextReviewOn : null,
    })
    .where('id', '=', before.id)
    .execute();
  // the register_on line follows a corrected decision or grounds (the register_off line of the same entry stays)
  const lines = await db.selectFrom('chronology').select('id').where('source_table', '=', ENTRY).where('source_id', '=', before.id).where('kind', '=', 'register_on').execute();
  const summary = encodeMessage(await onMessage(db, input.decision, grounds));
  for (const l of lines) {
    await db
      .updateTable('chronology')
      .set({ ...chronologyProtected.write(actor.keys, l.id, { summary_enc: summary }), confidential_enc: null, occurred_at: input.decision.date })
      .where('id', '=', l.id)
      .execute();
  }
  return getEntry(db, before.id, actor.keys, isoDate(actor.now));
}

export async function takeOff(db: Db, input: In<'register.takeOff'>, actor: Actor): Promise<RegisterEntry> {
  requireKey(actor.keys);
  const before = await bump(db, input.entryId, input.version, actor);
  if (before.off_date !== null) throw new AppError('register.not_on', 'the entry is already closed');
  if (!registerDateRules.notBeforeOn(before.on_date, input.decision.date)) throw new AppError('register.bad_dates', 'taken off before put on', { field: 'decision.date' });
  await db
    .updateTable('register_entries')
    .set({
      off_number: input.decision.number,
      off_date: input.decision.date,
      off_body: input.decision.body,
      ...entryProtected.write(actor.keys, before.id, { off_reason_enc: input.reason }),
      next_review_on: null,
    })
    .where('id', '=', before.id)
    .execute();
  await setOnRegister(db, actor.keys, before.pupil_id, false, actor.now);
  await chronology(db, actor, before.pupil_id, 'register_off', { table: ENTRY, id: before.id }, { key: 'register_off', decision: input.decision }, input.decision.date);
  return getEntry(db, before.id, actor.keys, isoDate(actor.now));
}

export async function addReview(db: Db, input: In<'register.review'>, actor: Actor): Promise<RegisterEntry> {
  requireKey(actor.keys);
  const before = await bump(db, input.entryId, input.version, actor);
  if (before.off_date !== null) throw new AppError('register.not_on', 'a closed entry is not reviewed');
  if (!registerDateRules.notBeforeOn(before.on_date, input.reviewedOn)) throw new AppError('register.bad_dates', 'a review before the decision', { field: 'reviewedOn' });
  const next =
    input.nextReviewOn === undefined
      ? defaultNextReview(input.reviewedOn, await calendarsAround(db, input.reviewedOn), before.review_months)
      : input.nextReviewOn;
  if (!registerDateRules.nextAfterReview(input.reviewedOn, next)) throw new AppError('register.bad_dates', 'the next review is not after this one', { field: 'nextReviewOn' });
  const id = crypto.randomUUID();
  await db
    .insertInto('register_reviews')
    .values({
      id,
      entry_id: before.id,
      reviewed_on: input.reviewedOn,
      ...reviewProtected.write(actor.keys, id, { outcome_enc: input.outcome, note_enc: input.note }),
      next_review_on: next,
      written_at: actor.now.toISOString(),
      written_by: actor.accountId,
    })
    .execute();
  await db.updateTable('register_entries').set({ next_review_on: next }).where('id', '=', before.id).execute();
  await chronology(db, actor, before.pupil_id, 'register_review', { table: 'register_reviews', id }, { key: 'register_review', outcome: input.outcome, next }, input.reviewedOn);
  return getEntry(db, before.id, actor.keys, isoDate(actor.now));
}

export async function saveExternal(db: Db, input: In<'register.saveExternal'>, actor: Actor): Promise<ExternalRegistration> {
  requireKey(actor.keys);
  if (!registerDateRules.inOrder(input.fromDate, input.toDate)) throw new AppError('register.bad_dates', 'ends before it starts', { field: 'toDate' });
  const pupil = await db.selectFrom('pupils').select(['id', 'archived']).where('id', '=', input.pupilId).executeTakeFirst();
  if (!pupil) throw new AppError('not_found', 'no such pupil');
  if (pupil.archived === 1) throw new AppError('register.pupil_archived', 'an archived pupil is read-only');
  const at = actor.now.toISOString();
  const summary: ChronologyMessage = { key: 'register_external', body: input.body, from: input.fromDate, to: input.toDate };
  if (input.id === undefined) {
    const id = crypto.randomUUID();
    await db
      .insertInto('register_external')
      .values({
        id,
        pupil_id: input.pupilId,
        ...externalProtected.write(actor.keys, id, { details_enc: { body: input.body, note: input.note } }),
        from_date: input.fromDate,
        to_date: input.toDate,
        version: 1,
        created_at: at,
        created_by: actor.accountId,
        updated_at: at,
      })
      .execute();
    await chronology(db, actor, input.pupilId, 'register_external', { table: EXTERNAL, id }, summary, input.fromDate);
    return toExternal((await db.selectFrom('register_external').selectAll().where('id', '=', id).executeTakeFirstOrThrow()), actor.keys);
  }
  const r = await db.selectFrom('register_external').selectAll().where('id', '=', input.id).executeTakeFirst();
  if (!r || r.pupil_id !== input.pupilId) throw new AppError('not_found', 'no such outside registration');
  if (r.version !== input.version) throw new AppError('register.changed', 'the record changed since it was opened', { version: r.version });
  await db
    .updateTable('register_external')
    .set({
      ...externalProtected.write(actor.keys, r.id, { details_enc: { body: input.body, note: input.note } }),
      from_date: input.fromDate,
      to_date: input.toDate,
      version: r.version + 1,
      updated_at: at,
    })
    .where('id', '=', r.id)
    .execute();
  await updateChronologySummary(db, actor.keys, { table: EXTERNAL, id: r.id }, { summary, occurredAt: input.fromDate });
  return toExternal((await db.selectFrom('register_external').selectAll().where('id', '=', r.id).executeTakeFirstOrThrow()), actor.keys);
}

export async function removeExternal(db: Db, input: In<'register.removeExternal'>): Promise<null> {
  const r = await db.selectFrom('register_external').select(['id', 'version']).where('id', '=', input.id).executeTakeFirst();
  if (!r) throw new AppError('not_found', 'no such outside registration');
  if (r.version !== input.version) throw new AppError('register.changed', 'the record changed since it was opened', { version: r.version });
  await db.deleteFrom('register_external').where('id', '=', r.id).execute();
  await removeChronology(db, { table: EXTERNAL, id: r.id });
  return null;
}

/** Adds or edits a measure of the entry's prevention plan (the entry must be open to add one). */
export async function saveMeasure(db: Db, input: In<'register.saveMeasure'>, actor: Actor): Promise<RegisterEntry> {
  requireKey(actor.keys);
  const entry = await db.selectFrom('register_entries').select(['id', 'pupil_id', 'off_date', 'on_date']).where('id', '=', input.entryId).executeTakeFirst();
  if (!entry) throw new AppError('not_found', 'no such register entry');
  await assertAccount(db, input.responsibleId);
  if (!registerDateRules.notBeforeOn(entry.on_date, input.doneOn)) throw new AppError('register.bad_dates', 'done before the pupil was put on', { field: 'doneOn' });
  const at = actor.now.toISOString();
  const summary: ChronologyMessage = { key: 'prevention_plan', what: clip(input.what, 1200), dueOn: input.dueOn, doneOn: input.doneOn };
  const sealed = (id: string) =>
    measureProtected.write(actor.keys, id, { what_enc: input.what, responsible_text_enc: input.responsibleText, result_enc: input.result });
  if (input.id === undefined) {
    if (entry.off_date !== null) throw new AppError('register.not_on', 'a closed entry takes no new measures');
    const id = crypto.randomUUID();
    const last = await db.selectFrom('prevention_measures').select((eb) => eb.fn.max<number>('position').as('p')).where('entry_id', '=', entry.id).executeTakeFirst();
    await db
      .insertInto('prevention_measures')
      .values({
        id,
        entry_id: entry.id,
        position: (last?.p ?? -1) + 1,
        ...sealed(id),
        responsible_id: input.responsibleId,
        due_on: input.dueOn,
        done_on: input.doneOn,
        version: 1,
        created_at: at,
        created_by: actor.accountId,
        updated_at: at,
        updated_by: actor.accountId,
      })
      .execute();
    await chronology(db, actor, entry.pupil_id, 'prevention_plan', { table: MEASURE, id }, summary, input.doneOn ?? at);
  } else {
    const m = await db.selectFrom('prevention_measures').select(['id', 'entry_id', 'version']).where('id', '=', input.id).executeTakeFirst();
    if (!m || m.entry_id !== entry.id) throw new AppError('not_found', 'no such measure');
    if (m.version !== input.version) throw new AppError('register.changed', 'the measure changed since it was opened', { version: m.version });
    await db
      .updateTable('prevention_measures')
      .set({ ...sealed(m.id), responsible_id: input.responsibleId, due_on: input.dueOn, done_on: input.doneOn, version: m.version + 1, updated_at: at, updated_by: actor.accountId })
      .where('id', '=', m.id)
      .execute();
    await updateChronologySummary(db, actor.keys, { table: MEASURE, id: m.id }, { summary, ...(input.doneOn ? { occurredAt: input.doneOn } : {}) });
  }
  return getEntry(db, entry.id, actor.keys, isoDate(actor.now));
}

export async function removeMeasure(db: Db, input: In<'register.removeMeasure'>, keys: KeySource, today: string): Promise<RegisterEntry> {
  const m = await db.selectFrom('prevention_measures').select(['id', 'entry_id', 'version']).where('id', '=', input.id).executeTakeFirst();
  if (!m) throw new AppError('not_found', 'no such measure');
  if (m.version !== input.version) throw new AppError('register.changed', 'the measure changed since it was opened', { version: m.version });
  await db.deleteFrom('prevention_measures').where('id', '=', m.id).execute();
  await removeChronology(db, { table: MEASURE, id: m.id });
  return getEntry(db, m.entry_id, keys, today);
}
