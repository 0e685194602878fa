import type { Kysely } from 'kysely';
import { execAll } from './util';

/**
 * Documents: the register of issued documents (bytes, SHA-256, number per kind and year that is never reused)
 * and the signing certificates (PKCS#12 whose private key is encrypted with its holder's signing password,
 * stored inside the encrypted DB). Frozen: fix forward.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execAll(db, [
    `CREATE TABLE document_counters (
       kind TEXT NOT NULL,
       year INTEGER NOT NULL,
       last_number INTEGER NOT NULL CHECK (last_number >= 0),
       PRIMARY KEY (kind, year)
     ) STRICT`,
    `CREATE TRIGGER document_counters_no_decrease BEFORE UPDATE ON document_counters
       WHEN NEW.last_number < OLD.last_number
       BEGIN SELECT RAISE(ABORT, 'register numbers are never reused'); END`,
    `CREATE TRIGGER document_counters_no_delete BEFORE DELETE ON document_counters
       BEGIN SELECT RAISE(ABORT, 'register numbers are never reused'); END`,
    `CREATE TABLE documents (
       id TEXT PRIMARY KEY,
       kind TEXT NOT NULL,
       year INTEGER NOT NULL,
       number INTEGER NOT NULL CHECK (number > 0),
       register_number TEXT NOT NULL UNIQUE,
       title TEXT NOT NULL,
       title_search TEXT NOT NULL,
       language TEXT NOT NULL CHECK (language IN ('kk', 'ru')),
       sha256 TEXT NOT NULL,
       size_bytes INTEGER NOT NULL,
       pdf BLOB NOT NULL,
       signers TEXT NOT NULL DEFAULT '[]',
       source_type TEXT,
       source_id TEXT,
       created_by TEXT,
       created_at TEXT NOT NULL,
       UNIQUE (kind, year, number)
     ) STRICT`,
    `CREATE INDEX documents_sha256 ON documents (sha256)`,
    `CREATE INDEX documents_created ON documents (created_at, id)`,
    `CREATE INDEX documents_kind_year ON documents (kind, year, number)`,
    `CREATE INDEX documents_source ON documents (source_type, source_id)`,
    `CREATE TRIGGER documents_no_update BEFORE UPDATE ON documents
       BEGIN SELECT RAISE(ABORT, 'issued documents are immutable'); END`,
    `CREATE TRIGGER documents_no_delete BEFORE DELETE ON documents
       BEGIN SELECT RAISE(ABORT, 'issued documents are kept'); END`,
    `CREATE TABLE signing_certificates (
       id TEXT PRIMARY KEY,
       origin TEXT NOT NULL CHECK (origin IN ('created', 'imported')),
       subject_name TEXT NOT NULL,
       position TEXT NOT NULL DEFAULT '',
       organization TEXT NOT NULL DEFAULT '',
       issuer_name TEXT NOT NULL,
       serial_hex TEXT NOT NULL,
       fingerprint_sha256 TEXT NOT NULL UNIQUE,
       not_before TEXT NOT NULL,
       not_after TEXT NOT NULL,
       key_bits INTEGER NOT NULL,
       p12 BLOB NOT NULL,
       owner_account_id TEXT,
       created_at TEXT NOT NULL,
       retired_at TEXT
     ) STRICT`,
    `CREATE INDEX signing_certificates_owner ON signing_certificates (owner_account_id, retired_at)`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execAll(db, [
    'DROP TABLE signing_certificates',
    'DROP TABLE documents',
    'DROP TABLE document_counters',
  ]);
}
