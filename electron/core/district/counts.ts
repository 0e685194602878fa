/**
 * The exact counts behind the district report, read from the school's DB for one period. Only numbers leave this
 * module: a form of harm, a stage, a sex, a grade band are used as keys and forgotten. The forms of harm and the
 * pupils' roles are sealed in the protection compartment, so the session must hold it (`keys.not_holder`).
 */
import { isDueIn, quarterMasks } from '../../../shared/calendar';
import { gradeBand, REFERRAL_AGENCIES, REFERRAL_STATES, type ReportPeriod } from '../../../shared/district-report';
import type { KeySource } from '../core';
import type { Db } from '../db/types';
import { AppError } from '../errors';
import { casePupilProtected, caseProtected } from '../cases/protected';
import { readCalendar } from '../plans/calendar';
import { referralsSent } from '../referrals/counts';
import type { AgencyType, ReferralStatus } from '../../../shared/referrals';
import { bump, emptyCounts, type Counts } from './tables';

/** One referral as the referrals feature sees it, mapped onto the report's agencies and states. */
export interface ReferralCount {
  agency: (typeof REFERRAL_AGENCIES)[number];
  state: (typeof REFERRAL_STATES)[number];
}

/** The referral's kind of service as the district counts it (the report's fixed, coarser list). */
const DISTRICT_AGENCY: Record<AgencyType, ReferralCount['agency']> = {
  juvenile_police: 'police',
  psychiatrist: 'health',
  narcologist: 'health',
  guardianship: 'social_protection',
  social_services: 'social_protection',
  psych_support: 'psychological_centre',
  helpline_111: 'other',
  helpline_150: 'other',
};

/** Where a referral stands: sent and waiting, answered (accepted or rejected), or closed (done or withdrawn). */
const DISTRICT_STATE: Partial<Record<ReferralStatus, ReferralCount['state']>> = {
  sent: 'sent',
  accepted: 'answered',
  rejected: 'answered',
  done: 'closed',
  withdrawn: 'closed',
};

/** The referrals sent in the period (electron/core/referrals/counts.ts), mapped onto the report's agencies and states. */
async function readReferralCounts(db: Db, period: ReportPeriod): Promise<ReferralCount[]> {
  const out: ReferralCount[] = [];
  for (const r of await referralsSent(db, period.from, period.to)) {
    const agency = r.agencyType ? DISTRICT_AGENCY[r.agencyType] : 'other';
    const state = DISTRICT_STATE[r.status];
    if (state) out.push({ agency, state });
  }
  return out;
}

/** The period's first and last day for an academic year and quarter (null: the whole year) of the school calendar. */
export async function periodOf(db: Db, academicYear: number, quarter: number | null): Promise<ReportPeriod> {
  const c = await readCalendar(db, academicYear);
  if (quarter === null) return { kind: 'year', academicYear, from: c.quarters[0]!.start, to: c.quarters[3]!.end };
  const q = c.quarters[quarter - 1]!;
  return { kind: 'quarter', academicYear, quarter, from: q.start, to: q.end };
}

const within = (iso: string | null, p: ReportPeriod) => iso !== null && iso.slice(0, 10) >= p.from && iso.slice(0, 10) <= p.to;

export interface PlanSectionCount {
  section: string;
  due: number;
  done: number;
  partly: number;
  notDone: number;
}

export async function countReport(
  db: Db,
  keys: KeySource,
  period: ReportPeriod,
): Promise<{ counts: Counts; withReferrals: boolean; councilMeetings: number; plan: PlanSectionCount[] }> {
  if (!keys.compartmentKey('protection')) throw new AppError('keys.not_holder', 'the district report needs the protection compartment');
  const c = emptyCounts();
  const fromTs = period.from;
  const toTs = `${period.to}T23:59:59.999Z`;

  // concerns logged in the period, by what came of them
  const concerns = await db
    .selectFrom('concerns')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('logged_at', '>=', fromTs)
    .where('logged_at', '<=', toTs)
    .groupBy('status')
    .execute();
  for (const r of concerns) bump(c, 'concerns', r.status, 'count', Number(r.n));

  // cases opened or closed in the period
  const cases = await db
    .selectFrom('cases')
    .select(['id', 'stage', 'opened_at', 'closed_at', 'details_enc', 'closure_enc'])
    .where((eb) => eb.or([eb.and([eb('opened_at', '>=', fromTs), eb('opened_at', '<=', toTs)]), eb.and([eb('closed_at', '>=', fromTs), eb('closed_at', '<=', toTs)])]))
    .execute();
  const formOf = new Map<string, string>();
  for (const k of cases) {
    const d = caseProtected.read(keys, k.id, { details_enc: k.details_enc, closure_enc: k.closure_enc });
    if (!d.details_enc) throw new AppError('keys.not_holder', 'a case could not be read with this session');
    const form = d.details_enc.formOfHarm;
    if (within(k.opened_at, period)) {
      bump(c, 'casesByStage', form, k.stage);
      formOf.set(k.id, form);
    }
    if (k.stage === 'closed' && within(k.closed_at, period)) bump(c, 'casesByOutcome', form, d.closure_enc?.reason ?? 'other');
  }

  // the targeted children of the cases opened in the period: each child once per form of harm
  const opened = [...formOf.keys()];
  const seen = new Set<string>();
  for (let i = 0; i < opened.length; i += 500) {
    const rows = await db
      .selectFrom('case_pupils as cp')
      .innerJoin('pupils as p', 'p.id', 'cp.pupil_id')
      .select(['cp.id', 'cp.case_id', 'cp.pupil_id', 'cp.role_enc', 'p.sex', 'p.grade'])
      .where('cp.case_id', 'in', opened.slice(i, i + 500))
      .execute();
    for (const r of rows) {
      const role = casePupilProtected.read(keys, r.id, { role_enc: r.role_enc }).role_enc;
      if (role !== 'targeted') continue;
      const form = formOf.get(r.case_id)!;
      const key = `${form}|${r.pupil_id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      bump(c, 'childrenBySex', form, r.sex ?? 'unknown');
      bump(c, 'childrenByGrade', form, gradeBand(r.grade));
    }
  }

  // the intra-school register
  const entries = await db
    .selectFrom('register_entries as e')
    .innerJoin('pupils as p', 'p.id', 'e.pupil_id')
    .select(['e.on_date', 'e.off_date', 'p.grade'])
    .where('e.on_date', '<=', period.to)
    .execute();
  for (const e of entries) {
    const band = gradeBand(e.grade);
    if (e.on_date >= period.from) bump(c, 'register', 'put_on', band);
    if (e.off_date !== null && e.off_date >= period.from && e.off_date <= period.to) bump(c, 'register', 'taken_off', band);
    if (e.off_date === null || e.off_date > period.to) c.registerAtEnd[band] = (c.registerAtEnd[band] ?? 0) + 1;
  }

  // the council: meetings held (minutes signed) and their decisions
  const meetings = await db
    .selectFrom('council_meetings')
    .select(['id'])
    .where('status', '=', 'signed')
    .where('date', '>=', period.from)
    .where('date', '<=', period.to)
    .execute();
  if (meetings.length > 0) {
    const decisions = await db
      .selectFrom('council_decisions as d')
      .innerJoin('council_agenda_items as i', 'i.id', 'd.item_id')
      .select(['d.type', (eb) => eb.fn.countAll<number>().as('n')])
      .where(
        'i.meeting_id',
        'in',
        meetings.map((m) => m.id),
      )
      .groupBy('d.type')
      .execute();
    for (const d of decisions) bump(c, 'councilDecisions', d.type, 'count', Number(d.n));
  }

  // referrals sent in the period, by the report's kinds of service and where they stand
  const withReferrals = true;
  for (const r of await readReferralCounts(db, period)) bump(c, 'referrals', r.agency, r.state);

  return { counts: c, withReferrals, councilMeetings: meetings.length, plan: await planCounts(db, period) };
}

/** The approved plan's items due in the period and their marks, by top-level section ("1", "2" …). */
async function planCounts(db: Db, period: ReportPeriod): Promise<PlanSectionCount[]> {
  const plan = await db
    .selectFrom('plans')
    .select(['id'])
    .where('academic_year', '=', period.academicYear)
    .where('status', '=', 'approved')
    .executeTakeFirst();
  if (!plan) return [];
  const sections = await db.selectFrom('plan_sections').select(['id', 'parent_id', 'position']).where('plan_id', '=', plan.id).execute();
  const top = sections.filter((s) => s.parent_id === null).sort((a, b) => a.position - b.position);
  const number = new Map(top.map((s, i) => [s.id, String(i + 1)]));
  const parent = new Map(sections.map((s) => [s.id, s.parent_id]));
  const topOf = (id: string): string | undefined => {
    let cur: string | null | undefined = id;
    for (let guard = 0; cur && guard < 20; guard++) {
      if (number.has(cur)) return number.get(cur);
      cur = parent.get(cur);
    }
    return undefined;
  };
  const calendar = await readCalendar(db, period.academicYear);
  const masks = quarterMasks(calendar);
  const quarters = period.kind === 'quarter' ? [period.quarter] : [1, 2, 3, 4];
  const items = await db.selectFrom('plan_items').select(['id', 'section_id', 'due_any_mask']).where('plan_id', '=', plan.id).execute();
  const marks = await db
    .selectFrom('plan_executions as x')
    .innerJoin('plan_items as i', 'i.id', 'x.item_id')
    .select(['x.item_id', 'x.quarter', 'x.status'])
    .where('i.plan_id', '=', plan.id)
    .execute();
  const mark = new Map(marks.map((m) => [`${m.item_id}|${m.quarter}`, m.status]));
  const out = new Map<string, PlanSectionCount>();
  for (const it of items) {
    const section = topOf(it.section_id);
    if (!section) continue;
    for (const q of quarters) {
      if (!isDueIn(it.due_any_mask, masks[q - 1] ?? 0)) continue;
      const m = mark.get(`${it.id}|${q}`);
      if (m === 'not_due') continue;
      const row = out.get(section) ?? { section, due: 0, done: 0, partly: 0, notDone: 0 };
      row.due++;
      if (m === 'done') row.done++;
      else if (m === 'partly') row.partly++;
      else if (m === 'not_done') row.notDone++;
      out.set(section, row);
    }
  }
  return [...out.values()].sort((a, b) => Number(a.section) - Number(b.section));
}
