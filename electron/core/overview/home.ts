/**
 * The home screen's one call (shared/overview.ts): each block is computed only for a caller whose roles may see it
 * (HOME_BLOCKS in shared/permissions.ts, the same lists the blocks' own screens are open to), from the features'
 * own queries, and holds numbers and dates only. Nothing here decrypts: open cases by risk, work counts, concerns'
 * statuses and the council's dates are plain columns.
 */
import { academicYearOf, isoDate } from '../../../shared/calendar';
import { RISK_LEVELS } from '../../../shared/cases';
import { HOME_BLOCKS, type HomeBlockName, type HomeOverview } from '../../../shared/overview';
import type { Role } from '../../../shared/roles';
import { verifyAudit } from '../audit/log';
import { proposeAgenda } from '../council/agenda';
import { districtReportsDue } from '../district/reminder';
import type { KeySource } from '../core';
import { sectionProgress } from '../plans/execution';
import type { Db } from '../db/types';
import { workCounts } from '../worklists/lists';

export interface HomeCaller {
  accountId: string;
  roles: readonly Role[];
}

export function homeBlocksFor(roles: readonly Role[]): Set<HomeBlockName> {
  const out = new Set<HomeBlockName>();
  for (const [block, allowed] of Object.entries(HOME_BLOCKS) as [HomeBlockName, readonly Role[]][]) {
    if (roles.some((r) => allowed.includes(r))) out.add(block);
  }
  return out;
}

async function planBlock(db: Db, today: string): Promise<HomeOverview['plan']> {
  const year = academicYearOf(today);
  const plan = await db
    .selectFrom('plans')
    .select(['id', 'status'])
    .where('academic_year', '=', year)
    .orderBy((eb) => eb.case().when('status', '=', 'approved').then(0).else(1).end())
    .orderBy('updated_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!plan) return null;
  const progress = await sectionProgress(db, plan.id, today);
  const top = progress.filter((p) => !p.number.includes('.'));
  return {
    planId: plan.id,
    academicYear: year,
    approved: plan.status === 'approved',
    sections: top.map((p) => ({ number: p.number, titleKk: p.titleKk, titleRu: p.titleRu, due: p.due, overdue: p.overdue, percent: p.percent })),
    overdue: top.reduce((s, p) => s + p.overdue, 0),
  };
}

async function casesByRisk(db: Db): Promise<NonNullable<HomeOverview['casesByRisk']>> {
  const rows = await db
    .selectFrom('cases')
    .select(['risk', (eb) => eb.fn.countAll<number>().as('n')])
    .where('stage', '!=', 'closed')
    .groupBy('risk')
    .execute();
  const by = new Map(rows.map((r) => [r.risk, Number(r.n)]));
  return [...RISK_LEVELS].reverse().map((key) => ({ key, count: by.get(key) ?? 0 }));
}

async function councilBlock(db: Db, today: string): Promise<NonNullable<HomeOverview['council']>> {
  const next = await db
    .selectFrom('council_meetings')
    .select(['id', 'number', 'date', 'time'])
    .where('status', '=', 'planned')
    .where('date', '>=', today)
    .orderBy('date')
    .orderBy('time')
    .limit(1)
    .executeTakeFirst();
  const awaiting = await db.selectFrom('council_meetings').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'awaiting_chair').executeTakeFirstOrThrow();
  return { next: next ?? null, awaitingChair: Number(awaiting.n) };
}

export async function homeOverview(db: Db, keys: KeySource, caller: HomeCaller, now: Date): Promise<HomeOverview> {
  const today = isoDate(now);
  const blocks = homeBlocksFor(caller.roles);
  const has = (b: HomeBlockName) => blocks.has(b);
  // one query after another: they share the one connection
  const out: HomeOverview = {
    today,
    plan: null,
    casesByRisk: null,
    schoolWork: null,
    myWork: null,
    inbox: null,
    myConcerns: null,
    council: null,
    councilSecretary: null,
    accounts: null,
    audit: null,
    districtReport: null,
  };
  if (has('plan')) out.plan = await planBlock(db, today);
  if (has('casesByRisk')) out.casesByRisk = await casesByRisk(db);
  if (has('schoolWork')) {
    const { today: _t, ...counts } = await workCounts(db, { ownerId: null, now, keys });
    out.schoolWork = counts;
  }
  if (has('myWork')) {
    const { today: _t, ...counts } = await workCounts(db, { ownerId: caller.accountId, now, keys });
    out.myWork = counts;
  }
  if (has('inbox')) {
    const r = await db.selectFrom('concerns').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'awaiting').executeTakeFirstOrThrow();
    out.inbox = { awaiting: Number(r.n) };
  }
  if (has('myConcerns')) {
    const rows = await db
      .selectFrom('concerns')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('author_id', '=', caller.accountId)
      .groupBy('status')
      .execute();
    const awaiting = rows.filter((r) => r.status === 'awaiting').reduce((s, r) => s + Number(r.n), 0);
    const answered = rows.filter((r) => r.status !== 'awaiting').reduce((s, r) => s + Number(r.n), 0);
    out.myConcerns = { awaiting, answered };
  }
  if (has('council')) out.council = await councilBlock(db, today);
  if (has('councilSecretary')) {
    const next = out.council?.next ?? (await councilBlock(db, today)).next;
    out.councilSecretary = { proposals: next ? (await proposeAgenda(db, keys, next.id)).length : null };
  }
  if (has('accounts')) {
    const rows = await db.selectFrom('accounts').select(['disabled', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('disabled').execute();
    out.accounts = {
      active: rows.filter((r) => r.disabled === 0).reduce((s, r) => s + Number(r.n), 0),
      disabled: rows.filter((r) => r.disabled !== 0).reduce((s, r) => s + Number(r.n), 0),
    };
  }
  if (has('audit')) {
    const v = await verifyAudit(db);
    out.audit = { ok: v.ok, checked: v.checked };
  }
  if (has('districtReport')) out.districtReport = { due: await districtReportsDue(db, today) };
  return out;
}
