/**
 * Migration 0018 (sealed documents, sealed task titles): existing rows come through untouched (a migration holds no
 * key: the next holder's unlock seals them — tests/integration/documents/sealed.test.ts and cases/task-titles.test.ts);
 * the new update trigger allows sealing only with the sealed copy present, co-signing a plain file only as an
 * extension; it rolls back cleanly.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Migrator } from 'kysely/migration';
import { afterAll, describe, expect, it } from 'vitest';
import { kyselyFor, openSqlite } from '../../../electron/core/db/open';
import { MIGRATIONS, migrationProvider } from '../../../migrations/index';
import { tempDir } from '../../harness/core';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('migration 0018_sealed_documents', () => {
  it('keeps existing documents and tasks, allows sealing only with the sealed copy, rolls back', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const sqlite = openSqlite(path.join(dir, 'q.db'), crypto.randomBytes(32));
    const db = kyselyFor(sqlite);
    const migrator = new Migrator({ db, provider: migrationProvider });
    const names = Object.keys(MIGRATIONS).sort();
    const before = names[names.indexOf('0018_sealed_documents') - 1]!;
    expect((await migrator.migrateTo(before)).error).toBeUndefined();

    const now = '2026-11-30T09:00:00Z';
    const pdf = Buffer.from('%PDF-1.7\n% a prevention plan naming a child\n%%EOF\n');
    sqlite
      .prepare(`INSERT INTO documents (id, kind, year, number, register_number, title, title_search, language, sha256, size_bytes, pdf, signers, created_at)
                VALUES ('d1', 'prevention_plan', 2026, 1, 'PP-1/2026', 'План', 'план pp-1/2026', 'kk', 'abc', ?, ?, '[]', ?)`)
      .run(pdf.length, pdf, now);
    sqlite.prepare(`INSERT INTO accounts (id, login, display_name, roles, language, disabled, created_at, password_changed_at) VALUES ('a1', 'a', 'A', '["psychologist"]', 'kk', 0, ?, ?)`).run(now, now);
    sqlite.prepare(`INSERT INTO cases (id, number, stage, risk, risk_rank, lead_id, opened_at, opened_by, updated_at, version) VALUES ('c1', 1, 'assessment', 'low', 1, NULL, ?, NULL, ?, 1)`).run(now, now);
    sqlite.prepare(`INSERT INTO case_tasks (id, case_id, title, owner_id, created_at, version) VALUES ('t1', 'c1', 'Ескі тапсырма', 'a1', ?, 1)`).run(now);

    expect((await migrator.migrateTo('0018_sealed_documents')).error).toBeUndefined();
    // untouched: no key here, the next holder's unlock seals them
    expect(sqlite.prepare('SELECT pdf, title FROM documents').get()).toEqual({ pdf, title: 'План' });
    expect(sqlite.prepare('SELECT title, title_enc, title_own FROM case_tasks').get()).toEqual({ title: 'Ескі тапсырма', title_enc: null, title_own: null });

    // emptying the file without a sealed copy is refused; with one it is allowed, other columns still fixed
    const empty = sqlite.prepare(`UPDATE documents SET pdf = x'', title = '', title_search = 'pp-1/2026' WHERE id = 'd1'`);
    expect(() => empty.run()).toThrow(/immutable/);
    sqlite.prepare(`INSERT INTO document_sealed (document_id, pdf_enc, title_enc, sealed_at) VALUES ('d1', x'5101', x'5101', ?)`).run(now);
    expect(() => sqlite.prepare(`UPDATE documents SET pdf = x'', sha256 = 'other' WHERE id = 'd1'`).run()).toThrow(/immutable/);
    empty.run();
    // a sealed file cannot come back in the clear, nor change its register data
    expect(() => sqlite.prepare(`UPDATE documents SET pdf = ? WHERE id = 'd1'`).run(pdf)).toThrow(/immutable/);
    expect(() => sqlite.prepare(`UPDATE documents SET number = 2 WHERE id = 'd1'`).run()).toThrow(/immutable/);
    // growing a sealed file needs a pending signature slot
    expect(() => sqlite.prepare(`UPDATE documents SET size_bytes = size_bytes + 10, sha256 = 'next' WHERE id = 'd1'`).run()).toThrow(/immutable/);

    expect((await migrator.migrateTo(before)).error).toBeUndefined();
    expect(sqlite.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'document_sealed'").get()).toEqual({ n: 0 });
    expect(sqlite.prepare('SELECT title FROM case_tasks').get()).toEqual({ title: 'Ескі тапсырма' });
    await db.destroy();
  });
});
