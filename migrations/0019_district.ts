import type { Kysely } from 'kysely';
import { execAll } from './util';

/**
 * The district report and the district view (electron/core/district).
 * - `district_settings`: the school's code in the district (BIN or the department's code), printed in the report.
 * - `district_reports`: each report the school issued: the signed JSON envelope and the XLSX (counts only, never a
 *   name), beside the signed PDF in the documents register (`document_id`).
 * - `district_schools`: (district mode) the schools the department knows, each with the certificate its reports
 *   must be signed with (SHA-256 fingerprint of the DER).
 * - `district_imports`: (district mode) the reports merged: one per school and period (UNIQUE), so nothing is
 *   merged twice. `quarter` 0 = the academic year.
 * Frozen once landed: fix forward.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execAll(db, [
    `CREATE TABLE district_settings (
       id INTEGER PRIMARY KEY CHECK (id = 1),
       school_code TEXT NOT NULL CHECK (length(school_code) BETWEEN 4 AND 12),
       updated_at TEXT NOT NULL
     ) STRICT`,
    `CREATE TABLE district_reports (
       id TEXT PRIMARY KEY,
       academic_year INTEGER NOT NULL,
       quarter INTEGER NOT NULL CHECK (quarter BETWEEN 0 AND 4),
       language TEXT NOT NULL CHECK (language IN ('kk', 'ru')),
       document_id TEXT NOT NULL REFERENCES documents(id),
       envelope BLOB NOT NULL,
       xlsx BLOB NOT NULL,
       created_at TEXT NOT NULL,
       created_by TEXT
     ) STRICT`,
    `CREATE INDEX district_reports_period ON district_reports (academic_year, quarter, created_at)`,
    `CREATE TABLE district_schools (
       code TEXT PRIMARY KEY,
       name_kk TEXT NOT NULL,
       name_ru TEXT NOT NULL,
       certificate BLOB NOT NULL,
       fingerprint_sha256 TEXT NOT NULL,
       registered_at TEXT NOT NULL
     ) STRICT`,
    `CREATE TABLE district_imports (
       id TEXT PRIMARY KEY,
       school_code TEXT NOT NULL REFERENCES district_schools(code),
       academic_year INTEGER NOT NULL,
       quarter INTEGER NOT NULL CHECK (quarter BETWEEN 0 AND 4),
       report TEXT NOT NULL,
       sha256 TEXT NOT NULL,
       imported_at TEXT NOT NULL,
       imported_by TEXT,
       UNIQUE (school_code, academic_year, quarter)
     ) STRICT`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execAll(db, ['DROP TABLE district_imports', 'DROP TABLE district_schools', 'DROP INDEX district_reports_period', 'DROP TABLE district_reports', 'DROP TABLE district_settings']);
}
