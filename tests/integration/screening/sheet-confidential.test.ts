/**
 * The printed safety-plan sheet is the psychologist's (issue 9 leftovers, item 2): its bytes and title are sealed
 * with the `confidential` key (`document_confidential`, migration 0022), so offline the director's password — which
 * opens `protection` — reads nothing of it, in rows or in pages; the psychologist's does (the test is not vacuous).
 * A sheet sealed in `protection` before is moved at the next unlock of a holder of `confidential`, not at the
 * director's.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSealedPdf, sealDocument } from '../../../electron/core/documents/sealed';
import { ADMIN, createTestCore, type TestCore } from '../../harness/core';
import { cellsContaining, decryptedPages, dumpAll, openFieldBlob, openFieldBytes, steal, type RawKeyring } from '../compartments/attacker';

const PSY = { login: 'psy', password: 'psy password 1' };
const STEP = 'KOGERSHIN-PARK-7';
const keyringOf = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, 'keyring.json'), 'utf8')) as RawKeyring;

describe('the safety-plan sheet in confidential', () => {
  let c: TestCore;
  let documentId = '';
  const dbFile = () => path.join(c.dataDir, 'qorgan.db');
  const rows = (table: 'document_sealed' | 'document_confidential') => Number((c.state.sqlite.prepare(`SELECT count(*) AS n FROM ${table} WHERE document_id = ?`).get(documentId) as { n: number }).n);
  async function as(login: string, password: string): Promise<void> {
    await c.call('auth.lock', {});
    await c.call('auth.login', { login, password });
  }

  beforeAll(async () => {
    c = await createTestCore();
    await c.call('accounts.create', { login: PSY.login, displayName: 'Психолог', roles: ['psychologist'], password: PSY.password });
    await as(PSY.login, PSY.password);
    const pupilId = (await c.call('pupils.create', { lastName: 'Тестова', firstName: 'Бала', grade: 9, classLetter: 'А', instructionLanguage: 'kk' })).id;
    const k = await c.call('cases.create', { title: 'Кейс', formOfHarm: 'psychological', risk: 'medium', pupils: [{ pupilId, role: 'targeted' }] });
    await c.call('safetyPlan.save', {
      caseId: k.id,
      pupilId,
      baseVersion: 0,
      withPupil: true,
      steps: { warningSigns: [STEP], coping: [], distractions: [], helpers: [], professionals: [], environment: [] },
    });
    documentId = (await c.call('safetyPlan.print', { caseId: k.id, pupilId, lang: 'kk' })).documentId;
  }, 120_000);
  afterAll(async () => c?.cleanup());

  it('is sealed in document_confidential, not in document_sealed; the psychologist opens it', async () => {
    expect(rows('document_confidential')).toBe(1);
    expect(rows('document_sealed')).toBe(0);
    const pdf = await c.call('documents.pdf', { id: documentId });
    expect(Buffer.from(pdf.base64, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('offline: the director’s keyring opens nothing of the sheet, in rows or pages; the psychologist’s does', async () => {
    await c.call('auth.lock', {});
    const director = steal(keyringOf(c.dataDir), ADMIN.login, ADMIN.password);
    const protection = director.compartments.find((k) => k.name === 'protection')!;
    expect(protection).toBeDefined();
    expect(director.compartments.map((k) => k.name)).not.toContain('confidential');
    const dump = dumpAll(dbFile(), director.base[0]!)!;
    const conf = dump.document_confidential!.find((r) => r.document_id === documentId) as { pdf_enc: Uint8Array; title_enc: Uint8Array };
    expect(openFieldBytes(protection, 'document_confidential', documentId, 'pdf_enc', conf.pdf_enc)).toBeNull();
    expect(openFieldBlob(protection, 'document_confidential', documentId, 'title_enc', conf.title_enc)).toBeNull();
    expect(cellsContaining(dump, ['%PDF', STEP])).toEqual([]);
    const pages = decryptedPages(dbFile(), director.base[0]!);
    expect(pages.some((p) => p.includes(Buffer.from('Тестова')))).toBe(true);
    expect(pages.filter((p) => p.includes('%PDF-') || p.includes(Buffer.from(STEP))).length).toBe(0);
    const psy = steal(keyringOf(c.dataDir), PSY.login, PSY.password);
    const confidential = psy.compartments.find((k) => k.name === 'confidential')!;
    expect(openFieldBytes(confidential, 'document_confidential', documentId, 'pdf_enc', conf.pdf_enc)!.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('a sheet sealed in protection before 0022 is moved at the psychologist’s next unlock, not at the director’s', async () => {
    await c.call('auth.login', { login: PSY.login, password: PSY.password });
    // back to the old storage: sealed in protection
    const pdf = await openSealedPdf(c.state.db, c.state, documentId);
    const old = sealDocument(c.state, documentId, pdf, 'Оқушыға арналған жадынама');
    c.state.sqlite.prepare('INSERT INTO document_sealed (document_id, pdf_enc, title_enc, sealed_at) VALUES (?, ?, ?, ?)').run(documentId, old.pdf_enc, old.title_enc, new Date().toISOString());
    c.state.sqlite.prepare('DELETE FROM document_confidential WHERE document_id = ?').run(documentId);
    await as(ADMIN.login, ADMIN.password);
    expect([rows('document_sealed'), rows('document_confidential')]).toEqual([1, 0]);
    await as(PSY.login, PSY.password);
    expect([rows('document_sealed'), rows('document_confidential')]).toEqual([0, 1]);
    expect((await openSealedPdf(c.state.db, c.state, documentId)).equals(pdf)).toBe(true);
  });
});
