/**
 * Rotations: losing access really loses it.
 *
 * Compartment (a holder lost a role, or was disabled): a new key at epoch n+1.
 *   1. keyring: grants of epoch n+1 to the remaining holders and the recovery key (epoch n stays) — written first;
 *   2. DB, one transaction: every protected field of the compartment re-encrypted under n+1, and the DB's record of
 *      the epoch set to n+1;
 *   3. keyring: epoch n+1 current, the grants of epoch n dropped.
 *   A crash after 1 leaves the DB at n (the unused n+1 grants are dropped at the next unlock); after 2, the DB says
 *   n+1 and the next unlock settles the keyring to it (session.ts).
 *
 * Base (an account was disabled): SQLCipher re-key of the whole DB.
 *   1. keyring: grants of the new base key (epoch n+1) to every remaining active account and the recovery key,
 *      `baseRotation = { from: n, to: n+1 }` — written first;
 *   2. the DB is checkpointed and closed, copied to a temp file beside it, the copy re-keyed (rollback-journal mode:
 *      SQLite3MultipleCiphers cannot re-key a WAL database), fsynced, and renamed over the DB (atomic);
 *   3. keyring: epoch n+1 current, the grants of epoch n and `baseRotation` dropped.
 *   At open both keys are tried (newest first): a crash at any point leaves a DB that opens with the old or the new
 *   key; the next unlock finishes or restarts the rotation. The copies in `pre-migration/` are re-keyed the same
 *   way, so that an old keyring copy opens none of the files in the data folder.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { CompartmentKey, CoreState } from '../core';
import { checkpoint, openDatabase, openSqlite, rekeySqlite } from '../db/open';
import type { Keyring } from '../db/keyring';
import { openField, sealField } from './fields';
import { accountsForKeys, accountSlotOf, recoveryPublicKey, withGrant } from './keys';
import { compartmentsFor, type Compartment } from './policy';
import { PROTECTED_TABLES } from './tables';
import { ensureIntakeKey } from '../cases/intake';

export type RotationStep = 'grants' | 'copy' | 'rekey' | 'swap' | 'done';
export type Progress = (step: RotationStep, percent: number) => void;

/** Grants of `k` (a compartment key, or the base key) to every active account that should hold it, and the recovery key. */
async function grantToHolders(core: CoreState, keyring: Keyring, name: 'base' | Compartment, k: CompartmentKey): Promise<Keyring> {
  let next = keyring;
  for (const a of await accountsForKeys(core.db)) {
    if (a.disabled) continue;
    if (name !== 'base' && !compartmentsFor(a.roles).includes(name)) continue;
    const slot = accountSlotOf(next, a.id);
    if (!slot) continue;
    next = withGrant(next, a.id, Buffer.from(slot.publicKey, 'base64'), name, k);
  }
  const rec = recoveryPublicKey(next);
  if (rec) next = withGrant(next, 'recovery', rec, name, k);
  return next;
}

/** Values stored under a compartment (any epoch). */
export async function countSealed(core: CoreState, c: Compartment): Promise<number> {
  let n = 0;
  for (const t of PROTECTED_TABLES) {
    for (const [f, spec] of Object.entries(t.fields)) {
      if (spec.compartment !== c) continue;
      const r = await core.db
        .selectFrom(t.table as 'pupils')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where(f as 'family_status_enc', 'is not', null)
        .executeTakeFirst();
      n += Number(r?.n ?? 0);
    }
  }
  return n;
}

/**
 * Re-encrypts a compartment under a new key (the session must hold the current one). With `empty`, a compartment
 * under which nothing is stored is made anew without its old key. Returns the new epoch.
 */
export async function rotateCompartment(core: CoreState, c: Compartment, options: { empty?: boolean } = {}): Promise<number> {
  const held = core.compartmentKey(c);
  const current = core.keyring().epochs[c] ?? 0;
  if (!held && !options.empty) throw new Error(`rotation of ${c} needs its key`);
  if (!held && (await countSealed(core, c)) > 0) throw new Error(`${c} holds values: its key is needed`);
  const old: CompartmentKey | null = held;
  const from = Math.max(held?.epoch ?? 0, current);
  const fresh: CompartmentKey = { epoch: from + 1, key: crypto.randomBytes(32) };
  try {
    // 1. new grants first
    core.saveKeyring(await grantToHolders(core, core.keyring(), c, fresh));
    // 2. every field of the compartment, one transaction (synchronous statements: no await per row)
    const sqlite = core.sqlite;
    const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
    sqlite.transaction(() => {
      for (const t of PROTECTED_TABLES) {
        const cols = Object.entries(t.fields).filter(([, spec]) => spec.compartment === c).map(([f]) => f);
        if (cols.length === 0) continue;
        const select = sqlite.prepare(`SELECT ${[t.idColumn, ...cols].map(quote).join(', ')} FROM ${quote(t.table)}`);
        const updates = new Map(cols.map((f) => [f, sqlite.prepare(`UPDATE ${quote(t.table)} SET ${quote(f)} = ? WHERE ${quote(t.idColumn)} = ?`)]));
        for (const row of select.all() as Record<string, unknown>[]) {
          const id = String(row[t.idColumn]);
          for (const f of cols) {
            const blob = row[f];
            if (!(blob instanceof Uint8Array)) continue;
            const plain = old ? openField(old, t.table, id, f, blob) : null;
            // a value that does not open under the current key cannot be carried over: it is dropped, never kept under a key that leaked
            updates.get(f)?.run(plain ? sealField(fresh, t.table, id, f, plain) : null, id);
            plain?.fill(0);
          }
        }
      }
      const prev = sqlite.prepare(`SELECT value FROM meta WHERE key = 'compartment_epochs'`).get() as { value: string } | undefined;
      const epochs: Record<string, unknown> = prev ? (JSON.parse(prev.value) as Record<string, unknown>) : {};
      const value = JSON.stringify({ ...epochs, [c]: fresh.epoch });
      sqlite.prepare(`INSERT INTO meta (key, value) VALUES ('compartment_epochs', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(value);
    })();
    // 3. the new epoch is current; the old grants go
    const k = core.keyring();
    core.saveKeyring({
      ...k,
      epochs: { ...k.epochs, [c]: fresh.epoch },
      grants: k.grants.filter((g) => g.key !== c || g.epoch === fresh.epoch),
      rotatePending: k.rotatePending.filter((x) => x !== c),
    });
    core.holdCompartment(c, fresh);
    // a holder who lost access may keep the old concern intake private key: authors seal to a new pair from now on
    if (c === 'protection') await ensureIntakeKey(core.db, core, core.platform.now());
    return fresh.epoch;
  } finally {
    fresh.key.fill(0);
  }
}

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function fsyncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Windows cannot open a directory for fsync; its rename is durable once it returns
  }
}

/**
 * Re-keys one DB file crash-safely: a copy beside it is re-keyed and renamed over it. The file must be closed (no
 * WAL content left). Returns false when `oldKey` does not open it (left as it is).
 */
export function rekeyFile(file: string, oldKey: Buffer, newKey: Buffer, nativeBinding?: string): boolean {
  const tmp = `${file}.rekey-${process.pid}.tmp`;
  fs.rmSync(tmp, { force: true });
  fs.copyFileSync(file, tmp);
  try {
    let sqlite;
    try {
      sqlite = openSqlite(tmp, oldKey, { noWal: true, ...(nativeBinding ? { nativeBinding } : {}) });
    } catch {
      fs.rmSync(tmp, { force: true });
      return false;
    }
    try {
      rekeySqlite(sqlite, newKey);
    } finally {
      sqlite.close();
    }
    for (const suffix of ['-journal', '-wal', '-shm']) fs.rmSync(tmp + suffix, { force: true });
    fsyncFile(tmp);
    fs.renameSync(tmp, file);
    fsyncDir(path.dirname(file));
    return true;
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

/** Rotates the base key (SQLCipher re-key of the DB). The session stays logged in on the new key. */
export async function rotateBase(core: CoreState, progress: Progress = () => undefined): Promise<void> {
  const keyring = core.keyring();
  const from = core.baseEpoch;
  const fresh: CompartmentKey = { epoch: Math.max(from, keyring.baseRotation?.to ?? 0) + 1, key: crypto.randomBytes(32) };
  const nativeBinding = core.platform.nativeBinding;
  try {
    progress('grants', 0);
    // 1. grants of the new key first (the disabled account's grants are already gone)
    const withNew = await grantToHolders(core, { ...keyring, grants: keyring.grants.filter((g) => !(g.key === 'base' && g.epoch !== from)) }, 'base', fresh);
    core.saveKeyring({ ...withNew, baseRotation: { from, to: fresh.epoch } });
    // 2. checkpoint, close, re-key a copy, swap it in
    progress('copy', 10);
    checkpoint(core.sqlite);
    const oldKey = core.withDataKey((k) => Buffer.from(k));
    try {
      await core.detach();
      progress('rekey', 20);
      try {
        if (!rekeyFile(core.dbFile, oldKey, fresh.key, nativeBinding)) throw new Error('the DB does not open with the current key');
      } catch (e) {
        // nothing was swapped: the session goes on under the old key; the next unlock retries (baseRotation)
        core.adopt(await openDatabase(core.dbFile, oldKey, core.platform.now(), nativeBinding ? { nativeBinding } : {}), oldKey, from);
        throw e;
      }
      progress('swap', 80);
      const aside = path.join(core.dataDir, 'pre-migration');
      if (fs.existsSync(aside)) {
        for (const f of fs.readdirSync(aside)) if (f.endsWith('.db')) rekeyFile(path.join(aside, f), oldKey, fresh.key, nativeBinding);
      }
    } finally {
      oldKey.fill(0);
    }
    const opened = await openDatabase(core.dbFile, fresh.key, core.platform.now(), nativeBinding ? { nativeBinding } : {});
    core.adopt(opened, fresh.key, fresh.epoch);
    // 3. the new key is current
    const k = core.keyring();
    core.saveKeyring({
      ...k,
      epochs: { ...k.epochs, base: fresh.epoch },
      baseRotation: null,
      rotateBasePending: false,
      grants: k.grants.filter((g) => g.key !== 'base' || g.epoch === fresh.epoch),
    });
    progress('done', 100);
  } finally {
    fresh.key.fill(0);
  }
}
