/**
 * Retention purge: the pupil's referrals to outside services (also those of a case that goes whole). Their letters
 * are collected for the documents source (the register keeps a tombstone).
 */
import type { PurgeSource } from '../retention/sources';

export const REFERRALS_PURGE: PurgeSource = {
  name: 'referrals',
  tables: ['referrals'],
  async collect(ctx) {
    const rows = await ctx.db.selectFrom('referrals').select(['id', 'document_id']).where('pupil_id', '=', ctx.pupilId).execute();
    for (const r of rows) if (r.document_id) ctx.documents.add(r.document_id);
    const ids = rows.map((r) => r.id);
    if (ids.length) {
      for (const d of await ctx.db.selectFrom('documents').select('id').where('source_type', '=', 'referral').where('source_id', 'in', ids).execute()) ctx.documents.add(d.id);
    }
  },
  async purge(ctx) {
    const rows = await ctx.db.selectFrom('referrals').select('id').where('pupil_id', '=', ctx.pupilId).execute();
    ctx.counts.referrals += rows.length;
    if (!ctx.dryRun && rows.length) await ctx.db.deleteFrom('referrals').where('pupil_id', '=', ctx.pupilId).execute();
  },
};
