/**
 * The PKCS#12 files Kazakh users have: legacy PBE (RC2-40 for the certificates, 3DES for the key, as NCALayer and
 * `openssl pkcs12 -export -legacy` write them) and openssl 3's default (PBES2, AES-256-CBC), both with a Cyrillic
 * password and subject. `loadP12` opens both, and the certificate it hands on is the file's, byte for byte.
 *
 * Why node-forge still opens them (the measured reason, kept as a test): PKI.js 4.0.0 opens the AES file but cannot
 * decrypt the legacy one. When this test fails because PKI.js learned the legacy bags, forge can go.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as pkijs from 'pkijs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadP12 } from '../../../electron/core/documents/certificates';

const NAME = 'Әлия Ғабитқызы Нұрланова';
const POSITION = 'Педагог-психолог';
const PASSWORD = 'құпия-сөз-7';
let dir: string;
let certDer: Buffer;
const files: Record<'legacy' | 'aes', Buffer> = { legacy: Buffer.alloc(0), aes: Buffer.alloc(0) };

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qorgan-pkcs12-'));
  const key = path.join(dir, 'k.pem');
  const crt = path.join(dir, 'c.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-utf8', '-sha256', '-days', '30', '-subj', `/CN=${NAME}/title=${POSITION}/O=№7 мектеп/C=KZ`, '-keyout', key, '-out', crt], { stdio: 'pipe' });
  certDer = Buffer.from(new crypto.X509Certificate(fs.readFileSync(crt)).raw);
  for (const [kind, extra] of [['legacy', ['-legacy']], ['aes', []]] as const) {
    const out = path.join(dir, `${kind}.p12`);
    execFileSync('openssl', ['pkcs12', '-export', ...extra, '-inkey', key, '-in', crt, '-out', out, '-passout', `pass:${PASSWORD}`], { stdio: 'pipe' });
    files[kind] = fs.readFileSync(out);
  }
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('loadP12 on openssl-made files with a Cyrillic password', () => {
  it('the two files are what they claim: legacy RC2/3DES PBE, and PBES2 AES-256', () => {
    const info = (kind: 'legacy' | 'aes') => {
      const file = path.join(dir, `${kind}.p12`);
      const r = spawnSync('openssl', ['pkcs12', '-info', '-noout', ...(kind === 'legacy' ? ['-legacy'] : []), '-in', file, '-passin', `pass:${PASSWORD}`], { encoding: 'utf8' });
      return `${r.stdout}${r.stderr}`;
    };
    expect(info('legacy')).toContain('pbeWithSHA1And40BitRC2-CBC');
    expect(info('legacy')).toContain('pbeWithSHA1And3-KeyTripleDES-CBC');
    expect(info('aes')).toContain('PBES2, PBKDF2, AES-256-CBC');
  });

  for (const kind of ['legacy', 'aes'] as const) {
    it(`${kind}: opens, names read back, the certificate byte for byte as openssl made it`, () => {
      const p12 = loadP12(files[kind], PASSWORD);
      expect(p12.details.subjectName).toBe(NAME);
      expect(p12.details.position).toBe(POSITION);
      expect(p12.details.keyBits).toBe(2048);
      expect(p12.certificate.equals(certDer)).toBe(true);
      expect(p12.details.fingerprintSha256).toBe(crypto.createHash('sha256').update(certDer).digest('hex'));
      // the key is the certificate's
      const sig = crypto.sign('sha256', Buffer.from('x'), p12.privateKeyPem);
      expect(crypto.verify('sha256', Buffer.from('x'), new crypto.X509Certificate(certDer).publicKey, sig)).toBe(true);
    });
  }
});

describe('PKI.js 4 and the same files (why forge keeps the PKCS#12 job)', () => {
  async function openWithPkijs(bytes: Buffer): Promise<string> {
    const password = new TextEncoder().encode(PASSWORD).buffer;
    const pfx = pkijs.PFX.fromBER(new Uint8Array(bytes));
    await pfx.parseInternalValues({ password, checkIntegrity: true });
    const safe = pfx.parsedValue?.authenticatedSafe;
    if (!safe) throw new Error('no authenticated safe');
    await safe.parseInternalValues({ safeContents: safe.safeContents.map(() => ({ password })) });
    return 'opened';
  }

  it('opens the AES (PBES2) file', async () => {
    await expect(openWithPkijs(files.aes)).resolves.toBe('opened');
  });

  it('cannot decrypt the legacy one (pbeWithSHAAnd40BitRC2-CBC, 1.2.840.113549.1.12.1.6)', async () => {
    await expect(openWithPkijs(files.legacy)).rejects.toThrow(/1\.2\.840\.113549\.1\.12\.1\.6/);
  });
});
