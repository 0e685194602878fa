/**
 * Welfare documents sealed in the `protection` compartment (migration 0018, documents/sealed.ts): the threat is a
 * copy of the data folder plus a class teacher's password. The register row keeps no byte of the file and no title;
 * a holder opens, verifies, co-signs; a non-holder is refused in the app (guard) and in the core (`keys.not_holder`);
 * offline, the teacher's keyring copy finds no `%PDF` and no text in any row or any page of the file, while a
 * holder's copy decrypts a file pdfsig validates. Documents stored plain (before 0018, or by a caller without keys)
 * are sealed at the next unlock of a holder; a rotation of `protection` carries them over.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentSummary, SignerInput } from '../../../shared/documents';
import { rotateCompartment } from '../../../electron/core/compartments/rotate';
import { cosignDocument } from '../../../electron/core/documents/cosign';
import { exampleMinutes } from '../../../electron/core/documents/examples';
import { issueDocument } from '../../../electron/core/documents/issue';
import { getDocumentPdf, sha256Hex } from '../../../electron/core/documents/register';
import { ADMIN, createBareCore, createTestCore, tempDir, type TestCore } from '../../harness/core';
import { backupTo, chooseFile, waitJob } from '../backup/helpers';
import { cellsContaining, decryptedPages, dumpAll, openFieldBytes, steal, type RawKeyring } from '../compartments/attacker';
import { flat, pdfText, pdfsig, qpdfCheck } from './helpers';

const SIGN = 'sign password 1';
const CLS = { login: 'cls', password: 'cls password 1' };
const PSY = { login: 'psy', password: 'psy password 1' };
const MINUTES_TITLE = 'Хаттама: Мысалова Аружан туралы';

let c: TestCore;
let pupilId = '';
let entryId = '';
let planId = '';
let planSha = '';
let signer: SignerInput;

const keyringOf = () => JSON.parse(fs.readFileSync(path.join(c.dataDir, 'keyring.json'), 'utf8')) as RawKeyring;
const dbFile = () => path.join(c.dataDir, 'qorgan.db');

async function loginAs(who: { login: string; password: string }): Promise<void> {
  await c.call('auth.lock', {});
  await c.call('auth.login', { login: who.login, password: who.password });
}

async function storedPdf(id: string): Promise<Buffer> {
  return Buffer.from((await c.call('documents.pdf', { id })).base64, 'base64');
}

function row(id: string): { pdf: Buffer; title: string; title_search: string; sha256: string; size_bytes: number; register_number: string } {
  return c.state.sqlite.prepare('SELECT pdf, title, title_search, sha256, size_bytes, register_number FROM documents WHERE id = ?').get(id) as never;
}

/** Minutes naming a pupil in the title, issued by code that hands over `keys` (or none: the legacy, plain path). */
async function issueMinutes(keys: 'with keys' | 'without keys', laterForDirector = false): Promise<{ document: DocumentSummary; pdf: Buffer }> {
  const now = c.platform.now();
  const session = c.state.session!;
  return c.state.db.transaction().execute((trx) =>
    issueDocument(
      { db: trx, now, session, ...(keys === 'with keys' ? { keys: c.state } : {}) },
      {
        kind: 'minutes',
        lang: 'kk',
        title: MINUTES_TITLE,
        signers: [{ ...signer, position: 'Хатшы' }],
        later: laterForDirector ? [{ role: 'chair', roleLabel: 'Төраға', accountId: session.accountId }] : [],
        build: ({ registerNumber, documentId, stamps }) =>
          exampleMinutes('kk', { number: 4, date: now, chairName: 'М.Қаншев', secretaryName: 'Ә.Сейітова', registerNumber, documentId, stamps: { secretary: stamps[0], chair: stamps[1] } }),
      },
    ),
  );
}

beforeAll(async () => {
  c = await createTestCore();
  c.platform.setNow(new Date('2026-11-30T09:00:00'));
  await c.call('auth.login', { login: ADMIN.login, password: ADMIN.password });
  await c.call('accounts.create', { ...CLS, displayName: 'Сынып жетекшісі', roles: ['class_teacher'] });
  const psy = await c.call('accounts.create', { ...PSY, displayName: 'Педагог-психолог', roles: ['psychologist'] });
  await loginAs(PSY);
  pupilId = (await c.call('pupils.create', { lastName: 'Мысалова', firstName: 'Аружан', grade: 7, classLetter: 'Ә', instructionLanguage: 'kk' })).id;
  const g = (await c.call('register.grounds', {})).filter((x) => x.code === 'bullying').map((x) => x.id);
  let e = await c.call('register.putOn', { pupilId, decision: { number: '7', date: '2026-11-20', body: 'council' }, groundIds: g, curatorId: psy.id });
  e = await c.call('register.saveMeasure', { entryId: e.id, what: 'Ата-анамен жеке әңгіме', responsibleId: psy.id, dueOn: '2026-12-05' });
  entryId = e.id;
  await loginAs(ADMIN);
  const cert = await c.call('documents.certificates.create', { position: '№96 мектеп директоры', organization: 'Школа №96', password: SIGN });
  signer = { certificateId: cert.id, password: SIGN };
  const doc = await c.call('register.signPlan', { entryId, language: 'kk', signer });
  planId = doc.documentId;
  planSha = sha256Hex(Buffer.from(doc.pdfBase64, 'base64'));
}, 120_000);
afterAll(async () => c?.cleanup());

describe('sealed welfare documents', () => {
  it('the register row keeps no byte and no title; a holder opens, lists, verifies the file', async () => {
    const r = row(planId);
    expect(r.pdf.length).toBe(0);
    expect(r.title).toBe('');
    expect(r.title_search).toBe(r.register_number.toLowerCase());
    expect(r.sha256).toBe(planSha);
    const sealed = c.state.sqlite.prepare('SELECT pdf_enc, title_enc FROM document_sealed WHERE document_id = ?').get(planId) as { pdf_enc: Buffer; title_enc: Buffer };
    expect(sealed.pdf_enc.includes('%PDF')).toBe(false);
    expect(sealed.pdf_enc.length).toBe(r.size_bytes + 34);

    const pdf = await storedPdf(planId);
    expect(sha256Hex(pdf)).toBe(r.sha256);
    expect(flat(pdfText(pdf))).toContain('Мысалова Аружан');
    expect(pdfsig(pdf).signatures.map((s) => s.validation)).toEqual(['Signature is Valid.']);
    expect(qpdfCheck(pdf).ok).toBe(true);
    // the holder sees the real title in the register, in the entry and in a verification
    const title = (await c.call('documents.get', { id: planId })).title;
    expect(title.length).toBeGreaterThan(0);
    expect((await c.call('documents.list', { kind: 'prevention_plan' })).items.map((d) => d.title)).toEqual([title]);
    const v = await c.call('documents.verify', { pdfBase64: pdf.toString('base64') });
    expect(v.register).toBe('exact');
    expect(v.document?.title).toBe(title);
    expect(v.verdict).not.toBe('invalid');
  });

  it('a non-holder is refused by the guard, and the core itself gives keys.not_holder', async () => {
    await loginAs(CLS);
    const r = await c.try('documents.pdf', { id: planId });
    expect(r.ok ? null : r.error.code).toBe('auth.forbidden');
    expect((await c.call('documents.list', {})).items.map((d) => d.id)).not.toContain(planId);
    await expect(getDocumentPdf(c.state.db, planId, c.state)).rejects.toMatchObject({ code: 'keys.not_holder' });
    await expect(getDocumentPdf(c.state.db, planId)).rejects.toMatchObject({ code: 'keys.not_holder' });
    await expect(cosignDocument({ db: c.state.db, now: c.platform.now(), keys: c.state }, c.state.session!, planId, signer)).rejects.toMatchObject({ code: 'keys.not_holder' });
    await loginAs(ADMIN);
  });

  it('a document stored plain is sealed at the next unlock of a holder (not of a non-holder), bytes unchanged', async () => {
    const { document, pdf } = await issueMinutes('without keys');
    expect(row(document.id).pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(row(document.id).title).toBe(MINUTES_TITLE);
    await loginAs(CLS);
    expect(row(document.id).pdf.length).toBe(pdf.length);
    await loginAs(ADMIN);
    const r = row(document.id);
    expect(r.pdf.length).toBe(0);
    expect(r.title).toBe('');
    expect(r.sha256).toBe(sha256Hex(pdf));
    expect((await storedPdf(document.id)).equals(pdf)).toBe(true);
    expect((await c.call('documents.get', { id: document.id })).title).toBe(MINUTES_TITLE);
    // the holder's search finds it by its sealed title (the plain search column holds the number only)
    expect((await c.call('documents.list', { search: 'аружан ТУРАЛЫ' })).items.map((d) => d.id)).toEqual([document.id]);
    expect((await c.call('documents.list', { search: r.register_number })).items.map((d) => d.id)).toEqual([document.id]);
    expect((await c.call('documents.list', { search: 'аружан жоқ' })).items).toEqual([]);
  });

  it('co-signing a sealed document appends inside the seal; the DB refuses any other change', async () => {
    const { document, pdf } = await issueMinutes('with keys', true);
    expect(row(document.id).pdf.length).toBe(0);
    // the chair's "awaiting my signature" list opens the sealed title for a holder (the register row keeps none)
    expect((await c.call('documents.awaitingMine', {})).find((d) => d.id === document.id)?.title).toBe(MINUTES_TITLE);
    const signed = await c.state.db.transaction().execute((trx) => cosignDocument({ db: trx, now: c.platform.now(), keys: c.state }, c.state.session!, document.id, signer));
    expect(signed.title).toBe(MINUTES_TITLE);
    expect(signed.awaiting).toBeFalsy();
    const after = await storedPdf(document.id);
    expect(after.length).toBeGreaterThan(pdf.length);
    expect(after.subarray(0, pdf.length).equals(pdf)).toBe(true);
    expect(pdfsig(after).signatures.map((s) => s.validation)).toEqual(['Signature is Valid.', 'Signature is Valid.']);
    const r = row(document.id);
    expect(r.pdf.length).toBe(0);
    expect([r.sha256, r.size_bytes]).toEqual([sha256Hex(after), after.length]);
    const s = c.state.sqlite;
    expect(() => s.prepare('UPDATE documents SET title = ? WHERE id = ?').run('x', document.id)).toThrow(/immutable/);
    expect(() => s.prepare("UPDATE documents SET pdf = x'255044462d' WHERE id = ?").run(document.id)).toThrow(/immutable/);
    expect(() => s.prepare('UPDATE documents SET size_bytes = size_bytes + 1 WHERE id = ?').run(document.id)).toThrow(/immutable/);
    expect(() => s.prepare("UPDATE document_sealed SET document_id = 'other' WHERE document_id = ?").run(document.id)).toThrow(/stays/);
    expect(() => s.prepare('DELETE FROM documents WHERE id = ?').run(document.id)).toThrow(/kept/);
  });

  it('offline: the class teacher’s keyring copy finds no PDF and no text, in rows or pages; a holder’s decrypts a valid file', async () => {
    await c.call('auth.lock', {});
    const teacher = steal(keyringOf(), CLS.login, CLS.password);
    expect(teacher.compartments).toEqual([]);
    const dump = dumpAll(dbFile(), teacher.base[0]!)!;
    expect(dump.documents!.length).toBeGreaterThanOrEqual(3);
    // pupils' names are base data (a class list); the documents' own tables name no one and hold no PDF
    const docTables = { documents: dump.documents!, document_sealed: dump.document_sealed!, document_signature_slots: dump.document_signature_slots! };
    expect(cellsContaining(docTables, ['%PDF', 'Мысалова', 'Аружан', 'Хаттама', 'профилактика'])).toEqual([]);
    expect(cellsContaining(dump, ['%PDF', MINUTES_TITLE])).toEqual([]);
    // beyond SQL: no page of the file or its WAL (free pages included) holds a PDF or its text
    const pages = decryptedPages(dbFile(), teacher.base[0]!);
    expect(pages.length).toBeGreaterThan(10);
    // the decryption is right: the class list (base data) is there in the clear
    expect(pages.some((p) => p.includes(Buffer.from('Мысалова')))).toBe(true);
    expect(pages.filter((p) => p.includes('%PDF-') || p.includes('/ByteRange') || p.includes(Buffer.from(MINUTES_TITLE))).length).toBe(0);

    const holder = steal(keyringOf(), PSY.login, PSY.password);
    const protection = holder.compartments.find((k) => k.name === 'protection')!;
    const sealed = dump.document_sealed!.find((r) => r.document_id === planId)!;
    const pdf = openFieldBytes(protection, 'document_sealed', planId, 'pdf_enc', sealed.pdf_enc as Uint8Array)!;
    expect(sha256Hex(pdf)).toBe(planSha);
    expect(pdfsig(pdf).signatures.map((s) => s.validation)).toEqual(['Signature is Valid.']);
    // bound to its place: the file does not open as another document's
    const other = dump.document_sealed!.find((r) => r.document_id !== planId)!;
    expect(openFieldBytes(protection, 'document_sealed', planId, 'pdf_enc', other.pdf_enc as Uint8Array)).toBeNull();
    await c.call('auth.login', { login: ADMIN.login, password: ADMIN.password });
  });

  it('a rotation of protection re-encrypts the sealed files: they open with the new key, not the old', async () => {
    const old = steal(keyringOf(), PSY.login, PSY.password).compartments.find((k) => k.name === 'protection')!;
    await rotateCompartment(c.state, 'protection');
    expect((await storedPdf(planId)).length).toBe(row(planId).size_bytes);
    expect(sha256Hex(await storedPdf(planId))).toBe(planSha);
    const blob = (c.state.sqlite.prepare('SELECT pdf_enc FROM document_sealed WHERE document_id = ?').get(planId) as { pdf_enc: Buffer }).pdf_enc;
    expect(openFieldBytes(old, 'document_sealed', planId, 'pdf_enc', blob)).toBeNull();
  });

  it('a backup and a restore on a new PC keep the sealed files: the holder opens them, pdfsig validates', async () => {
    const stick = tempDir('qorgan-stick-');
    const fresh = createBareCore();
    try {
      const job = await backupTo(c, stick);
      expect(job.phase).toBe('done');
      const file = path.join(stick, job.record?.fileName ?? '');
      await chooseFile(fresh, file);
      const check = await fresh.call('backup.checkRestore', { file, secret: { kind: 'recovery', recoveryKey: c.recoveryKey } });
      expect((await waitJob(fresh, check.id)).phase).toBe('ready');
      await fresh.call('backup.restore', { jobId: check.id });
      await fresh.call('auth.login', { login: ADMIN.login, password: ADMIN.password });
      const restored = Buffer.from((await fresh.call('documents.pdf', { id: planId })).base64, 'base64');
      expect(sha256Hex(restored)).toBe(planSha);
      expect(pdfsig(restored).signatures.map((s) => s.validation)).toEqual(['Signature is Valid.']);
      const r = fresh.state.sqlite.prepare('SELECT length(pdf) AS n FROM documents WHERE id = ?').get(planId) as { n: number };
      expect(r.n).toBe(0);
    } finally {
      await fresh.cleanup();
      fs.rmSync(stick, { recursive: true, force: true });
    }
  });
});
