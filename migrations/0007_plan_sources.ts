import type { Kysely } from 'kysely';
import { execAll } from './util';

/**
 * Plans made of a framework's own items (issue 12): a plan section may be a framework's section (printed with the
 * framework's code, "2.1"), a plan item may be a verbatim copy of a framework item (printed with the framework's
 * number, "24"); framework items get their Russian responsible/cost/funding cells and the origin of their Russian
 * texts ('official' text of the act, or a 'translation' made for Qorgan). All columns are nullable: existing rows
 * stay the school's own sections and items. Frozen: fix forward.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execAll(db, [
    `ALTER TABLE plan_sections ADD COLUMN framework_id TEXT REFERENCES frameworks (id)`,
    `ALTER TABLE plan_sections ADD COLUMN framework_section TEXT`,
    `ALTER TABLE plan_items ADD COLUMN framework_item_id TEXT REFERENCES framework_items (id)`,
    `CREATE INDEX plan_items_framework_item ON plan_items (framework_item_id) WHERE framework_item_id IS NOT NULL`,
    `ALTER TABLE framework_items ADD COLUMN responsible_ru TEXT`,
    `ALTER TABLE framework_items ADD COLUMN cost_ru TEXT`,
    `ALTER TABLE framework_items ADD COLUMN funding_ru TEXT`,
    `ALTER TABLE framework_items ADD COLUMN ru_source TEXT CHECK (ru_source IN ('official', 'translation'))`,
  ]);
}
