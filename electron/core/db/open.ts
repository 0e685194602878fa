import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Kysely, SqliteAdapter, SqliteDialect, sql, type DialectAdapter } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { MIGRATIONS } from '../../../migrations/index';
import { AppError } from '../errors';
import { registerTextFunctions } from './functions';
import type { Database } from './schema';

const require = createRequire(import.meta.url);
const Sqlite = require('better-sqlite3-multiple-ciphers') as typeof BetterSqlite3;

export type SqliteHandle = BetterSqlite3.Database;

export interface OpenOptions {
  /** path of better_sqlite3.node built for Electron's ABI; Node uses the package's own build */
  nativeBinding?: string;
  /** page cache in KiB (SQLCipher decrypts every page it reads: a large cache matters); default 256 MiB */
  cacheKiB?: number;
  readonly?: boolean;
  /** rollback journal instead of WAL (a file about to be re-keyed) */
  noWal?: boolean;
}

export interface OpenDb {
  sqlite: SqliteHandle;
  db: Kysely<Database>;
  close(): Promise<void>;
}

const HEX = Buffer.from('0123456789abcdef');

/**
 * The raw-key passphrase SQLCipher understands (`x'<64 hex digits>'`), built as bytes in a Buffer that the caller
 * wipes — never as a JS string, which could not be wiped and would stay in the heap after lock.
 */
function rawKeyPassphrase(key: Buffer): Buffer {
  const out = Buffer.alloc(3 + key.length * 2);
  out[0] = 0x78; // x
  out[1] = 0x27; // '
  for (let i = 0; i < key.length; i++) {
    const b = key[i] ?? 0;
    out[2 + i * 2] = HEX[b >> 4] ?? 0;
    out[3 + i * 2] = HEX[b & 15] ?? 0;
  }
  out[out.length - 1] = 0x27;
  return out;
}

/**
 * Applies the SQLCipher v4 key to a fresh connection. The key is a raw 256-bit data key (no KDF inside SQLCipher),
 * handed over as bytes (`Database#key(Buffer)` → sqlite3_key) that are wiped right after.
 */
export function applyKey(sqlite: SqliteHandle, key: Buffer): void {
  if (key.length !== 32) throw new Error('data key must be 32 bytes');
  sqlite.pragma(`cipher='sqlcipher'`);
  sqlite.pragma('legacy=4');
  const pass = rawKeyPassphrase(key);
  try {
    sqlite.key(pass);
  } finally {
    pass.fill(0);
  }
}

/** Re-keys an open DB (rollback-journal mode: SQLite3MultipleCiphers cannot re-key in WAL mode). */
export function rekeySqlite(sqlite: SqliteHandle, key: Buffer): void {
  if (key.length !== 32) throw new Error('data key must be 32 bytes');
  const pass = rawKeyPassphrase(key);
  try {
    sqlite.rekey(pass);
  } finally {
    pass.fill(0);
  }
}

/**
 * Opens (or creates) the encrypted DB with the data key. A wrong key or a damaged file gives `db.corrupt`;
 * the caller that knows the key came from a verified keyring slot can present that as a damaged DB.
 */
export function openSqlite(file: string, key: Buffer, options: OpenOptions = {}): SqliteHandle {
  const sqlite = new Sqlite(file, {
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.readonly ? { readonly: true, fileMustExist: true } : {}),
  });
  try {
    applyKey(sqlite, key);
    // Reading the schema forces SQLCipher to decrypt page 1: fails here for a wrong key or a foreign file.
    sqlite.prepare('SELECT count(*) AS n FROM sqlite_master').get();
    if (options.noWal) {
      sqlite.pragma('journal_mode = DELETE');
      sqlite.pragma('synchronous = FULL');
    } else if (!options.readonly) {
      sqlite.pragma('journal_mode = WAL');
      sqlite.pragma('synchronous = FULL');
    }
    // freed pages are zeroed: no old plaintext (or old ciphertext of a protected field) lingers in the file
    if (!options.readonly) sqlite.pragma('secure_delete = ON');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('temp_store = MEMORY');
    sqlite.pragma(`cache_size = -${options.cacheKiB ?? 262_144}`);
    sqlite.pragma('busy_timeout = 5000');
    registerTextFunctions(sqlite);
    return sqlite;
  } catch (e) {
    sqlite.close();
    const code = (e as { code?: string }).code;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      throw new AppError('db.corrupt', 'the database cannot be decrypted or is damaged');
    }
    throw e;
  }
}

/**
 * SQLite runs DDL inside transactions, but Kysely's SQLite adapter says it does not, so its Migrator would apply a
 * migration statement by statement and leave half a schema behind when one fails. This adapter tells the truth;
 * the flag is read only by the Migrator, which then runs the migrations and their rows in `kysely_migration` inside
 * one transaction.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class QorganSqliteDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

export function kyselyFor(sqlite: SqliteHandle): Kysely<Database> {
  return new Kysely<Database>({ dialect: new QorganSqliteDialect({ database: sqlite }) });
}

/** Names of applied migrations (empty for a new DB). */
export function appliedMigrations(sqlite: SqliteHandle): string[] {
  const exists = sqlite
    .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'kysely_migration'`)
    .get();
  if (!exists) return [];
  return (sqlite.prepare('SELECT name FROM kysely_migration ORDER BY name').all() as { name: string }[]).map(
    (r) => r.name,
  );
}

/** Writes the WAL into the main file so that a file copy is complete. */
export function checkpoint(sqlite: SqliteHandle): void {
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
}

export interface MigrateReport {
  applied: string[];
  copiedAsideTo: string | null;
}

export interface MigrateOptions {
  /** Test seam: the migrations to apply instead of the app's list (e.g. one that fails midway). */
  migrations?: Record<string, Migration>;
}

/**
 * Wraps each migration so that, still inside the transaction, it ends with a foreign-key check: migrations run with
 * `foreign_keys = OFF` (SQLite's procedure for rebuilding a table; the pragma cannot change inside a transaction),
 * so a migration that leaves a dangling reference fails and is rolled back instead of committing it.
 */
function checkedProvider(migrations: Record<string, Migration>): MigrationProvider {
  const wrapped: Record<string, Migration> = {};
  for (const [name, m] of Object.entries(migrations)) {
    wrapped[name] = {
      ...m,
      up: async (db) => {
        await m.up(db);
        const broken = await sql<{ table: string }>`PRAGMA foreign_key_check`.execute(db);
        if (broken.rows.length > 0) {
          throw new Error(`migration ${name} leaves ${broken.rows.length} rows with a broken foreign key`);
        }
      },
    };
  }
  return { getMigrations: () => Promise.resolve(wrapped) };
}

/**
 * Brings the DB to the latest schema. Refuses a DB written by a newer Qorgan (`db.newer_version`); copies the
 * (encrypted) file aside before changing an existing schema. The pending migrations and their `kysely_migration`
 * rows run in one transaction: when one fails, nothing of this run is applied (the DB stays at the version the
 * previous Qorgan wrote, so that version still opens it) and the error is `db.migration_failed` with its name.
 */
export async function migrate(
  sqlite: SqliteHandle,
  db: Kysely<Database>,
  file: string,
  now: Date,
  options: MigrateOptions = {},
): Promise<MigrateReport> {
  const migrations = options.migrations ?? MIGRATIONS;
  const applied = appliedMigrations(sqlite);
  const known = new Set(Object.keys(migrations));
  const unknown = applied.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new AppError('db.newer_version', 'the database was written by a newer version of Qorgan', {
      migration: unknown.at(-1) ?? null,
    });
  }
  const pending = [...known].sort().filter((name) => !applied.includes(name));
  if (pending.length === 0) return { applied: [], copiedAsideTo: null };
  let copiedAsideTo: string | null = null;
  if (applied.length > 0) {
    checkpoint(sqlite);
    const dir = path.join(path.dirname(file), 'pre-migration');
    fs.mkdirSync(dir, { recursive: true });
    const stamp = now.toISOString().replace(/[:.]/g, '-');
    copiedAsideTo = path.join(dir, `qorgan-${applied.at(-1)}-${stamp}.db`);
    fs.copyFileSync(file, copiedAsideTo, fs.constants.COPYFILE_EXCL);
  }
  const migrator = new Migrator({ db, provider: checkedProvider(migrations) });
  sqlite.pragma('foreign_keys = OFF');
  try {
    const { error, results } = await migrator.migrateToLatest();
    if (error !== undefined) {
      const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? pending[0] ?? '';
      throw new AppError('db.migration_failed', `migration ${failed} failed; the database was left as it was`, {
        migration: failed,
      });
    }
    return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName), copiedAsideTo };
  } finally {
    sqlite.pragma('foreign_keys = ON');
  }
}

/** Opens the DB, migrates it, returns the handles. */
export async function openDatabase(file: string, key: Buffer, now: Date, options: OpenOptions = {}): Promise<OpenDb & { migration: MigrateReport }> {
  const sqlite = openSqlite(file, key, options);
  const db = kyselyFor(sqlite);
  try {
    const migration = await migrate(sqlite, db, file, now);
    return {
      sqlite,
      db,
      migration,
      close: async () => {
        await db.destroy(); // closes the better-sqlite3 handle
      },
    };
  } catch (e) {
    await db.destroy();
    throw e;
  }
}

export async function integrityCheck(db: Kysely<Database>): Promise<string> {
  const r = await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(db);
  return r.rows.map((row) => row.integrity_check).join('; ');
}
