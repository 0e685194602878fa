/** Each feature's demo content, run in order by createDemoSchool with the director logged in. */
import { isoDate, reportDueDate } from '../shared/calendar';
import type { MethodInput, MethodName, MethodOutput } from '../shared/api';
import type { Core } from '../electron/core/api';
import type { DemoSeeder } from '../electron/core/demo/school';
import { demoGuardiansSeeder } from '../electron/core/guardians/demo';
import { seedDemoCouncil } from '../electron/core/council/demo';
import { seedDemoPlans } from '../electron/core/plans/demo';
import { demoRegisterSeeder } from '../electron/core/register/demo';
import { demoCasesSeeder } from '../electron/core/cases/demo';
import { demoBullyingSeeder } from '../electron/core/bullying/demo';
import { demoScreeningSeeder } from '../electron/core/screening/demo';
import { seedDemoReferrals } from '../electron/core/referrals/demo';
import { demoStatisticsSeeder } from '../electron/core/statistics/demo';
import { ensureDemoDirectorSigner } from './samples/documents';

async function call<M extends MethodName>(core: Core, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const r = await core.invoke(method, input);
  if (!r.ok) throw new Error(`demo: ${method} failed with ${r.error.code}`);
  return r.value as MethodOutput<M>;
}

export const demoSeeders: DemoSeeder[] = [
  // the director's certificate (password DEMO_DIRECTOR.password), so that plans and reports can be signed at once
  async (core) => {
    await ensureDemoDirectorSigner(core);
  },
  // last year's and this year's joint plans, dated by the clock (electron/core/plans/demo.ts), and the signed
  // quarterly reports whose due date has passed (the school reported on time; a report not due yet is left to the
  // user, and the reminder shows it)
  async (core, now) => {
    const planId = await seedDemoPlans(core, now);
    const plan = await call(core, 'plans.get', { id: planId });
    const cal = await call(core, 'plans.calendar', { academicYear: plan.academicYear });
    const today = isoDate(now);
    const signer = await ensureDemoDirectorSigner(core);
    for (const [i, q] of cal.quarters.entries()) {
      if (reportDueDate(q.end) < today) await call(core, 'plans.quarterlyReport', { planId, quarter: i + 1, language: 'kk', signer });
    }
  },
  // parents of most pupils, and three pupils who left this autumn (archived)
  demoGuardiansSeeder,
  // the intra-school register: eight fake registrations with prevention plans, some reviews due
  demoRegisterSeeder,
  // concerns from the class teacher, 40 cases in every stage and risk (logged in as the demo psychologist)
  demoCasesSeeder,
  // a bullying case mid-flow and a cyberbullying case with its evidence (logged in as the demo psychologist)
  demoBullyingSeeder,
  // ASQ screenings on two demo cases: one positive with its assessment task, one acute with its checklist done and a
  // safety plan (logged in as the demo psychologist)
  demoScreeningSeeder,
  // referrals on the psychologist's open cases in every state, one past its answer date; the letter of that one
  // signed by the director
  async (core, now) => {
    await seedDemoReferrals(core, now, { director: await ensureDemoDirectorSigner(core) });
  },
  // a year of history for the statistics' charts: last year's cases month by month (most closed), concerns (electron/core/statistics/demo.ts)
  demoStatisticsSeeder,
  // the prevention council of the current year: three meetings (signed, awaiting the chair, planned)
  async (core, now) => {
    await seedDemoCouncil(core, now, { director: await ensureDemoDirectorSigner(core) });
  },
];
