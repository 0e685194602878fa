/**
 * All statistics of a period in one answer (the screen's one call, the workbook's content).
 */
import { isoDate } from '../../../shared/calendar';
import type { Statistics, StatisticsPeriod } from '../../../shared/statistics';
import type { KeySource } from '../core';
import type { Db } from '../db/types';
import { resolvePeriod } from './period';
import { caseStatistics, concernStatistics, councilStatistics, planStatistics, registerStatistics } from './queries';
import { referralStatistics } from './referrals';

export async function statistics(db: Db, keys: KeySource, period: StatisticsPeriod, now: Date): Promise<Statistics> {
  const range = await resolvePeriod(db, period);
  // one after another: the queries share the one connection
  const concerns = await concernStatistics(db, keys, range, now);
  const cases = await caseStatistics(db, keys, range, now);
  const register = await registerStatistics(db, range);
  const council = await councilStatistics(db, range);
  const plan = await planStatistics(db, range.academicYear, isoDate(now));
  const referrals = await referralStatistics(db, range);
  return { period: range, concerns, cases, register, council, plan, referrals };
}
