/**
 * Retention purge: the pupil's screenings and safety plans. Their case and pupil are sealed in `confidential`,
 * which the director (who purges) does not hold; but every screening and every plan version is noted in the
 * pupil's chronology (`source_table`/`source_id` in plain), so the rows are found from there.
 */
import type { PurgeSource } from '../retention/sources';

export const SCREENING_PURGE: PurgeSource = {
  name: 'screening',
  tables: ['screenings', 'safety_plans'],
  async purge(ctx) {
    const rows = await ctx.db
      .selectFrom('chronology')
      .select(['source_table', 'source_id'])
      .where('pupil_id', '=', ctx.pupilId)
      .where('source_table', 'in', ['screenings', 'safety_plans'])
      .execute();
    const ids = (table: string) => [...new Set(rows.flatMap((r) => (r.source_table === table && r.source_id ? [r.source_id] : [])))];
    for (const [table, key] of [['screenings', 'screenings'], ['safety_plans', 'safetyPlans']] as const) {
      const list = ids(table);
      if (list.length === 0) continue;
      const found = await ctx.db.selectFrom(table).select('id').where('id', 'in', list).execute();
      ctx.counts[key] += found.length;
      if (!ctx.dryRun && found.length) await ctx.db.deleteFrom(table).where('id', 'in', found.map((r) => r.id)).execute();
    }
  },
};
