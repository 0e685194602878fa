/**
 * The council's "refer" decision (council/effects.ts `DECISION_EFFECTS.referral`): once the minutes are fully
 * signed, a draft referral for the pupil, with the decision's text as its reason and its deadline as the draft's
 * "send by" (so it is on the lead worker's work list), on the case the agenda item was about when that case is open
 * and holds the pupil, otherwise on the pupil's most recently opened case that is not closed. The worker then
 * chooses the agency, has the letter signed and sends it. A pupil with no open case: carried out by hand
 * ('not_wired', listed on the meeting). One decision makes one referral, however often the effect runs.
 */
import { addDaysIso, DRAFT_SEND_DAYS } from '../../../shared/referrals';
import type { DecisionEffect } from '../council/effects';
import { insertDraft } from './queries';

export const referralEffect: DecisionEffect = async (ctx, d) => {
  if (d.pupilId === null) return 'none';
  const pupilId = d.pupilId;
  const made = await ctx.db.selectFrom('referrals').select('id').where('council_decision_id', '=', d.id).executeTakeFirst();
  if (made) return 'applied';
  const openCases = ctx.db
    .selectFrom('cases')
    .innerJoin('case_pupils', 'case_pupils.case_id', 'cases.id')
    .select(['cases.id'])
    .where('case_pupils.pupil_id', '=', pupilId)
    .where('cases.stage', '!=', 'closed');
  const item = await ctx.db.selectFrom('council_agenda_items').select('source_id').where('id', '=', d.itemId).executeTakeFirst();
  const named = item?.source_id ? await openCases.where('cases.id', '=', item.source_id).executeTakeFirst() : undefined;
  const target = named ?? (await openCases.orderBy('cases.opened_at', 'desc').executeTakeFirst());
  if (!target) return 'not_wired';
  const ground =
    ctx.language === 'ru'
      ? `Решение совета профилактики (протокол ${ctx.document.registerNumber})`
      : `Профилактика кеңесінің шешімі (хаттама ${ctx.document.registerNumber})`;
  await insertDraft(
    ctx.db,
    { accountId: ctx.accountId, now: ctx.now, keys: ctx.keys },
    {
      caseId: target.id,
      pupilId,
      agencyType: null,
      agency: null,
      reason: d.text && d.text.trim() !== '' ? `${ground}: ${d.text}` : ground,
      request: '',
      sendBy: d.deadline ?? addDaysIso(ctx.meeting.date, DRAFT_SEND_DAYS),
      councilDecisionId: d.id,
    },
  );
  return 'applied';
};
