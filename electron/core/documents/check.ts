/** Verification of a PDF against the register and its own signatures (the `documents.verify*` methods). */
import type { VerifyResult } from '../../../shared/documents';
import type { Db } from '../db/types';
import { AppError } from '../errors';
import { certificateKeys } from './certstore';
import { findById, findBySha256, sha256Hex } from './register';
import { runParser } from '../workers/run';
import { overallVerdict, signerTrust } from './trust';
import { embeddedDocumentId, isPdf } from './verify';

/** `documents.not_pdf` for anything that is not a PDF; a damaged PDF gets an answer with what could be read. */
export async function verifyPdf(db: Db, bytes: Buffer): Promise<VerifyResult> {
  if (!isPdf(bytes)) throw new AppError('documents.not_pdf', 'the file is not a PDF');
  const sha256 = sha256Hex(bytes);
  const exact = await findBySha256(db, sha256);
  let register: VerifyResult['register'] = exact ? 'exact' : 'none';
  let document = exact;
  if (!exact) {
    const id = embeddedDocumentId(bytes);
    const named = id ? await findById(db, id) : null;
    if (named) {
      const prefixSame = bytes.length > named.sizeBytes && sha256Hex(bytes.subarray(0, named.sizeBytes)) === named.sha256;
      register = prefixSame ? 'extended' : 'changed';
      document = named;
    }
  }
  // parsed in the parse worker (workers/run.ts): a hostile PDF costs a worker, never the main thread
  const checks = await runParser('documents.signatures', bytes, null, { failure: 'file.too_complex' });
  const stored = await certificateKeys(db);
  const last = checks.at(-1);
  const signatures = checks.map((c) => {
    const decision = signerTrust(c, stored);
    return {
      index: c.index,
      intact: c.intact,
      problem: c.problem,
      coversWholeDocument: c.coversWholeDocument,
      signerName: c.signerName,
      position: c.position,
      organization: c.organization,
      issuerName: c.issuerName,
      serialHex: c.serialHex,
      signingTime: c.signingTime ? c.signingTime.toISOString() : null,
      certificateValidAtSigning: c.certificateValidAtSigning,
      trust: decision.trust,
      certificateSha256: c.certificateSha256,
      certificateSelfSigned: c.certificateSelfSigned,
      certificateRetiredAt: decision.retiredAt,
    };
  });
  return {
    sha256,
    sizeBytes: bytes.length,
    register,
    document,
    signatures,
    changedAfterLastSignature: last ? !last.coversWholeDocument : false,
    verdict: overallVerdict(signatures),
  };
}
