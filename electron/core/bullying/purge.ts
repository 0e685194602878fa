/**
 * Retention purge: in a bullying flow of a case that stays (other pupils), the steps about the pupil (a talk with
 * the pupil as targeted or initiator: the pupil is sealed in the step, opened with `protection`) go; their case
 * tasks stay as tasks of the case. A flow of a case that goes whole goes with the case (ON DELETE CASCADE).
 */
import type { PurgeSource } from '../retention/sources';
import { stepProtected } from './protected';

export const BULLYING_PURGE: PurgeSource = {
  name: 'bullying',
  tables: ['bullying_flows', 'bullying_steps', 'bullying_escalations', 'bullying_evidence', 'bullying_evidence_files'],
  async purge(ctx) {
    const shared = [...ctx.sharedCases];
    if (shared.length === 0 || ctx.dryRun) return;
    const steps = await ctx.db.selectFrom('bullying_steps').select(['id', 'pupil_enc']).where('case_id', 'in', shared).where('pupil_enc', 'is not', null).execute();
    const mine = steps
      .filter((s) => stepProtected.read(ctx.keys, s.id, { pupil_enc: s.pupil_enc, record_enc: null, skip_enc: null }).pupil_enc?.pupilId === ctx.pupilId)
      .map((s) => s.id);
    if (mine.length === 0) return;
    await ctx.db.updateTable('bullying_escalations').set({ step_id: null }).where('step_id', 'in', mine).execute();
    await ctx.db.deleteFrom('bullying_steps').where('id', 'in', mine).execute();
  },
};
