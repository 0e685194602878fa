/**
 * The hook for referrals (issue 14: "referrals by agency and status"). The referrals feature (its own table
 * `referrals`) is built on another branch; when it lands, its module registers its counter here at import:
 *
 *   registerReferralStatistics(async (db, keys, range) => ({ total, byAgency, byStatus, monthly }));
 *
 * and the statistics screen shows the referrals block. Until then `statistics.get` returns `referrals: null`, and
 * the screen says the referrals are not counted in this build — never a zero that would look like "no referrals".
 */
import type { ReferralStatistics } from '../../../shared/statistics';
import type { KeySource } from '../core';
import type { Db } from '../plans/queries';
import type { Range } from './period';

export type ReferralCounter = (db: Db, keys: KeySource, range: Range) => Promise<ReferralStatistics>;

let counter: ReferralCounter | null = null;

export function registerReferralStatistics(c: ReferralCounter): void {
  counter = c;
}

export async function referralStatistics(db: Db, keys: KeySource, range: Range): Promise<ReferralStatistics | null> {
  return counter ? counter(db, keys, range) : null;
}
