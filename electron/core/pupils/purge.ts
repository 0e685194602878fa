/**
 * Retention purge (electron/core/retention): the pupil row itself, its guardians and its chronology (both go with
 * the row, ON DELETE CASCADE), and the name search index (FTS5 keeps a deleted row's terms in old segments until
 * they are merged: `optimize` merges them, and `secure_delete` zeroes the freed pages).
 */
import { sql } from 'kysely';
import type { PurgeSource } from '../retention/sources';

export const PUPIL_PURGE: PurgeSource = {
  name: 'pupils',
  tables: ['pupils', 'guardians', 'chronology', 'pupils_fts'],
  async purge(ctx) {
    const { db, pupilId } = ctx;
    const count = async (table: 'guardians' | 'chronology') =>
      Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('pupil_id', '=', pupilId).executeTakeFirst())?.n ?? 0);
    ctx.counts.guardians += await count('guardians');
    ctx.counts.chronology += await count('chronology');
    ctx.counts.pupil += 1;
    if (ctx.dryRun) return;
    await db.deleteFrom('pupils').where('id', '=', pupilId).execute();
    await sql`INSERT INTO pupils_fts (pupils_fts) VALUES ('optimize')`.execute(db);
  },
};
