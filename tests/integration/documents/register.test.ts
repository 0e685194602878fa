/**
 * The register through the one registry, on a real encrypted DB: certificates (create, import, errors), issuing
 * with numbers per kind and year that are never reused, search and paging in SQL, open/save/print, verification.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignerInput } from '../../../shared/documents';
import { officialDocument, paragraph } from '../../../electron/core/documents/blocks';
import { createSchoolCertificate } from '../../../electron/core/documents/certificates';
import { exampleMinutes } from '../../../electron/core/documents/examples';
import { issueDocument, type IssuedDocument } from '../../../electron/core/documents/issue';
import { renderPdf } from '../../../electron/core/documents/render';
import { ADMIN, createTestCore, type TestCore } from '../../harness/core';
import { CHAIR, SCHOOL, SECRETARY } from './fixtures';
import { flat, pdfText, pdfsig } from './helpers';

let c: TestCore;
let chairId: string;
let secretaryId: string;
const YEAR = new Date().getFullYear();

async function issueMinutes(n: number, signers: SignerInput[]): Promise<IssuedDocument> {
  const now = c.platform.now();
  return c.state.db.transaction().execute((trx) =>
    issueDocument(
      { db: trx, now, session: c.state.session },
      {
        kind: 'minutes',
        lang: 'kk',
        title: `Профилактика кеңесі отырысының хаттамасы № ${n}`,
        signers,
        source: { type: 'test', id: String(n) },
        build: ({ registerNumber, documentId, stamps }) =>
          exampleMinutes('kk', { number: n, date: now, chairName: 'М.Қаншев', secretaryName: 'Ә.Сейітова', registerNumber, documentId, stamps }),
      },
    ),
  );
}

const both = (): SignerInput[] => [
  { certificateId: chairId, password: CHAIR.password },
  { certificateId: secretaryId, password: SECRETARY.password },
];

beforeAll(async () => {
  c = await createTestCore();
  // a certificate carries its holder's account name: the director creates one, the council secretary imports one
  await c.call('accounts.update', { id: c.state.session!.accountId, displayName: CHAIR.name });
  chairId = (await c.call('documents.certificates.create', { position: CHAIR.position, organization: SCHOOL, password: CHAIR.password })).id;
  await c.call('accounts.create', { login: 'secretary', displayName: SECRETARY.name, roles: ['council_secretary'], password: 'secretary password 1' });
  await c.call('auth.lock', {});
  await c.call('auth.login', { login: 'secretary', password: 'secretary password 1' });
  const sec = createSchoolCertificate({ commonName: SECRETARY.name, position: SECRETARY.position, organization: SCHOOL, password: SECRETARY.password, now: new Date() });
  secretaryId = (await c.call('documents.certificates.import', { p12Base64: sec.p12.toString('base64'), password: SECRETARY.password })).id;
  await c.call('auth.lock', {});
  await c.call('auth.login', { login: ADMIN.login, password: ADMIN.password });
});
afterAll(async () => {
  await c.cleanup();
});

describe('signing certificates', () => {
  it('creates (RSA 3072, Cyrillic) and imports; lists them without private material', async () => {
    const list = await c.call('documents.certificates.list', {});
    expect(list.map((x) => x.subjectName).sort()).toEqual([CHAIR.name, SECRETARY.name].sort());
    const created = list.find((x) => x.id === chairId)!;
    expect(created.origin).toBe('created');
    expect(created.keyBits).toBeGreaterThanOrEqual(3072);
    expect(created.position).toBe(CHAIR.position);
    expect(JSON.stringify(list)).not.toMatch(/p12|PRIVATE/);
    // the key sits in the DB only as PKCS#12 encrypted with the signing password
    const row = await c.state.db.selectFrom('signing_certificates').select('p12').where('id', '=', chairId).executeTakeFirstOrThrow();
    expect(Buffer.from(row.p12).toString('latin1')).not.toContain('PRIVATE KEY');
  });

  it('gives translated errors on import: wrong password, not a key file, non-RSA key, expired, duplicate', async () => {
    const sec = createSchoolCertificate({ commonName: 'Тест', position: 'Тест', organization: SCHOOL, password: 'pass-word-1', now: new Date() });
    const wrong = await c.try('documents.certificates.import', { p12Base64: sec.p12.toString('base64'), password: 'nope' });
    expect(wrong.ok ? null : wrong.error.code).toBe('documents.wrong_p12_password');
    const junk = await c.try('documents.certificates.import', { p12Base64: Buffer.from('hello world, not a key').toString('base64'), password: 'x' });
    expect(junk.ok ? null : junk.error.code).toBe('documents.bad_p12');
    const old = createSchoolCertificate({ commonName: 'Ескі', position: 'Ескі', organization: SCHOOL, password: 'pass-word-1', now: new Date('2019-01-01T00:00:00Z'), validYears: 1 });
    const expired = await c.try('documents.certificates.import', { p12Base64: old.p12.toString('base64'), password: 'pass-word-1' });
    expect(expired.ok ? null : expired.error.code).toBe('documents.certificate_expired');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qorgan-ec-'));
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', `${dir}/k`, '-out', `${dir}/c`, '-days', '9', '-subj', '/CN=EC'], { stdio: 'pipe' });
      execFileSync('openssl', ['pkcs12', '-export', '-inkey', `${dir}/k`, '-in', `${dir}/c`, '-out', `${dir}/p`, '-passout', 'pass:pw'], { stdio: 'pipe' });
      const ec = await c.try('documents.certificates.import', { p12Base64: fs.readFileSync(`${dir}/p`).toString('base64'), password: 'pw' });
      expect(ec.ok ? null : ec.error.code).toBe('documents.unsupported_key_type');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const stored = await c.state.db.selectFrom('signing_certificates').select('p12').where('id', '=', secretaryId).executeTakeFirstOrThrow();
    const again = await c.try('documents.certificates.import', { p12Base64: Buffer.from(stored.p12).toString('base64'), password: SECRETARY.password, confirmName: true });
    expect(again.ok ? null : again.error.code).toBe('conflict');
  });

  it('retires a certificate: it no longer signs and leaves the default list', async () => {
    const t = await c.call('documents.certificates.create', { position: 'Тест', organization: SCHOOL, password: 'temporary-1' });
    await c.call('documents.certificates.retire', { id: t.id });
    expect((await c.call('documents.certificates.list', {})).some((x) => x.id === t.id)).toBe(false);
    expect((await c.call('documents.certificates.list', { includeRetired: true })).some((x) => x.id === t.id)).toBe(true);
    await expect(issueMinutes(99, [{ certificateId: t.id, password: 'temporary-1' }])).rejects.toMatchObject({ code: 'documents.no_certificate' });
  });
});

describe('issuing and the register', () => {
  let first: IssuedDocument;

  it('numbers per kind and year, signs chair then secretary, stores bytes and SHA-256', async () => {
    first = await issueMinutes(1, both());
    expect(first.document.registerNumber).toBe(`MN-1/${YEAR}`);
    expect(first.document.signers.map((s) => s.name)).toEqual([CHAIR.name, SECRETARY.name]);
    expect(pdfsig(first.pdf).signatures.map((s) => s.validation)).toEqual(['Signature is Valid.', 'Signature is Valid.']);
    // a wrong signing password stops the issue before a number is taken
    await expect(issueMinutes(2, [{ certificateId: chairId, password: 'wrong' }])).rejects.toMatchObject({ code: 'documents.wrong_p12_password' });
    const second = await issueMinutes(2, both());
    expect(second.document.registerNumber).toBe(`MN-2/${YEAR}`);
    const plan = await c.state.db.transaction().execute((trx) =>
      issueDocument(
        { db: trx, now: c.platform.now(), session: c.state.session },
        {
          kind: 'plan',
          lang: 'ru',
          title: 'План работы на учебный год',
          signers: [{ certificateId: chairId, password: CHAIR.password }],
          build: ({ registerNumber, documentId }) =>
            officialDocument({ lang: 'ru', title: 'План работы', registerNumber, documentId, content: [paragraph('Текст плана.')] }),
        },
      ),
    );
    expect(plan.document.registerNumber).toBe(`PL-1/${YEAR}`);
    // the stamp the template did not place was added at the end; the signature is valid
    expect(pdfsig(plan.pdf).signatures.map((s) => s.validation)).toEqual(['Signature is Valid.']);
  });

  it('never reuses a number: the counter cannot go back, documents cannot be changed or deleted', async () => {
    await expect(sql`UPDATE document_counters SET last_number = 0 WHERE kind = 'minutes'`.execute(c.state.db)).rejects.toThrow(/never reused/);
    await expect(sql`DELETE FROM documents`.execute(c.state.db)).rejects.toThrow(/kept/);
    await expect(sql`UPDATE documents SET title = 'x'`.execute(c.state.db)).rejects.toThrow(/immutable/);
    const rolledBack = c.state.db.transaction().execute(async (trx) => {
      await issueDocument({ db: trx, now: c.platform.now(), session: null }, {
        kind: 'minutes', lang: 'kk', title: 'rollback', signers: [],
        build: ({ registerNumber }) => officialDocument({ lang: 'kk', title: 'r', registerNumber, content: [paragraph('r')] }),
      });
      throw new Error('abort the transaction');
    });
    await expect(rolledBack).rejects.toThrow('abort');
    const third = await issueMinutes(3, both());
    expect(third.document.registerNumber).toBe(`MN-3/${YEAR}`);
  });

  it('prints the position given with the signer on the stamp (national CA keys carry none)', async () => {
    const now = c.platform.now();
    const r = await c.state.db.transaction().execute((trx) =>
      issueDocument(
        { db: trx, now, session: c.state.session },
        {
          kind: 'other',
          lang: 'ru',
          title: 'Справка',
          signers: [{ certificateId: chairId, password: CHAIR.password, position: 'Директор школы №96' }],
          build: ({ registerNumber, documentId }) => officialDocument({ lang: 'ru', title: 'Справка', registerNumber, documentId, content: [paragraph('Текст справки.')] }),
        },
      ),
    );
    const text = flat(pdfText(r.pdf));
    expect(text).toContain('Должность: Директор школы №96');
    expect(text).toContain('ПОДПИСАНО ЭЛЕКТРОННОЙ ЦИФРОВОЙ ПОДПИСЬЮ');
    expect(r.document.signers[0]!.position).toBe('Директор школы №96');
  });

  it('lists newest first, searches title and number in SQL (Cyrillic, any case), pages', async () => {
    const all = await c.call('documents.list', {});
    expect(all.total).toBe(5);
    expect(all.items.slice(0, 2).map((d) => d.registerNumber)).toEqual([`DC-1/${YEAR}`, `MN-3/${YEAR}`]);
    expect((await c.call('documents.list', { search: 'ХАТТАМАСЫ' })).total).toBe(3);
    expect((await c.call('documents.list', { search: 'хаттамасы mn-2' })).items.map((d) => d.registerNumber)).toEqual([`MN-2/${YEAR}`]);
    expect((await c.call('documents.list', { search: `pl-1/${YEAR}` })).items.map((d) => d.kind)).toEqual(['plan']);
    expect((await c.call('documents.list', { kind: 'plan' })).total).toBe(1);
    expect((await c.call('documents.list', { search: '100%_' })).total).toBe(0);
    const page = await c.call('documents.list', { page: 1, pageSize: 2 });
    expect(page.total).toBe(5);
    expect(page.items).toHaveLength(2);
    expect((await c.call('documents.list', { year: YEAR - 1 })).total).toBe(0);
  });

  it('opens the bytes (audited), saves a copy only where the user chose, prints without a file', async () => {
    const got = await c.call('documents.pdf', { id: first.document.id });
    expect(Buffer.from(got.base64, 'base64').equals(first.pdf)).toBe(true);
    expect(got.fileName).toMatch(new RegExp(`^MN-1-${YEAR} `));
    const target = path.join(c.dataDir, '..', `copy-${Date.now()}.pdf`);
    c.platform.dialogAnswers.push(target);
    expect(await c.call('documents.saveCopy', { id: first.document.id })).toEqual({ saved: true });
    expect(fs.readFileSync(target).equals(first.pdf)).toBe(true);
    fs.rmSync(target);
    c.platform.dialogAnswers.push(null);
    expect(await c.call('documents.saveCopy', { id: first.document.id })).toEqual({ saved: false });
    const tmpBefore = new Set(fs.readdirSync(os.tmpdir()));
    await c.call('documents.print', { id: first.document.id });
    expect(c.platform.printed.at(-1)).toEqual({ title: `MN-1/${YEAR}`, bytes: first.pdf.length });
    const newTmp = fs.readdirSync(os.tmpdir()).filter((f) => !tmpBefore.has(f) && f.endsWith('.pdf'));
    expect(newTmp).toEqual([]);
    const audited = await c.state.db.selectFrom('audit_log').select(['action', 'entity_id']).where('action', 'in', ['documents.pdf', 'documents.saveCopy', 'documents.print']).execute();
    expect(audited.map((a) => a.action).sort()).toEqual(['documents.pdf', 'documents.print', 'documents.saveCopy', 'documents.saveCopy']);
    expect(audited.every((a) => a.entity_id === first.document.id)).toBe(true);
  });
});

describe('verification', () => {
  let doc: IssuedDocument;
  beforeAll(async () => {
    doc = await issueMinutes(10, both());
  });
  const verify = (bytes: Buffer) => c.try('documents.verify', { pdfBase64: bytes.toString('base64') });

  it('finds the very bytes in the register, both signatures intact, signed by the school keys', async () => {
    const r = await c.call('documents.verify', { pdfBase64: doc.pdf.toString('base64') });
    expect(r.register).toBe('exact');
    expect(r.document?.registerNumber).toBe(doc.document.registerNumber);
    expect(r.signatures.map((s) => [s.intact, s.signerName, s.trust, s.certificateSelfSigned])).toEqual([
      [true, CHAIR.name, 'school', true],
      [true, SECRETARY.name, 'school', true],
    ]);
    expect(r.changedAfterLastSignature).toBe(false);
    expect(r.verdict).toBe('school');
  });

  it('a changed byte: the register entry is found by its id but the bytes and signatures are broken', async () => {
    const bad = Buffer.from(doc.pdf);
    bad[700] = bad[700]! ^ 0x02;
    const r = await verify(bad);
    if (!r.ok) throw new Error(r.error.code);
    expect(r.value.register).toBe('changed');
    expect(r.value.document?.id).toBe(doc.document.id);
    expect(r.value.signatures.map((s) => s.problem)).toEqual(['digest_mismatch', 'digest_mismatch']);
  });

  it('bytes appended after the last signature are reported', async () => {
    const more = Buffer.concat([doc.pdf, Buffer.from('\n% appended\n')]);
    const r = await c.call('documents.verify', { pdfBase64: more.toString('base64') });
    expect(r.register).toBe('extended');
    expect(r.changedAfterLastSignature).toBe(true);
    expect(r.signatures.every((s) => s.intact)).toBe(true);
  });

  it('a foreign unsigned PDF, a broken PDF and a non-PDF get clear answers, never a crash', async () => {
    const foreign = await renderPdf(officialDocument({ lang: 'ru', title: 'x', content: [paragraph('Чужой документ')] }));
    const f = await c.call('documents.verify', { pdfBase64: foreign.toString('base64') });
    expect(f.register).toBe('none');
    expect(f.signatures).toEqual([]);
    const truncated = await verify(doc.pdf.subarray(0, Math.floor(doc.pdf.length / 2)));
    expect(truncated.ok).toBe(true);
    const garbage = await verify(Buffer.concat([Buffer.from('%PDF-1.7\n/ByteRange [0 10 20 5] /ByteRange [0 99999999 1 1]\n'), Buffer.alloc(64, 0x3c)]));
    expect(garbage.ok).toBe(true);
    if (garbage.ok) expect(garbage.value.signatures.every((s) => !s.intact && s.problem === 'malformed')).toBe(true);
    const notPdf = await verify(Buffer.from('PK\u0003\u0004 this is a zip'));
    expect(notPdf.ok ? null : notPdf.error.code).toBe('documents.not_pdf');
  });

  it('verifies a file picked with the open dialog; cancel gives null', async () => {
    const file = path.join(c.dataDir, '..', `pick-${Date.now()}.pdf`);
    fs.writeFileSync(file, doc.pdf);
    c.platform.dialogAnswers.push(file);
    const r = await c.call('documents.verifyFile', {});
    expect(r?.register).toBe('exact');
    fs.rmSync(file);
    c.platform.dialogAnswers.push(null);
    expect(await c.call('documents.verifyFile', {})).toBeNull();
  });
});
