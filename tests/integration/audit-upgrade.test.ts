/**
 * The upgrade to the HMAC chain (migration 0009_audit_mac + first unlock) on a data folder as the release before it
 * left it: a SHA-256 chain with its head in meta, failed logins queued in keyring.json, no audit key, no queue file.
 * The old entries stay verifiable, the MAC chain starts after them and seals them, and tampering with either part
 * is found.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { entryHash, GENESIS_HASH } from '../../electron/core/audit/log';
import { QUEUE_FILE } from '../../electron/core/audit/pending';
import { Migrator } from 'kysely/migration';
import { kyselyFor, openSqlite } from '../../electron/core/db/open';
import { migrationProvider } from '../../migrations';
import { ADMIN, createTestCore, type TestCore } from '../harness/core';

let c: TestCore | null = null;
afterEach(async () => {
  await c?.cleanup();
  c = null;
});

interface Row {
  id: number;
  at: string;
  account_id: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  outcome: 'ok' | 'denied' | 'failed';
}

/** Rewrites the locked data folder into what the release before 0007 wrote. Returns the number of entries. */
async function asPreviousRelease(t: TestCore, key: Buffer): Promise<number> {
  const s = openSqlite(path.join(t.dataDir, 'qorgan.db'), key);
  try {
    // the migrations after 0009 are undone first (their own down()), so that 0009 is the last one to redo
    const done = await new Migrator({ db: kyselyFor(s), provider: migrationProvider }).migrateTo('0009_audit_mac');
    if (done.error) throw done.error;
    s.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
    const rows = s.prepare('SELECT * FROM audit_log ORDER BY id').all() as Row[];
    let prev = GENESIS_HASH;
    for (const r of rows) {
      const hash = entryHash(prev, r.id, { at: r.at, accountId: r.account_id, action: r.action, entityType: r.entity_type, entityId: r.entity_id, outcome: r.outcome });
      s.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?').run(prev, hash, r.id);
      prev = hash;
    }
    s.prepare(`UPDATE meta SET value = ? WHERE key = 'audit_head'`).run(JSON.stringify({ id: rows.at(-1)?.id ?? 0, hash: prev }));
    s.exec(`DELETE FROM meta WHERE key IN ('audit_mac', 'audit_queue');
      DROP TABLE audit_external_heads;
      ALTER TABLE documents DROP COLUMN audit_head;
      DELETE FROM kysely_migration WHERE name = '0009_audit_mac';
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;`);
    return rows.length;
  } finally {
    s.close();
  }
}

async function upgradedSchool(): Promise<{ t: TestCore; before: number }> {
  const t = await createTestCore();
  for (let i = 0; i < 4; i++) await t.call('settings.update', { idleLockMinutes: 11 + i });
  const key = t.state.withDataKey((k) => Buffer.from(k));
  const accountId = t.state.session?.accountId ?? null;
  await t.call('auth.lock', {});
  const before = await asPreviousRelease(t, key);
  key.fill(0);
  fs.rmSync(path.join(t.dataDir, QUEUE_FILE), { force: true });
  // the previous release queued failed logins in keyring.json
  const keyringFile = path.join(t.dataDir, 'keyring.json');
  const keyring = JSON.parse(fs.readFileSync(keyringFile, 'utf8')) as { pendingAudit: unknown[] };
  keyring.pendingAudit = [
    { at: new Date().toISOString(), accountId, action: 'auth.login', outcome: 'failed' },
    { at: new Date().toISOString(), accountId, action: 'auth.login', outcome: 'failed' },
  ];
  fs.writeFileSync(keyringFile, JSON.stringify(keyring));
  const r = await t.try('auth.login', { login: ADMIN.login, password: ADMIN.password });
  expect(r.ok).toBe(true);
  return { t, before };
}

describe('upgrade to the HMAC chain', () => {
  it('keeps the SHA-256 entries verifiable, starts the MAC chain after them, and writes the old queue', async () => {
    const { t, before } = await upgradedSchool();
    c = t;
    const v = await t.call('audit.verify', {});
    // the old entries, the two failed logins from keyring.json, the login itself
    expect(v).toMatchObject({ ok: true, reason: null, macFrom: before + 1, checked: before + 3, problems: [] });
    expect((await t.call('audit.list', { action: 'auth.login', outcome: 'failed' })).total).toBe(2);
    const keyring = JSON.parse(fs.readFileSync(path.join(t.dataDir, 'keyring.json'), 'utf8')) as { pendingAudit: unknown[] };
    expect(keyring.pendingAudit).toEqual([]);
    // the first MAC entry links to the last SHA-256 hash
    const pair = t.state.sqlite.prepare('SELECT id, prev_hash, hash FROM audit_log WHERE id IN (?, ?) ORDER BY id').all(before, before + 1) as {
      prev_hash: string;
      hash: string;
    }[];
    expect(pair[1]?.prev_hash).toBe(pair[0]?.hash);
    // and from now on a failed login is sealed in the queue file
    await t.call('auth.lock', {});
    await t.try('auth.login', { login: ADMIN.login, password: 'not the password' });
    expect(JSON.parse(fs.readFileSync(path.join(t.dataDir, QUEUE_FILE), 'utf8')).publicKey).toMatch(/^[A-Za-z0-9+/]+=*$/);
  });

  it('an old entry edited is still found; so is the whole chain re-hashed with SHA-256', async () => {
    const { t, before } = await upgradedSchool();
    c = t;
    t.state.sqlite.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
    t.state.sqlite.prepare(`UPDATE audit_log SET outcome = 'denied' WHERE id = 2`).run();
    expect(await t.call('audit.verify', {})).toMatchObject({ ok: false, reason: 'edited', firstBrokenId: 2 });
    // re-hash everything the old way: the MAC part breaks at its first entry
    const rows = t.state.sqlite.prepare('SELECT * FROM audit_log ORDER BY id').all() as Row[];
    let prev = GENESIS_HASH;
    for (const r of rows) {
      const hash = entryHash(prev, r.id, { at: r.at, accountId: r.account_id, action: r.action, entityType: r.entity_type, entityId: r.entity_id, outcome: r.outcome });
      t.state.sqlite.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?').run(prev, hash, r.id);
      prev = hash;
    }
    t.state.sqlite.prepare(`UPDATE meta SET value = ? WHERE key = 'audit_head'`).run(JSON.stringify({ id: rows.at(-1)?.id, hash: prev }));
    expect(await t.call('audit.verify', {})).toMatchObject({ ok: false, reason: 'edited', firstBrokenId: before + 1 });
    // and with the audit key deleted as well, nothing verifies
    t.state.sqlite.prepare(`DELETE FROM meta WHERE key = 'audit_mac'`).run();
    expect(await t.call('audit.verify', {})).toMatchObject({ ok: false, reason: 'no_mac_key' });
    const w = await t.try('settings.update', { idleLockMinutes: 25 });
    expect(w.ok ? null : w.error.code).toBe('audit.broken');
  });
});
