/**
 * Backup figures on a 200 MB school DB: snapshot + write + read-back verify (the whole "Back up now"), measured side
 * by side with its floor — `cp` of the same DB file and Debian's `age` encrypting the copy to the same folder — and
 * the restore check (decrypt, hashes, integrity_check). Goal (issue 13, item 13): backup + verify ≤ 2× cp + age.
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseRecoveryKey } from '../../electron/core/auth/recovery-key';
import { describeDatabase } from '../../electron/core/backup/check';
import { finishBackup, takeSnapshot } from '../../electron/core/backup/create';
import { backupRecipientFromRecovery } from '../../electron/core/backup/identity';
import { stageRestore } from '../../electron/core/backup/restore';
import { checkpoint } from '../../electron/core/db/open';
import { createTestCore, SEED_SCHOOL } from '../harness/core';
import { median, type BenchRow } from './types';

const TARGET_MB = 200;

export async function benchBackup(): Promise<BenchRow[]> {
  const t = await createTestCore();
  const stick = fs.mkdtempSync(path.join(os.tmpdir(), 'qorgan-bench-stick-'));
  try {
    // a 200 MB DB: 3 000 pupils and incompressible filler standing in for ten years of records and documents
    const sqlite = t.state.sqlite;
    sqlite.exec('CREATE TABLE bench_filler (id INTEGER PRIMARY KEY, payload BLOB NOT NULL) STRICT');
    const ins = sqlite.prepare('INSERT INTO bench_filler (payload) VALUES (?)');
    const insertMany = sqlite.transaction((n: number) => {
      for (let i = 0; i < n; i++) ins.run(crypto.randomBytes(3000));
    });
    const now = new Date().toISOString();
    const pupil = sqlite.prepare(
      `INSERT INTO pupils (id, iin, last_name, first_name, middle_name, birth_date, sex, grade, class_letter, instruction_language,
         family_status, on_register, archived, created_at, updated_at) VALUES (?, NULL, ?, ?, '', NULL, 'f', 5, 'А', 'kk', '[]', 0, 0, ?, ?)`,
    );
    sqlite.transaction(() => {
      for (let i = 0; i < 3000; i++) pupil.run(crypto.randomUUID(), `Фамилия${i}`, `Есім${i}`, now, now);
    })();
    while (fs.statSync(t.state.dbFile).size < TARGET_MB * 1024 * 1024) {
      insertMany(5000);
      checkpoint(sqlite);
    }
    checkpoint(sqlite);
    const dbBytes = fs.statSync(t.state.dbFile).size;
    const dbMB = dbBytes / 1024 / 1024;

    const recovery = parseRecoveryKey(t.recoveryKey);
    if (!recovery) throw new Error('bench: no recovery key');
    const recipient = await backupRecipientFromRecovery(recovery);
    const key = t.state.withDataKey((k) => Buffer.from(k));
    const school = { number: SEED_SCHOOL.number, nameKk: SEED_SCHOOL.nameKk, nameRu: SEED_SCHOOL.nameRu };
    let last = '';
    let minute = 0;
    const phases = { snapshot: [] as number[], write: [] as number[], verify: [] as number[] };
    const backupOnce = async () => {
      const t0 = performance.now();
      const snapshot = await takeSnapshot(sqlite, t.state.dbFile, t.dataDir, key);
      const t1 = performance.now();
      let t2 = 0;
      const out = await finishBackup({
        snapshot,
        progress: (phase) => {
          if (phase === 'verifying' && t2 === 0) t2 = performance.now();
        },
        school,
        recipients: [recipient],
        targetDir: stick,
        now: new Date(2026, 0, 1, 0, minute++),
        keepLast: 1,
      });
      last = out.file;
      phases.snapshot.push(t1 - t0);
      phases.write.push(t2 - t1);
      phases.verify.push(performance.now() - t2);
    };
    const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    // the floor, on the same file and folders, alternating with the backups so that both see the same machine load
    const floorOnce = () => {
      const copy = path.join(t.dataDir, 'bench-cp.db');
      const out = path.join(stick, 'bench-floor.age');
      const t0 = performance.now();
      fs.copyFileSync(t.state.dbFile, copy);
      execFileSync('age', ['-r', recipient, '-o', out, copy]);
      const ms = performance.now() - t0;
      fs.rmSync(copy, { force: true });
      fs.rmSync(out, { force: true });
      return ms;
    };
    const floor: number[] = [];
    const backups: number[] = [];
    for (let i = 0; i < 3; i++) {
      floor.push(floorOnce());
      const t0 = performance.now();
      await backupOnce();
      backups.push(performance.now() - t0);
    }
    const floorMs = mid(floor);
    const backupMs = mid(backups);
    const fileMB = fs.statSync(last).size / 1024 / 1024;

    // the part no overlap removes: SQLCipher decrypting (AES-256-CBC) and authenticating (HMAC-SHA512) every page once
    const integrityMs = await median(() => describeDatabase(t.state.dbFile, key, { integrity: true, counts: false }), 3, 0);

    const checkMs = await median(async () => {
      const staged = await stageRestore({ dataDir: t.dataDir, file: last, secret: { kind: 'recovery', recovery } });
      fs.rmSync(staged.stageDir, { recursive: true, force: true });
    }, 3, 0);

    return [
      {
        name: `backup + verify, ${dbMB.toFixed(0)} MB DB (snapshot, age write ‖ integrity_check, read back, hashes)`,
        medianMs: backupMs,
        runs: 3,
        note:
          `${(dbMB / (backupMs / 1000)).toFixed(0)} MB/s of DB; file ${fileMB.toFixed(0)} MB; ` +
          `snapshot ${mid(phases.snapshot).toFixed(0)} ms, write ${mid(phases.write).toFixed(0)} ms, verify ${mid(phases.verify).toFixed(0)} ms; ` +
          `${(backupMs / floorMs).toFixed(2)}× cp + age (each run beside one of the floor's); goal ≤ 2×`,
      },
      {
        name: `cp + age of the same ${dbMB.toFixed(0)} MB DB file (the floor, measured beside each backup)`,
        medianMs: floorMs,
        runs: 3,
        note: `Debian age ${execFileSync('age', ['--version']).toString().trim()}`,
      },
      {
        name: `integrity_check alone, same ${dbMB.toFixed(0)} MB DB (every page decrypted + HMAC-checked once, one thread)`,
        medianMs: integrityMs,
        runs: 3,
        note: `${(integrityMs / floorMs).toFixed(2)}× cp + age; the backup's floor is max(this, cp + age) on two cores`,
      },
      {
        name: `restore check, ${dbMB.toFixed(0)} MB DB (decrypt, hashes, integrity_check)`,
        medianMs: checkMs,
        runs: 3,
        note: `${(dbMB / (checkMs / 1000)).toFixed(0)} MB/s`,
      },
    ];
  } finally {
    await t.cleanup();
    fs.rmSync(stick, { recursive: true, force: true });
  }
}
