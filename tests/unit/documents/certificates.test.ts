/**
 * PKCS#12 handling: the school certificate (RSA ≥ 3072, Cyrillic name), wrong password, a non-RSA key, an expired
 * certificate, garbage; and the node-forge double-encoding of Cyrillic names kept out of the signer info.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import forge from 'node-forge';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  assertCertificateUsable,
  createSchoolCertificate,
  keyAlgorithmName,
  loadP12,
} from '../../../electron/core/documents/certificates';
import { children, content, readName, readTlv, whole } from '../../../electron/core/documents/der';
import { QorganP12Signer } from '../../../electron/core/documents/sign';
import { AppError } from '../../../electron/core/errors';

const NAME = 'Қаншев Марат Серікұлы';
const POSITION = '№96 мектеп директоры';
const NOW = new Date('2026-11-26T05:00:00Z');
let p12: Buffer;

function codeOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (e) {
    return e instanceof AppError ? e.code : `non-app: ${String(e)}`;
  }
}

beforeAll(() => {
  p12 = createSchoolCertificate({ commonName: NAME, position: POSITION, organization: '№96 мектеп', password: 'құпия сөз 1', now: NOW }).p12;
});

describe('PKCS#12', () => {
  it('creates an RSA 3072 certificate whose Cyrillic name and position read back', () => {
    const loaded = loadP12(p12, 'құпия сөз 1');
    expect(loaded.details.keyBits).toBeGreaterThanOrEqual(3072);
    expect(loaded.details.subjectName).toBe(NAME);
    expect(loaded.details.position).toBe(POSITION);
    expect(loaded.details.issuerName).toBe(NAME);
    expect(loaded.details.selfSigned).toBe(true);
    expect(loaded.details.notAfter.getTime()).toBeGreaterThan(NOW.getTime());
    expect(loaded.privateKeyPem).toContain('BEGIN PRIVATE KEY');
  });

  it('gives translated errors: wrong password, garbage, expired', () => {
    expect(codeOf(() => loadP12(p12, 'wrong'))).toBe('documents.wrong_p12_password');
    expect(codeOf(() => loadP12(Buffer.from('not a key file at all'), 'x'))).toBe('documents.bad_p12');
    expect(codeOf(() => loadP12(Buffer.alloc(0), 'x'))).toBe('documents.bad_p12');
    const details = loadP12(p12, 'құпия сөз 1').details;
    expect(codeOf(() => assertCertificateUsable(details, NOW))).toBeNull();
    expect(codeOf(() => assertCertificateUsable(details, new Date('2031-01-01T00:00:00Z')))).toBe('documents.certificate_expired');
    expect(codeOf(() => assertCertificateUsable(details, new Date('2020-01-01T00:00:00Z')))).toBe('documents.certificate_expired');
  });

  it('refuses ECDSA and Ed25519 keys (made by openssl) as "this key type cannot sign here"', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qorgan-p12-'));
    try {
      for (const [name, genArgs] of [
        ['ec', ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256']],
        ['ed25519', ['-newkey', 'ed25519']],
      ] as const) {
        const key = path.join(dir, `${name}.key`);
        const crt = path.join(dir, `${name}.crt`);
        const out = path.join(dir, `${name}.p12`);
        execFileSync('openssl', ['req', '-x509', ...genArgs, '-nodes', '-keyout', key, '-out', crt, '-days', '30', '-subj', '/CN=Test'], { stdio: 'pipe' });
        execFileSync('openssl', ['pkcs12', '-export', '-inkey', key, '-in', crt, '-out', out, '-passout', 'pass:pw'], { stdio: 'pipe' });
        let err: unknown = null;
        try {
          loadP12(fs.readFileSync(out), 'pw');
        } catch (e) {
          err = e;
        }
        expect(err).toBeInstanceOf(AppError);
        expect((err as AppError).code).toBe('documents.unsupported_key_type');
        expect((err as AppError).details?.algorithm).toBe(name === 'ec' ? 'ECDSA' : 'Ed25519');
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads an RSA .p12 made by openssl 3 (AES-256, PBKDF2) with a Cyrillic subject', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qorgan-p12-'));
    try {
      const key = path.join(dir, 'k.key');
      const crt = path.join(dir, 'k.crt');
      const out = path.join(dir, 'k.p12');
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', crt, '-days', '30', '-utf8', '-subj', '/CN=Әлия Ғабитқызы/title=Педагог-психолог'], { stdio: 'pipe' });
      execFileSync('openssl', ['pkcs12', '-export', '-inkey', key, '-in', crt, '-out', out, '-passout', 'pass:пароль'], { stdio: 'pipe' });
      const loaded = loadP12(fs.readFileSync(out), 'пароль');
      expect(loaded.details.subjectName).toBe('Әлия Ғабитқызы');
      expect(loaded.details.position).toBe('Педагог-психолог');
      expect(codeOf(() => loadP12(fs.readFileSync(out), 'парол'))).toBe('documents.wrong_p12_password');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names GOST key algorithms (Kazakh and Russian OIDs) as GOST', () => {
    expect(keyAlgorithmName('1.2.398.3.10.1.1.1.1')).toBe('GOST');
    expect(keyAlgorithmName('1.2.643.7.1.1.1.1')).toBe('GOST');
    expect(keyAlgorithmName('1.2.840.113549.1.1.1')).toBe('RSA');
  });

  it('writes the signer info issuer byte for byte as in the certificate (no double-encoded Cyrillic)', async () => {
    const loaded = loadP12(p12, 'құпия сөз 1');
    const blob = await new QorganP12Signer(loaded).sign(Buffer.from('%PDF-1.7 test'));
    const ci = readTlv(blob, 0);
    const sd = children(blob, children(blob, ci)[1]!)[0]!;
    const parts = children(blob, sd);
    const certDer = whole(blob, children(blob, parts.find((p) => p.tag === 0xa0)!)[0]!);
    const signerInfo = children(blob, parts.at(-1)!)[0]!;
    const issuerAndSerial = children(blob, signerInfo)[1]!;
    const signerIssuer = children(blob, issuerAndSerial)[0]!;
    // the certificate's issuer Name: tbs fields [version], serial, sigAlg, issuer
    const tbs = children(certDer, readTlv(certDer, 0))[0]!;
    const tbsFields = children(certDer, tbs);
    const certIssuer = tbsFields[3]!;
    expect(Buffer.from(whole(blob, signerIssuer)).equals(Buffer.from(whole(certDer, certIssuer)))).toBe(true);
    expect(readName(blob, signerIssuer).CN).toBe(NAME);
    expect(content(blob, children(blob, issuerAndSerial)[1]!).toString('hex')).toBe(loaded.details.serialHex);
    // forge itself would double-encode: its parsed (raw) values re-encoded give different bytes
    const raw = forge.pki.certificateFromAsn1(forge.asn1.fromDer(Buffer.from(certDer).toString('binary')));
    const reencoded = Buffer.from(forge.asn1.toDer(forge.pki.distinguishedNameToAsn1(raw.issuer)).getBytes(), 'binary');
    expect(reencoded.equals(Buffer.from(whole(certDer, certIssuer)))).toBe(false);
  });
});

describe('the school certificate file outside the app', () => {
  it('opens in openssl with its Cyrillic password', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qorgan-p12-'));
    try {
      const file = path.join(dir, 'signer.p12');
      fs.writeFileSync(file, p12);
      const out = execFileSync('openssl', ['pkcs12', '-in', file, '-nokeys', '-passin', 'pass:құпия сөз 1'], { encoding: 'utf8' });
      expect(out).toContain('BEGIN CERTIFICATE');
      const bad = (() => {
        try {
          execFileSync('openssl', ['pkcs12', '-in', file, '-nokeys', '-passin', 'pass:wrong'], { stdio: 'pipe' });
          return false;
        } catch {
          return true;
        }
      })();
      expect(bad).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
