import crypto from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import { z } from 'zod';
import { parseIin } from '../../../shared/iin';
import { type Pupil, type PupilPage, type pupilInputSchema } from '../../../shared/pupils';
import type { KeySource } from '../core';
import type { ClassRef } from '../../../shared/accounts';
import { inClasses } from '../accounts/classes';
import type { PupilsTable } from '../db/schema';
import type { Db } from '../db/types';
import { AppError } from '../errors';
import { pupilProtected } from './protected';
import { ensurePupilText, pupilSearchCondition, pupilSortKey } from './text-index';

type PupilInput = z.output<typeof pupilInputSchema>;

/** A row as read: the protection fields decrypted when the session holds the compartment, else null (hidden). */
export function toPupil(r: Selectable<PupilsTable>, keys: KeySource): Pupil {
  const prot = pupilProtected.read(keys, r.id, r);
  const holds = pupilProtected.canRead(keys);
  return {
    id: r.id,
    iin: r.iin,
    lastName: r.last_name,
    firstName: r.first_name,
    middleName: r.middle_name,
    birthDate: r.birth_date,
    sex: r.sex,
    grade: r.grade,
    classLetter: r.class_letter,
    instructionLanguage: r.instruction_language,
    // a holder reads [] / false for a pupil whose fields were never written; others read null (hidden)
    familyStatus: holds ? (prot.family_status_enc ?? []) : null,
    onRegister: holds ? (prot.on_register_enc ?? false) : null,
    archived: r.archived === 1,
    archiveReason: r.archive_reason,
    archivedOn: r.archived_on,
  };
}

export interface ListFilter {
  page: number;
  pageSize: number;
  search?: string | undefined;
  grade?: number | undefined;
  classLetter?: string | undefined;
  onRegister?: boolean | undefined;
  includeArchived: boolean;
  /** class scope: only pupils of these classes (null/undefined: the whole school) */
  classes?: readonly ClassRef[] | null | undefined;
}

/**
 * A page of pupils, filtered and searched in SQL (forgiving name search, IIN prefix), ordered by class then name in
 * the Kazakh alphabet. The register filter
 * is over a protected field: its ciphertexts are decrypted in memory (no plaintext index exists); a session without
 * the protection compartment cannot filter on it (`auth.forbidden`, which tells nothing about the pupils).
 */
export async function listPupils(db: Db, f: ListFilter, keys: KeySource): Promise<PupilPage> {
  await ensurePupilText(db);
  let q = db.selectFrom('pupils');
  if (!f.includeArchived) q = q.where('archived', '=', 0);
  if (f.classes) q = q.where(inClasses(f.classes));
  if (f.grade !== undefined) q = q.where('grade', '=', f.grade);
  if (f.classLetter) q = q.where('class_letter', '=', f.classLetter);
  const match = f.search ? pupilSearchCondition(f.search) : null;
  if (f.search && !match) return { items: [], total: 0 };
  if (match) q = q.where(match);
  const ordered = q.orderBy('grade').orderBy(pupilSortKey).orderBy('id');
  if (f.onRegister !== undefined) {
    if (!pupilProtected.canRead(keys, 'on_register_enc')) throw new AppError('keys.not_holder', 'the register filter needs the protection compartment');
    const all = await ordered.select(['id', 'on_register_enc']).execute();
    const hits = all.filter((r) => (pupilProtected.read(keys, r.id, { family_status_enc: null, on_register_enc: r.on_register_enc }).on_register_enc ?? false) === f.onRegister);
    const ids = hits.slice(f.page * f.pageSize, (f.page + 1) * f.pageSize).map((r) => r.id);
    const rows = ids.length ? await db.selectFrom('pupils').selectAll().where('id', 'in', ids).execute() : [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    const items = ids.map((id) => byId.get(id)).filter((r): r is Selectable<PupilsTable> => r !== undefined);
    return { items: items.map((r) => toPupil(r, keys)), total: hits.length };
  }
  // the page's ids and the number of all matches in one pass (the search function runs once per pupil, and the
  // sort handles narrow rows), then the page's rows
  const page = await ordered
    .select(['id', sql<number>`count(*) OVER ()`.as('matches')])
    .limit(f.pageSize)
    .offset(f.page * f.pageSize)
    .execute();
  const total = page[0] ? Number(page[0].matches) : Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
  const ids = page.map((r) => r.id);
  const rows = ids.length ? await db.selectFrom('pupils').selectAll().where('id', 'in', ids).execute() : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const items = ids.map((id) => byId.get(id)).filter((r): r is Selectable<PupilsTable> => r !== undefined);
  return { items: items.map((r) => toPupil(r, keys)), total };
}

export async function getPupil(db: Db, id: string, keys: KeySource): Promise<Pupil> {
  const r = await db.selectFrom('pupils').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('not_found', 'no such pupil');
  return toPupil(r, keys);
}

/**
 * The stored columns. A valid IIN gives the birth date and sex; a birth date or sex typed beside it must agree
 * (`validation` naming the field), and for a pupil without an IIN they are taken as given.
 */
export function columns(p: PupilInput, now: Date) {
  const info = p.iin ? parseIin(p.iin) : null;
  const derived = info?.ok ? info.info : null;
  if (derived && p.birthDate !== null && p.birthDate !== derived.birthDate) {
    throw new AppError('validation', 'the birth date does not match the IIN', { field: 'birthDate' });
  }
  if (derived && p.sex !== null && p.sex !== derived.sex) throw new AppError('validation', 'the sex does not match the IIN', { field: 'sex' });
  return {
    iin: p.iin,
    last_name: p.lastName,
    first_name: p.firstName,
    middle_name: p.middleName,
    birth_date: derived?.birthDate ?? p.birthDate,
    sex: derived?.sex ?? p.sex,
    grade: p.grade,
    class_letter: p.classLetter,
    instruction_language: p.instructionLanguage,
    updated_at: now.toISOString(),
  };
}

async function ensureIinFree(db: Db, iin: string | null, exceptId?: string): Promise<void> {
  if (!iin) return;
  const other = await db.selectFrom('pupils').select('id').where('iin', '=', iin).executeTakeFirst();
  if (other && other.id !== exceptId) throw new AppError('pupils.duplicate_iin', 'a pupil with this IIN exists', { field: 'iin' });
}

/**
 * The family status as ciphertext. A session without the protection compartment may not set one (and leaves the
 * stored one as it is): it never saw it.
 */
function protectedColumns(keys: KeySource, id: string, p: PupilInput, creating: boolean) {
  const familyStatus = [...new Set(p.familyStatus)];
  if (!pupilProtected.canRead(keys)) {
    if (familyStatus.length > 0) throw new AppError('keys.not_holder', 'the family status needs the protection compartment');
    return {};
  }
  return creating
    ? pupilProtected.write(keys, id, { family_status_enc: familyStatus, on_register_enc: false })
    : pupilProtected.write(keys, id, { family_status_enc: familyStatus });
}

export async function createPupil(db: Db, p: PupilInput, now: Date, keys: KeySource): Promise<Pupil> {
  return getPupil(db, await insertPupil(db, p, now, keys), keys);
}

/** Inserts a pupil (the IIN checked free); returns the new id. */
export async function insertPupil(db: Db, p: PupilInput, now: Date, keys: KeySource): Promise<string> {
  await ensureIinFree(db, p.iin);
  const row = newPupilRow(p, now, keys);
  await db.insertInto('pupils').values(row).execute();
  return row.id;
}

/** The row of a new pupil (id, columns, sealed protection fields), for one insert or a batch (the import). */
export function newPupilRow(p: PupilInput, now: Date, keys: KeySource) {
  const id = crypto.randomUUID();
  return { id, ...columns(p, now), ...protectedColumns(keys, id, p, true), family_status: '[]', on_register: 0, archived: 0, created_at: now.toISOString() };
}

/** Refuses a write about an archived pupil (`pupils.archived`): the archive is read-only. */
export async function ensureActive(db: Db, pupilId: string): Promise<void> {
  const r = await db.selectFrom('pupils').select('archived').where('id', '=', pupilId).executeTakeFirst();
  if (!r) throw new AppError('not_found', 'no such pupil');
  if (r.archived === 1) throw new AppError('pupils.archived', 'the pupil is archived: the record is read-only');
}

export async function updatePupil(db: Db, id: string, p: PupilInput, now: Date, keys: KeySource): Promise<Pupil> {
  await ensureActive(db, id);
  await ensureIinFree(db, p.iin, id);
  await db
    .updateTable('pupils')
    .set({ ...columns(p, now), ...protectedColumns(keys, id, p, false) })
    .where('id', '=', id)
    .execute();
  return getPupil(db, id, keys);
}
