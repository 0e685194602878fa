/**
 * Records retention: which archived pupils are past their retention date, what purging one deletes, and the purge.
 * The rule is in shared/retention.ts (`purgeDueOn`); the pieces each feature deletes are its `PurgeSource`s
 * (sources.ts). Access (the director only) is declared in handlers.ts.
 */
import { sql } from 'kysely';
import { PURGE_COUNT_KEYS, purgeDueOn, type PurgeCounts, type PurgeDueList, type PurgePreview } from '../../../shared/retention';
import type { CoreState, KeySource } from '../core';
import { AppError } from '../errors';
import { PURGE_SOURCES, type PurgeContext } from './sources';
import type { Db } from '../db/types';

function today(now: Date): string {
  return now.toISOString().slice(0, 10);
}

function zeroCounts(): PurgeCounts {
  return Object.fromEntries(PURGE_COUNT_KEYS.map((k) => [k, 0])) as PurgeCounts;
}

/** Archived pupils past their retention date, oldest due first; `undated` counts those whose date is unknown. */
export async function dueForPurge(db: Db, now: Date): Promise<PurgeDueList> {
  const rows = await db
    .selectFrom('pupils')
    .select(['id', 'last_name', 'first_name', 'middle_name', 'birth_date', 'archived_on'])
    .where('archived', '=', 1)
    .execute();
  const day = today(now);
  let undated = 0;
  const pupils: PurgeDueList['pupils'] = [];
  for (const r of rows) {
    const dueOn = purgeDueOn(r.birth_date, r.archived_on);
    if (dueOn === null) {
      undated += 1;
      continue;
    }
    if (dueOn > day || !r.birth_date || !r.archived_on) continue;
    pupils.push({ id: r.id, lastName: r.last_name, firstName: r.first_name, middleName: r.middle_name, birthDate: r.birth_date, archivedOn: r.archived_on, dueOn });
  }
  pupils.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.lastName.localeCompare(b.lastName, 'kk'));
  return { count: pupils.length, pupils, undated };
}

/** Refuses a pupil that is not archived or not yet past the retention date; returns the date it became due. */
async function ensureDue(db: Db, pupilId: string, now: Date): Promise<string> {
  const r = await db.selectFrom('pupils').select(['archived', 'birth_date', 'archived_on']).where('id', '=', pupilId).executeTakeFirst();
  if (!r) throw new AppError('not_found', 'no such pupil');
  if (r.archived !== 1) throw new AppError('retention.not_archived', 'only an archived pupil can be purged');
  const dueOn = purgeDueOn(r.birth_date, r.archived_on);
  if (dueOn === null || dueOn > today(now)) throw new AppError('retention.not_due', 'the retention period has not ended', { dueOn });
  return dueOn;
}

async function run(db: Db, keys: KeySource, pupilId: string, now: Date, dryRun: boolean): Promise<PurgeCounts> {
  if (keys.compartmentKey('protection') === null) throw new AppError('keys.not_holder', 'a purge opens sealed links: it needs the protection compartment');
  const ctx: PurgeContext = { db, keys, pupilId, soleCases: new Set(), sharedCases: new Set(), documents: new Set(), dryRun, counts: zeroCounts(), now };
  for (const s of PURGE_SOURCES) await s.collect?.(ctx);
  for (const s of PURGE_SOURCES) await s.purge(ctx);
  return ctx.counts;
}

export async function previewPurge(db: Db, keys: KeySource, pupilId: string, now: Date): Promise<PurgePreview> {
  const dueOn = await ensureDue(db, pupilId, now);
  return { pupilId, dueOn, counts: await run(db, keys, pupilId, now, true) };
}

/**
 * Deletes the pupil and everything linked, in the caller's transaction. `expected` are the counts the confirm step
 * showed: a purge that would delete something else (a record added since) is refused with `conflict`. After the
 * commit the freed pages are overwritten (`secure_delete`) and the file is rebuilt (`VACUUM`) and its WAL emptied, so
 * neither free pages nor old WAL frames keep the child's data.
 */
export async function purgePupil(db: Db, core: CoreState, pupilId: string, expected: PurgeCounts, now: Date): Promise<PurgeCounts> {
  await ensureDue(db, pupilId, now);
  const planned = await run(db, core, pupilId, now, true);
  if (PURGE_COUNT_KEYS.some((k) => planned[k] !== expected[k])) {
    throw new AppError('conflict', 'the records changed since the confirmation', { ...planned });
  }
  const done = await run(db, core, pupilId, now, false);
  core.afterCommit(async () => {
    await sql`VACUUM`.execute(core.db);
    await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(core.db);
  });
  return done;
}
