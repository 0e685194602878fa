/**
 * Foundation figures: unlock, open + migration check, and queries on a generated large school (3 000 pupils,
 * ten years of audit records ≈ 200 000 rows) — each encrypted and, for the same query, in plain SQLite.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Migrator } from 'kysely/migration';
import { sql, type Kysely } from 'kysely';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { migrationProvider } from '../../migrations/index';
import { createCore } from '../../electron/core/api';
import { entryHash, GENESIS_HASH } from '../../electron/core/audit/log';
import { registerTextFunctions } from '../../electron/core/db/functions';
import { kyselyFor, openDatabase, openSqlite, type SqliteHandle } from '../../electron/core/db/open';
import type { Database } from '../../electron/core/db/schema';
import { createDemoSchool, fakePupils } from '../../electron/core/demo/school';
import { listPupils } from '../../electron/core/pupils/queries';
import type { KeySource } from '../../electron/core/core';
import { nodePlatform } from '../../scripts/node-platform';
import { median, type BenchRow } from './types';

const require = createRequire(import.meta.url);
const Sqlite = require('better-sqlite3-multiple-ciphers') as typeof BetterSqlite3;

const PUPILS = 3000;
const YEARS = 10;
const AUDIT_PER_YEAR = 20_000;

async function generate(sqlite: SqliteHandle): Promise<Kysely<Database>> {
  const db = kyselyFor(sqlite);
  const r = await new Migrator({ db: db, provider: migrationProvider }).migrateToLatest();
  if (r.error) throw r.error;
  const at = '2025-09-01T08:00:00.000Z';
  const insertPupil = sqlite.prepare(
    `INSERT INTO pupils (id, iin, last_name, first_name, middle_name, birth_date, sex, grade, class_letter, instruction_language,
       family_status, on_register, archived, created_at, updated_at) VALUES (?, NULL, ?, ?, '', NULL, ?, ?, ?, ?, '[]', ?, 0, ?, ?)`,
  );
  const insertAudit = sqlite.prepare(
    `INSERT INTO audit_log (id, at, account_id, action, entity_type, entity_id, outcome, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, 'ok', ?, ?)`,
  );
  const actions = ['pupils.get', 'pupils.update', 'plans.update', 'auth.login', 'documents.sign', 'backup.create'];
  sqlite.transaction(() => {
    fakePupils(PUPILS, 7).forEach((p, i) =>
      insertPupil.run(crypto.randomUUID(), p.lastName, p.firstName, p.sex, p.grade, p.classLetter, p.instructionLanguage, i % 41 === 0 ? 1 : 0, at, at),
    );
    let prev = GENESIS_HASH;
    const start = Date.UTC(2016, 8, 1);
    const total = YEARS * AUDIT_PER_YEAR;
    for (let id = 1; id <= total; id++) {
      const e = {
        at: new Date(start + Math.floor((id / total) * YEARS * 365 * 86_400_000)).toISOString(),
        accountId: null,
        action: actions[id % actions.length]!,
        entityType: 'pupil',
        entityId: String(id % PUPILS),
        outcome: 'ok' as const,
      };
      const hash = entryHash(prev, id, e);
      insertAudit.run(id, e.at, null, e.action, e.entityType, e.entityId, prev, hash);
      prev = hash;
    }
  })();
  return db;
}

export async function benchFoundation(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'qorgan-bench-'));
  try {
    // unlock: scrypt (N=2^17, r=8) + open + migration check, through the registry
    const platform = nodePlatform(path.join(work, 'demo'));
    const demo = await createDemoSchool(platform, { pupils: 330 });
    const core = createCore(platform);
    const unlock = await median(async () => {
      const r = await core.invoke('auth.login', { login: demo.login, password: demo.password });
      if (!r.ok) throw new Error(r.error.code);
      await core.invoke('auth.lock', {});
    }, 7);
    rows.push({ name: 'unlock (scrypt N=2^17 r=8 + open + migration check)', medianMs: unlock, runs: 7, note: 'target ≤ 1000 ms' });
    await core.dispose();

    // open + migration check alone (key already known)
    const key = crypto.randomBytes(32);
    const encFile = path.join(work, 'large.db');
    const plainFile = path.join(work, 'large-plain.db');
    const enc = openSqlite(encFile, key);
    const encDb = await generate(enc);
    const plain = new Sqlite(plainFile);
    registerTextFunctions(plain);
    plain.pragma('journal_mode = WAL');
    plain.pragma('cache_size = -262144');
    const plainDb = await generate(plain);
    await encDb.destroy();

    const openMs = await median(async () => {
      const o = await openDatabase(encFile, key, new Date());
      await o.close();
    }, 9);
    rows.push({ name: 'open encrypted DB + migration check (3 000 pupils, 200 000 audit rows)', medianMs: openMs, runs: 9 });

    const encOpen = await openDatabase(encFile, key, new Date());
    // the register filter decrypts the protection field in memory (the rows here were never given one: all false)
    const protectionKey = { epoch: 0, key: crypto.randomBytes(32) };
    const benchKeys: KeySource = { compartmentKey: (c) => (c === 'protection' ? protectionKey : null) };
    const filter = { page: 1, pageSize: 50, grade: 7, search: 'Мыс', includeArchived: false };
    // warm both caches the same way
    const e1 = await median(() => listPupils(encOpen.db, filter, benchKeys), 21, 3);
    const p1 = await median(() => listPupils(plainDb, filter, benchKeys), 21, 3);
    rows.push({ name: 'pupils: paged list, grade 7 + forgiving name search, page 2', medianMs: e1, runs: 21, note: `plain SQLite ${p1.toFixed(2)} ms, ratio ${(e1 / p1).toFixed(2)}` });
    const filter2 = { page: 3, pageSize: 50, onRegister: false, includeArchived: false };
    const e2 = await median(() => listPupils(encOpen.db, filter2, benchKeys), 21, 3);
    const p2 = await median(() => listPupils(plainDb, filter2, benchKeys), 21, 3);
    rows.push({ name: 'pupils: paged list, not on register, page 4', medianMs: e2, runs: 21, note: `plain SQLite ${p2.toFixed(2)} ms, ratio ${(e2 / p2).toFixed(2)}` });
    const agg = (db: Kysely<Database>) => sql`SELECT action, count(*) AS n FROM audit_log GROUP BY action`.execute(db);
    const e3 = await median(() => agg(encOpen.db), 9, 2);
    const p3 = await median(() => agg(plainDb), 9, 2);
    rows.push({ name: 'audit: 200 000-row aggregate (cache 256 MiB)', medianMs: e3, runs: 9, note: `plain SQLite ${p3.toFixed(2)} ms, ratio ${(e3 / p3).toFixed(2)}` });
    await encOpen.close();
    await plainDb.destroy();
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  return rows;
}
