import type { Kysely } from 'kysely';
import { execAll } from './util';

/**
 * Concerns and cases (electron/core/cases, shared/cases.ts).
 *
 * - `concern_intake_keys`: X25519 key pairs that any staff account seals a concern to; the private key is a
 *   `protection` field, so only protection holders open concerns. A new pair is made whenever the protection
 *   compartment has rotated (a holder who lost access kept the old private key, never a new one).
 * - `concerns`: who logged it and when (plain), the sealed content (`intake_sealed`) until triage re-seals it as a
 *   `protection` field (`content_enc`), the status and the answer written for the author (plain, base).
 * - `cases`: stage, risk (and its rank, for ordering), lead worker, dates and `version` are plain (the lists filter
 *   and order on them); title/summary/form of harm (`details_enc`) and closure (`closure_enc`) are protected.
 * - `case_pupils`: the pupils of a case (plain link, as the chronology's) and their role (protected).
 * - `case_tasks`: the task title is plain (an instruction to its owner, who may hold no compartment).
 * - `case_notes`: normal notes in `protection`, confidential notes in `confidential`.
 * - `case_contacts`: contacts with parents: when and how plain, who and outcome protected.
 * - `case_search_chunks`: the cases' searchable text (title + summary, folded), 256 cases per chunk, each chunk one
 *   `protection` field: a search decrypts a few dozen blobs instead of one per case (electron/core/cases/search.ts).
 * - `case_settings`: whether closure needs the director's approval (off by default).
 * Frozen: fix forward.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execAll(db, [
    `CREATE TABLE concern_intake_keys (
       id TEXT PRIMARY KEY,
       protection_epoch INTEGER NOT NULL,
       public_key BLOB NOT NULL,
       private_enc BLOB,
       created_at TEXT NOT NULL
     ) STRICT`,
    `CREATE TABLE cases (
       id TEXT PRIMARY KEY,
       number INTEGER NOT NULL UNIQUE,
       stage TEXT NOT NULL CHECK (stage IN ('identified','assessment','plan','intervention','monitoring','closed')),
       risk TEXT NOT NULL CHECK (risk IN ('none','low','medium','high','acute')),
       risk_rank INTEGER NOT NULL,
       lead_id TEXT REFERENCES accounts (id),
       opened_at TEXT NOT NULL,
       opened_by TEXT REFERENCES accounts (id),
       updated_at TEXT NOT NULL,
       closed_at TEXT,
       closure_state TEXT CHECK (closure_state IN ('pending','closed')),
       closure_requested_at TEXT,
       closure_requested_by TEXT REFERENCES accounts (id),
       closure_approved_by TEXT REFERENCES accounts (id),
       version INTEGER NOT NULL DEFAULT 1,
       details_enc BLOB,
       closure_enc BLOB
     ) STRICT`,
    `CREATE INDEX cases_by_risk ON cases (risk_rank DESC, opened_at DESC)`,
    `CREATE INDEX cases_by_stage ON cases (stage, risk_rank DESC, opened_at DESC)`,
    `CREATE INDEX cases_by_lead ON cases (lead_id, stage, risk_rank DESC, opened_at DESC)`,
    // the default list: every open case by risk (closed cases pile up over the years; this index skips them)
    `CREATE INDEX cases_open_by_risk ON cases (risk_rank DESC, opened_at DESC, number DESC) WHERE stage != 'closed'`,
    `CREATE TABLE concerns (
       id TEXT PRIMARY KEY,
       number INTEGER NOT NULL UNIQUE,
       author_id TEXT REFERENCES accounts (id),
       logged_at TEXT NOT NULL,
       intake_key_id TEXT REFERENCES concern_intake_keys (id),
       intake_sealed TEXT,
       content_enc BLOB,
       status TEXT NOT NULL CHECK (status IN ('awaiting','case','no_action')),
       case_id TEXT REFERENCES cases (id),
       answer TEXT,
       answered_at TEXT,
       answered_by TEXT REFERENCES accounts (id)
     ) STRICT`,
    `CREATE INDEX concerns_author ON concerns (author_id, logged_at DESC)`,
    `CREATE INDEX concerns_status ON concerns (status, logged_at)`,
    `CREATE INDEX concerns_case ON concerns (case_id)`,
    `CREATE TABLE case_pupils (
       id TEXT PRIMARY KEY,
       case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
       pupil_id TEXT NOT NULL REFERENCES pupils (id),
       role_enc BLOB,
       UNIQUE (case_id, pupil_id)
     ) STRICT`,
    `CREATE INDEX case_pupils_pupil ON case_pupils (pupil_id)`,
    `CREATE TABLE case_tasks (
       id TEXT PRIMARY KEY,
       case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
       title TEXT NOT NULL,
       due_on TEXT,
       owner_id TEXT REFERENCES accounts (id),
       created_at TEXT NOT NULL,
       created_by TEXT REFERENCES accounts (id),
       done_at TEXT,
       done_by TEXT REFERENCES accounts (id),
       version INTEGER NOT NULL DEFAULT 1
     ) STRICT`,
    `CREATE INDEX case_tasks_case ON case_tasks (case_id)`,
    `CREATE INDEX case_tasks_owner ON case_tasks (owner_id, done_at, due_on)`,
    `CREATE INDEX case_tasks_due ON case_tasks (done_at, due_on)`,
    `CREATE TABLE case_notes (
       id TEXT PRIMARY KEY,
       case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
       written_at TEXT NOT NULL,
       written_by TEXT REFERENCES accounts (id),
       confidential INTEGER NOT NULL,
       text_enc BLOB,
       confidential_enc BLOB
     ) STRICT`,
    `CREATE INDEX case_notes_case ON case_notes (case_id, written_at)`,
    `CREATE TABLE case_contacts (
       id TEXT PRIMARY KEY,
       case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
       at TEXT NOT NULL,
       method TEXT NOT NULL,
       pupil_id TEXT REFERENCES pupils (id),
       written_at TEXT NOT NULL,
       written_by TEXT REFERENCES accounts (id),
       details_enc BLOB
     ) STRICT`,
    `CREATE INDEX case_contacts_case ON case_contacts (case_id, at)`,
    `CREATE TABLE case_search_chunks (
       id TEXT PRIMARY KEY,
       text_enc BLOB
     ) STRICT`,
    `CREATE TABLE case_settings (
       id INTEGER PRIMARY KEY CHECK (id = 1),
       closure_approval INTEGER NOT NULL DEFAULT 0
     ) STRICT`,
    `INSERT INTO case_settings (id, closure_approval) VALUES (1, 0)`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execAll(db, [
    'DROP TABLE case_settings',
    'DROP TABLE case_search_chunks',
    'DROP TABLE case_contacts',
    'DROP TABLE case_notes',
    'DROP TABLE case_tasks',
    'DROP TABLE case_pupils',
    'DROP TABLE concerns',
    'DROP TABLE cases',
    'DROP TABLE concern_intake_keys',
  ]);
}
