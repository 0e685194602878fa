/** trust.ts: a signature is the school's only by key (fingerprint + signing-certificate-v2), and each verdict is translated. */
import { describe, expect, it } from 'vitest';
import { SIGNER_TRUSTS, VERIFY_VERDICTS } from '../../../shared/documents';
import { overallVerdict, signerTrust, type StoredCertificateKey } from '../../../electron/core/documents/trust';
import kk from '../../../renderer/src/i18n/kk.json';
import ru from '../../../renderer/src/i18n/ru.json';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const stored: StoredCertificateKey[] = [
  { fingerprintSha256: A, retiredAt: null },
  { fingerprintSha256: B, retiredAt: '2026-03-12T09:00:00.000Z' },
];

describe('signerTrust', () => {
  it('school: intact, a stored current fingerprint, and signing-certificate-v2 naming that certificate', () => {
    expect(signerTrust({ intact: true, certificateSha256: A, signingCertificateV2: 'match' }, stored)).toEqual({ trust: 'school', retiredAt: null });
  });

  it('retired: the same with a retired certificate, with its date', () => {
    expect(signerTrust({ intact: true, certificateSha256: B, signingCertificateV2: 'match' }, stored)).toEqual({
      trust: 'school_retired',
      retiredAt: '2026-03-12T09:00:00.000Z',
    });
  });

  it('unknown: another fingerprint, no or another signing-certificate-v2, a broken signature, no certificate', () => {
    const cases = [
      { intact: true, certificateSha256: 'c'.repeat(64), signingCertificateV2: 'match' as const },
      { intact: true, certificateSha256: A, signingCertificateV2: 'absent' as const },
      { intact: true, certificateSha256: A, signingCertificateV2: 'mismatch' as const },
      { intact: false, certificateSha256: A, signingCertificateV2: 'match' as const },
      { intact: true, certificateSha256: '', signingCertificateV2: 'match' as const },
    ];
    for (const c of cases) expect(signerTrust(c, stored).trust).toBe('unknown');
    expect(signerTrust({ intact: true, certificateSha256: A, signingCertificateV2: 'match' }, []).trust).toBe('unknown');
  });
});

describe('overallVerdict', () => {
  it('is the weakest signature', () => {
    expect(overallVerdict([])).toBe('unsigned');
    expect(overallVerdict([{ intact: true, trust: 'school' }])).toBe('school');
    expect(overallVerdict([{ intact: true, trust: 'school' }, { intact: true, trust: 'school_retired' }])).toBe('school_retired');
    expect(overallVerdict([{ intact: true, trust: 'school' }, { intact: true, trust: 'unknown' }])).toBe('unknown_signer');
    expect(overallVerdict([{ intact: false, trust: 'unknown' }, { intact: true, trust: 'school' }])).toBe('broken');
  });
});

describe('translations of the badges', () => {
  it('every trust and verdict has its kk and ru text', () => {
    for (const dict of [kk, ru]) {
      const verify = (dict as { documents: { verify: { trust: Record<string, string>; verdict: Record<string, { title: string; text: string }> } } }).documents.verify;
      for (const t of SIGNER_TRUSTS) expect(verify.trust[t]?.trim()).toBeTruthy();
      for (const v of VERIFY_VERDICTS.filter((x) => x !== 'unsigned')) {
        expect(verify.verdict[v]?.title.trim()).toBeTruthy();
        expect(verify.verdict[v]?.text.trim()).toBeTruthy();
      }
    }
  });
});
