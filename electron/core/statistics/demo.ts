/**
 * Demo history for the statistics' charts (demo data only, plainly fake): the cases seeder (cases/demo.ts) fills the
 * last ten weeks; this one adds a year behind them — last academic year's cases month by month (most closed, with
 * their reasons) and this year's first weeks — plus concerns the class teacher logged over the same months, so the
 * trends by month, the forms of harm and the closure reasons have something to show. Everything is written through
 * the registry as the people would; only the plain dates (`opened_at`, `closed_at`, `logged_at`) are moved back
 * afterwards, as the cases seeder does: the registry writes "now", a demo needs a history.
 */
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/api';
import { academicYearOf, isoDate } from '../../../shared/calendar';
import { CLOSURE_REASONS, RISK_LEVELS, type FormOfHarm, type InvolvedPupil } from '../../../shared/cases';
import type { Core } from '../api';
import { DEMO_PASSWORD, seededRandom, type DemoSeeder } from '../demo/school';
import { refreshTallies } from './tally';

async function call<M extends MethodName>(core: Core, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const r = await core.invoke(method, input);
  if (!r.ok) throw new Error(`demo statistics: ${method} failed with ${r.error.code}`);
  return r.value as MethodOutput<M>;
}

async function loginAs(core: Core, login: string): Promise<void> {
  await call(core, 'auth.lock', {});
  await call(core, 'auth.login', { login, password: DEMO_PASSWORD });
}

/** Weight of each form of harm in the demo (bullying the most common, as in schools' own reports). */
const HARM_WEIGHTS: [FormOfHarm, number][] = [
  ['bullying', 6],
  ['cyberbullying', 4],
  ['psychological', 3],
  ['physical', 3],
  ['neglect', 2],
  ['difficult_life', 3],
  ['domestic', 1],
  ['suicidal', 1],
  ['self_harm', 1],
  ['sexual', 1],
];
/** Cases a month in the school year, September … May (a rise after the start, a dip in the winter holidays). */
const PER_MONTH = [3, 5, 6, 4, 3, 5, 4, 5, 2];

export const demoStatisticsSeeder: DemoSeeder = async (core, now) => {
  // the DB handle changes with each login (lock closes it): always the current one
  const db = () => core.state.db;
  const rand = seededRandom(14);
  const weighted = HARM_WEIGHTS.flatMap(([h, w]) => Array.from({ length: w }, () => h));
  const pupils = await db().selectFrom('pupils').select(['id']).where('archived', '=', 0).orderBy('last_name').execute();
  const accounts = await db().selectFrom('accounts').select(['id', 'login']).execute();
  const psy = accounts.find((a) => a.login === 'psychologist')?.id;
  if (!psy || pupils.length < 10 || !accounts.some((a) => a.login === 'teacher')) return;
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)] as T;
  const thisYear = academicYearOf(isoDate(now));
  const lastYear = thisYear - 1;
  const at = (y: number, month: number, d: number, h = 10) => new Date(y, month - 1, d, h, 0, 0);

  // the class teacher's concerns over last year and this year's first months (two a month)
  await loginAs(core, 'teacher');
  const concernDates: Date[] = [];
  for (let k = 0; k < 9; k++) {
    const month = ((8 + k) % 12) + 1;
    const y = month >= 9 ? lastYear : lastYear + 1;
    for (const d of [6 + k, 18 + (k % 8)]) concernDates.push(at(y, month, d));
  }
  for (const month of [9, 10]) concernDates.push(at(thisYear, month, 12));
  const concerns: { id: string; at: Date }[] = [];
  for (const [i, when] of concernDates.entries()) {
    if (when >= now) continue;
    const harm = pick(weighted);
    const p = pupils[(i * 7) % pupils.length]!;
    const c = await call(core, 'concerns.log', {
      what: 'Демо алаңдаушылық: мәтін ойдан шығарылған.',
      where: 'Мектеп (демо)',
      occurredAt: isoDate(when),
      formOfHarm: harm,
      pupils: [{ pupilId: p.id, role: 'targeted' }],
    });
    concerns.push({ id: c.id, at: when });
  }

  await loginAs(core, 'psychologist');
  // every concern of the past triaged (most into cases), so only this week's stay in the inbox
  for (const [i, c] of concerns.entries()) {
    if (i % 3 === 2) await call(core, 'concerns.triage', { action: 'no_action', id: c.id, answer: 'Тексерілді, шара қажет емес (демо).' });
    else await call(core, 'concerns.triage', { action: 'new_case', id: c.id, answer: 'Кейс ашылды (демо).', risk: pick(RISK_LEVELS), title: 'Алаңдаушылық бойынша кейс (демо)', leadId: psy });
  }

  // last year's cases month by month, and this year's first weeks
  const months: { y: number; month: number; n: number; past: boolean }[] = PER_MONTH.map((n, k) => {
    const month = ((8 + k) % 12) + 1;
    return { y: month >= 9 ? lastYear : lastYear + 1, month, n, past: true };
  });
  months.push({ y: thisYear, month: 8, n: 1, past: false }, { y: thisYear, month: 9, n: 3, past: false });
  for (const { y, month, n, past } of months) {
    for (let j = 0; j < n; j++) {
      const opened = at(y, month, 3 + ((j * 9) % 24));
      if (opened >= now) continue;
      const harm = pick(weighted);
      const p1 = pick(pupils);
      const p2 = pick(pupils.filter((p) => p.id !== p1.id));
      const involved: InvolvedPupil[] = harm === 'bullying' || harm === 'cyberbullying' ? [{ pupilId: p1.id, role: 'targeted' }, { pupilId: p2.id, role: 'initiator' }] : [{ pupilId: p1.id, role: 'targeted' }];
      let c = await call(core, 'cases.create', { title: 'Өткен кезеңнің кейсі (демо)', summary: 'Демо кейс: мәтін ойдан шығарылған.', formOfHarm: harm, risk: pick(RISK_LEVELS), leadId: psy, pupils: involved });
      // last year's cases are closed (all but a few still monitored); this year's stay open
      const close = past && rand() < 0.85;
      let closed: Date | null = null;
      c = await call(core, 'cases.update', { id: c.id, version: c.version, stage: 'monitoring' });
      if (close) {
        c = await call(core, 'cases.close', { id: c.id, version: c.version, reason: pick(CLOSURE_REASONS.filter((r) => r !== 'other')), outcome: 'Жағдай шешілді (демо).' });
        closed = new Date(Math.min(opened.getTime() + (20 + Math.floor(rand() * 60)) * 86_400_000, now.getTime() - 86_400_000));
      }
      await db()
        .updateTable('cases')
        .set({ opened_at: opened.toISOString(), ...(closed ? { closed_at: closed.toISOString() } : {}) })
        .where('id', '=', c.id)
        .execute();
    }
  }

  // the concerns' own dates, and their cases opened the same day
  for (const c of concerns) {
    await db().updateTable('concerns').set({ logged_at: c.at.toISOString() }).where('id', '=', c.id).execute();
    const row = await db().selectFrom('concerns').select('case_id').where('id', '=', c.id).executeTakeFirst();
    if (row?.case_id) await db().updateTable('cases').set({ opened_at: c.at.toISOString() }).where('id', '=', row.case_id).execute();
  }
  await loginAs(core, 'director');
  // the dates above were moved after the writes: the sealed monthly tally of the months they left and joined
  await refreshTallies(db(), core.state, now);
};
