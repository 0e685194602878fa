/**
 * Retention purge: the pupil's intra-school register entries (their prevention measures and reviews go with them,
 * ON DELETE CASCADE) and registers held elsewhere. Prevention-plan documents of an entry are collected for the
 * documents source.
 */
import type { PurgeSource } from '../retention/sources';

export const REGISTER_PURGE: PurgeSource = {
  name: 'register',
  tables: ['register_entries', 'register_external', 'prevention_measures', 'register_reviews'],
  async collect(ctx) {
    const ids = (await ctx.db.selectFrom('register_entries').select('id').where('pupil_id', '=', ctx.pupilId).execute()).map((r) => r.id);
    if (ids.length === 0) return;
    for (const d of await ctx.db.selectFrom('documents').select('id').where('source_type', '=', 'register_entry').where('source_id', 'in', ids).execute()) ctx.documents.add(d.id);
  },
  async purge(ctx) {
    const { db, pupilId } = ctx;
    const entries = await db.selectFrom('register_entries').select('id').where('pupil_id', '=', pupilId).execute();
    const external = await db.selectFrom('register_external').select('id').where('pupil_id', '=', pupilId).execute();
    ctx.counts.registerEntries += entries.length;
    ctx.counts.externalRegisters += external.length;
    if (ctx.dryRun) return;
    await db.deleteFrom('register_entries').where('pupil_id', '=', pupilId).execute();
    await db.deleteFrom('register_external').where('pupil_id', '=', pupilId).execute();
  },
};
