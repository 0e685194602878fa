/**
 * Retention purge: the pupil's place in cases and concerns.
 *
 * - A case whose only pupil is this one goes whole: tasks, notes, contacts, its bullying flow, referrals (ON DELETE
 *   CASCADE), the concerns triaged into it, and its line in the sealed search index. Its screenings and safety plans
 *   go through the screening source, its documents through the documents source.
 * - A case with other pupils stays, without this pupil: the pupil's role and the contacts about the pupil go. The
 *   case's own free text (title, summary, notes) is the workers' and stays as written.
 * - A concern naming only this pupil goes; one naming others too is sealed again without this pupil.
 */
import type { ConcernContent } from '../../../shared/cases';
import type { PurgeSource } from '../retention/sources';
import { IntakeOpener } from './intake';
import { concernProtected } from './protected';
import { unindexCases } from './search';
import { refreshTallies } from '../statistics/tally';

export const CASES_PURGE: PurgeSource = {
  name: 'cases',
  tables: ['cases', 'case_pupils', 'case_contacts', 'case_tasks', 'case_notes', 'concerns', 'case_search_chunks'],
  async collect(ctx) {
    const mine = (await ctx.db.selectFrom('case_pupils').select('case_id').where('pupil_id', '=', ctx.pupilId).execute()).map((r) => r.case_id);
    if (mine.length === 0) return;
    const others = await ctx.db
      .selectFrom('case_pupils')
      .select('case_id')
      .where('case_id', 'in', mine)
      .where('pupil_id', '!=', ctx.pupilId)
      .groupBy('case_id')
      .execute();
    const shared = new Set(others.map((r) => r.case_id));
    for (const id of mine) (shared.has(id) ? ctx.sharedCases : ctx.soleCases).add(id);
  },
  async purge(ctx) {
    const { db, pupilId } = ctx;
    const sole = [...ctx.soleCases];
    const shared = [...ctx.sharedCases];
    ctx.counts.casesDeleted += sole.length;
    ctx.counts.casesLeft += shared.length;

    // concerns: those of a case that goes, those naming only this pupil; the rest lose the pupil
    const rows = await db.selectFrom('concerns').select(['id', 'case_id', 'content_enc', 'intake_key_id', 'intake_sealed']).execute();
    const drop: string[] = [];
    const reseal: { id: string; content: ConcernContent }[] = [];
    const opener = new IntakeOpener(db, ctx.keys);
    try {
      for (const r of rows) {
        if (r.case_id && ctx.soleCases.has(r.case_id)) {
          drop.push(r.id);
          continue;
        }
        const content = r.content_enc
          ? concernProtected.read(ctx.keys, r.id, { content_enc: r.content_enc }).content_enc
          : await opener.open(r.id, r.intake_key_id, r.intake_sealed);
        if (!content || !content.pupils.some((p) => p.pupilId === pupilId)) continue;
        const pupils = content.pupils.filter((p) => p.pupilId !== pupilId);
        if (pupils.length === 0) drop.push(r.id);
        else reseal.push({ id: r.id, content: { ...content, pupils } });
      }
    } finally {
      opener.close();
    }
    ctx.counts.concerns += drop.length + reseal.length;
    if (ctx.dryRun) return;

    if (drop.length) await db.deleteFrom('concerns').where('id', 'in', drop).execute();
    for (const c of reseal) {
      await db
        .updateTable('concerns')
        .set({ ...concernProtected.write(ctx.keys, c.id, { content_enc: c.content }), intake_sealed: null })
        .where('id', '=', c.id)
        .execute();
    }
    if (shared.length) {
      await db.deleteFrom('case_contacts').where('case_id', 'in', shared).where('pupil_id', '=', pupilId).execute();
      await db.deleteFrom('case_pupils').where('case_id', 'in', shared).where('pupil_id', '=', pupilId).execute();
    }
    // contacts about the pupil recorded in a case the pupil is not in (none by the rules; a safety net for the FK)
    await db.deleteFrom('case_contacts').where('pupil_id', '=', pupilId).execute();
    if (sole.length) {
      const numbered = await db.selectFrom('cases').select(['id', 'number']).where('id', 'in', sole).execute();
      await unindexCases(db, ctx.keys, numbered);
      await db.deleteFrom('cases').where('id', 'in', sole).execute();
    }
    // the statistics' sealed monthly tally: the months that lost or changed a record counted again (statistics/tally.ts)
    if (sole.length || drop.length || reseal.length) await refreshTallies(db, ctx.keys, ctx.now);
  },
};
