/**
 * Which signatures are the school's: decided by the signer's key, never by a serial number or a name.
 *
 * A certificate can be re-made by anyone with the director's serial number and name and a new key; a signature
 * made with it verifies cryptographically against the certificate it carries. What such a forger cannot copy is
 * the certificate itself: its SHA-256 fingerprint covers the public key. So a signature is the school's when
 * - it is intact (digest and RSA signature hold with the embedded certificate),
 * - the SHA-256 of that certificate's DER is the fingerprint of a certificate stored in this school's DB, and
 * - the signed ESS signing-certificate-v2 attribute names that same certificate (the signer committed to it, so it
 *   cannot be swapped for another certificate with the same key).
 * A stored certificate that has been retired gives `school_retired` (with the date), never `school`.
 */
import type { SignerTrust, VerifyVerdict } from '../../../shared/documents';
import type { SignatureCheck } from './verify';

/** What trust needs of a stored certificate. */
export interface StoredCertificateKey {
  fingerprintSha256: string;
  retiredAt: string | null;
}

export interface TrustDecision {
  trust: SignerTrust;
  /** set when `trust` is 'school_retired' */
  retiredAt: string | null;
}

export function signerTrust(
  check: Pick<SignatureCheck, 'intact' | 'certificateSha256' | 'signingCertificateV2'>,
  stored: readonly StoredCertificateKey[],
): TrustDecision {
  const unknown: TrustDecision = { trust: 'unknown', retiredAt: null };
  if (!check.intact || check.signingCertificateV2 !== 'match' || !/^[0-9a-f]{64}$/.test(check.certificateSha256)) return unknown;
  const hit = stored.find((c) => c.fingerprintSha256.toLowerCase() === check.certificateSha256);
  if (!hit) return unknown;
  return hit.retiredAt ? { trust: 'school_retired', retiredAt: hit.retiredAt } : { trust: 'school', retiredAt: null };
}

/** The weakest of the signatures (see `VerifyVerdict`). */
export function overallVerdict(signatures: readonly { intact: boolean; trust: SignerTrust }[]): VerifyVerdict {
  if (signatures.length === 0) return 'unsigned';
  if (signatures.some((s) => !s.intact)) return 'broken';
  if (signatures.some((s) => s.trust === 'unknown')) return 'unknown_signer';
  if (signatures.some((s) => s.trust === 'school_retired')) return 'school_retired';
  return 'school';
}
