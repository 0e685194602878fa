/**
 * Backup figures on a 200 MB school DB: pin + copy + write + read-back verify (the whole "Back up now"), measured side
 * by side with its floor — `cp` of the same DB file and Debian's `age` encrypting the copy to the same folder — with
 * the breakdown of its parts (in the notes: pin; copy + hash, counts; age write ‖ integrity_check; read-back) and each
 * part alone on the same file (counts + integrity_check, integrity_check, our age stream, the snapshot's copy), and the restore check (decrypt, hashes, integrity_check). Goal (issue 13, item 13): backup + verify
 * ≤ 2× cp + age — out of reach while a full integrity_check is part of the backup; the notes say how near it is.
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parseRecoveryKey } from '../../electron/core/auth/recovery-key';
import { describeDatabase } from '../../electron/core/backup/check';
import { writeArchive } from '../../electron/core/backup/archive';
import { buildManifest, completeSnapshot, finishBackup, pinSnapshot, releaseSnapshot, takeSnapshot } from '../../electron/core/backup/create';
import { nodeBackupFs } from '../../electron/core/backup/fsio';
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
    // the breakdown of one backup, each part from the start of the previous one's end (ms)
    const phases = { pin: [] as number[], facts: [] as number[], write: [] as number[], readBack: [] as number[], checkTail: [] as number[], checkDone: [] as number[] };
    const backupOnce = async () => {
      const t0 = performance.now();
      const pinned = pinSnapshot(sqlite, t.state.dbFile, t.dataDir, key);
      const t1 = performance.now();
      if (pinned.method !== 'page-copy') throw new Error('bench: the snapshot fell back to VACUUM INTO');
      const snapshot = await completeSnapshot(pinned, key);
      const t2 = performance.now();
      let checkedAt = 0;
      void snapshot.checked.then(() => {
        checkedAt = performance.now();
      });
      let t3 = 0;
      const out = await finishBackup({
        snapshot,
        progress: (phase) => {
          if (phase === 'verifying' && t3 === 0) t3 = performance.now();
        },
        school,
        recipients: [recipient],
        targetDir: stick,
        now: new Date(2026, 0, 1, 0, minute++),
        keepLast: 1,
      });
      const t4 = performance.now();
      last = out.file;
      phases.pin.push(t1 - t0);
      phases.facts.push(t2 - t1);
      phases.write.push(t3 - t2);
      phases.readBack.push(t4 - t3);
      phases.checkDone.push(checkedAt - t0);
      phases.checkTail.push(Math.max(0, checkedAt - t3));
    };
    const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    // the floor, on the same file and folders, alternating with the backups so that both see the same machine load
    const floorParts = { cp: [] as number[], age: [] as number[] };
    const floorOnce = () => {
      const copy = path.join(t.dataDir, 'bench-cp.db');
      const out = path.join(stick, 'bench-floor.age');
      const t0 = performance.now();
      fs.copyFileSync(t.state.dbFile, copy);
      const t1 = performance.now();
      execFileSync('age', ['-r', recipient, '-o', out, copy]);
      const t2 = performance.now();
      fs.rmSync(copy, { force: true });
      fs.rmSync(out, { force: true });
      floorParts.cp.push(t1 - t0);
      floorParts.age.push(t2 - t1);
      return t2 - t0;
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

    // the parts alone, each on the same file
    // what the worker does in a backup: the counts (they decrypt nearly every page), then integrity_check from its cache
    const countsCheckMs = await median(() => describeDatabase(t.state.dbFile, key, { integrity: true, counts: true }), 3, 0);
    // the part no overlap removes: SQLCipher decrypting (AES-256-CBC) and authenticating (HMAC-SHA512) every page once
    const integrityMs = await median(() => describeDatabase(t.state.dbFile, key, { integrity: true, counts: false }), 3, 0);
    // the snapshot's copy alone: the file copied (and hashed) into the data folder
    const copyHashMs = await median(async () => {
      const copy = path.join(t.dataDir, 'bench-copy.db');
      const h = crypto.createHash('sha256');
      await pipeline(
        fs.createReadStream(t.state.dbFile, { highWaterMark: 1024 * 1024 }),
        async function* (source: AsyncIterable<Buffer>) {
          for await (const chunk of source) {
            h.update(chunk);
            yield chunk;
          }
        },
        fs.createWriteStream(copy, { flags: 'wx', mode: 0o600 }),
      );
      h.digest('hex');
      fs.rmSync(copy, { force: true });
    }, 3, 0);
    // our age stream alone (tar + ChaCha20-Poly1305 + SHA-256 of the file + the write, and the DB's hash checked)
    // against Debian's age on the same file
    const hashOnly = await median(async () => {
      const h = crypto.createHash('sha256');
      for await (const c of fs.createReadStream(t.state.dbFile, { highWaterMark: 1024 * 1024 })) h.update(c as Buffer);
      h.digest('hex');
    }, 3, 0);
    const snapForWrite = await takeSnapshot(sqlite, t.state.dbFile, t.dataDir, key);
    let writeMs = 0;
    try {
      const manifest = buildManifest(snapForWrite, snapForWrite.keyringBytes, school, new Date());
      writeMs = await median(async () => {
        const name = `Qorgan-bench-write-${crypto.randomUUID()}.qorgan`;
        const w = await writeArchive({ fs: nodeBackupFs, targetDir: stick, name, recipients: [recipient], manifest, keyringBytes: snapForWrite.keyringBytes, dbFile: snapForWrite.dbFile });
        fs.rmSync(w.file, { force: true });
      }, 3, 0);
      await snapForWrite.checked;
    } finally {
      await releaseSnapshot(snapForWrite);
    }

    const checkMs = await median(async () => {
      const staged = await stageRestore({ dataDir: t.dataDir, file: last, secret: { kind: 'recovery', recovery } });
      fs.rmSync(staged.stageDir, { recursive: true, force: true });
    }, 3, 0);

    return [
      {
        name: `backup + verify, ${dbMB.toFixed(0)} MB DB (pin, copy + hash, counts, then age write ‖ integrity_check, read back)`,
        medianMs: backupMs,
        runs: 3,
        note:
          `${(dbMB / (backupMs / 1000)).toFixed(0)} MB/s of DB; file ${fileMB.toFixed(0)} MB; ` +
          `pin ${mid(phases.pin).toFixed(0)} ms (checkpoint + read txn), ` +
          `copy + hash, then counts in the worker ${mid(phases.facts).toFixed(0)} ms, age write ${mid(phases.write).toFixed(0)} ms, ` +
          `read back + wait for the check ${mid(phases.readBack).toFixed(0)} ms (the check answered ${mid(phases.checkTail).toFixed(0)} ms after the read-back began; ` +
          `${mid(phases.checkDone).toFixed(0)} ms after the start); ` +
          `${(backupMs / floorMs).toFixed(2)}× cp + age (each run beside one of the floor's); goal ≤ 2×`,
      },
      {
        name: `cp + age of the same ${dbMB.toFixed(0)} MB DB file (the floor, measured beside each backup)`,
        medianMs: floorMs,
        runs: 3,
        note: `cp ${mid(floorParts.cp).toFixed(0)} ms, Debian age ${mid(floorParts.age).toFixed(0)} ms (${execFileSync('age', ['--version']).toString().trim()})`,
      },
      {
        name: `counts + integrity_check in one connection (what the backup's worker does), same ${dbMB.toFixed(0)} MB DB`,
        medianMs: countsCheckMs,
        runs: 3,
        note: `${(countsCheckMs / floorMs).toFixed(2)}× cp + age; the counts must precede the archive (the manifest, first in it, carries them)`,
      },
      {
        name: `integrity_check alone, same ${dbMB.toFixed(0)} MB DB (every page decrypted + HMAC-checked once, one thread)`,
        medianMs: integrityMs,
        runs: 3,
        note: `${(integrityMs / floorMs).toFixed(2)}× cp + age`,
      },
      {
        name: `our age stream alone: tar + ChaCha20-Poly1305 + SHA-256 + write of the ${dbMB.toFixed(0)} MB DB to the stick folder`,
        medianMs: writeMs,
        runs: 3,
        note: `${(dbMB / (writeMs / 1000)).toFixed(0)} MB/s; Debian age on the same file ${mid(floorParts.age).toFixed(0)} ms (${(writeMs / mid(floorParts.age)).toFixed(2)}×); SHA-256 read pass alone ${hashOnly.toFixed(0)} ms`,
      },
      {
        name: `copy + hash of the ${dbMB.toFixed(0)} MB DB into the data folder alone (the snapshot's copy)`,
        medianMs: copyHashMs,
        runs: 3,
        note: `${(dbMB / (copyHashMs / 1000)).toFixed(0)} MB/s`,
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
