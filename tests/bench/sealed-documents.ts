/**
 * Sealed welfare documents (migration 0018, documents/sealed.ts): the cost of sealing and of opening a 1 MiB PDF in
 * the `protection` compartment — in memory (AES-256-GCM only) and through a real SQLCipher 4 DB (insert the sealed
 * row / read it back and open it), next to reading the same bytes stored plain. Measured, never asserted.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Migrator } from 'kysely/migration';
import type { CompartmentKey, KeySource } from '../../electron/core/core';
import { kyselyFor, openSqlite } from '../../electron/core/db/open';
import { openSealedPdf, sealDocument } from '../../electron/core/documents/sealed';
import { migrationProvider } from '../../migrations/index';
import { median, type BenchRow } from './types';

const MIB = 1024 * 1024;

export async function benchSealedDocuments(): Promise<BenchRow[]> {
  const protection: CompartmentKey = { epoch: 0, key: crypto.randomBytes(32) };
  const keys: KeySource = { compartmentKey: (c) => (c === 'protection' ? protection : null) };
  // a PDF's bulk is compressed streams: random bytes behind a header are a fair stand-in
  const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), crypto.randomBytes(MIB - 9)]);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qorgan-bench-sealed-'));
  const sqlite = openSqlite(path.join(dir, 'q.db'), crypto.randomBytes(32));
  const db = kyselyFor(sqlite);
  try {
    const r = await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
    if (r.error) throw r.error;
    const now = new Date().toISOString();
    const insDoc = sqlite.prepare(
      `INSERT INTO documents (id, kind, year, number, register_number, title, title_search, language, sha256, size_bytes, pdf, signers, created_at)
       VALUES (?, 'prevention_plan', 2026, ?, ?, '', '', 'kk', '', ?, ?, '[]', ?)`,
    );
    let n = 0;
    const seal = await median(() => sealDocument(keys, 'bench-doc', pdf, 'Жеке профилактикалық жұмыс жоспары'), 21, 3);
    const sealed = sealDocument(keys, 'bench-doc', pdf, 'Жеке профилактикалық жұмыс жоспары');
    insDoc.run('bench-doc', ++n, `PP-${n}/2026`, pdf.length, Buffer.alloc(0), now);
    sqlite.prepare('INSERT INTO document_sealed (document_id, pdf_enc, title_enc, sealed_at) VALUES (?, ?, ?, ?)').run('bench-doc', sealed.pdf_enc, sealed.title_enc, now);
    const open = await median(() => openSealedPdf(db, keys, 'bench-doc'), 21, 3);
    const storeSealed = await median(() => {
      const id = crypto.randomUUID();
      const s = sealDocument(keys, id, pdf, 'Жеке профилактикалық жұмыс жоспары');
      sqlite.transaction(() => {
        insDoc.run(id, ++n, `PP-${n}/2026`, pdf.length, Buffer.alloc(0), now);
        sqlite.prepare('INSERT INTO document_sealed (document_id, pdf_enc, title_enc, sealed_at) VALUES (?, ?, ?, ?)').run(id, s.pdf_enc, s.title_enc, now);
      })();
    }, 11, 1);
    const storePlain = await median(() => {
      const id = crypto.randomUUID();
      insDoc.run(id, ++n, `PP-${n}/2026`, pdf.length, pdf, now);
    }, 11, 1);
    const plainId = crypto.randomUUID();
    insDoc.run(plainId, ++n, `PP-${n}/2026`, pdf.length, pdf, now);
    const readPlain = await median(() => sqlite.prepare('SELECT pdf FROM documents WHERE id = ?').get(plainId), 21, 3);
    return [
      { name: 'seal a 1 MiB PDF (AES-256-GCM, protection), in memory', medianMs: seal, runs: 21 },
      { name: 'open a 1 MiB sealed PDF: read from the DB + decrypt', medianMs: open, runs: 21, note: `plain read ${readPlain.toFixed(2)} ms` },
      { name: 'store a 1 MiB PDF sealed (seal + insert, SQLCipher 4)', medianMs: storeSealed, runs: 11, note: `plain insert ${storePlain.toFixed(2)} ms` },
    ];
  } finally {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
