/**
 * Opening many report files at once: run in the parse worker (electron/core/workers/tasks.ts, 'district.envelopes'),
 * never on the core's thread, so a batch of a hundred schools (or one hostile file) never stalls the idle lock and
 * the other calls. The files come as one byte array and their sizes; each comes back as plain data: the report and
 * what its signature says, or why it is not one.
 */
import { isAppError } from '../errors';
import type { DistrictReport } from '../../../shared/district-report';
import { openEnvelope } from './report';

export type OpenedFile =
  | {
      ok: true;
      report: DistrictReport;
      /** the signature over the report's canonical bytes is intact and names its own certificate (ESS v2 match) */
      signatureValid: boolean;
      /** SHA-256 (hex, lower case) of the signing certificate's DER; '' when none */
      certificateSha256: string;
    }
  | { ok: false; problem: 'not_a_report' | 'future_version' };

export function openEnvelopes(bytes: Uint8Array, sizes: readonly number[]): OpenedFile[] {
  const out: OpenedFile[] = [];
  let at = 0;
  for (const size of sizes) {
    const file = Buffer.from(bytes.buffer, bytes.byteOffset + at, size);
    at += size;
    try {
      const { report, signature } = openEnvelope(file);
      out.push({
        ok: true,
        report,
        signatureValid: signature.intact && signature.signingCertificateV2 === 'match',
        certificateSha256: signature.certificateSha256.toLowerCase(),
      });
    } catch (e) {
      if (isAppError(e) && e.code === 'district.future_version') out.push({ ok: false, problem: 'future_version' });
      else if (isAppError(e) && e.code === 'district.not_a_report') out.push({ ok: false, problem: 'not_a_report' });
      // anything else a file can make the reader throw (a damaged signature structure) says the same: not a report
      else out.push({ ok: false, problem: 'not_a_report' });
    }
  }
  return out;
}
