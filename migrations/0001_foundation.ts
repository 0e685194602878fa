import type { Kysely } from 'kysely';
import { execAll } from './util';

/** Foundation: settings, school profile, accounts, the hash-chained audit log, pupils. Frozen: fix forward. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execAll(db, [
    `CREATE TABLE meta (
       key TEXT PRIMARY KEY,
       value TEXT NOT NULL
     ) STRICT`,
    `CREATE TABLE school (
       id INTEGER PRIMARY KEY CHECK (id = 1),
       name_kk TEXT NOT NULL,
       name_ru TEXT NOT NULL,
       number TEXT NOT NULL,
       named_after_kk TEXT NOT NULL DEFAULT '',
       named_after_ru TEXT NOT NULL DEFAULT '',
       address_kk TEXT NOT NULL DEFAULT '',
       address_ru TEXT NOT NULL DEFAULT '',
       district_department_kk TEXT NOT NULL DEFAULT '',
       district_department_ru TEXT NOT NULL DEFAULT '',
       director_name TEXT NOT NULL,
       director_position_kk TEXT NOT NULL,
       director_position_ru TEXT NOT NULL,
       updated_at TEXT NOT NULL
     ) STRICT`,
    `CREATE TABLE accounts (
       id TEXT PRIMARY KEY,
       login TEXT NOT NULL UNIQUE,
       display_name TEXT NOT NULL,
       roles TEXT NOT NULL,
       language TEXT NOT NULL CHECK (language IN ('kk', 'ru')),
       disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
       created_at TEXT NOT NULL,
       password_changed_at TEXT NOT NULL,
       last_login_at TEXT
     ) STRICT`,
    `CREATE TABLE audit_log (
       id INTEGER PRIMARY KEY,
       at TEXT NOT NULL,
       account_id TEXT,
       action TEXT NOT NULL,
       entity_type TEXT,
       entity_id TEXT,
       outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'denied', 'failed')),
       prev_hash TEXT NOT NULL,
       hash TEXT NOT NULL
     ) STRICT`,
    `CREATE INDEX audit_log_at ON audit_log (at)`,
    `CREATE INDEX audit_log_action ON audit_log (action, id)`,
    `CREATE INDEX audit_log_account ON audit_log (account_id, id)`,
    `CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
       BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
    `CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
       BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
    `CREATE TABLE pupils (
       id TEXT PRIMARY KEY,
       iin TEXT UNIQUE,
       last_name TEXT NOT NULL,
       first_name TEXT NOT NULL,
       middle_name TEXT NOT NULL DEFAULT '',
       birth_date TEXT,
       sex TEXT CHECK (sex IN ('m', 'f')),
       grade INTEGER NOT NULL CHECK (grade BETWEEN 0 AND 12),
       class_letter TEXT NOT NULL DEFAULT '',
       instruction_language TEXT NOT NULL CHECK (instruction_language IN ('kk', 'ru')),
       family_status TEXT NOT NULL DEFAULT '[]',
       on_register INTEGER NOT NULL DEFAULT 0 CHECK (on_register IN (0, 1)),
       archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
       created_at TEXT NOT NULL,
       updated_at TEXT NOT NULL
     ) STRICT`,
    `CREATE INDEX pupils_class ON pupils (grade, class_letter, last_name, first_name)`,
    `CREATE INDEX pupils_name ON pupils (last_name, first_name)`,
    `CREATE INDEX pupils_register ON pupils (on_register, last_name)`,
    // full-text search over names (external content: the text lives once, in pupils)
    `CREATE VIRTUAL TABLE pupils_fts USING fts5(
       last_name, first_name, middle_name,
       content = 'pupils', content_rowid = 'rowid', tokenize = 'unicode61 remove_diacritics 2'
     )`,
    `CREATE TRIGGER pupils_fts_ai AFTER INSERT ON pupils BEGIN
       INSERT INTO pupils_fts (rowid, last_name, first_name, middle_name)
       VALUES (new.rowid, new.last_name, new.first_name, new.middle_name);
     END`,
    `CREATE TRIGGER pupils_fts_ad AFTER DELETE ON pupils BEGIN
       INSERT INTO pupils_fts (pupils_fts, rowid, last_name, first_name, middle_name)
       VALUES ('delete', old.rowid, old.last_name, old.first_name, old.middle_name);
     END`,
    `CREATE TRIGGER pupils_fts_au AFTER UPDATE ON pupils BEGIN
       INSERT INTO pupils_fts (pupils_fts, rowid, last_name, first_name, middle_name)
       VALUES ('delete', old.rowid, old.last_name, old.first_name, old.middle_name);
       INSERT INTO pupils_fts (rowid, last_name, first_name, middle_name)
       VALUES (new.rowid, new.last_name, new.first_name, new.middle_name);
     END`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execAll(db, [
    'DROP TABLE pupils_fts',
    'DROP TABLE pupils',
    'DROP TABLE audit_log',
    'DROP TABLE accounts',
    'DROP TABLE school',
    'DROP TABLE meta',
  ]);
}
