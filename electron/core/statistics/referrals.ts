/**
 * Referrals by kind of service and by status (issue 14: "referrals by agency and status"): the referrals sent in
 * the period (electron/core/referrals/counts.ts), month by month.
 */
import { AGENCY_TYPES, REFERRAL_STATUSES } from '../../../shared/referrals';
import type { ReferralStatistics } from '../../../shared/statistics';
import type { Db } from '../db/types';
import { referralsSent } from '../referrals/counts';
import type { Range } from './period';
import { Counter, Monthly } from './queries';

export async function referralStatistics(db: Db, range: Range): Promise<ReferralStatistics> {
  const sent = await referralsSent(db, range.from, range.to);
  const byAgency = new Counter(AGENCY_TYPES);
  const byStatus = new Counter(REFERRAL_STATUSES.filter((s) => s !== 'draft'));
  const monthly = new Monthly(range, ['sent'] as const);
  for (const r of sent) {
    if (r.agencyType) byAgency.add(r.agencyType);
    byStatus.add(r.status);
    monthly.add(r.sentOn, 'sent');
  }
  return { total: sent.length, byAgency: byAgency.list(), byStatus: byStatus.list(), monthly: monthly.list() };
}
