/**
 * What the statistics and the district report count of referrals: the referrals SENT in a period (a draft is not a
 * referral yet), by the kind of service and by where each stands now. Plain columns only (kind of service, status,
 * dates): counting decrypts nothing.
 */
import type { AgencyType, ReferralStatus } from '../../../shared/referrals';
import type { Db } from '../db/types';

export interface SentReferral {
  agencyType: AgencyType | null;
  status: ReferralStatus;
  sentOn: string;
}

/** Referrals sent between `from` and `to` (YYYY-MM-DD, both included). */
export async function referralsSent(db: Db, from: string, to: string): Promise<SentReferral[]> {
  const rows = await db
    .selectFrom('referrals')
    .select(['agency_type', 'status', 'sent_on'])
    .where('sent_on', 'is not', null)
    .where('sent_on', '>=', from)
    .where('sent_on', '<=', to)
    .execute();
  return rows.map((r) => ({ agencyType: r.agency_type, status: r.status, sentOn: r.sent_on ?? '' }));
}
