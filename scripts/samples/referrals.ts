/**
 * Referral samples (demo data only): the letter of a demo referral, signed by the demo director, in the documents
 * register.
 *   referral-kk.pdf      the referral letter (check: pdftotext, pdfsig, qpdf --check)
 */
import fs from 'node:fs';
import path from 'node:path';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api';
import type { Core } from '../../electron/core/api';
import { seedDemoReferrals } from '../../electron/core/referrals/demo';
import { ensureDemoDirectorSigner } from './documents';
import type { SampleWriter } from './types';

async function call<M extends MethodName>(core: Core, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const r = await core.invoke(method, input);
  if (!r.ok) throw new Error(`samples/referrals: ${method} failed with ${r.error.code}`);
  return r.value as MethodOutput<M>;
}

export const writeReferralSamples: SampleWriter = async ({ outDir, core }) => {
  const signer = await ensureDemoDirectorSigner(core);
  // the demo seeders may have made the referrals already; otherwise make them now
  let open = await call(core, 'referrals.list', { status: 'sent' });
  if (open.length === 0) {
    await seedDemoReferrals(core, new Date(), { director: signer });
    open = await call(core, 'referrals.list', { status: 'sent' });
  }
  const referral = open.find((r) => r.overdue) ?? open[0];
  if (!referral) throw new Error('samples/referrals: no sent referral');
  const doc = await call(core, 'referrals.letter', { id: referral.id, language: 'kk', signer });
  const name = 'referral-kk.pdf';
  fs.writeFileSync(path.join(outDir, name), Buffer.from(doc.pdfBase64, 'base64'));
  return [name];
};
