/**
 * Screening samples (demo data only): a demo pupil's safety plan as the one-page sheet for the pupil, in Kazakh.
 *   safety-plan-kk.pdf      the sheet (check: pdftotext holds 111 and 150; qpdf --check; one page)
 * Uses the demo's acute case and its plan when the demo seeders made them; otherwise writes one plan on a new demo
 * case. Logs in as the demo psychologist (the only role that holds the plan) and leaves the director logged in.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api';
import type { Core } from '../../electron/core/api';
import { DEMO_PASSWORD } from '../../electron/core/demo/school';
import type { SampleWriter } from './types';

async function call<M extends MethodName>(core: Core, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const r = await core.invoke(method, input);
  if (!r.ok) throw new Error(`samples/screening: ${method} failed with ${r.error.code}`);
  return r.value as MethodOutput<M>;
}

async function loginAs(core: Core, login: string, password: string): Promise<void> {
  await call(core, 'auth.lock', {});
  await call(core, 'auth.login', { login, password });
}

async function findPlan(core: Core): Promise<{ caseId: string; pupilId: string } | null> {
  const cases = (await call(core, 'cases.list', { risks: ['acute'], pageSize: 200 })).items;
  for (const k of cases) {
    const o = await call(core, 'screening.forCase', { caseId: k.id });
    const plan = o.plans[0];
    if (plan) return { caseId: k.id, pupilId: plan.pupilId };
  }
  return null;
}

export const writeScreeningSamples: SampleWriter = async ({ outDir, core, demo }) => {
  await loginAs(core, 'psychologist', DEMO_PASSWORD);
  let target = await findPlan(core);
  if (!target) {
    const pupil = (await call(core, 'pupils.list', { pageSize: 1 })).items[0];
    if (!pupil) throw new Error('samples/screening: no demo pupil');
    const k = await call(core, 'cases.create', { title: 'Демо кейс (үлгі)', formOfHarm: 'self_harm', risk: 'high', pupils: [{ pupilId: pupil.id, role: 'targeted' }] });
    await call(core, 'safetyPlan.save', {
      caseId: k.id,
      pupilId: pupil.id,
      baseVersion: 0,
      withPupil: true,
      steps: {
        warningSigns: ['Ешкіммен сөйлескім келмейді (демо)'],
        coping: ['Музыка тыңдаймын', 'Сурет саламын'],
        distractions: ['Әпкеммен серуендеймін'],
        helpers: ['Анам', 'Сынып жетекшісі'],
        professionals: ['Мектеп психологы, 204-кабинет'],
        environment: ['Дәрілерді анам сақтайды'],
      },
    });
    target = { caseId: k.id, pupilId: pupil.id };
  }
  const sheet = await call(core, 'safetyPlan.print', { ...target, lang: 'kk' });
  const name = 'safety-plan-kk.pdf';
  fs.writeFileSync(path.join(outDir, name), Buffer.from(sheet.pdfBase64, 'base64'));
  await loginAs(core, demo.login, demo.password);
  return [name];
};
