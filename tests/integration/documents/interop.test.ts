/**
 * Signatures across tools (issue 13, item 14): the CMS that openssl writes over a PDF's byte ranges is read by our
 * verifier as poppler's pdfsig reads it, and what we write (the PAdES signature of a PDF, the district report's
 * detached CAdES) passes `openssl cms -verify`. The key and certificate openssl signs with are exported from our
 * PKCS#12 by openssl itself; the holder's name is Cyrillic throughout.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson, districtEnvelopeSchema } from '../../../shared/district-report';
import { buildReport, signedEnvelope } from '../../../electron/core/district/report';
import { bump, emptyCounts } from '../../../electron/core/district/tables';
import { officialDocument, paragraph } from '../../../electron/core/documents/blocks';
import type { LoadedP12 } from '../../../electron/core/documents/certificates';
import { renderPdf } from '../../../electron/core/documents/render';
import { addSignaturePlaceholder, signPdf } from '../../../electron/core/documents/sign';
import { checkDetached, checkSignatures, findByteRanges } from '../../../electron/core/documents/verify';
import { CHAIR, makeSigner } from './fixtures';
import { fillSignature, pdfsig } from './helpers';

const OID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
const OID_SIGNING_TIME = '1.2.840.113549.1.9.5';
const OID_SIGNING_CERTIFICATE_V2 = '1.2.840.113549.1.9.16.2.47';

let dir: string;
let signer: LoadedP12;
let base: Buffer;
/** the certificate and key as openssl exported them from our .p12 */
let certPem: string;
let keyPem: string;
const now = new Date();

function openssl(args: string[], input?: Buffer): { status: number | null; stdout: Buffer; stderr: string } {
  const r = spawnSync('openssl', args, { input, maxBuffer: 16 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr.toString('utf8') };
}

/** A placeholder PDF signed by `openssl cms -sign` over its byte ranges, the DER spliced into /Contents. */
function opensslSignedPdf(extra: string[]): Buffer {
  const placeholder = addSignaturePlaceholder(base, { page: 1, rect: [300, 60, 560, 140], signingTime: now, name: CHAIR.name, reason: 'Бекітемін' });
  return fillSignature(placeholder, (content) => {
    fs.writeFileSync(path.join(dir, 'data.bin'), content);
    return execFileSync(
      'openssl',
      ['cms', '-sign', '-binary', '-md', 'sha256', '-in', path.join(dir, 'data.bin'), '-signer', certPem, '-inkey', keyPem, '-outform', 'DER', ...extra],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
  });
}

/** The bytes a PDF signature covers and its CMS, as files for openssl. */
function extract(pdf: Buffer, n: number): { content: string; cms: string } {
  const hit = findByteRanges(pdf)[n - 1];
  if (!hit) throw new Error('no such signature');
  const [a, b, c, d] = hit.ranges;
  const content = path.join(dir, `content-${n}.bin`);
  const cms = path.join(dir, `cms-${n}.der`);
  fs.writeFileSync(content, Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]));
  // /Contents <hex> is zero-padded after the DER: openssl wants the DER object alone
  fs.writeFileSync(cms, derPrefix(Buffer.from(pdf.subarray(b + 1, c - 1).toString('latin1'), 'hex')));
  return { content, cms };
}

/** The first DER element of a buffer (its header says how long it is). */
function derPrefix(blob: Buffer): Buffer {
  const first = blob[1]!;
  if (first < 0x80) return blob.subarray(0, 2 + first);
  const n = first & 0x7f;
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + blob[2 + i]!;
  return blob.subarray(0, 2 + n + len);
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qorgan-interop-'));
  const made = makeSigner(CHAIR, now);
  signer = made.loaded;
  const p12File = path.join(dir, 'signer.p12');
  fs.writeFileSync(p12File, made.p12);
  certPem = path.join(dir, 'cert.pem');
  keyPem = path.join(dir, 'key.pem');
  execFileSync('openssl', ['pkcs12', '-in', p12File, '-passin', `pass:${CHAIR.password}`, '-nokeys', '-clcerts', '-out', certPem], { stdio: 'pipe' });
  execFileSync('openssl', ['pkcs12', '-in', p12File, '-passin', `pass:${CHAIR.password}`, '-nocerts', '-nodes', '-out', keyPem], { stdio: 'pipe' });
  base = await renderPdf(officialDocument({ lang: 'kk', title: 'Хаттама', content: [paragraph('Басқа құралмен қол қойылатын құжат.')] }));
}, 60_000);

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a signature openssl makes over the byte ranges of our placeholder PDF', () => {
  it('the certificate openssl exported from our .p12 is ours, byte for byte', () => {
    const der = new crypto.X509Certificate(fs.readFileSync(certPem)).raw;
    expect(Buffer.from(der).equals(signer.certificate)).toBe(true);
  });

  it('without signed attributes (-noattr): intact for us and for pdfsig, the Cyrillic name read the same', () => {
    const pdf = opensslSignedPdf(['-noattr']);
    const [s, ...more] = checkSignatures(pdf);
    expect(more).toEqual([]);
    expect([s!.intact, s!.problem, s!.coversWholeDocument, s!.signerName, s!.position, s!.signingCertificateV2]).toEqual([true, null, true, CHAIR.name, CHAIR.position, 'absent']);
    expect(s!.certificateSha256).toBe(signer.details.fingerprintSha256);
    // no CMS signing-time: the claimed time is the dictionary's /M, within the certificate's validity
    expect(s!.certificateValidAtSigning).toBe(true);
    expect(pdfsig(pdf).signatures.map((x) => [x.commonName, x.validation, x.type])).toEqual([[CHAIR.name, 'Signature is Valid.', 'ETSI.CAdES.detached']]);
  });

  it('with openssl\'s signed attributes (content-type, signing-time, message-digest …): intact, its signing time read', () => {
    const pdf = opensslSignedPdf([]);
    const [s] = checkSignatures(pdf);
    expect([s!.intact, s!.problem, s!.signerName, s!.signingCertificateV2]).toEqual([true, null, CHAIR.name, 'absent']);
    // openssl takes the time from the real clock at signing; ours is the test's start, seconds earlier
    expect(Math.abs(s!.signingTime!.getTime() - Date.now())).toBeLessThan(120_000);
    expect(s!.certificateValidAtSigning).toBe(true);
    expect(pdfsig(pdf).signatures.map((x) => [x.commonName, x.validation])).toEqual([[CHAIR.name, 'Signature is Valid.']]);
  });

  it('with -cades (ESS signing-certificate-v2): the signature names our certificate', () => {
    const [s] = checkSignatures(opensslSignedPdf(['-cades']));
    expect([s!.intact, s!.signingCertificateV2, s!.certificateSha256]).toEqual([true, 'match', signer.details.fingerprintSha256]);
  });

  it('one changed byte in the signed range: we and pdfsig both call it broken', () => {
    const pdf = opensslSignedPdf([]);
    const hit = findByteRanges(pdf)[0]!;
    const at = hit.ranges[1] - 200;
    const tampered = Buffer.from(pdf);
    tampered[at] = tampered[at] === 0x20 ? 0x0a : 0x20;
    expect(checkSignatures(tampered).map((x) => [x.intact, x.problem])).toEqual([[false, 'digest_mismatch']]);
    expect(pdfsig(tampered).signatures.map((x) => x.validation)).toEqual(['Digest Mismatch.']);
  });
});

describe('what we sign, checked by openssl cms -verify', () => {
  it('a PAdES signature of a PDF: verified over the extracted byte ranges; no CMS signing-time (PAdES B-B)', async () => {
    const pdf = await signPdf(base, signer, { page: 1, rect: [300, 60, 560, 140], signingTime: now, name: CHAIR.name, reason: 'Бекітемін' });
    const { content, cms } = extract(pdf, 1);
    const ok = openssl(['cms', '-verify', '-binary', '-inform', 'DER', '-in', cms, '-content', content, '-CAfile', certPem, '-purpose', 'any', '-out', path.join(dir, 'out.bin')]);
    expect(ok.stderr).toContain('Verification successful');
    expect(ok.status).toBe(0);
    const printed = openssl(['cms', '-cmsout', '-print', '-inform', 'DER', '-in', cms]).stdout.toString('utf8');
    expect(printed).toContain(`(${OID_SIGNING_CERTIFICATE_V2})`);
    expect(printed).toContain(`(${OID_MESSAGE_DIGEST})`);
    expect(printed).not.toContain(`(${OID_SIGNING_TIME})`);
    // the issuer as openssl prints it (bytes ≥ 0x80 escaped): the UTF-8 of the Cyrillic name, encoded once
    const escaped = [...Buffer.from(CHAIR.name, 'utf8')].map((x) => (x >= 0x80 ? `\\x${x.toString(16).toUpperCase()}` : String.fromCharCode(x))).join('');
    expect(printed).toContain(`issuer: CN=${escaped}/`);
    // the content changed by one byte: openssl refuses it
    const bytes = fs.readFileSync(content);
    bytes[100] = bytes[100]! ^ 0x01;
    fs.writeFileSync(content, bytes);
    const bad = openssl(['cms', '-verify', '-binary', '-inform', 'DER', '-in', cms, '-content', content, '-CAfile', certPem, '-purpose', 'any', '-out', path.join(dir, 'out.bin')]);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/digest failure|Verification failure/);
  });

  it('the district report\'s detached CAdES over its canonical JSON, with the report\'s time as signing-time', () => {
    const counts = emptyCounts();
    bump(counts, 'concerns', 'case', 'count', 12);
    const generatedAt = new Date(Math.floor(now.getTime() / 1000) * 1000);
    const report = buildReport({
      school: { code: '960000000096', nameKk: '№96 мектеп', nameRu: 'Школа №96' },
      period: { kind: 'quarter', academicYear: 2026, quarter: 1, from: '2026-09-01', to: '2026-10-31' },
      generatedAt,
      counts,
      withReferrals: false,
      councilMeetings: 1,
      plan: [],
    });
    const envelope = districtEnvelopeSchema.parse(JSON.parse(signedEnvelope(report, signer).toString('utf8')));
    const content = path.join(dir, 'report.json');
    const cms = path.join(dir, 'report.p7s');
    fs.writeFileSync(content, canonicalJson(envelope.report));
    fs.writeFileSync(cms, Buffer.from(envelope.signature.cms, 'base64'));
    const ok = openssl(['cms', '-verify', '-binary', '-inform', 'DER', '-in', cms, '-content', content, '-CAfile', certPem, '-purpose', 'any', '-out', path.join(dir, 'out.bin')]);
    expect(ok.stderr).toContain('Verification successful');
    expect(ok.status).toBe(0);
    const printed = openssl(['cms', '-cmsout', '-print', '-inform', 'DER', '-in', cms]).stdout.toString('utf8');
    expect(printed).toContain(`(${OID_SIGNING_TIME})`);
    expect(printed).toContain(`(${OID_SIGNING_CERTIFICATE_V2})`);
    // and our own reader agrees, with the signing time the report's
    const check = checkDetached(fs.readFileSync(content), fs.readFileSync(cms));
    expect([check.intact, check.signingCertificateV2, check.signingTime?.toISOString(), check.certificateValidAtSigning]).toEqual([true, 'match', generatedAt.toISOString(), true]);
  });
});
