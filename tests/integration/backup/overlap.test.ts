/**
 * The snapshot's integrity_check runs in its worker WHILE the archive is written (backup/create.ts). A snapshot whose
 * counts read fine but whose integrity check fails must not leave a backup on the drive: the written archive is
 * deleted and the backup fails with `backup.corrupt` (translated in the UI).
 *
 * The damage is real: bytes of an overflow page of the encrypted DB file are overwritten. The counts never read
 * overflow pages (they walk the tables' b-trees), integrity_check does — and SQLCipher's HMAC refuses the page.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { takeSnapshot, WORK_DIR } from '../../../electron/core/backup/create';
import type { TestCore } from '../../harness/core';
import { backupTestScope, backupTo, dataKeyOf, finishTo } from './helpers';

const { dir, school } = backupTestScope();

/** A school whose DB file has one damaged overflow page (a page the counts do not read, integrity_check does). */
async function damagedSchool(): Promise<TestCore> {
  const t = await school(20);
  const sqlite = t.state.sqlite;
  // not a child's data: a table of large values only this test has, so that their overflow pages exist
  sqlite.exec('CREATE TABLE test_overflow (id INTEGER PRIMARY KEY, payload BLOB NOT NULL) STRICT');
  const ins = sqlite.prepare('INSERT INTO test_overflow (payload) VALUES (?)');
  for (let i = 0; i < 4; i++) ins.run(Buffer.alloc(40_000, i + 1));
  const [ck] = sqlite.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number }[];
  expect(ck).toMatchObject({ busy: 0, log: 0 });
  const pages = sqlite.prepare(`SELECT pageno FROM dbstat WHERE name = 'test_overflow' AND pagetype = 'overflow' ORDER BY pageno`).all() as { pageno: number }[];
  expect(pages.length).toBeGreaterThan(10);
  const pageSize = Number(sqlite.pragma('page_size', { simple: true }));
  const victim = pages[Math.floor(pages.length / 2)]!.pageno;
  const fd = fs.openSync(t.state.dbFile, 'r+');
  try {
    fs.writeSync(fd, Buffer.alloc(64, 0xa5), 0, 64, (victim - 1) * pageSize + 1000);
  } finally {
    fs.closeSync(fd);
  }
  return t;
}

describe('the integrity check beside the archive write', () => {
  it('hands the manifest facts over before the check ends; a snapshot that then fails it takes the written archive with it', async () => {
    const t = await damagedSchool();
    const key = dataKeyOf(t);
    const stick = dir('qorgan-stick-');
    const snapshot = await takeSnapshot(t.state.sqlite, t.state.dbFile, t.dataDir, key);
    // the counts were read (the damage is on a page they do not need) and the check is still to answer
    expect(snapshot.counts.test_overflow).toBe(4);
    expect(snapshot.counts.pupils).toBe(20);
    let writtenBytes = 0;
    const failed = await finishTo(t, snapshot, stick, {
      progress: (phase, done) => {
        if (phase === 'writing') writtenBytes = done;
      },
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(failed).toMatchObject({ code: 'backup.corrupt' });
    // the archive was written (the check ran meanwhile), then deleted; no partial file either
    expect(writtenBytes).toBeGreaterThan(fs.statSync(t.state.dbFile).size);
    expect(fs.readdirSync(stick)).toEqual([]);
    // the snapshot's work folder is gone once its worker has ended
    expect(fs.existsSync(snapshot.workDir)).toBe(false);
  });

  it('"Back up now" on such a DB fails with backup.corrupt, recorded in the history, and leaves nothing on the drive', async () => {
    const t = await damagedSchool();
    const stick = dir('qorgan-stick-');
    const job = await backupTo(t, stick);
    expect(job.phase).toBe('failed');
    expect(job.error?.code).toBe('backup.corrupt');
    expect(job.record).toMatchObject({ status: 'failed', errorCode: 'backup.corrupt', fileName: null });
    expect(fs.readdirSync(stick)).toEqual([]);
    const work = path.join(t.dataDir, WORK_DIR);
    expect(fs.existsSync(work) ? fs.readdirSync(work) : []).toEqual([]);
  });

  it('a sound DB: the same path verifies, and the check answered before the backup was called done', async () => {
    const t = await school(20);
    const stick = dir('qorgan-stick-');
    const snapshot = await takeSnapshot(t.state.sqlite, t.state.dbFile, t.dataDir, dataKeyOf(t));
    let checkedBeforeDone = false;
    void snapshot.checked.then(() => {
      checkedBeforeDone = true;
    });
    const out = await finishTo(t, snapshot, stick);
    expect(checkedBeforeDone).toBe(true);
    expect(out.manifest.counts.pupils).toBe(20);
    expect(fs.readdirSync(stick)).toEqual([out.fileName]);
  });
});
