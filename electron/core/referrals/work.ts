/**
 * Referrals on the work lists (shared/worklists.ts), both owned by the case's lead worker:
 * - `referral_answer`: a sent referral with no answer yet, due on its answer date — past it, it is on the overdue
 *   list until the answer is recorded or the referral is closed;
 * - `referral_draft`: a draft not sent yet, due on its "send by" date.
 * The title is the agency's name as printed (protection: null for a session without the compartment); the kind says
 * what to do. A closed case's referrals leave the lists.
 */
import type { WorkItem, WorkItemKind } from '../../../shared/worklists';
import type { WorkSource } from '../worklists/sources';
import { referralProtected } from './protected';

function source(kind: Extract<WorkItemKind, 'referral_answer' | 'referral_draft'>): WorkSource {
  const due = kind === 'referral_answer' ? 'r.answer_due_on' : 'r.send_by';
  return {
    kind,
    async open(db, q) {
      let s = db
        .selectFrom('referrals as r')
        .innerJoin('cases as c', 'c.id', 'r.case_id')
        .select(['r.id', 'r.case_id', 'r.pupil_id', 'r.agency_enc', `${due} as due`, 'c.lead_id'])
        .where('c.stage', '!=', 'closed');
      s = kind === 'referral_answer' ? s.where('r.status', '=', 'sent').where('r.answered_on', 'is', null) : s.where('r.status', '=', 'draft');
      if (q.ownerId !== null) s = s.where('c.lead_id', '=', q.ownerId);
      if (q.dueBy !== null) s = s.where(due, '<=', q.dueBy);
      const rows = await s.orderBy(due).execute();
      const withTitles = q.withTitles !== false;
      return rows.map(
        (r): WorkItem => ({
          id: r.id,
          kind,
          title: withTitles ? (referralProtected.read(q.keys, r.id, { agency_enc: r.agency_enc, reason_enc: null, request_enc: null, answer_enc: null }).agency_enc?.name ?? null) : null,
          pupilId: r.pupil_id,
          caseId: r.case_id,
          dueOn: r.due,
          ownerId: r.lead_id,
          link: `/case?id=${r.case_id}`,
        }),
      );
    },
  };
}

export const referralAnswerWork = source('referral_answer');
export const referralDraftWork = source('referral_draft');
export const REFERRAL_WORK_SOURCES: readonly WorkSource[] = [referralAnswerWork, referralDraftWork];
