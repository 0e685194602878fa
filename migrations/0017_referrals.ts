import type { Kysely } from 'kysely';
import { execAll } from './util';

/**
 * Referrals to the services that must act (electron/core/referrals, shared/referrals.ts): one row per referral of
 * one pupil of a case. The agency's type, the status, the dates, the case, the pupil, the signed letter and the
 * council decision it came from are plain (lists filter, work lists remind); the agency's name and address, the
 * reason, what is asked and the agency's answer are `protection` ciphertext (`*_enc`). `version` refuses stale
 * writes. A council decision makes at most one referral (a unique index). Frozen: fix forward.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execAll(db, [
    `CREATE TABLE referrals (
       id TEXT PRIMARY KEY,
       case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
       pupil_id TEXT NOT NULL REFERENCES pupils (id),
       agency_type TEXT CHECK (agency_type IS NULL OR agency_type IN
         ('juvenile_police','psychiatrist','narcologist','guardianship','psych_support','social_services','helpline_111','helpline_150')),
       agency_enc BLOB,
       reason_enc BLOB,
       request_enc BLOB,
       answer_enc BLOB,
       status TEXT NOT NULL CHECK (status IN ('draft','sent','accepted','rejected','done','withdrawn')),
       send_by TEXT,
       sent_on TEXT,
       answer_due_on TEXT,
       answered_on TEXT,
       document_id TEXT REFERENCES documents (id),
       council_decision_id TEXT REFERENCES council_decisions (id),
       version INTEGER NOT NULL DEFAULT 1,
       created_at TEXT NOT NULL,
       created_by TEXT REFERENCES accounts (id),
       updated_at TEXT NOT NULL,
       updated_by TEXT REFERENCES accounts (id),
       CHECK (status = 'draft' OR status = 'withdrawn' OR sent_on IS NOT NULL),
       CHECK (answer_due_on IS NULL OR sent_on IS NULL OR answer_due_on >= sent_on)
     ) STRICT`,
    `CREATE INDEX referrals_case ON referrals (case_id, created_at)`,
    `CREATE INDEX referrals_pupil ON referrals (pupil_id, created_at)`,
    `CREATE INDEX referrals_status ON referrals (status, answer_due_on)`,
    `CREATE UNIQUE INDEX referrals_decision ON referrals (council_decision_id) WHERE council_decision_id IS NOT NULL`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execAll(db, ['DROP TABLE referrals']);
}
