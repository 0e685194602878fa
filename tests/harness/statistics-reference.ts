/**
 * The statistics of cases and concerns as they were counted before the sealed monthly tally (migration 0023): every
 * record of the period read and its sealed form of harm / closure reason decrypted. The reference the tally's
 * property test compares with (tests/integration/overview/statistics-tally.test.ts) and the "before" of the bench.
 */
import { CASE_STAGES, CLOSURE_REASONS, CONCERN_STATUSES, FORMS_OF_HARM, RISK_LEVELS } from '../../shared/cases';
import type { CaseStatistics, ConcernStatistics } from '../../shared/statistics';
import { caseProtected, concernProtected } from '../../electron/core/cases/protected';
import type { KeySource } from '../../electron/core/core';
import type { Db } from '../../electron/core/db/types';
import { localDay, utcBounds, type Range } from '../../electron/core/statistics/period';
import { Counter, GRADES, Monthly, SEXES } from '../../electron/core/statistics/queries';

const inRange = (day: string, r: Range) => day >= r.from && day <= r.to;

export async function referenceConcerns(db: Db, keys: KeySource, range: Range): Promise<ConcernStatistics> {
  const { lo, hi } = utcBounds(range);
  const rows = await db.selectFrom('concerns').select(['id', 'logged_at', 'status', 'content_enc']).where('logged_at', '>=', lo).where('logged_at', '<', hi).execute();
  const byStatus = new Counter(CONCERN_STATUSES);
  const byHarm = new Counter([...FORMS_OF_HARM, 'awaiting']);
  const monthly = new Monthly(range, ['logged'] as const);
  let logged = 0;
  for (const r of rows) {
    const day = localDay(r.logged_at);
    if (!inRange(day, range)) continue;
    logged += 1;
    byStatus.add(r.status);
    monthly.add(day, 'logged');
    if (r.status === 'awaiting' || !r.content_enc) {
      byHarm.add('awaiting');
      continue;
    }
    const harm = concernProtected.read(keys, r.id, { content_enc: r.content_enc }).content_enc?.formOfHarm;
    if (harm) byHarm.add(harm);
  }
  return { logged, byStatus: byStatus.list(), byHarm: byHarm.list(), monthly: monthly.list() };
}

export async function referenceCases(db: Db, keys: KeySource, range: Range): Promise<CaseStatistics> {
  const { lo, hi } = utcBounds(range);
  const rows = await db
    .selectFrom('cases')
    .select(['id', 'opened_at', 'closed_at', 'stage', 'risk', 'details_enc', 'closure_enc'])
    .where('opened_at', '<', hi)
    .where((eb) => eb.or([eb('closed_at', 'is', null), eb('closed_at', '>=', lo)]))
    .execute();
  const byHarm = new Counter(FORMS_OF_HARM);
  const byRisk = new Counter(RISK_LEVELS);
  const byStage = new Counter(CASE_STAGES);
  const byClosure = new Counter(CLOSURE_REASONS);
  const monthly = new Monthly(range, ['opened', 'closed'] as const);
  const openedIds = new Set<string>();
  let closed = 0;
  let openAtEnd = 0;
  for (const r of rows) {
    const opened = localDay(r.opened_at);
    const closedDay = r.stage === 'closed' && r.closed_at ? localDay(r.closed_at) : null;
    if (opened <= range.to && (closedDay === null || closedDay > range.to)) openAtEnd += 1;
    if (inRange(opened, range)) {
      openedIds.add(r.id);
      byRisk.add(r.risk);
      byStage.add(r.stage);
      monthly.add(opened, 'opened');
      const harm = r.details_enc ? caseProtected.read(keys, r.id, { details_enc: r.details_enc, closure_enc: null }).details_enc?.formOfHarm : null;
      if (harm) byHarm.add(harm);
    }
    if (closedDay !== null && inRange(closedDay, range)) {
      closed += 1;
      monthly.add(closedDay, 'closed');
      const reason = r.closure_enc ? caseProtected.read(keys, r.id, { details_enc: null, closure_enc: r.closure_enc }).closure_enc?.reason : null;
      if (reason) byClosure.add(reason);
    }
  }
  const byGrade = new Counter(GRADES);
  const bySex = new Counter(SEXES);
  const children = await db
    .selectFrom('case_pupils as cp')
    .innerJoin('pupils as p', 'p.id', 'cp.pupil_id')
    .select(['cp.case_id', 'p.id', 'p.grade', 'p.sex'])
    .execute();
  const seen = new Set<string>();
  for (const ch of children) {
    if (!openedIds.has(ch.case_id) || seen.has(ch.id)) continue;
    seen.add(ch.id);
    byGrade.add(String(ch.grade));
    bySex.add(ch.sex ?? 'unknown');
  }
  return {
    opened: openedIds.size,
    closed,
    openAtEnd,
    byHarm: byHarm.list(),
    byRisk: byRisk.list(),
    byStage: byStage.list(),
    byClosure: byClosure.list(),
    byGrade: byGrade.list(),
    bySex: bySex.list(),
    monthly: monthly.list(),
  };
}
