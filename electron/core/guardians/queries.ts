/**
 * Guardians: read and written through one place. Plain fields (name, relation, phones, legal representative) for
 * every reader of the pupil; the IIN and "lives with the pupil" through the `protection` declaration
 * (protected.ts). Every write names the version it was made from (`guardians.stale` when the row moved on), refuses
 * an archived pupil (`pupils.archived`) and writes the pupil's chronology in the same transaction.
 */
import crypto from 'node:crypto';
import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { Guardian, guardianInputSchema } from '../../../shared/guardians';
import type { ChronologyMessage } from '../chronology/messages';
import { recordChronology, removeChronology, updateChronologySummary } from '../chronology/record';
import type { KeySource } from '../core';
import type { GuardiansTable } from '../db/schema';
import type { Db, Stamp } from '../db/types';
import { AppError } from '../errors';
import { ensureActive } from '../pupils/queries';
import { guardianProtected } from './protected';

type GuardianInput = z.output<typeof guardianInputSchema>;
const phonesSchema = z.array(z.string());

export function toGuardian(r: Selectable<GuardiansTable>, keys: KeySource): Guardian {
  const prot = guardianProtected.read(keys, r.id, r);
  const holds = guardianProtected.canRead(keys);
  const phones = phonesSchema.safeParse(JSON.parse(r.phones));
  return {
    id: r.id,
    pupilId: r.pupil_id,
    fullName: r.full_name,
    relation: r.relation,
    phones: phones.success ? phones.data : [],
    legalRepresentative: r.legal_representative === 1,
    iin: holds ? prot.iin_enc : null,
    livesWithPupil: holds ? (prot.lives_with_enc ?? false) : null,
    version: r.version,
    updatedAt: r.updated_at,
  };
}

/** What a class-scoped reader gets: no protection fields. */
export function withoutProtection(g: Guardian): Guardian {
  return { ...g, iin: null, livesWithPupil: null };
}

export async function listGuardians(db: Db, pupilId: string, keys: KeySource): Promise<Guardian[]> {
  const pupil = await db.selectFrom('pupils').select('id').where('id', '=', pupilId).executeTakeFirst();
  if (!pupil) throw new AppError('not_found', 'no such pupil');
  const rows = await db.selectFrom('guardians').selectAll().where('pupil_id', '=', pupilId).orderBy('created_at').orderBy('id').execute();
  return rows.map((r) => toGuardian(r, keys));
}

/** The chronology line: relation and name, in both languages of the school (the card shows it as written). */
/** The chronology line of a guardian, as a message: read in the reader's language (chronology/render.ts). */
function summary(g: GuardianInput): ChronologyMessage {
  return { key: 'guardian', relation: g.relation, name: g.fullName, legal: g.legalRepresentative };
}

function columns(keys: KeySource, id: string, g: GuardianInput, now: Date) {
  return {
    full_name: g.fullName,
    relation: g.relation,
    phones: JSON.stringify([...new Set(g.phones)]),
    legal_representative: g.legalRepresentative ? 1 : 0,
    // the writers (PUPIL_EDITORS) hold the protection compartment; anyone else is refused `keys.not_holder`
    ...guardianProtected.write(keys, id, { lives_with_enc: g.livesWithPupil }),
    iin_enc: g.iin === null ? null : guardianProtected.write(keys, id, { iin_enc: g.iin }).iin_enc,
    updated_at: now.toISOString(),
  };
}

export async function createGuardian(db: Db, keys: KeySource, actor: Stamp, pupilId: string, g: GuardianInput): Promise<Guardian> {
  await ensureActive(db, pupilId);
  if (!guardianProtected.canRead(keys)) throw new AppError('keys.not_holder', 'a guardian is written with the protection compartment');
  const id = crypto.randomUUID();
  await db
    .insertInto('guardians')
    .values({ id, pupil_id: pupilId, ...columns(keys, id, g, actor.now), version: 1, created_at: actor.now.toISOString() })
    .execute();
  await recordChronology(db, keys, actor, { pupilId, kind: 'guardian', source: { table: 'guardians', id }, summary: summary(g) });
  return getGuardian(db, id, keys);
}

async function getGuardian(db: Db, id: string, keys: KeySource): Promise<Guardian> {
  const r = await db.selectFrom('guardians').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('not_found', 'no such guardian');
  return toGuardian(r, keys);
}

/** The row as it stands, checked against the version the screen was opened with. */
async function current(db: Db, id: string, version: number): Promise<Selectable<GuardiansTable>> {
  const r = await db.selectFrom('guardians').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('not_found', 'no such guardian');
  if (r.version !== version) throw new AppError('guardians.stale', 'the guardian changed since it was opened', { version: r.version });
  await ensureActive(db, r.pupil_id);
  return r;
}

export async function updateGuardian(db: Db, keys: KeySource, actor: Stamp, id: string, version: number, g: GuardianInput): Promise<Guardian> {
  await current(db, id, version);
  if (!guardianProtected.canRead(keys)) throw new AppError('keys.not_holder', 'a guardian is written with the protection compartment');
  // the version in the WHERE clause as well: the write lands only on the row that was checked
  const res = await db
    .updateTable('guardians')
    .set({ ...columns(keys, id, g, actor.now), version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new AppError('guardians.stale', 'the guardian changed since it was opened');
  await updateChronologySummary(db, keys, { table: 'guardians', id }, { summary: summary(g) });
  return getGuardian(db, id, keys);
}

export async function removeGuardian(db: Db, id: string, version: number): Promise<{ id: string }> {
  await current(db, id, version);
  await db.deleteFrom('guardians').where('id', '=', id).where('version', '=', version).execute();
  await removeChronology(db, { table: 'guardians', id });
  return { id };
}
