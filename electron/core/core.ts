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
import { appendOrQueue, flushPendingQueue, forgetUnlockedSecret, queuePendingAudit } from './audit/pending';
import { openDatabase, type MigrateReport, type OpenDb, type SqliteHandle } from './db/open';
import { readKeyring, writeKeyring, type Keyring, type PendingAudit } from './db/keyring';
import type { Database } from './db/schema';
import { AppError } from './errors';
import type { Platform } from './platform';

export const DB_FILE = 'qorgan.db';
export const PREFS_FILE = 'prefs.json';
export const DEFAULT_IDLE_LOCK_MINUTES = 10;

export interface Session {
  accountId: string;
  login: string;
  displayName: string;
  roles: Role[];
  language: Language;
}

const prefsSchema = z.object({ language: languageSchema.default('kk') });
export type Prefs = z.infer<typeof prefsSchema>;

export type LockReason = 'manual' | 'idle' | 'switch' | 'restore' | 'shutdown';

export class CoreState {
  readonly dataDir: string;
  readonly dbFile: string;
  session: Session | null = null;
  lastActivity: number;
  idleLockMinutes = DEFAULT_IDLE_LOCK_MINUTES;
  lastMigration: MigrateReport | null = null;
  private opened: OpenDb | null = null;
  private dataKey: Buffer | null = null;
  private readonly lockListeners = new Set<(reason: LockReason) => void>();

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

  keyring(): Keyring {
    const keyring = readKeyring(this.dataDir);
    if (!keyring) throw new AppError('setup.not_done', 'Qorgan is not set up in this data folder');
    return keyring;
  }

  saveKeyring(keyring: Keyring): void {
    writeKeyring(this.dataDir, keyring);
  }

  /** Opens the DB with the data key (migrating it), writes the audit entries queued while it was closed. */
  async unlock(key: Buffer): Promise<void> {
    if (this.opened) await this.close();
    const opened = await openDatabase(this.dbFile, key, this.platform.now(), {
      ...(this.platform.nativeBinding ? { nativeBinding: this.platform.nativeBinding } : {}),
    });
    this.opened = opened;
    this.lastMigration = opened.migration;
    this.dataKey = Buffer.from(key);
    this.lastActivity = this.platform.now().getTime();
    await this.flushPendingAudit();
    await this.loadSettings();
  }

  /** Adopts a DB that the caller has just created and opened (first run, restore). */
  adopt(opened: OpenDb, key: Buffer): void {
    this.opened = opened;
    this.dataKey = Buffer.from(key);
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
    if (hadDb) for (const l of this.lockListeners) l(reason);
  }

  private async close(): Promise<void> {
    const opened = this.opened;
    this.opened = null;
    forgetUnlockedSecret(this.dataDir);
    if (this.dataKey) this.dataKey.fill(0);
    this.dataKey = null;
    if (opened) await opened.close();
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
