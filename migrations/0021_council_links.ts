import type { Kysely } from 'kysely';
import { execAll } from './util';

/**
 * The council, finished (issue 11; electron/core/council):
 * - `council_decisions.grounds_enc` (protection compartment: the ground ids from the school's list, `register_grounds`)
 *   and `first_review_on`: a decision to put a pupil on the register carries what the register needs, so the
 *   chair's co-signature puts the pupil on with the minutes as the decision.
 * - `council_plan_links`: a joint-plan item executed by the council points to the planned meetings that carry it
 *   out (issue 11 item 2). `document_id` and `quarter` record the signed minutes once they were taken as the item's
 *   execution evidence for that quarter (the minutes stay in the documents register; nothing sealed is copied).
 * Frozen once landed: fix forward.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execAll(db, [
    'ALTER TABLE council_decisions ADD COLUMN grounds_enc BLOB',
    'ALTER TABLE council_decisions ADD COLUMN first_review_on TEXT',
    `CREATE TABLE council_plan_links (
       plan_item_id TEXT NOT NULL REFERENCES plan_items (id) ON DELETE CASCADE,
       meeting_id TEXT NOT NULL REFERENCES council_meetings (id) ON DELETE CASCADE,
       created_at TEXT NOT NULL,
       created_by TEXT,
       evidence_document_id TEXT REFERENCES documents (id),
       evidence_quarter INTEGER CHECK (evidence_quarter BETWEEN 1 AND 4),
       evidence_at TEXT,
       PRIMARY KEY (plan_item_id, meeting_id)
     ) STRICT`,
    `CREATE INDEX council_plan_links_meeting ON council_plan_links (meeting_id)`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execAll(db, [
    'DROP TABLE council_plan_links',
    'ALTER TABLE council_decisions DROP COLUMN first_review_on',
    'ALTER TABLE council_decisions DROP COLUMN grounds_enc',
  ]);
}
