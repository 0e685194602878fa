/**
 * The council of an academic year: its members (staff accounts or outside members, with the name and position the
 * minutes print) and its two officers, the chair and the secretary. The officers sign the minutes, so each must be
 * a member with an active account of a signing role (shared/documents.ts SIGNING_ROLES) that holds the protection
 * compartment (the minutes are about children);
 * they are two different members.
 */
import crypto from 'node:crypto';
import { PROTECTION_HOLDERS } from '../../../shared/compartments';
import { SIGNING_ROLES } from '../../../shared/documents';
import type { CouncilMember, CouncilRoster } from '../../../shared/council';
import { roleSchema, type Role } from '../../../shared/roles';
import type { Db } from '../db/types';
import { AppError } from '../errors';

export interface Officers {
  chair: { memberId: string; accountId: string; name: string; positionKk: string; positionRu: string };
  secretary: { memberId: string; accountId: string; name: string; positionKk: string; positionRu: string };
}

export async function getRoster(db: Db, academicYear: number): Promise<CouncilRoster> {
  const rows = await db.selectFrom('council_members').selectAll().where('academic_year', '=', academicYear).orderBy('position').execute();
  const officers = await db.selectFrom('council_officers').selectAll().where('academic_year', '=', academicYear).executeTakeFirst();
  const members: CouncilMember[] = rows.map((r) => ({
    id: r.id,
    academicYear: r.academic_year,
    accountId: r.account_id,
    name: r.name,
    positionKk: r.position_kk,
    positionRu: r.position_ru,
    duty: r.id === officers?.chair_member_id ? 'chair' : r.id === officers?.secretary_member_id ? 'secretary' : 'member',
  }));
  return {
    academicYear,
    members,
    chairMemberId: officers?.chair_member_id ?? null,
    secretaryMemberId: officers?.secretary_member_id ?? null,
  };
}

export async function saveMember(
  db: Db,
  now: Date,
  input: { id?: string | undefined; academicYear: number; accountId: string | null; name: string; positionKk: string; positionRu: string },
): Promise<CouncilMember> {
  if (input.accountId) {
    const acc = await db.selectFrom('accounts').select('id').where('id', '=', input.accountId).executeTakeFirst();
    if (!acc) throw new AppError('not_found', 'no such account');
    const dup = await db
      .selectFrom('council_members')
      .select('id')
      .where('academic_year', '=', input.academicYear)
      .where('account_id', '=', input.accountId)
      .executeTakeFirst();
    if (dup && dup.id !== input.id) throw new AppError('conflict', 'this account is already a member of the year’s council');
  }
  let memberId = input.id;
  if (memberId) {
    const existing = await db.selectFrom('council_members').selectAll().where('id', '=', memberId).executeTakeFirst();
    if (!existing || existing.academic_year !== input.academicYear) throw new AppError('not_found', 'no such council member');
    const officer = await db
      .selectFrom('council_officers')
      .select('academic_year')
      .where((eb) => eb.or([eb('chair_member_id', '=', memberId!), eb('secretary_member_id', '=', memberId!)]))
      .executeTakeFirst();
    if (officer && input.accountId !== existing.account_id) {
      // an officer signs with their account: changing it would sign the minutes with someone else's login
      throw new AppError('council.member_is_officer', 'the chair or secretary keeps their account; appoint another officer first');
    }
    await db
      .updateTable('council_members')
      .set({ account_id: input.accountId, name: input.name, position_kk: input.positionKk, position_ru: input.positionRu })
      .where('id', '=', memberId)
      .execute();
  } else {
    memberId = crypto.randomUUID();
    const last = await db
      .selectFrom('council_members')
      .select((eb) => eb.fn.max('position').as('p'))
      .where('academic_year', '=', input.academicYear)
      .executeTakeFirst();
    await db
      .insertInto('council_members')
      .values({
        id: memberId,
        academic_year: input.academicYear,
        account_id: input.accountId,
        name: input.name,
        position_kk: input.positionKk,
        position_ru: input.positionRu,
        position: (last?.p ?? 0) + 1,
        created_at: now.toISOString(),
      })
      .execute();
  }
  const roster = await getRoster(db, input.academicYear);
  const saved = roster.members.find((m) => m.id === memberId);
  if (!saved) throw new AppError('internal', 'the member was not saved');
  return saved;
}

export async function removeMember(db: Db, id: string): Promise<void> {
  const officer = await db
    .selectFrom('council_officers')
    .select('academic_year')
    .where((eb) => eb.or([eb('chair_member_id', '=', id), eb('secretary_member_id', '=', id)]))
    .executeTakeFirst();
  if (officer) throw new AppError('council.member_is_officer', 'the chair or the secretary cannot be removed; appoint another first');
  const used = await db.selectFrom('council_attendance').select('id').where('member_id', '=', id).executeTakeFirst();
  if (used) throw new AppError('conflict', 'this member is in the attendance of a meeting');
  const r = await db.deleteFrom('council_members').where('id', '=', id).executeTakeFirst();
  if (Number(r.numDeletedRows) !== 1) throw new AppError('not_found', 'no such council member');
}

/** An officer: a member of this year's council, with an active account whose role holds the protection key. */
async function eligibleOfficer(db: Db, academicYear: number, memberId: string): Promise<void> {
  const m = await db.selectFrom('council_members').selectAll().where('id', '=', memberId).executeTakeFirst();
  if (!m || m.academic_year !== academicYear) throw new AppError('council.chair_not_member', 'the chair and the secretary must be members of the year’s council');
  if (!m.account_id) throw new AppError('council.officer_not_eligible', 'an officer signs the minutes and needs an account');
  const acc = await db.selectFrom('accounts').select(['roles', 'disabled']).where('id', '=', m.account_id).executeTakeFirst();
  const roles = acc ? roleSchema.array().safeParse(JSON.parse(acc.roles)) : null;
  const signs = (r: Role) => PROTECTION_HOLDERS.includes(r) && (SIGNING_ROLES as readonly Role[]).includes(r);
  if (!acc || acc.disabled || !roles?.success || !roles.data.some(signs)) {
    throw new AppError('council.officer_not_eligible', 'an officer needs an active account of a signing role that holds the protection key');
  }
}

export async function setOfficers(db: Db, now: Date, academicYear: number, chairMemberId: string, secretaryMemberId: string): Promise<CouncilRoster> {
  if (chairMemberId === secretaryMemberId) throw new AppError('validation', 'the chair and the secretary are two persons');
  await eligibleOfficer(db, academicYear, chairMemberId);
  await eligibleOfficer(db, academicYear, secretaryMemberId);
  await db
    .insertInto('council_officers')
    .values({ academic_year: academicYear, chair_member_id: chairMemberId, secretary_member_id: secretaryMemberId, updated_at: now.toISOString() })
    .onConflict((oc) =>
      oc.column('academic_year').doUpdateSet({ chair_member_id: chairMemberId, secretary_member_id: secretaryMemberId, updated_at: now.toISOString() }),
    )
    .execute();
  return getRoster(db, academicYear);
}

/** The year's chair and secretary, or `council.no_officers`. */
export async function getOfficers(db: Db, academicYear: number): Promise<Officers> {
  const o = await db.selectFrom('council_officers').selectAll().where('academic_year', '=', academicYear).executeTakeFirst();
  if (!o) throw new AppError('council.no_officers', 'the year’s council has no chair and secretary yet');
  const load = async (memberId: string) => {
    const m = await db.selectFrom('council_members').selectAll().where('id', '=', memberId).executeTakeFirstOrThrow();
    if (!m.account_id) throw new AppError('council.officer_not_eligible', 'an officer needs an account');
    return { memberId: m.id, accountId: m.account_id, name: m.name, positionKk: m.position_kk, positionRu: m.position_ru };
  };
  return { chair: await load(o.chair_member_id), secretary: await load(o.secretary_member_id) };
}

/** True when the account is the chair or the secretary of the year (the write guard of the council's methods). */
export async function isOfficer(db: Db, accountId: string, academicYear: number): Promise<boolean> {
  const row = await db
    .selectFrom('council_officers as o')
    .innerJoin('council_members as m', (j) =>
      j.on((eb) => eb.or([eb('m.id', '=', eb.ref('o.chair_member_id')), eb('m.id', '=', eb.ref('o.secretary_member_id'))])),
    )
    .select('m.id')
    .where('o.academic_year', '=', academicYear)
    .where('m.account_id', '=', accountId)
    .executeTakeFirst();
  return row !== undefined;
}
