import type { Kysely } from 'kysely';
import { execAll } from './util';

/**
 * The bullying and cyberbullying flow on a case (electron/core/bullying, shared/bullying.ts).
 *
 * - `bullying_settings`: the school's timing of the steps (JSON of shared/bullying.ts `bullyingSettingsSchema`;
 *   school configuration, no personal data), one row seeded with the defaults of DOMAIN.md.
 * - `bullying_flows`: one per case, when and by whom it was started, whether it is cyberbullying, the date of the
 *   first talk (follow-ups are dated from it) and the timing it was laid out with.
 * - `bullying_steps`: the steps in order, each linked to the case task that carries it to the work lists; kind,
 *   due date and status are plain (like a case task); the pupil it is about (`pupil_enc`: an initiator's identity is
 *   their role), its record and a skip reason are in `protection`.
 * - `bullying_escalations`: the case escalated to the prevention council (after a follow-up found the bullying
 *   continued, or by a worker's decision); the reason and the pupils concerned are in `protection`. The council's
 *   agenda proposes each pupil of it once (electron/core/bullying/agenda.ts).
 * - `bullying_evidence` and `bullying_evidence_files`: cyberbullying evidence (platform, account names, links,
 *   description) and its screenshots, the image bytes and their name and type sealed in `protection`.
 * Frozen: fix forward.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execAll(db, [
    `CREATE TABLE bullying_settings (
       id INTEGER PRIMARY KEY CHECK (id = 1),
       steps TEXT NOT NULL
     ) STRICT`,
    `INSERT INTO bullying_settings (id, steps) VALUES (1, '${JSON.stringify({
      target_talk: { enabled: true, offsetDays: 0 },
      initiator_talk: { enabled: true, offsetDays: 1 },
      parents: { enabled: true, offsetDays: 2 },
      platform_report: { enabled: true, offsetDays: 1 },
      follow_up: { enabled: true, offsetDays: 10 },
      monitoring: { enabled: true, offsetDays: 30 },
    })}')`,
    `CREATE TABLE bullying_flows (
       case_id TEXT PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
       started_at TEXT NOT NULL,
       started_by TEXT REFERENCES accounts (id),
       cyber INTEGER NOT NULL CHECK (cyber IN (0, 1)),
       first_talk_on TEXT,
       settings TEXT NOT NULL
     ) STRICT`,
    `CREATE TABLE bullying_steps (
       id TEXT PRIMARY KEY,
       case_id TEXT NOT NULL REFERENCES bullying_flows (case_id) ON DELETE CASCADE,
       kind TEXT NOT NULL CHECK (kind IN ('target_talk','initiator_talk','parents','platform_report','follow_up','monitoring')),
       position INTEGER NOT NULL,
       task_id TEXT REFERENCES case_tasks (id) ON DELETE SET NULL,
       due_on TEXT,
       status TEXT NOT NULL CHECK (status IN ('open','done','skipped')),
       created_at TEXT NOT NULL,
       closed_at TEXT,
       closed_by TEXT REFERENCES accounts (id),
       pupil_enc BLOB,
       record_enc BLOB,
       skip_enc BLOB,
       CHECK ((status = 'open') = (closed_at IS NULL))
     ) STRICT`,
    `CREATE INDEX bullying_steps_case ON bullying_steps (case_id, position)`,
    `CREATE INDEX bullying_steps_task ON bullying_steps (task_id)`,
    `CREATE TABLE bullying_escalations (
       id TEXT PRIMARY KEY,
       case_id TEXT NOT NULL REFERENCES bullying_flows (case_id) ON DELETE CASCADE,
       escalated_at TEXT NOT NULL,
       escalated_by TEXT REFERENCES accounts (id),
       cause TEXT NOT NULL CHECK (cause IN ('outcome','worker')),
       step_id TEXT REFERENCES bullying_steps (id),
       details_enc BLOB
     ) STRICT`,
    `CREATE INDEX bullying_escalations_case ON bullying_escalations (case_id, escalated_at)`,
    `CREATE INDEX bullying_escalations_at ON bullying_escalations (escalated_at)`,
    `CREATE TABLE bullying_evidence (
       id TEXT PRIMARY KEY,
       case_id TEXT NOT NULL REFERENCES bullying_flows (case_id) ON DELETE CASCADE,
       added_at TEXT NOT NULL,
       added_by TEXT REFERENCES accounts (id),
       details_enc BLOB
     ) STRICT`,
    `CREATE INDEX bullying_evidence_case ON bullying_evidence (case_id, added_at)`,
    `CREATE TABLE bullying_evidence_files (
       id TEXT PRIMARY KEY,
       evidence_id TEXT NOT NULL REFERENCES bullying_evidence (id) ON DELETE CASCADE,
       added_at TEXT NOT NULL,
       added_by TEXT REFERENCES accounts (id),
       size_bytes INTEGER NOT NULL CHECK (size_bytes > 0),
       meta_enc BLOB,
       data_enc BLOB
     ) STRICT`,
    `CREATE INDEX bullying_evidence_files_evidence ON bullying_evidence_files (evidence_id, added_at)`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execAll(db, [
    'DROP TABLE bullying_evidence_files',
    'DROP TABLE bullying_evidence',
    'DROP TABLE bullying_escalations',
    'DROP TABLE bullying_steps',
    'DROP TABLE bullying_flows',
    'DROP TABLE bullying_settings',
  ]);
}
