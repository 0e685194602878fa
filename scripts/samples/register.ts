/**
 * Register samples (demo data only): the individual prevention plan of a demo pupil on the intra-school register,
 * signed by the demo director, in the documents register.
 *   prevention-plan-kk.pdf      the plan (check: pdftotext, pdfsig, qpdf --check)
 */
import fs from 'node:fs';
import path from 'node:path';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api';
import type { Core } from '../../electron/core/api';
import { seedDemoRegister } from '../../electron/core/register/demo';
import { ensureDemoDirectorSigner } from './documents';
import type { SampleWriter } from './types';

async function call<M extends MethodName>(core: Core, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const r = await core.invoke(method, input);
  if (!r.ok) throw new Error(`samples/register: ${method} failed with ${r.error.code}`);
  return r.value as MethodOutput<M>;
}

export const writeRegisterSamples: SampleWriter = async ({ outDir, core }) => {
  // the demo seeders may have filled the register already; otherwise seed it now
  let open = (await call(core, 'register.list', {})).items;
  if (open.length === 0) {
    await seedDemoRegister(core, new Date());
    open = (await call(core, 'register.list', {})).items;
  }
  const entry = open.find((i) => i.openMeasures > 0) ?? open[0];
  if (!entry) throw new Error('samples/register: no register entry');
  const signer = await ensureDemoDirectorSigner(core);
  const doc = await call(core, 'register.signPlan', { entryId: entry.entryId, language: 'kk', signer });
  const name = 'prevention-plan-kk.pdf';
  fs.writeFileSync(path.join(outDir, name), Buffer.from(doc.pdfBase64, 'base64'));
  return [name];
};
