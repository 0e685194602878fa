/**
 * Office samples of the demo school's 2025–2026 plan (demo data only), for offices that keep editing in Word or
 * Excel and for independent checks (LibreOffice, Word, Excel, `unzip -p plan.docx word/document.xml`):
 *   plan.docx      the plan in the seed's layout (kk): «Бекітемін» block, title, the framework's columns
 *   plan.xlsx      the same plan as a workbook (kk): frozen header, section rows merged across the table
 * Each file is read back through the import before it is written: the same number of sections and items.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api';
import type { Core } from '../../electron/core/api';
import { seedDemoPlans } from '../../electron/core/plans/demo';
import type { SampleWriter } from './types';

async function call<M extends MethodName>(core: Core, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const r = await core.invoke(method, input);
  if (!r.ok) throw new Error(`samples/plans-io: ${method} failed with ${r.error.code}`);
  return r.value as MethodOutput<M>;
}

export const writePlanOfficeSamples: SampleWriter = async ({ outDir, core }) => {
  const planId = await seedDemoPlans(core, new Date());
  const plan = await call(core, 'plans.get', { id: planId });
  const written: string[] = [];
  for (const kind of ['docx', 'xlsx'] as const) {
    const file =
      kind === 'docx'
        ? await call(core, 'plansIo.exportDocx', { id: planId, language: 'kk' })
        : await call(core, 'plansIo.exportXlsx', { id: planId, language: 'kk' });
    const back = await call(core, 'plansIo.importPreview', { kind, fileBase64: file.base64 });
    if (back.counts.items !== plan.items.length || back.counts.sections !== plan.sections.length || back.counts.problems !== 0) {
      throw new Error(`samples/plans-io: plan.${kind} does not read back to the plan`);
    }
    const name = `plan.${kind}`;
    fs.writeFileSync(path.join(outDir, name), Buffer.from(file.base64, 'base64'));
    written.push(name);
  }
  return written;
};
