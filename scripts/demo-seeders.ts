/** Each feature's demo content, run in order by createDemoSchool with the director logged in. */
import type { DemoSeeder } from '../electron/core/demo/school';
import { demoGuardiansSeeder } from '../electron/core/guardians/demo';
import { seedDemoCouncil } from '../electron/core/council/demo';
import { demoPlansSeeder } from '../electron/core/plans/demo';
import { demoRegisterSeeder } from '../electron/core/register/demo';
import { demoCasesSeeder } from '../electron/core/cases/demo';
import { ensureDemoDirectorSigner } from './samples/documents';

export const demoSeeders: DemoSeeder[] = [
  // the director's signing certificate (password DEMO_DIRECTOR.password), so that plans can be signed at once
  async (core) => {
    await ensureDemoDirectorSigner(core);
  },
  // the 2025–2026 joint plan of School No. 96: approved, with execution marks for quarters I and II
  demoPlansSeeder,
  // parents of most pupils, and three pupils who left this autumn (archived)
  demoGuardiansSeeder,
  // the intra-school register: eight fake registrations with prevention plans, some reviews due
  demoRegisterSeeder,
  // concerns from the class teacher, 40 cases in every stage and risk (logged in as the demo psychologist)
  demoCasesSeeder,
  // the prevention council of the current year: three meetings (signed, awaiting the chair, planned)
  async (core, now) => {
    await seedDemoCouncil(core, now, { director: await ensureDemoDirectorSigner(core) });
  },
];
