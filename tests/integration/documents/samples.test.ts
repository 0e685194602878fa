/** `npm run samples` documents files, checked the way an outsider would: pdfsig, qpdf, openssl with signer.txt. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadP12 } from '../../../electron/core/documents/certificates';
import { checkSignatures } from '../../../electron/core/documents/verify';
import { addDocumentSamples, DEMO_DIRECTOR, DEMO_SECRETARY, ensureDemoDirectorSigner } from '../../../scripts/samples/documents';
import { ADMIN, createTestCore, tempDir, type TestCore } from '../../harness/core';
import { flat, pdfText, pdfsig, qpdfCheck } from './helpers';

let c: TestCore;
let out: string;
let written: string[];
beforeAll(async () => {
  c = await createTestCore();
  out = tempDir('qorgan-samples-');
  written = await addDocumentSamples(out, c, { login: ADMIN.login, password: ADMIN.password });
});
afterAll(async () => {
  await c.cleanup();
  fs.rmSync(out, { recursive: true, force: true });
});

describe('documents samples', () => {
  it('two-signatures.pdf: the secretary, then (another login) the chair; both valid, one stamp per revision', async () => {
    expect(written).toEqual(['two-signatures.pdf', 'two-signatures-first.pdf', 'two-signatures-ru.pdf', 'signer.p12', 'signer.txt']);
    const pdf = fs.readFileSync(path.join(out, 'two-signatures.pdf'));
    const first = fs.readFileSync(path.join(out, 'two-signatures-first.pdf'));
    expect(pdf.subarray(0, first.length).equals(first)).toBe(true);
    const sig = pdfsig(pdf);
    expect(sig.signatures.map((s) => [s.commonName, s.validation])).toEqual([
      [DEMO_SECRETARY.commonName, 'Signature is Valid.'],
      [DEMO_DIRECTOR.commonName, 'Signature is Valid.'],
    ]);
    expect(pdfsig(first).signatures.map((s) => [s.commonName, s.validation])).toEqual([[DEMO_SECRETARY.commonName, 'Signature is Valid.']]);
    expect(qpdfCheck(pdf).ok).toBe(true);
    const text = flat(pdfText(pdf));
    expect(text).toContain('ҚАУЛЫ ЕТТІ:');
    expect(text.split('ЭЛЕКТРОНДЫҚ ЦИФРЛЫҚ ҚОЛТАҢБАМЕН ҚОЛ ҚОЙЫЛДЫ').length - 1).toBe(2);
    expect(flat(pdfText(first)).split('ЭЛЕКТРОНДЫҚ ЦИФРЛЫҚ ҚОЛТАҢБАМЕН ҚОЛ ҚОЙЫЛДЫ').length - 1).toBe(1);
    // issue 12 item 7: item 2 has its own hearing; no deadline years before the document's year
    const heard = [...text.matchAll(/ТЫҢДАЛДЫ: (.{40})/g)].map((m) => m[1]);
    expect(heard).toHaveLength(2);
    expect(heard[0]).not.toBe(heard[1]);
    const year = new Date().getFullYear();
    for (const y of text.matchAll(/Мерзімі: (\d{4}) жылғы/g)) expect(Number(y[1])).toBeGreaterThanOrEqual(year);
    const v = await c.call('documents.verify', { pdfBase64: pdf.toString('base64') });
    expect(v.register).toBe('exact');
    expect(v.signatures.map((s) => s.trust)).toEqual(['school', 'school']);
    expect(v.verdict).toBe('school');
    const ru = fs.readFileSync(path.join(out, 'two-signatures-ru.pdf'));
    expect(pdfsig(ru).signatures.map((s) => s.validation)).toEqual(['Signature is Valid.', 'Signature is Valid.']);
    expect(flat(pdfText(ru)).split('ПОДПИСАНО ЭЛЕКТРОННОЙ ЦИФРОВОЙ ПОДПИСЬЮ').length - 1).toBe(2);
    // the core is back in the director's login
    expect(c.state.session?.roles).toContain('director');
  });

  it('signer.p12 opens with the password in signer.txt (openssl and the app), and is the chair’s key', async () => {
    const file = path.join(out, 'signer.p12');
    const password = fs.readFileSync(path.join(out, 'signer.txt'), 'utf8').split('\n')[0]!;
    const pem = execFileSync('openssl', ['pkcs12', '-in', file, '-nokeys', '-passin', `pass:${password}`], { encoding: 'utf8' });
    expect(pem).toContain('BEGIN CERTIFICATE');
    const loaded = loadP12(fs.readFileSync(file), password);
    expect(loaded.details.keyBits).toBeGreaterThanOrEqual(3072);
    const chair = checkSignatures(fs.readFileSync(path.join(out, 'two-signatures.pdf')))[1]!;
    expect(chair.serialHex).toBe(loaded.details.serialHex);
    // a second call finds the same director key instead of making another
    const again = await ensureDemoDirectorSigner(c);
    expect(again.certificateId).toBe((await c.call('documents.certificates.list', {})).find((x) => x.serialHex === loaded.details.serialHex)?.id);
  });
});
