/**
 * Case documents samples (demo data only): a demo case's summary and a letter inviting a demo pupil's parents,
 * both signed by the demo director and in the documents register.
 *   case-summary-kk.pdf    the case summary (check: pdftotext, pdfsig, qpdf --check)
 *   parent-letter-kk.pdf   the letter to parents (same checks)
 */
import fs from 'node:fs';
import path from 'node:path';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api';
import { CASE_STAGES } from '../../shared/cases';
import { isoDate } from '../../shared/calendar';
import type { Core } from '../../electron/core/api';
import { demoCasesSeeder } from '../../electron/core/cases/demo';
import { ensureDemoDirectorSigner } from './documents';
import type { SampleWriter } from './types';

async function call<M extends MethodName>(core: Core, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const r = await core.invoke(method, input);
  if (!r.ok) throw new Error(`samples/case-documents: ${method} failed with ${r.error.code}`);
  return r.value as MethodOutput<M>;
}

export const writeCaseDocumentSamples: SampleWriter = async ({ outDir, core }) => {
  const all = { stages: [...CASE_STAGES], pageSize: 200 };
  let cases = (await call(core, 'cases.list', all)).items;
  if (cases.length === 0) {
    // the demo seeders did not run: seed the cases now (the seeder logs the director in again at its end)
    await demoCasesSeeder(core, core.state.platform.now());
    cases = (await call(core, 'cases.list', all)).items;
  }
  // a bullying case with several pupils shows roles best; any case with the most pupils otherwise
  const ranked = [...cases].sort((a, b) => Number(b.formOfHarm === 'bullying') - Number(a.formOfHarm === 'bullying') || b.pupilCount - a.pupilCount);
  const chosen = ranked[0];
  if (!chosen) throw new Error('samples/case-documents: no demo case');
  const detail = await call(core, 'cases.get', { id: chosen.id });
  const pupil = detail.pupils.find((p) => p.role === 'targeted') ?? detail.pupils[0];
  if (!pupil) throw new Error('samples/case-documents: the demo case has no pupil');
  const signer = await ensureDemoDirectorSigner(core);
  const summary = await call(core, 'caseDocs.summary', { caseId: chosen.id, language: 'kk', signer });
  fs.writeFileSync(path.join(outDir, 'case-summary-kk.pdf'), Buffer.from(summary.pdfBase64, 'base64'));
  const meeting = new Date(core.state.platform.now().getTime() + 3 * 86_400_000);
  const letter = await call(core, 'caseDocs.parentLetter', {
    caseId: chosen.id,
    pupilId: pupil.pupilId,
    language: 'kk',
    addressee: `${pupil.lastName} (ата-анасы, демо)`,
    meetingAt: `${isoDate(meeting)}T15:00`,
    place: 'мектеп, 2-қабат, педагог-психолог кабинеті (демо)',
    contactPhone: '+7 700 000 00 00 (демо)',
    signer,
  });
  fs.writeFileSync(path.join(outDir, 'parent-letter-kk.pdf'), Buffer.from(letter.pdfBase64, 'base64'));
  return ['case-summary-kk.pdf', 'parent-letter-kk.pdf'];
};
