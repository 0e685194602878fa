/** Migration 0022: the confidential sheet's table keeps its document; a purge mark is final, names a register row; both roll back. */
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

describe('migration 0022_retention', () => {
  it('keeps a purge mark final and tied to a register row; rolls back', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const sqlite = openSqlite(path.join(dir, 'q.db'), crypto.randomBytes(32));
    const db = kyselyFor(sqlite);
    const migrator = new Migrator({ db, provider: migrationProvider });
    expect((await migrator.migrateTo('0022_retention')).error).toBeUndefined();
    const now = '2026-11-30T09:00:00Z';
    sqlite
      .prepare(
        `INSERT INTO documents (id, kind, year, number, register_number, title, title_search, language, sha256, size_bytes, pdf, created_at)
         VALUES ('d1', 'referral', 2026, 1, 'RF-1/2026', '', 'rf-1/2026', 'kk', 'ab', 10, x'', ?)`,
      )
      .run(now);
    const mark = sqlite.prepare('INSERT INTO document_purges (document_id, purged_at) VALUES (?, ?)');
    mark.run('d1', now);
    expect(() => mark.run('d1', now)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => mark.run('nope', now)).toThrow(/FOREIGN KEY/);
    expect(() => sqlite.prepare("UPDATE document_purges SET purged_at = 'x'").run()).toThrow(/final/);
    expect(() => sqlite.prepare('DELETE FROM document_purges').run()).toThrow(/final/);
    sqlite.prepare("INSERT INTO document_confidential (document_id, pdf_enc, title_enc, sealed_at) VALUES ('d1', x'00', x'00', ?)").run(now);
    expect(() => sqlite.prepare("UPDATE document_confidential SET document_id = 'd2'").run()).toThrow(/stays/);
    const names = Object.keys(MIGRATIONS).sort();
    expect((await migrator.migrateTo(names[names.indexOf('0022_retention') - 1]!)).error).toBeUndefined();
    expect(sqlite.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name IN ('document_purges', 'document_confidential')").get()).toEqual({ n: 0 });
    await db.destroy();
  });
});
