/**
 * Pupil search and sorting at 3 000 pupils in the encrypted DB (issue 15: ≤ 5 ms): the forgiving name search
 * (inside words, folded letters, Latin spellings), the IIN prefix, and a page in the Kazakh alphabet order.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Migrator } from 'kysely/migration';
import { makeIin } from '../../shared/iin';
import { migrationProvider } from '../../migrations/index';
import { kyselyFor, openSqlite } from '../../electron/core/db/open';
import { fakePupils } from '../../electron/core/demo/school';
import { listPupils } from '../../electron/core/pupils/queries';
import type { KeySource } from '../../electron/core/core';
import { median, type BenchRow } from './types';

const PUPILS = 3000;

export async function benchSearch(): Promise<BenchRow[]> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'qorgan-bench-search-'));
  const rows: BenchRow[] = [];
  try {
    const sqlite = openSqlite(path.join(work, 'search.db'), crypto.randomBytes(32));
    const db = kyselyFor(sqlite);
    const r = await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
    if (r.error) throw r.error;
    const at = new Date().toISOString();
    const insert = sqlite.prepare(
      `INSERT INTO pupils (id, iin, last_name, first_name, middle_name, birth_date, sex, grade, class_letter, instruction_language,
         family_status, on_register, archived, created_at, updated_at) VALUES (?, ?, ?, ?, '', NULL, ?, ?, ?, ?, '[]', 0, 0, ?, ?)`,
    );
    sqlite.transaction(() => {
      fakePupils(PUPILS, 11).forEach((p, i) => {
        const iin = makeIin(`${2008 + (i % 11)}-0${1 + (i % 9)}-1${i % 10}`, p.sex, 100 + i);
        insert.run(crypto.randomUUID(), iin, p.lastName, p.firstName, p.sex, p.grade, p.classLetter, p.instructionLanguage, at, at);
      });
    })();
    const keys: KeySource = { compartmentKey: () => null };
    const cases: [string, string | undefined][] = [
      ['inside words, folded ("салов")', 'салов'],
      ['folded letters ("Алихан" for Әлихан)', 'Алихан'],
      ['Latin spelling ("Nursultan Synakov")', 'Nursultan Synakov'],
      ['IIN prefix ("0801")', '0801'],
      ['no search: first page in the Kazakh order', undefined],
    ];
    for (const [name, search] of cases) {
      const filter = { page: 0, pageSize: 50, includeArchived: false, ...(search ? { search } : {}) };
      const found = await listPupils(db, filter, keys);
      const ms = await median(() => listPupils(db, filter, keys), 31, 3);
      rows.push({ name: `pupils.list, ${PUPILS} pupils, whole school: ${name}`, medianMs: ms, runs: 31, note: `${found.total} found; target ≤ 5 ms` });
    }
    await db.destroy();
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  return rows;
}
