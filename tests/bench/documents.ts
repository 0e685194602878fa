/**
 * Documents figures: a 60-item plan-style landscape document rendered unsigned, and rendered + signed by the
 * director (RSA 3072, visible stamp, incremental signature); then a second signature (minutes: chair, then
 * secretary). Target: signed 60-item plan ≤ 1 s median. Measured, never asserted.
 */
import crypto from 'node:crypto';
import { createSchoolCertificate, loadP12 } from '../../electron/core/documents/certificates';
import { exampleMinutes, examplePlan } from '../../electron/core/documents/examples';
import { renderAndSign } from '../../electron/core/documents/issue';
import { renderPdf } from '../../electron/core/documents/render';
import { checkSignatures } from '../../electron/core/documents/verify';
import { median, type BenchRow } from './types';

export type { BenchRow };

export async function benchDocuments(): Promise<BenchRow[]> {
  const now = new Date();
  const director = loadP12(
    createSchoolCertificate({ commonName: 'Қаншев Марат', position: '№96 мектеп директоры', organization: '№96 мектеп', password: 'bench-pass', now }).p12,
    'bench-pass',
  );
  const secretary = loadP12(
    createSchoolCertificate({ commonName: 'Сейітова Әйгерім', position: 'Хатшы', organization: '№96 мектеп', password: 'bench-pass', now }).p12,
    'bench-pass',
  );
  const plan = (stamps?: Parameters<typeof examplePlan>[1]['stamps']) =>
    examplePlan('kk', { items: 60, approverName: 'М.Қаншев', approverPosition: '№96 мектеп директоры', registerNumber: 'PL-1/2026', documentId: crypto.randomUUID(), ...(stamps ? { stamps } : {}) });
  const runs = 15;
  let size = 0;
  let signedPdf: Buffer = Buffer.alloc(0);
  const renderUnsigned = async () => {
    size = (await renderPdf(plan())).length;
  };
  const renderSigned = async () => {
    signedPdf = (await renderAndSign({ lang: 'kk', build: ({ stamps }) => plan(stamps) }, [{ certificateId: null, p12: director }], 'PL-1/2026', crypto.randomUUID(), now)).pdf;
  };
  // alternate the two so that a busy machine slows both alike; the ratio is what matters
  const times = { unsigned: [] as number[], signed: [] as number[] };
  for (let i = 0; i < runs + 3; i++) {
    for (const [key, fn] of [['unsigned', renderUnsigned], ['signed', renderSigned]] as const) {
      const t = performance.now();
      await fn();
      if (i >= 3) times[key].push(performance.now() - t);
    }
  }
  const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const unsigned = mid(times.unsigned);
  const signed = mid(times.signed);
  let minutesPdf: Buffer = Buffer.alloc(0);
  const twoSigs = await median(async () => {
    minutesPdf = (
      await renderAndSign(
        {
          lang: 'kk',
          build: ({ registerNumber, documentId, stamps }) =>
            exampleMinutes('kk', { number: 1, date: now, chairName: 'М.Қаншев', secretaryName: 'Ә.Сейітова', registerNumber, documentId, stamps }),
        },
        [
          { certificateId: null, p12: director },
          { certificateId: null, p12: secretary },
        ],
        'MN-1/2026',
        crypto.randomUUID(),
        now,
      )
    ).pdf;
  }, runs, 1);
  const verify = await median(() => checkSignatures(minutesPdf), 15, 2);
  const ratio = signed / unsigned;
  return [
    { name: '60-item plan PDF, unsigned render (landscape)', medianMs: unsigned, runs, note: `${Math.round(size / 1024)} KiB` },
    {
      name: '60-item plan PDF, rendered + signed (RSA 3072, stamp, incremental)',
      medianMs: signed,
      runs,
      note: `target ≤ 1000 ms; ${ratio.toFixed(2)}× the unsigned render; ${Math.round(signedPdf.length / 1024)} KiB`,
    },
    { name: 'minutes, rendered + signed by chair then secretary', medianMs: twoSigs, runs },
    { name: 'verify both signatures of the minutes (own check)', medianMs: verify, runs: 15 },
  ];
}
