/**
 * The attacks of issue 8 on the audit log, each as a regression test: a cut tail (with and without fixing the
 * head), an emptied log, a chain edited and re-hashed without the audit key, an append after a cut tail, failed
 * logins and the throttle removed from the files beside the DB, and guessing the current password in
 * changePassword / newRecoveryKey.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { entryHash, entryMac, GENESIS_HASH } from '../../electron/core/audit/log';
import { QUEUE_FILE } from '../../electron/core/audit/pending';
import { insertDocument } from '../../electron/core/documents/register';
import { ADMIN, createTestCore, tempDir, type TestCore } from '../harness/core';
import { backupTo } from './backup/helpers';

let c: TestCore | null = null;
const dirs: string[] = [];
afterEach(async () => {
  await c?.cleanup();
  c = null;
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function withEntries(n = 6): Promise<TestCore> {
  const core = await createTestCore();
  for (let i = 0; i < n; i++) await core.call('settings.update', { idleLockMinutes: 10 + i });
  return core;
}

/** Tamper like an attacker with the data key would: drop the append-only triggers first. */
function dropTriggers(core: TestCore): void {
  core.state.sqlite.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
}

function lastId(core: TestCore): number {
  return (core.state.sqlite.prepare('SELECT max(id) AS id FROM audit_log').get() as { id: number | null }).id ?? 0;
}

/** Deletes the newest `n` entries; with `fixHead`, also rewrites meta.audit_head to the new last entry. */
function cutTail(core: TestCore, n: number, fixHead: boolean): void {
  dropTriggers(core);
  const last = lastId(core);
  core.state.sqlite.prepare('DELETE FROM audit_log WHERE id > ?').run(last - n);
  if (fixHead) {
    const row = core.state.sqlite.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string } | undefined;
    const value = JSON.stringify(row ? { id: row.id, hash: row.hash } : { id: 0, hash: GENESIS_HASH });
    core.state.sqlite.prepare(`UPDATE meta SET value = ? WHERE key = 'audit_head'`).run(value);
  }
}

async function backupNow(core: TestCore): Promise<void> {
  const stick = tempDir('qorgan-stick-');
  dirs.push(stick);
  const job = await backupTo(core, stick);
  expect(job.phase).toBe('done');
}

describe('audit log: a cut tail', () => {
  it('without fixing the head: verify names it, appends are refused, reads and logins still work', async () => {
    c = await withEntries();
    const before = lastId(c);
    cutTail(c, 3, false);
    const v = await c.call('audit.verify', {});
    expect(v).toMatchObject({ ok: false, reason: 'head_mismatch', lastId: before - 3, headId: before, firstBrokenId: before - 2 });
    // fail closed: a write is refused with the translated code, and nothing was written
    const w = await c.try('settings.update', { idleLockMinutes: 30 });
    expect(w.ok ? null : w.error.code).toBe('audit.broken');
    const stored = c.state.sqlite.prepare(`SELECT value FROM meta WHERE key = 'settings'`).get() as { value: string };
    expect(JSON.parse(stored.value)).not.toMatchObject({ idleLockMinutes: 30 });
    expect(lastId(c)).toBe(before - 3);
    // reads work; a sensitive read's entry is queued instead of healing the chain
    expect((await c.call('school.get', {})).number).toBe('96');
    expect((await c.call('audit.list', {})).total).toBe(before - 3);
    await c.call('auth.lock', {});
    expect((await c.try('auth.login', { login: ADMIN.login, password: ADMIN.password })).ok).toBe(true);
    expect(lastId(c)).toBe(before - 3);
    expect((await c.call('audit.verify', {})).reason).toBe('head_mismatch');
  });

  it('with the head fixed: verify reports the entries missing since the last backup, with the date', async () => {
    c = await withEntries();
    await backupNow(c);
    const atBackup = (await c.call('backup.history', { limit: 5 }))[0];
    expect(atBackup?.status).toBe('verified');
    const manifestSeq = lastId(c) - 1; // the head went into the manifest before backup.start's own entry
    for (let i = 0; i < 4; i++) await c.call('settings.update', { idleLockMinutes: 20 + i });
    cutTail(c, 8, true);
    const v = await c.call('audit.verify', {});
    expect(v.reason).toBeNull();
    expect(v.ok).toBe(false);
    expect(v.problems).toContainEqual(
      expect.objectContaining({ kind: 'missing_since_head', from: lastId(c) + 1, to: manifestSeq, source: 'backup', ref: atBackup?.id }),
    );
    // and appending continues only from a consistent head: here head and rows agree, so the log goes on, but the
    // gap stays reported
    await c.call('settings.update', { idleLockMinutes: 40 });
    expect((await c.call('audit.verify', {})).problems.map((p) => p.kind)).toContain('missing_since_head');
  });

  it('reports a document register entry whose head is beyond the end of the log', async () => {
    c = await withEntries(2);
    const seq = lastId(c);
    const mac = (c.state.sqlite.prepare('SELECT hash FROM audit_log WHERE id = ?').get(seq) as { hash: string }).hash;
    const doc = await insertDocument(c.state.db, {
      id: crypto.randomUUID(),
      kind: 'other',
      year: 2026,
      number: 1,
      title: 'test',
      language: 'kk',
      pdf: Buffer.from('%PDF-1.7\n'),
      signers: [],
      createdBy: null,
      createdAt: new Date(),
    });
    // the register entry carries the head of the log as it was when the document was issued
    const stored = c.state.sqlite.prepare('SELECT audit_head FROM documents WHERE id = ?').get(doc.id) as { audit_head: string };
    expect(JSON.parse(stored.audit_head)).toEqual({ seq, mac });
    cutTail(c, 2, true);
    const v = await c.call('audit.verify', {});
    expect(v.problems).toContainEqual(expect.objectContaining({ kind: 'missing_since_head', from: seq - 1, to: seq, source: 'document', ref: doc.registerNumber }));
  });

  it('every entry deleted (and the head): reported, not "ok"', async () => {
    c = await withEntries();
    cutTail(c, lastId(c), true);
    c.state.sqlite.prepare(`DELETE FROM meta WHERE key = 'audit_head'`).run();
    const v = await c.call('audit.verify', {});
    expect(v.ok).toBe(false);
    expect(v.reason).toBe('deleted');
  });
});

describe('audit log: a rewritten chain', () => {
  it('edited and re-hashed with SHA-256 (no audit key): found at the first rewritten entry', async () => {
    c = await withEntries();
    dropTriggers(c);
    const rows = c.state.sqlite.prepare('SELECT * FROM audit_log ORDER BY id').all() as {
      id: number;
      at: string;
      account_id: string | null;
      action: string;
      entity_type: string | null;
      entity_id: string | null;
      outcome: 'ok' | 'denied' | 'failed';
    }[];
    // the attack that worked before: change an entry, recompute every link and the head
    let prev = GENESIS_HASH;
    for (const r of rows) {
      const outcome = r.id === 3 ? 'denied' : r.outcome;
      const hash = entryHash(prev, r.id, { at: r.at, accountId: r.account_id, action: r.action, entityType: r.entity_type, entityId: r.entity_id, outcome });
      c.state.sqlite.prepare('UPDATE audit_log SET outcome = ?, prev_hash = ?, hash = ? WHERE id = ?').run(outcome, prev, hash, r.id);
      prev = hash;
    }
    c.state.sqlite.prepare(`UPDATE meta SET value = ? WHERE key = 'audit_head'`).run(JSON.stringify({ id: rows.at(-1)?.id, hash: prev }));
    expect(await c.call('audit.verify', {})).toMatchObject({ ok: false, reason: 'edited', firstBrokenId: 1 });
  });

  it('re-MACed with the audit key taken from the DB: consistent in itself, but it diverges from the backup head', async () => {
    c = await withEntries();
    await backupNow(c);
    const seq = lastId(c) - 1;
    dropTriggers(c);
    const state = JSON.parse((c.state.sqlite.prepare(`SELECT value FROM meta WHERE key = 'audit_mac'`).get() as { value: string }).value) as {
      key: string;
      from: number;
    };
    const key = Buffer.from(state.key, 'hex');
    const rows = c.state.sqlite.prepare('SELECT * FROM audit_log ORDER BY id').all() as {
      id: number;
      at: string;
      account_id: string | null;
      action: string;
      entity_type: string | null;
      entity_id: string | null;
      outcome: 'ok' | 'denied' | 'failed';
    }[];
    let prev = GENESIS_HASH;
    for (const r of rows) {
      const outcome = r.id === 2 ? 'denied' : r.outcome;
      const hash = entryMac(key, prev, r.id, { at: r.at, accountId: r.account_id, action: r.action, entityType: r.entity_type, entityId: r.entity_id, outcome });
      c.state.sqlite.prepare('UPDATE audit_log SET outcome = ?, prev_hash = ?, hash = ? WHERE id = ?').run(outcome, prev, hash, r.id);
      prev = hash;
    }
    c.state.sqlite.prepare(`UPDATE meta SET value = ? WHERE key = 'audit_head'`).run(JSON.stringify({ id: rows.at(-1)?.id, hash: prev }));
    const v = await c.call('audit.verify', {});
    expect(v.reason).toBeNull();
    expect(v.ok).toBe(false);
    expect(v.problems).toContainEqual(expect.objectContaining({ kind: 'diverged_from_head', seq, source: 'backup' }));
  });
});

describe('audit log: compared with a backup file the user picks', () => {
  async function backupFile(core: TestCore): Promise<string> {
    const stick = tempDir('qorgan-stick-');
    dirs.push(stick);
    const job = await backupTo(core, stick);
    expect(job.phase).toBe('done');
    return path.join(stick, job.record?.fileName ?? '');
  }
  async function check(core: TestCore, file: string) {
    core.platform.dialogAnswers.push(file);
    await core.call('backup.chooseFile', {});
    return core.call('audit.checkBackup', { file, recoveryKey: core.recoveryKey });
  }

  it('consistent; then a cut tail with every trace inside the DB removed is still found from the file', async () => {
    c = await withEntries();
    const file = await backupFile(c);
    const seq = lastId(c) - 1;
    expect(await check(c, file)).toMatchObject({ result: 'consistent', seq });
    // the attacker with the data key: newest entries gone, head fixed, the recorded heads deleted too
    for (let i = 0; i < 3; i++) await c.call('settings.update', { idleLockMinutes: 30 + i });
    cutTail(c, 7, true);
    c.state.sqlite.prepare('DELETE FROM audit_external_heads').run();
    expect((await c.call('audit.verify', {})).ok).toBe(true);
    const end = lastId(c);
    const r = await check(c, file);
    expect(r).toMatchObject({ result: 'missing', lastId: end, from: end + 1, to: seq });
    // and the check itself is recorded
    expect((await c.call('audit.list', { action: 'audit.checkBackup' })).total).toBeGreaterThan(0);
  });

  it('a file not chosen in the dialog, or a wrong recovery key, is refused', async () => {
    c = await withEntries(1);
    const file = await backupFile(c);
    const r = await c.try('audit.checkBackup', { file, recoveryKey: c.recoveryKey });
    expect(r.ok ? null : r.error.code).toBe('validation');
    c.platform.dialogAnswers.push(file);
    await c.call('backup.chooseFile', {});
    const other = await createTestCore();
    try {
      const w = await c.try('audit.checkBackup', { file, recoveryKey: other.recoveryKey });
      expect(w.ok ? null : w.error.code).toBe('backup.wrong_key');
    } finally {
      await other.cleanup();
    }
  });
});

describe('failed logins while locked', () => {
  async function lockedFailures(n: number): Promise<TestCore> {
    const core = await createTestCore();
    await core.call('auth.lock', {});
    for (let i = 0; i < n; i++) await core.try('auth.login', { login: ADMIN.login, password: `wrong-${i}-password` });
    return core;
  }
  const queueFile = (core: TestCore) => path.join(core.dataDir, QUEUE_FILE);
  const readQueue = (core: TestCore) => JSON.parse(fs.readFileSync(queueFile(core), 'utf8')) as Record<string, unknown>;
  const login = async (core: TestCore) => {
    core.platform.advance(3_600_000);
    const r = await core.try('auth.login', { login: ADMIN.login, password: ADMIN.password });
    expect(r.ok).toBe(true);
  };

  it('are sealed in auth-queue.json (no account id or action in clear) and written to the log at unlock', async () => {
    c = await lockedFailures(3);
    const text = fs.readFileSync(queueFile(c), 'utf8');
    expect(text).not.toMatch(/auth\.login|failed/);
    const accountId = c.state.keyring().slots.find((s) => s.kind === 'account')?.accountId ?? 'none';
    expect(text).not.toContain(accountId);
    await login(c);
    const failed = await c.call('audit.list', { action: 'auth.login', outcome: 'failed' });
    expect(failed.total).toBe(3);
    expect(await c.call('audit.verify', {})).toMatchObject({ ok: true, problems: [] });
    // consumed: only the clearing of the throttle by this successful login is left, to be checked at the next unlock
    expect((readQueue(c).items as unknown[]).length).toBe(1);
    expect(readQueue(c).throttle).toEqual({});
  });

  it('removed from the file (items and throttle cleared): a tamper event at the next unlock', async () => {
    c = await lockedFailures(7);
    const q = readQueue(c);
    fs.writeFileSync(queueFile(c), JSON.stringify({ ...q, items: [], throttle: {} }));
    // the throttle was cleared, so the right password gets in at once …
    const r = await c.try('auth.login', { login: ADMIN.login, password: ADMIN.password });
    expect(r.ok).toBe(true);
    // … but the unlock saw it
    const v = await c.call('audit.verify', {});
    expect(v.ok).toBe(false);
    const details = v.problems.flatMap((p) => (p.kind === 'queue_tampered' ? [p.detail] : []));
    expect(details).toContain('entries_removed');
    expect((await c.call('audit.list', { action: 'audit.queue_tampered' })).total).toBe(details.length);
  });

  it('the throttle alone cleared in the file: detected at the next unlock and put back', async () => {
    c = await createTestCore();
    await c.call('auth.lock', {});
    for (let i = 0; i < 6; i++) await c.try('auth.login', { login: 'nobody', password: `guess-${i}-password` });
    expect((await c.try('auth.login', { login: 'nobody', password: 'guess-x-password' })).ok ? null : 'throttled').toBe('throttled');
    const q = readQueue(c);
    fs.writeFileSync(queueFile(c), JSON.stringify({ ...q, throttle: {} }));
    // the edit lets the guessing go on while the app is locked …
    const r = await c.try('auth.login', { login: 'nobody', password: 'guess-y-password' });
    expect(r.ok ? null : r.error.code).toBe('auth.wrong_password');
    // … until the next unlock, which logs it and puts the count back
    await c.call('auth.login', { login: ADMIN.login, password: ADMIN.password });
    const v = await c.call('audit.verify', {});
    expect(v.problems.flatMap((p) => (p.kind === 'queue_tampered' ? [p.detail] : []))).toEqual(['throttle_cleared']);
    await c.call('auth.lock', {});
    const after = await c.try('auth.login', { login: 'nobody', password: 'guess-z-password' });
    expect(after.ok ? null : after.error.code).toBe('auth.throttled');
  });

  it('the whole file re-made with a new sequence (items and counter reset): detected', async () => {
    c = await lockedFailures(4);
    const q = readQueue(c) as { seq: number; items: unknown[]; anchor: { seq: number } };
    fs.writeFileSync(queueFile(c), JSON.stringify({ ...q, items: [], seq: q.anchor.seq }));
    await login(c);
    const v = await c.call('audit.verify', {});
    expect(v.problems.flatMap((p) => (p.kind === 'queue_tampered' ? [p.detail] : []))).toContain('entries_removed');
  });

  it('one item edited, one removed from the middle: both detected, the others still written', async () => {
    c = await lockedFailures(3);
    const q = readQueue(c) as { items: { seq: number; data: string; mac: string }[] };
    const items = [...q.items];
    const first = items[0];
    if (!first) throw new Error('no items');
    const flipped = Buffer.from(first.data, 'base64');
    flipped[flipped.length - 1] = (flipped[flipped.length - 1] ?? 0) ^ 1;
    items[0] = { ...first, data: flipped.toString('base64') };
    items.splice(2, 1); // the failure's own throttle item or its audit item
    fs.writeFileSync(queueFile(c), JSON.stringify({ ...q, items }));
    await login(c);
    const v = await c.call('audit.verify', {});
    expect(v.problems.flatMap((p) => (p.kind === 'queue_tampered' ? [p.detail] : []))).toEqual(expect.arrayContaining(['entry_edited', 'entries_removed']));
  });

  it('the file put back to a copy older than the last unlock: counter rolled back', async () => {
    c = await lockedFailures(2);
    await login(c);
    const old = fs.readFileSync(queueFile(c));
    await c.call('auth.lock', {});
    await c.try('auth.login', { login: ADMIN.login, password: 'wrong again password' });
    await login(c);
    await c.call('auth.lock', {});
    // a copy taken before the last unlock consumed the failure
    const before = JSON.parse(old.toString('utf8')) as { seq: number };
    expect(before.seq).toBeLessThan((readQueue(c) as { seq: number }).seq);
    fs.writeFileSync(queueFile(c), old);
    await login(c);
    const v = await c.call('audit.verify', {});
    expect(v.problems.flatMap((p) => (p.kind === 'queue_tampered' ? [p.detail] : []))).toContain('counter_rolled_back');
  });

  it('the file deleted, or replaced by a fresh one: entries removed', async () => {
    c = await lockedFailures(2);
    await login(c);
    await c.call('auth.lock', {});
    await c.try('auth.login', { login: ADMIN.login, password: 'wrong again password' });
    fs.rmSync(queueFile(c));
    await login(c);
    const v = await c.call('audit.verify', {});
    expect(v.ok).toBe(false);
    expect(v.problems.flatMap((p) => (p.kind === 'queue_tampered' ? [p.detail] : []))).toEqual(['entries_removed']);
    // a fresh, unanchored file in its place (as the locked app starts one when there is none) is no better
    await c.call('auth.lock', {});
    fs.rmSync(queueFile(c));
    await c.try('auth.login', { login: ADMIN.login, password: 'wrong once more password' });
    expect(readQueue(c).anchor).toBeNull();
    await login(c);
    const again = await c.call('audit.verify', {});
    expect(again.problems.flatMap((p) => (p.kind === 'queue_tampered' ? [p.detail] : []))).toEqual(['entries_removed', 'entries_removed']);
    // the failure in the fresh file still reached the log
    expect((await c.call('audit.list', { action: 'auth.login', outcome: 'failed' })).total).toBe(3);
  });
});

describe('the current password asked again shares the login throttle', () => {
  it('12 wrong current passwords in changePassword: throttled after five, and the login is throttled too', async () => {
    c = await createTestCore();
    const codes: string[] = [];
    for (let i = 0; i < 12; i++) {
      const r = await c.try('auth.changePassword', { currentPassword: `guess number ${i}`, newPassword: 'a new long password 1' });
      codes.push(r.ok ? 'ok' : r.error.code);
    }
    expect(codes.slice(0, 5)).toEqual(Array(5).fill('auth.wrong_password'));
    expect(codes.slice(5).every((code) => code === 'auth.throttled')).toBe(true);
    await c.call('auth.lock', {});
    const r = await c.try('auth.login', { login: ADMIN.login, password: ADMIN.password });
    expect(r.ok ? null : r.error.code).toBe('auth.throttled');
    c.platform.advance(60_000);
    expect((await c.try('auth.login', { login: ADMIN.login, password: ADMIN.password })).ok).toBe(true);
    expect((await c.call('audit.list', { action: 'auth.changePassword', outcome: 'failed' })).total).toBeGreaterThanOrEqual(5);
  });

  it('newRecoveryKey: wrong current passwords count, the delay applies, the right one clears it', async () => {
    c = await createTestCore();
    for (let i = 0; i < 5; i++) {
      const r = await c.try('auth.newRecoveryKey', { currentPassword: `guess number ${i}` });
      expect(r.ok ? null : r.error.code).toBe('auth.wrong_password');
    }
    const t = await c.try('auth.newRecoveryKey', { currentPassword: ADMIN.password });
    expect(t.ok ? null : t.error.code).toBe('auth.throttled');
    c.platform.advance(3_000);
    expect((await c.try('auth.newRecoveryKey', { currentPassword: ADMIN.password })).ok).toBe(true);
    const again = await c.try('auth.newRecoveryKey', { currentPassword: 'one more guess' });
    expect(again.ok ? null : again.error.code).toBe('auth.wrong_password');
  });
});
