/**
 * The live state of the core: the data folder, the keyring, and — only while unlocked — the open DB, the data
 * key and the session. Locking closes the DB and wipes the key from memory.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { Language, Role } from '../../shared/roles';
import { languageSchema } from '../../shared/roles';
import type { LockReason } from '../../shared/auth';
import type { Compartment } from './compartments/policy';
import { appendOrQueue, flushPendingQueue, forgetUnlockedSecret, queuePendingAudit } from './audit/pending';
import { openDatabase, type MigrateReport, type OpenDb, type SqliteHandle } from './db/open';
import { readKeyring, writeKeyring, type Keyring, type PendingAudit } from './db/keyring';
import type { Database } from './db/schema';
import { AppError } from './errors';
import type { Platform } from './platform';

export const DB_FILE = 'qorgan.db';
export const PREFS_FILE = 'prefs.json';
export const DEFAULT_IDLE_LOCK_MINUTES = 10;

export interface CompartmentKey {
  epoch: number;
  key: Buffer;
}

/** What field encryption asks of the session: the key of a compartment, or null when the session lacks it. */
export interface KeySource {
  compartmentKey(c: Compartment): CompartmentKey | null;
  /**
   * The signed-in account's own X25519 private key (opens what was sealed to this account alone, e.g. the titles of
   * its case tasks); null for a recovery login or before the next password login. Never store it.
   */
  ownAccountKey?(): { accountId: string; privateKey: Buffer } | null;
  /** The X25519 public key of an account's keyring slot (to seal something to that account); null if none. */
  accountPublicKey?(accountId: string): Buffer | null;
}

export interface Session {
  accountId: string;
  login: string;
  displayName: string;
  roles: Role[];
  language: Language;
}

const prefsSchema = z.object({ language: languageSchema.default('kk') });
export type Prefs = z.infer<typeof prefsSchema>;

export type { LockReason };

export class CoreState implements KeySource {
  readonly dataDir: string;
  readonly dbFile: string;
  session: Session | null = null;
  lastActivity: number;
  idleLockMinutes = DEFAULT_IDLE_LOCK_MINUTES;
  lastMigration: MigrateReport | null = null;
  /** why the core last locked (the lock screen says so after an idle lock) */
  lastLockReason: LockReason | null = null;
  private opened: OpenDb | null = null;
  private dataKey: Buffer | null = null;
  /** the base key's epoch the open DB is under */
  baseEpoch = 0;
  /** compartment keys of the session (only those its roles grant), wiped on lock */
  private readonly compartmentKeys = new Map<Compartment, CompartmentKey>();
  /** the signed-in account's X25519 private key (password logins), wiped on lock */
  private accountKey: { accountId: string; privateKey: Buffer } | null = null;
  private readonly lockListeners = new Set<(reason: LockReason) => void>();
  private readonly afterCommitTasks: (() => Promise<void>)[] = [];

  constructor(readonly platform: Platform) {
    this.dataDir = platform.dataDir;
    this.dbFile = path.join(this.dataDir, DB_FILE);
    this.lastActivity = platform.now().getTime();
    fs.mkdirSync(this.dataDir, { recursive: true, mode: 0o700 });
  }

  /** Set up = a keyring and a DB exist in the data folder. */
  get isSetUp(): boolean {
    return fs.existsSync(this.dbFile) && readKeyring(this.dataDir) !== null;
  }

  get isUnlocked(): boolean {
    return this.opened !== null;
  }

  get db(): Kysely<Database> {
    if (!this.opened) throw new AppError('auth.not_logged_in', 'the database is locked');
    return this.opened.db;
  }

  /** The raw better-sqlite3 handle (backup's online snapshot). */
  get sqlite(): SqliteHandle {
    if (!this.opened) throw new AppError('auth.not_logged_in', 'the database is locked');
    return this.opened.sqlite;
  }

  /** Lends the data key to `fn` (keyring re-wrapping, backups). Never store it. */
  withDataKey<T>(fn: (key: Buffer) => T): T {
    if (!this.dataKey) throw new AppError('auth.not_logged_in', 'the database is locked');
    return fn(this.dataKey);
  }

  /** Lends a compartment key (field encryption); null when the session does not hold it. Never store it. */
  compartmentKey(c: Compartment): CompartmentKey | null {
    return this.compartmentKeys.get(c) ?? null;
  }

  /** Takes (a copy of) a compartment key into the session; the previous one, if any, is wiped. */
  holdCompartment(c: Compartment, k: CompartmentKey): void {
    this.compartmentKeys.get(c)?.key.fill(0);
    this.compartmentKeys.set(c, { epoch: k.epoch, key: Buffer.from(k.key) });
  }

  /** Wipes and forgets a compartment key (the session's roles do not grant it). */
  dropCompartment(c: Compartment): void {
    this.compartmentKeys.get(c)?.key.fill(0);
    this.compartmentKeys.delete(c);
  }

  /** Takes (a copy of) the signed-in account's private key into the session, wiped on lock. */
  holdAccountKey(accountId: string, privateKey: Buffer): void {
    this.accountKey?.privateKey.fill(0);
    this.accountKey = { accountId, privateKey: Buffer.from(privateKey) };
  }

  ownAccountKey(): { accountId: string; privateKey: Buffer } | null {
    const k = this.accountKey;
    return k && this.session?.accountId === k.accountId ? k : null;
  }

  accountPublicKey(accountId: string): Buffer | null {
    const slot = this.keyring().slots.find((s) => s.v === 2 && s.kind === 'account' && s.accountId === accountId);
    return slot && slot.v === 2 && slot.kind === 'account' ? Buffer.from(slot.publicKey, 'base64') : null;
  }

  heldCompartments(): Compartment[] {
    return [...this.compartmentKeys.keys()];
  }

  keyring(): Keyring {
    const keyring = readKeyring(this.dataDir);
    if (!keyring) throw new AppError('setup.not_done', 'Qorgan is not set up in this data folder');
    return keyring;
  }

  saveKeyring(keyring: Keyring): void {
    writeKeyring(this.dataDir, keyring);
  }

  /**
   * Opens the DB with the data key (migrating it), writes the audit entries queued while it was closed. During a
   * base-key rotation two keys may be offered (newest first): the one the DB is under opens it. Returns its epoch.
   */
  async unlock(key: Buffer | { epoch: number; key: Buffer }[]): Promise<number> {
    if (this.opened) await this.close();
    const candidates = Array.isArray(key) ? key : [{ epoch: this.keyring().epochs.base, key }];
    let opened: (OpenDb & { migration: MigrateReport }) | null = null;
    let chosen: { epoch: number; key: Buffer } | null = null;
    for (const [i, c] of candidates.entries()) {
      try {
        opened = await openDatabase(this.dbFile, c.key, this.platform.now(), {
          ...(this.platform.nativeBinding ? { nativeBinding: this.platform.nativeBinding } : {}),
        });
        chosen = c;
        break;
      } catch (e) {
        const last = i === candidates.length - 1;
        if (last || !(e instanceof AppError) || e.code !== 'db.corrupt') throw e;
      }
    }
    if (!opened || !chosen) throw new AppError('db.corrupt', 'no key opens the database');
    this.opened = opened;
    this.lastMigration = opened.migration;
    this.dataKey = Buffer.from(chosen.key);
    this.baseEpoch = chosen.epoch;
    this.lastActivity = this.platform.now().getTime();
    await this.flushPendingAudit();
    await this.loadSettings();
    return chosen.epoch;
  }

  /** Adopts a DB that the caller has just created and opened (first run, restore, key rotation). */
  adopt(opened: OpenDb, key: Buffer, epoch = 0): void {
    this.opened = opened;
    this.dataKey?.fill(0);
    this.dataKey = Buffer.from(key);
    this.baseEpoch = epoch;
    this.lastActivity = this.platform.now().getTime();
  }

  private async loadSettings(): Promise<void> {
    const row = await this.db.selectFrom('meta').select('value').where('key', '=', 'settings').executeTakeFirst();
    const parsed = row ? z.object({ idleLockMinutes: z.number().int() }).partial().safeParse(JSON.parse(row.value)) : null;
    this.idleLockMinutes = parsed?.success && parsed.data.idleLockMinutes ? parsed.data.idleLockMinutes : DEFAULT_IDLE_LOCK_MINUTES;
  }

  /** Writes what was queued while the DB was closed, after checking the sealed queue (audit/pending.ts). */
  private async flushPendingAudit(): Promise<void> {
    const legacy = readKeyring(this.dataDir)?.pendingAudit ?? [];
    const report = await flushPendingQueue(this.dataDir, this.db, this.platform.now(), legacy);
    const keyring = readKeyring(this.dataDir);
    if (report.written && keyring && keyring.pendingAudit.length > 0) this.saveKeyring({ ...keyring, pendingAudit: [] });
  }

  queuePendingAudit(entry: PendingAudit): void {
    queuePendingAudit(this.dataDir, entry);
  }

  /** Closes the DB and wipes the data key. The UI is told, so that it forgets its cached data. */
  async lock(reason: LockReason): Promise<void> {
    const hadDb = this.opened !== null;
    if (hadDb && reason === 'idle' && this.session) {
      try {
        await appendOrQueue(this.db, this.dataDir, {
          at: this.platform.now().toISOString(),
          accountId: this.session.accountId,
          action: 'auth.idle_lock',
          entityType: 'account',
          entityId: this.session.accountId,
          outcome: 'ok',
        });
      } catch {
        this.platform.log.warn('audit.idle_lock_failed');
      }
    }
    await this.close();
    this.session = null;
    if (hadDb) this.lastLockReason = reason;
    if (hadDb) for (const l of this.lockListeners) l(reason);
  }

  /** Closes the DB but keeps the session and its keys (a base-key rotation reopens it under the new key). */
  async detach(): Promise<void> {
    const opened = this.opened;
    this.opened = null;
    if (opened) await opened.close();
  }

  private async close(): Promise<void> {
    const opened = this.opened;
    this.opened = null;
    forgetUnlockedSecret(this.dataDir);
    if (this.dataKey) this.dataKey.fill(0);
    this.dataKey = null;
    for (const k of this.compartmentKeys.values()) k.key.fill(0);
    this.compartmentKeys.clear();
    this.accountKey?.privateKey.fill(0);
    this.accountKey = null;
    if (opened) await opened.close();
  }

  /**
   * Work that must run after the write's transaction commits and outside it (a base-key rotation closes and reopens
   * the DB). The registry runs it; a failure is logged and the keyring's pending state makes the next unlock retry.
   */
  afterCommit(task: () => Promise<void>): void {
    this.afterCommitTasks.push(task);
  }

  async runAfterCommit(): Promise<void> {
    for (const task of this.afterCommitTasks.splice(0)) {
      try {
        await task();
      } catch (e) {
        this.platform.log.error('after_commit_failed', { name: e instanceof Error ? e.name : typeof e });
      }
    }
  }

  discardAfterCommit(): void {
    this.afterCommitTasks.length = 0;
  }

  onLock(listener: (reason: LockReason) => void): () => void {
    this.lockListeners.add(listener);
    return () => this.lockListeners.delete(listener);
  }

  touch(): void {
    this.lastActivity = this.platform.now().getTime();
  }

  /** Locks when idle for longer than the configured minutes. Returns true if it locked. */
  async lockIfIdle(): Promise<boolean> {
    if (!this.opened) return false;
    const idleMs = this.platform.now().getTime() - this.lastActivity;
    if (idleMs < this.idleLockMinutes * 60_000) return false;
    await this.lock('idle');
    return true;
  }

  readPrefs(): Prefs {
    try {
      return prefsSchema.parse(JSON.parse(fs.readFileSync(path.join(this.dataDir, PREFS_FILE), 'utf8')));
    } catch {
      return { language: 'kk' };
    }
  }

  writePrefs(prefs: Prefs): void {
    fs.writeFileSync(path.join(this.dataDir, PREFS_FILE), JSON.stringify(prefs), { mode: 0o600 });
  }
}
