/**
 * Plan samples (demo data only): the demo school's 2025–2026 plan, approved and signed by the director, in kk and
 * ru, and the signed quarterly report for quarter I.
 *   plan-kk.pdf, plan-ru.pdf          the plan in the seed's layout, signed (check: pdftotext, pdfsig, qpdf --check)
 *   quarterly-report-kk.pdf           «Жоспардың орындалуы туралы ақпарат», quarter I, signed
 */
import fs from 'node:fs';
import path from 'node:path';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api';
import type { Core } from '../../electron/core/api';
import { seedDemoPlans } from '../../electron/core/plans/demo';
import { ensureDemoDirectorSigner } from './documents';
import type { SampleWriter } from './types';

async function call<M extends MethodName>(core: Core, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const r = await core.invoke(method, input);
  if (!r.ok) throw new Error(`samples/plans: ${method} failed with ${r.error.code}`);
  return r.value as MethodOutput<M>;
}

export const writePlanSamples: SampleWriter = async ({ outDir, core }) => {
  const planId = await seedDemoPlans(core, new Date());
  const signer = await ensureDemoDirectorSigner(core);
  const written: string[] = [];
  for (const language of ['kk', 'ru'] as const) {
    const doc = await call(core, 'plans.signPdf', { id: planId, language, signer });
    const name = `plan-${language}.pdf`;
    fs.writeFileSync(path.join(outDir, name), Buffer.from(doc.pdfBase64, 'base64'));
    written.push(name);
  }
  const report = await call(core, 'plans.quarterlyReport', { planId, quarter: 1, language: 'kk', signer });
  fs.writeFileSync(path.join(outDir, 'quarterly-report-kk.pdf'), Buffer.from(report.pdfBase64, 'base64'));
  written.push('quarterly-report-kk.pdf');
  return written;
};
