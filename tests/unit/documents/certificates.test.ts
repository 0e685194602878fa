/**
 * PKCS#12 handling: the school certificate (RSA ≥ 3072, Cyrillic name), wrong password, a non-RSA key, an expired
 * certificate, garbage; the certificate as openssl reads it; the Cyrillic issuer copied byte for byte into the
 * signer info.
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as asn1js from 'asn1js';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  assertCertificateUsable,
  createSchoolCertificate,
  keyAlgorithmName,
  loadP12,
} from '../../../electron/core/documents/certificates';
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
    // read with asn1js alone (a generic BER reader), by position: ContentInfo → [0] → SignedData
    const ci = asn1js.fromBER(new Uint8Array(blob)).result as asn1js.Sequence;
    const sd = (ci.valueBlock.value[1] as asn1js.Constructed).valueBlock.value[0] as asn1js.Sequence;
    const parts = sd.valueBlock.value;
    const certSet = parts.find((p) => p.idBlock.tagClass === 3 && p.idBlock.tagNumber === 0) as asn1js.Constructed;
    const certDer = Buffer.from(certSet.valueBlock.value[0]!.valueBeforeDecodeView);
    expect(certDer.equals(loaded.certificate)).toBe(true);
    const signerInfo = (parts.at(-1) as asn1js.Set).valueBlock.value[0] as asn1js.Sequence;
    const issuerAndSerial = signerInfo.valueBlock.value[1] as asn1js.Sequence;
    const signerIssuer = Buffer.from(issuerAndSerial.valueBlock.value[0]!.valueBeforeDecodeView);
    // the certificate's issuer Name: tbs fields [0] version, serial, sigAlg, issuer
    const tbs = (asn1js.fromBER(new Uint8Array(certDer)).result as asn1js.Sequence).valueBlock.value[0] as asn1js.Sequence;
    const certIssuer = Buffer.from(tbs.valueBlock.value[3]!.valueBeforeDecodeView);
    expect(signerIssuer.equals(certIssuer)).toBe(true);
    // the name is there once as a UTF8String of its UTF-8 bytes, never re-encoded as UTF-8 of those bytes
    const utf8 = Buffer.from(NAME, 'utf8');
    expect(signerIssuer.includes(Buffer.concat([Buffer.from([0x0c, utf8.length]), utf8]))).toBe(true);
    expect(signerIssuer.includes(Buffer.from(utf8.toString('latin1'), 'utf8'))).toBe(false);
    const serial = issuerAndSerial.valueBlock.value[1] as asn1js.Integer;
    expect(Buffer.from(serial.valueBlock.valueHexView).toString('hex')).toBe(loaded.details.serialHex);
  });

  it('makes a certificate openssl reads as made: Cyrillic UTF8String names, RSA 3072, the key usages', () => {
    const loaded = loadP12(p12, 'құпия сөз 1');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qorgan-p12-'));
    try {
      const file = path.join(dir, 'c.der');
      fs.writeFileSync(file, loaded.certificate);
      const text = execFileSync('openssl', ['x509', '-inform', 'DER', '-in', file, '-noout', '-text', '-nameopt', 'utf8,sep_comma_plus,show_type'], { encoding: 'utf8' });
      expect(text).toContain(`CN=UTF8STRING:${NAME}`);
      expect(text).toContain(`title=UTF8STRING:${POSITION}`);
      expect(text).toContain('C=PRINTABLESTRING:KZ');
      expect(text).toContain('Public-Key: (3072 bit)');
      expect(text).toContain('Signature Algorithm: sha256WithRSAEncryption');
      expect(text).toMatch(/X509v3 Key Usage: critical\s+Digital Signature, Non Repudiation/);
      expect(text).toMatch(/X509v3 Basic Constraints: critical\s+CA:FALSE/);
      expect(text).toMatch(/X509v3 Extended Key Usage:\s+E-mail Protection/);
      expect(text).toContain('X509v3 Subject Key Identifier');
      // self-signed: openssl checks the signature over the certificate with its own key
      const pem = path.join(dir, 'c.pem');
      fs.writeFileSync(pem, new crypto.X509Certificate(loaded.certificate).toString());
      expect(execFileSync('openssl', ['verify', '-CAfile', pem, '-purpose', 'any', pem], { encoding: 'utf8' })).toContain('OK');
      // the fingerprint stored at creation is the one of the certificate inside the file
      expect(crypto.createHash('sha256').update(loaded.certificate).digest('hex')).toBe(loaded.details.fingerprintSha256);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
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
