/**
 * Compartments: search over a protected field at 20 000 pupils (the register filter decrypts every candidate's
 * ciphertext in memory: there is no plaintext index), re-encryption of the protection compartment at 20 000
 * pupils (a role removed), and the base-key rotation (SQLCipher re-key of a copy + atomic swap; an account
 * disabled) on a ~200 MB DB made as in backup.ts.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { rotateBase, rotateCompartment } from '../../electron/core/compartments/rotate';
import { checkpoint } from '../../electron/core/db/open';
import { pupilProtected } from '../../electron/core/pupils/protected';
import { listPupils } from '../../electron/core/pupils/queries';
import { createTestCore } from '../harness/core';
import { median, type BenchRow } from './types';

const PUPILS = 20_000;
const TARGET_MB = 200;

export async function benchCompartments(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const t = await createTestCore(); // the director: holds the protection key
  try {
    const core = t.state;
    const sqlite = core.sqlite;
    const now = new Date().toISOString();
    const ins = sqlite.prepare(
      `INSERT INTO pupils (id, iin, last_name, first_name, middle_name, birth_date, sex, grade, class_letter, instruction_language,
         family_status, on_register, family_status_enc, on_register_enc, archived, created_at, updated_at)
       VALUES (?, NULL, ?, ?, '', NULL, 'f', ?, 'А', 'kk', '[]', 0, ?, ?, 0, ?, ?)`,
    );
    sqlite.transaction(() => {
      for (let i = 0; i < PUPILS; i++) {
        const id = crypto.randomUUID();
        const sealed = pupilProtected.write(core, id, { family_status_enc: i % 7 === 0 ? ['low_income'] : [], on_register_enc: i % 41 === 0 });
        ins.run(id, `Фамилия${i}`, `Есім${i}`, 1 + (i % 11), sealed.family_status_enc, sealed.on_register_enc, now, now);
      }
    })();
    checkpoint(sqlite);
    const filter = { page: 0, pageSize: 50, onRegister: true, includeArchived: false };
    const found = await listPupils(core.db, filter, core);
    const searchMs = await median(() => listPupils(core.db, filter, core), 7, 1);
    rows.push({ name: `pupils on the register (protected field, decrypted in memory), ${PUPILS} pupils`, medianMs: searchMs, runs: 7, note: `${found.total} found; ${((searchMs * 1000) / PUPILS).toFixed(1)} µs per pupil` });
    const gradeMs = await median(() => listPupils(core.db, { ...filter, grade: 7 }, core), 7, 1);
    rows.push({ name: `… within one grade (SQL narrows first), ${PUPILS} pupils`, medianMs: gradeMs, runs: 7 });
    const rotMs = await median(() => rotateCompartment(core, 'protection'), 3, 0);
    rows.push({ name: `re-encrypt the protection compartment (a role removed), ${PUPILS} pupils`, medianMs: rotMs, runs: 3, note: 'one transaction; new key sealed to the holders first' });

    // ~200 MB: incompressible filler standing in for years of records and documents
    sqlite.exec('CREATE TABLE bench_filler (id INTEGER PRIMARY KEY, payload BLOB NOT NULL) STRICT');
    const fill = sqlite.prepare('INSERT INTO bench_filler (payload) VALUES (?)');
    const many = sqlite.transaction((n: number) => {
      for (let i = 0; i < n; i++) fill.run(crypto.randomBytes(3000));
    });
    while (fs.statSync(core.dbFile).size < TARGET_MB * 1024 * 1024) {
      many(5000);
      checkpoint(core.sqlite);
    }
    checkpoint(core.sqlite);
    const mb = fs.statSync(core.dbFile).size / 1024 / 1024;
    const baseMs = await median(() => rotateBase(core), 3, 0);
    rows.push({ name: `rotate the base key (an account disabled): SQLCipher re-key of a copy + swap, ${mb.toFixed(0)} MB DB`, medianMs: baseMs, runs: 3, note: `${(mb / (baseMs / 1000)).toFixed(0)} MB/s` });
  } finally {
    await t.cleanup();
  }
  return rows;
}
