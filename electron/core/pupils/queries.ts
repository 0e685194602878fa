import crypto from 'node:crypto';
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import { z } from 'zod';
import { parseIin } from '../../../shared/iin';
import { familyStatusSchema, type Pupil, type PupilPage, type pupilInputSchema } from '../../../shared/pupils';
import type { ClassRef } from '../../../shared/accounts';
import { inClasses } from '../accounts/classes';
import type { Database, PupilsTable } from '../db/schema';
import { AppError } from '../errors';

type Db = Kysely<Database> | Transaction<Database>;
type PupilInput = z.output<typeof pupilInputSchema>;

const familyJson = z.array(familyStatusSchema);

export function toPupil(r: Selectable<PupilsTable>): Pupil {
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
    familyStatus: familyJson.parse(JSON.parse(r.family_status)),
    onRegister: r.on_register === 1,
    archived: r.archived === 1,
  };
}

/** Turns what a person typed into an FTS5 prefix query: every word quoted (no FTS syntax gets through). */
export function ftsQuery(text: string): string | null {
  const words = text
    .split(/[\s"'*():^+-]+/u)
    .map((w) => w.trim())
    .filter((w) => w.length > 0)
    .slice(0, 6);
  return words.length ? words.map((w) => `"${w}"*`).join(' ') : null;
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

/** A page of pupils, filtered and searched in SQL (FTS5 for names), ordered by class then name. */
export async function listPupils(db: Db, f: ListFilter): Promise<PupilPage> {
  let q = db.selectFrom('pupils');
  if (!f.includeArchived) q = q.where('archived', '=', 0);
  if (f.classes) q = q.where(inClasses(f.classes));
  if (f.grade !== undefined) q = q.where('grade', '=', f.grade);
  if (f.classLetter) q = q.where('class_letter', '=', f.classLetter);
  if (f.onRegister !== undefined) q = q.where('on_register', '=', f.onRegister ? 1 : 0);
  const match = f.search ? ftsQuery(f.search) : null;
  if (f.search && !match) return { items: [], total: 0 };
  if (match) q = q.where(sql<boolean>`pupils.rowid IN (SELECT rowid FROM pupils_fts WHERE pupils_fts MATCH ${match})`);
  const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
  const rows = await q
    .selectAll()
    .orderBy('grade')
    .orderBy('class_letter')
    .orderBy('last_name')
    .orderBy('first_name')
    .limit(f.pageSize)
    .offset(f.page * f.pageSize)
    .execute();
  return { items: rows.map(toPupil), total };
}

export async function getPupil(db: Db, id: string): Promise<Pupil> {
  const r = await db.selectFrom('pupils').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('not_found', 'no such pupil');
  return toPupil(r);
}

function columns(p: PupilInput, now: Date) {
  const info = p.iin ? parseIin(p.iin) : null;
  return {
    iin: p.iin,
    last_name: p.lastName,
    first_name: p.firstName,
    middle_name: p.middleName,
    birth_date: info?.ok ? info.info.birthDate : null,
    sex: info?.ok ? info.info.sex : null,
    grade: p.grade,
    class_letter: p.classLetter,
    instruction_language: p.instructionLanguage,
    family_status: JSON.stringify([...new Set(p.familyStatus)]),
    updated_at: now.toISOString(),
  };
}

async function ensureIinFree(db: Db, iin: string | null, exceptId?: string): Promise<void> {
  if (!iin) return;
  const other = await db.selectFrom('pupils').select('id').where('iin', '=', iin).executeTakeFirst();
  if (other && other.id !== exceptId) throw new AppError('conflict', 'a pupil with this IIN exists', { field: 'iin' });
}

export async function createPupil(db: Db, p: PupilInput, now: Date): Promise<Pupil> {
  await ensureIinFree(db, p.iin);
  const id = crypto.randomUUID();
  await db
    .insertInto('pupils')
    .values({ id, ...columns(p, now), on_register: 0, archived: 0, created_at: now.toISOString() })
    .execute();
  return getPupil(db, id);
}

export async function updatePupil(db: Db, id: string, p: PupilInput, archived: boolean | undefined, now: Date): Promise<Pupil> {
  await getPupil(db, id);
  await ensureIinFree(db, p.iin, id);
  await db
    .updateTable('pupils')
    .set({ ...columns(p, now), ...(archived === undefined ? {} : { archived: archived ? 1 : 0 }) })
    .where('id', '=', id)
    .execute();
  return getPupil(db, id);
}
