/**
 * Class scope: the classes an account is tied to ("7 Ә" = grade 7, letter Ә). A class teacher — an account whose
 * only roles granting a pupil method are class-scoped — lists and opens only the pupils of those classes and never
 * sees their protection fields. The registry resolves the scope (`ctx.classScope`) for methods registered with
 * `scope: 'classes'`; the queries filter in SQL.
 */
import { sql } from 'kysely';
import type { ClassRef } from '../../../shared/accounts';
import type { Role } from '../../../shared/roles';
import type { Db } from '../db/types';
import { AppError } from '../errors';
import type { Access, HandlersFor } from '../registry';

/** Roles whose reach is limited to their own classes. */
export const CLASS_SCOPED_ROLES: readonly Role[] = ['class_teacher'];

/**
 * True when every role of the session that grants `access` is class-scoped: the caller sees only their classes.
 * A class teacher who is also, say, the psychologist keeps the psychologist's reach.
 */
export function isClassScoped(access: Access, roles: readonly Role[]): boolean {
  if (!Array.isArray(access)) return false;
  const granting = roles.filter((r) => (access as readonly Role[]).includes(r));
  return granting.length > 0 && granting.every((r) => CLASS_SCOPED_ROLES.includes(r));
}

/** Same spelling everywhere: trimmed, upper case (Kazakh and Russian letters too). */
export function normalizeLetter(letter: string): string {
  return letter.trim().toLocaleUpperCase('kk');
}

function sortClasses(list: ClassRef[]): ClassRef[] {
  return list.sort((a, b) => a.grade - b.grade || a.letter.localeCompare(b.letter, 'kk'));
}

export async function accountClasses(db: Db, accountId: string): Promise<ClassRef[]> {
  const rows = await db
    .selectFrom('account_classes')
    .select(['grade', 'class_letter'])
    .where('account_id', '=', accountId)
    .execute();
  return sortClasses(rows.map((r) => ({ grade: r.grade, letter: r.class_letter })));
}

/** Replaces the account's classes (inside the caller's transaction). */
export async function setAccountClasses(db: Db, accountId: string, classes: readonly ClassRef[]): Promise<ClassRef[]> {
  const account = await db.selectFrom('accounts').select('id').where('id', '=', accountId).executeTakeFirst();
  if (!account) throw new AppError('not_found', 'no such account');
  const unique = new Map<string, ClassRef>();
  for (const c of classes) {
    const letter = normalizeLetter(c.letter);
    unique.set(`${c.grade}\u0000${letter}`, { grade: c.grade, letter });
  }
  await db.deleteFrom('account_classes').where('account_id', '=', accountId).execute();
  if (unique.size > 0) {
    await db
      .insertInto('account_classes')
      .values([...unique.values()].map((c) => ({ account_id: accountId, grade: c.grade, class_letter: c.letter })))
      .execute();
  }
  return accountClasses(db, accountId);
}

/** The classes that have pupils (not archived): grade and letter only. */
export async function schoolClasses(db: Db): Promise<ClassRef[]> {
  const rows = await db
    .selectFrom('pupils')
    .select(['grade', 'class_letter'])
    .where('archived', '=', 0)
    .groupBy(['grade', 'class_letter'])
    .execute();
  return sortClasses(rows.map((r) => ({ grade: r.grade, letter: r.class_letter })));
}

/**
 * SQL condition "the pupil's class is one of these" for a query on `pupils`. Letters are matched in upper and lower
 * case (SQLite's upper() knows only ASCII: a pupil typed as "7 ә" is in the teacher's "7 Ә"). An empty scope
 * matches nothing.
 */
export function inClasses(classes: readonly ClassRef[]) {
  if (classes.length === 0) return sql<boolean>`0`;
  const pairs = new Map<string, ReturnType<typeof sql>>();
  for (const c of classes) {
    for (const letter of new Set([normalizeLetter(c.letter), normalizeLetter(c.letter).toLocaleLowerCase('kk')])) {
      pairs.set(`${c.grade}\u0000${letter}`, sql`(${c.grade}, ${letter})`);
    }
  }
  return sql<boolean>`(pupils.grade, pupils.class_letter) IN (VALUES ${sql.join([...pairs.values()])})`;
}

export function pupilInClasses(pupil: { grade: number; classLetter: string }, classes: readonly ClassRef[]): boolean {
  const letter = normalizeLetter(pupil.classLetter);
  return classes.some((c) => c.grade === pupil.grade && normalizeLetter(c.letter) === letter);
}

type ClassMethods = 'accounts.classes' | 'accounts.setClasses' | 'accounts.schoolClasses';

/** Registered through accounts/handlers.ts (one spread line). */
export const accountClassesHandlers: Pick<HandlersFor<'accounts'>, ClassMethods> = {
  'accounts.classes': {
    access: ['administrator', 'director'],
    kind: 'read',
    handler: async ({ db }, input) => accountClasses(db, input.id),
  },
  'accounts.setClasses': {
    access: ['administrator'],
    kind: 'write',
    entity: 'account',
    entityId: (input) => input.id,
    handler: async ({ db }, input) => setAccountClasses(db, input.id, input.classes),
  },
  'accounts.schoolClasses': {
    access: ['administrator', 'director'],
    kind: 'read',
    handler: async ({ db }) => schoolClasses(db),
  },
};
