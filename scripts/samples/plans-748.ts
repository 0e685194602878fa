/**
 * School No. 96's own paper (issue 12, demo data only): a plan made of the Decree 748 items the seed holds,
 * verbatim under the decree's section headings and item numbers, approved by the demo director.
 *   plan-748-kk.pdf, plan-748-ru.pdf   signed by the director (pdftotext reads like the seed's table; pdfsig, qpdf)
 *   plan-748.docx, plan-748.xlsx       the same plan in Kazakh for Word and Excel (check: `npm run check:office`)
 * The Office files are read back through the import before they are written: the same sections and items.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api';
import type { Core } from '../../electron/core/api';
import { ensureDemoDirectorSigner } from './documents';
import type { SampleWriter } from './types';

async function call<M extends MethodName>(core: Core, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const r = await core.invoke(method, input);
  if (!r.ok) throw new Error(`samples/plans-748: ${method} failed with ${r.error.code}`);
  return r.value as MethodOutput<M>;
}

export const writePlan748Samples: SampleWriter = async ({ outDir, core }) => {
  const created = await call(core, 'plans.create', { academicYear: 2025, from: { kind: 'framework' } });
  const plan = await call(core, 'plans.approve', { id: created.id, approvedOn: '2025-09-01' });
  const signer = await ensureDemoDirectorSigner(core);
  const written: string[] = [];
  for (const language of ['kk', 'ru'] as const) {
    const doc = await call(core, 'plans.signPdf', { id: plan.id, language, signer });
    const name = `plan-748-${language}.pdf`;
    fs.writeFileSync(path.join(outDir, name), Buffer.from(doc.pdfBase64, 'base64'));
    written.push(name);
  }
  for (const kind of ['docx', 'xlsx'] as const) {
    const file =
      kind === 'docx'
        ? await call(core, 'plansIo.exportDocx', { id: plan.id, language: 'kk' })
        : await call(core, 'plansIo.exportXlsx', { id: plan.id, language: 'kk' });
    const back = await call(core, 'plansIo.importPreview', { kind, fileBase64: file.base64 });
    if (back.counts.items !== plan.items.length || back.counts.sections !== plan.sections.length || back.counts.problems !== 0) {
      throw new Error(`samples/plans-748: plan-748.${kind} does not read back to the plan`);
    }
    const name = `plan-748.${kind}`;
    fs.writeFileSync(path.join(outDir, name), Buffer.from(file.base64, 'base64'));
    written.push(name);
  }
  return written;
};
