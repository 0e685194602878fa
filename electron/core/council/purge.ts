/**
 * Retention purge: the council's lines about the pupil — agenda items heard about the pupil (their decisions go with
 * them), decisions about the pupil under other items, and the attendance lines of the pupil and of the pupil's
 * guardians as invited guests (their names are sealed, so they are matched by opening them with `protection`).
 * Extracts of the pupil's items are collected for the documents source. The signed minutes of a meeting stay: they
 * are the council's record of a sitting about several children (README "Records retention").
 */
import { foldForSearch } from '../../../shared/kazakh-text';
import type { PurgeSource } from '../retention/sources';
import { EXTRACT_SOURCE } from './minutes';
import { attendanceProtected } from './protected';

export const COUNCIL_PURGE: PurgeSource = {
  name: 'council',
  tables: ['council_agenda_items', 'council_decisions', 'council_attendance'],
  async collect(ctx) {
    const items = (await ctx.db.selectFrom('council_agenda_items').select('id').where('pupil_id', '=', ctx.pupilId).execute()).map((r) => r.id);
    if (items.length === 0) return;
    for (const d of await ctx.db.selectFrom('documents').select('id').where('source_type', '=', EXTRACT_SOURCE).where('source_id', 'in', items).execute()) ctx.documents.add(d.id);
  },
  async purge(ctx) {
    const { db, pupilId } = ctx;
    const items = (await db.selectFrom('council_agenda_items').select('id').where('pupil_id', '=', pupilId).execute()).map((r) => r.id);
    const decisions = await db
      .selectFrom('council_decisions')
      .select(['id', 'item_id'])
      .where((eb) => eb.or([eb('pupil_id', '=', pupilId), ...(items.length ? [eb('item_id', 'in', items)] : [])]))
      .execute();
    const decisionIds = decisions.map((d) => d.id);
    // the guests: the pupil and the pupil's guardians, by their sealed names
    const pupil = await db.selectFrom('pupils').select(['last_name', 'first_name']).where('id', '=', pupilId).executeTakeFirst();
    const guardians = await db.selectFrom('guardians').select('full_name').where('pupil_id', '=', pupilId).execute();
    const names = [
      ...(pupil ? [[pupil.last_name, pupil.first_name]] : []),
      ...guardians.map((g) => g.full_name.split(/\s+/u).filter((w) => w.length > 0).slice(0, 2)),
    ].map((words) => words.map((w) => foldForSearch(w)));
    const guests = await db.selectFrom('council_attendance').select(['id', 'name_enc', 'reason_enc']).where('kind', 'in', ['pupil', 'parent', 'guest']).execute();
    const attendance = guests.filter((g) => {
      const name = attendanceProtected.read(ctx.keys, g.id, { name_enc: g.name_enc, reason_enc: null }).name_enc;
      if (!name) return false;
      const folded = foldForSearch(name);
      return names.some((words) => words.length > 0 && words.every((w) => folded.includes(w)));
    });
    ctx.counts.councilLines += items.length + decisions.filter((d) => !items.includes(d.item_id)).length + attendance.length;
    if (ctx.dryRun) return;
    if (decisionIds.length) {
      await db.updateTable('referrals').set({ council_decision_id: null }).where('council_decision_id', 'in', decisionIds).execute();
      await db.deleteFrom('council_decisions').where('id', 'in', decisionIds).execute();
    }
    if (items.length) await db.deleteFrom('council_agenda_items').where('id', 'in', items).execute();
    if (attendance.length) await db.deleteFrom('council_attendance').where('id', 'in', attendance.map((a) => a.id)).execute();
  },
};
