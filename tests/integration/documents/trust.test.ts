/**
 * "School key" means the school's key, not its serial number or name (issue 8, item 6). The four reproduced attacks,
 * each with a certificate forged by openssl (an independent tool): the director's serial number, Cyrillic name,
 * position and school, and a new RSA key.
 * (a) a revision signed by the forged certificate appended to a registered, director-signed document;
 * (b) the registered document re-made and signed by the forged certificate alone;
 * (c) an unrelated PDF signed by the forged certificate (also with the real certificate slipped into the CMS);
 * (d) a retired certificate: shown as retired, with its date, never as current.
 * pdfsig (poppler) still validates every signature the app makes, and shows why a valid signature alone proves
 * nothing about who signed: it calls the forged one valid too.
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SigningCertificate, VerifyResult } from '../../../shared/documents';
import { officialDocument, paragraph } from '../../../electron/core/documents/blocks';
import { loadP12, type LoadedP12 } from '../../../electron/core/documents/certificates';
import { cadesDetached } from '../../../electron/core/documents/cades';
import { exampleMinutes } from '../../../electron/core/documents/examples';
import { issueDocument, type IssuedDocument } from '../../../electron/core/documents/issue';
import { renderPdf } from '../../../electron/core/documents/render';
import { addSignaturePlaceholder, signPdf } from '../../../electron/core/documents/sign';
import { createTestCore, type TestCore } from '../../harness/core';
import { CHAIR, SCHOOL } from './fixtures';
import { fillSignature, pdfsig } from './helpers';

let c: TestCore;
let director: SigningCertificate;
let directorKey: LoadedP12;
let forged: LoadedP12;
let doc: IssuedDocument;
let workDir: string;

/** openssl: a self-signed RSA certificate with the given serial and a UTF-8 (Cyrillic) subject, as PKCS#12. */
function opensslCertificate(o: { serialHex: string; name: string; position: string; organization: string }): LoadedP12 {
  const dir = fs.mkdtempSync(path.join(workDir, 'forge-'));
  const subj = `/CN=${o.name}/title=${o.position}/O=${o.organization}/C=KZ`;
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-utf8', '-sha256', '-days', '30', '-set_serial', `0x${o.serialHex}`, '-subj', subj, '-keyout', `${dir}/k.pem`, '-out', `${dir}/c.pem`], { stdio: 'pipe' });
  execFileSync('openssl', ['pkcs12', '-export', '-inkey', `${dir}/k.pem`, '-in', `${dir}/c.pem`, '-out', `${dir}/p.p12`, '-passout', 'pass:forger-1'], { stdio: 'pipe' });
  return loadP12(fs.readFileSync(`${dir}/p.p12`), 'forger-1');
}

async function verify(pdf: Buffer): Promise<VerifyResult> {
  return c.call('documents.verify', { pdfBase64: pdf.toString('base64') });
}

async function appendForgedRevision(pdf: Buffer, signer: LoadedP12): Promise<Buffer> {
  return signPdf(pdf, signer, { page: 1, rect: [300, 60, 560, 140], signingTime: new Date(), name: signer.details.subjectName, reason: 'Бекітемін' });
}

async function issueSigned(n: number): Promise<IssuedDocument> {
  const now = c.platform.now();
  return c.state.db.transaction().execute((trx) =>
    issueDocument(
      { db: trx, now, session: c.state.session },
      {
        kind: 'minutes',
        lang: 'kk',
        title: `Профилактика кеңесі отырысының хаттамасы № ${n}`,
        signers: [{ certificateId: director.id, password: CHAIR.password }],
        source: { type: 'test', id: String(n) },
        build: ({ registerNumber, documentId, stamps }) =>
          exampleMinutes('kk', { number: n, date: now, chairName: 'М.Қаншев', secretaryName: 'Ә.Сейітова', registerNumber, documentId, stamps }),
      },
    ),
  );
}

beforeAll(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qorgan-trust-'));
  c = await createTestCore();
  await c.call('accounts.update', { id: c.state.session!.accountId, displayName: CHAIR.name });
  director = await c.call('documents.certificates.create', { position: CHAIR.position, organization: SCHOOL, password: CHAIR.password });
  const row = await c.state.db.selectFrom('signing_certificates').select('p12').where('id', '=', director.id).executeTakeFirstOrThrow();
  directorKey = loadP12(Buffer.from(row.p12), CHAIR.password);
  forged = opensslCertificate({ serialHex: director.serialHex, name: director.subjectName, position: director.position, organization: director.organization });
  doc = await issueSigned(1);
}, 60_000);
afterAll(async () => {
  await c.cleanup();
  fs.rmSync(workDir, { recursive: true, force: true });
});

describe('the forged certificate', () => {
  it('copies the director certificate in everything a serial-or-name check looks at, but not the key', () => {
    expect(forged.details.serialHex).toBe(director.serialHex);
    expect(forged.details.subjectName).toBe(director.subjectName);
    expect(forged.details.position).toBe(director.position);
    expect(forged.details.organization).toBe(director.organization);
    expect(forged.details.fingerprintSha256).not.toBe(director.fingerprintSha256);
  });

  it('the genuine document: one intact signature by the school key, self-signed, verdict school; pdfsig validates it', async () => {
    const r = await verify(doc.pdf);
    expect(r.register).toBe('exact');
    expect(r.signatures.map((s) => [s.intact, s.trust, s.certificateSelfSigned, s.certificateSha256])).toEqual([
      [true, 'school', true, director.fingerprintSha256],
    ]);
    expect(r.verdict).toBe('school');
    expect(pdfsig(doc.pdf).signatures.map((s) => [s.commonName, s.validation])).toEqual([[CHAIR.name, 'Signature is Valid.']]);
  });
});

describe('signatures another tool makes with the school key (openssl cms)', () => {
  it('with openssl\'s own signing-certificate-v2 (SHA-256 or SHA-512): the school key; without it: unknown signer', async () => {
    const base = await renderPdf(officialDocument({ lang: 'kk', title: 'cms', content: [paragraph('Басқа құралмен қол қойылған құжат.')] }));
    const dir = fs.mkdtempSync(path.join(workDir, 'cms-'));
    fs.writeFileSync(`${dir}/key.pem`, directorKey.privateKeyPem);
    fs.writeFileSync(`${dir}/crt.pem`, new crypto.X509Certificate(directorKey.certificate).toString());
    const opensslSigned = (args: string[]) => {
      const placeholder = addSignaturePlaceholder(base, { page: 1, rect: [0, 0, 0, 0], signingTime: new Date(), name: 'x', reason: 'x' });
      return fillSignature(placeholder, (content) => {
        fs.writeFileSync(`${dir}/data.bin`, content);
        return execFileSync('openssl', ['cms', '-sign', '-binary', '-in', `${dir}/data.bin`, '-signer', `${dir}/crt.pem`, '-inkey', `${dir}/key.pem`, '-outform', 'DER', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      });
    };
    for (const md of ['sha256', 'sha512']) {
      const r = await verify(opensslSigned(['-md', md, '-cades']));
      expect(r.signatures.map((s) => [s.intact, s.trust, s.certificateSha256])).toEqual([[true, 'school', director.fingerprintSha256]]);
    }
    const noEss = await verify(opensslSigned(['-md', 'sha256']));
    expect(noEss.signatures.map((s) => [s.intact, s.trust])).toEqual([[true, 'unknown']]);
  });
});

describe('attacks', () => {
  it('(a) a revision signed by the forged certificate appended to the signed document: that signature is an unknown signer', async () => {
    const attacked = await appendForgedRevision(doc.pdf, forged);
    // cryptographically both signatures hold: pdfsig calls them both valid, with the same name
    expect(pdfsig(attacked).signatures.map((s) => [s.commonName, s.validation])).toEqual([
      [CHAIR.name, 'Signature is Valid.'],
      [CHAIR.name, 'Signature is Valid.'],
    ]);
    const r = await verify(attacked);
    expect(r.register).toBe('extended');
    expect(r.signatures.map((s) => [s.intact, s.signerName, s.serialHex, s.trust])).toEqual([
      [true, CHAIR.name, director.serialHex, 'school'],
      [true, CHAIR.name, director.serialHex, 'unknown'],
    ]);
    expect(r.signatures[1]!.certificateSha256).toBe(forged.details.fingerprintSha256);
    expect(r.verdict).toBe('unknown_signer');
  });

  it('(b) the registered document re-made and signed by the forged certificate: unknown signer, register "changed"', async () => {
    const now = c.platform.now();
    const remade = await renderPdf(
      exampleMinutes('kk', { number: 1, date: now, chairName: 'М.Қаншев', secretaryName: 'Ә.Сейітова', registerNumber: doc.document.registerNumber, documentId: doc.document.id, stamps: [] }),
    );
    const resigned = await appendForgedRevision(remade, forged);
    expect(pdfsig(resigned).signatures.map((s) => s.validation)).toEqual(['Signature is Valid.']);
    const r = await verify(resigned);
    expect(r.register).toBe('changed');
    expect(r.signatures.map((s) => [s.intact, s.signerName, s.trust])).toEqual([[true, CHAIR.name, 'unknown']]);
    expect(r.verdict).toBe('unknown_signer');
  });

  it('(c) a foreign PDF signed by the forged certificate: unknown signer, not in the register', async () => {
    const foreign = await renderPdf(officialDocument({ lang: 'kk', title: 'Бұйрық', content: [paragraph('Мектептен тыс жасалған құжат.')] }));
    const signed = await appendForgedRevision(foreign, forged);
    const r = await verify(signed);
    expect(r.register).toBe('none');
    expect(r.signatures.map((s) => [s.intact, s.signerName, s.trust])).toEqual([[true, CHAIR.name, 'unknown']]);
    expect(r.verdict).toBe('unknown_signer');
  });

  it('(c′) the real director certificate slipped into the CMS next to the forged one changes nothing', async () => {
    const foreign = await renderPdf(officialDocument({ lang: 'kk', title: 'Бұйрық', content: [paragraph('Екінші бөгде құжат.')] }));
    // the forged signer carries the director's genuine certificate as "chain": same serial, the school's fingerprint
    const withReal: LoadedP12 = { ...forged, chain: [directorKey.certificate] };
    const r1 = await verify(await appendForgedRevision(foreign, withReal));
    expect(r1.signatures.map((s) => [s.intact, s.trust, s.certificateSha256])).toEqual([[true, 'unknown', forged.details.fingerprintSha256]]);
    // a CMS that names the genuine certificate (signing-certificate-v2 = its hash) but is signed with the forged key
    const placeholder = addSignaturePlaceholder(foreign, { page: 1, rect: [300, 60, 560, 140], signingTime: new Date(), name: 'x', reason: 'x' });
    const lying = fillSignature(placeholder, (content) =>
      cadesDetached({ content, certificate: directorKey.certificate, chain: [forged.certificate], privateKey: crypto.createPrivateKey(forged.privateKeyPem) }),
    );
    const r2 = await verify(lying);
    expect(r2.signatures.map((s) => [s.intact, s.problem, s.trust])).toEqual([[false, 'bad_signature', 'unknown']]);
    expect(r2.verdict).toBe('broken');
  });

  it('(d) a retired certificate: its signatures are shown as retired with the date, not as current', async () => {
    const before = await verify(doc.pdf);
    expect(before.signatures[0]!.trust).toBe('school');
    await c.call('documents.certificates.retire', { id: director.id });
    const retiredAt = (await c.call('documents.certificates.list', { includeRetired: true })).find((x) => x.id === director.id)!.retiredAt;
    expect(retiredAt).toBeTruthy();
    const r = await verify(doc.pdf);
    expect(r.signatures.map((s) => [s.intact, s.trust, s.certificateRetiredAt])).toEqual([[true, 'school_retired', retiredAt]]);
    expect(r.verdict).toBe('school_retired');
    // the forged certificate stays unknown, retired or not
    const attacked = await verify(await appendForgedRevision(doc.pdf, forged));
    expect(attacked.signatures.map((s) => s.trust)).toEqual(['school_retired', 'unknown']);
    expect(attacked.verdict).toBe('unknown_signer');
  });
});
