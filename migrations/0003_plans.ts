import type { Kysely } from 'kysely';
import { execAll } from './util';

/**
 * Reference frameworks (Decree 748 …) and the school's joint work plans: sections, items, links to framework
 * items, approvals/revisions, the school calendar, execution marks per quarter, evidence files, quarterly reports.
 * Frozen: fix forward.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execAll(db, [
    `CREATE TABLE frameworks (
       id TEXT PRIMARY KEY,
       code TEXT NOT NULL,
       revision INTEGER NOT NULL CHECK (revision >= 1),
       kind TEXT NOT NULL,
       title_kk TEXT,
       title_ru TEXT,
       short_title_kk TEXT,
       short_title_ru TEXT,
       issued_on TEXT,
       issued_number TEXT,
       year_from INTEGER NOT NULL,
       year_to INTEGER NOT NULL,
       notes TEXT,
       reporting TEXT,
       columns TEXT NOT NULL,
       fragments TEXT NOT NULL DEFAULT '[]',
       builtin INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
       imported_at TEXT NOT NULL,
       UNIQUE (code, revision)
     ) STRICT`,
    `CREATE TABLE framework_sections (
       framework_id TEXT NOT NULL REFERENCES frameworks (id) ON DELETE CASCADE,
       code TEXT NOT NULL,
       parent_code TEXT,
       position INTEGER NOT NULL,
       title_kk TEXT,
       title_ru TEXT,
       notes TEXT,
       PRIMARY KEY (framework_id, code)
     ) STRICT`,
    `CREATE TABLE framework_items (
       id TEXT PRIMARY KEY,
       framework_id TEXT NOT NULL REFERENCES frameworks (id) ON DELETE CASCADE,
       number TEXT NOT NULL,
       section_code TEXT NOT NULL,
       position INTEGER NOT NULL,
       measure_kk TEXT,
       measure_ru TEXT,
       completion_form_kk TEXT,
       completion_form_ru TEXT,
       deadline_kk TEXT,
       deadline_ru TEXT,
       responsible_kk TEXT,
       cost_kk TEXT,
       funding_kk TEXT,
       notes TEXT,
       repaired TEXT NOT NULL DEFAULT '[]',
       source TEXT,
       UNIQUE (framework_id, number)
     ) STRICT`,
    `CREATE INDEX framework_items_order ON framework_items (framework_id, position)`,
    `CREATE TABLE framework_abbreviations (
       framework_id TEXT NOT NULL REFERENCES frameworks (id) ON DELETE CASCADE,
       abbr TEXT NOT NULL,
       full_kk TEXT,
       full_ru TEXT,
       source TEXT NOT NULL CHECK (source IN ('seed', 'table', 'import')),
       PRIMARY KEY (framework_id, abbr)
     ) STRICT`,

    `CREATE TABLE plans (
       id TEXT PRIMARY KEY,
       academic_year INTEGER NOT NULL,
       title_kk TEXT NOT NULL,
       title_ru TEXT NOT NULL,
       status TEXT NOT NULL CHECK (status IN ('draft', 'approved')),
       revision INTEGER NOT NULL CHECK (revision >= 1),
       created_at TEXT NOT NULL,
       updated_at TEXT NOT NULL
     ) STRICT`,
    `CREATE INDEX plans_year ON plans (academic_year, created_at)`,
    `CREATE TABLE plan_sections (
       id TEXT PRIMARY KEY,
       plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
       parent_id TEXT REFERENCES plan_sections (id) ON DELETE CASCADE,
       position INTEGER NOT NULL,
       title_kk TEXT NOT NULL DEFAULT '',
       title_ru TEXT NOT NULL DEFAULT ''
     ) STRICT`,
    `CREATE INDEX plan_sections_plan ON plan_sections (plan_id, parent_id, position)`,
    `CREATE TABLE plan_items (
       id TEXT PRIMARY KEY,
       plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
       section_id TEXT NOT NULL REFERENCES plan_sections (id) ON DELETE CASCADE,
       position INTEGER NOT NULL,
       measure_kk TEXT NOT NULL DEFAULT '',
       measure_ru TEXT NOT NULL DEFAULT '',
       completion_form_kk TEXT NOT NULL DEFAULT '',
       completion_form_ru TEXT NOT NULL DEFAULT '',
       deadline_kk TEXT NOT NULL DEFAULT '',
       deadline_ru TEXT NOT NULL DEFAULT '',
       due_month_mask INTEGER NOT NULL DEFAULT 0 CHECK (due_month_mask BETWEEN 0 AND 4095),
       due_any_mask INTEGER NOT NULL DEFAULT 0 CHECK (due_any_mask BETWEEN 0 AND 4095),
       due_dates TEXT NOT NULL DEFAULT '[]',
       responsible_roles TEXT NOT NULL DEFAULT '[]',
       responsible_bodies TEXT NOT NULL DEFAULT '[]',
       target_group TEXT NOT NULL DEFAULT '{"grades":[],"parents":false,"teachers":false}',
       cost_kk TEXT NOT NULL DEFAULT '',
       cost_ru TEXT NOT NULL DEFAULT '',
       funding_kk TEXT NOT NULL DEFAULT '',
       funding_ru TEXT NOT NULL DEFAULT '',
       created_at TEXT NOT NULL,
       updated_at TEXT NOT NULL
     ) STRICT`,
    `CREATE INDEX plan_items_section ON plan_items (section_id, position)`,
    `CREATE INDEX plan_items_plan ON plan_items (plan_id)`,
    `CREATE TABLE plan_item_links (
       item_id TEXT NOT NULL REFERENCES plan_items (id) ON DELETE CASCADE,
       framework_item_id TEXT NOT NULL REFERENCES framework_items (id),
       PRIMARY KEY (item_id, framework_item_id)
     ) STRICT`,
    `CREATE INDEX plan_item_links_framework ON plan_item_links (framework_item_id)`,
    `CREATE TABLE plan_revisions (
       plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
       revision INTEGER NOT NULL,
       approved_at TEXT NOT NULL,
       approved_on TEXT NOT NULL,
       approved_by TEXT,
       approver_name TEXT NOT NULL,
       approver_position_kk TEXT NOT NULL,
       approver_position_ru TEXT NOT NULL,
       snapshot TEXT NOT NULL,
       changes TEXT NOT NULL DEFAULT '[]',
       PRIMARY KEY (plan_id, revision)
     ) STRICT`,
    `CREATE TABLE plan_documents (
       id INTEGER PRIMARY KEY,
       plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
       revision INTEGER NOT NULL,
       kind TEXT NOT NULL CHECK (kind IN ('plan', 'quarterly_report')),
       quarter INTEGER CHECK (quarter BETWEEN 1 AND 4),
       language TEXT NOT NULL CHECK (language IN ('kk', 'ru')),
       document_id TEXT NOT NULL,
       register_number TEXT,
       created_at TEXT NOT NULL
     ) STRICT`,
    `CREATE INDEX plan_documents_plan ON plan_documents (plan_id, kind, quarter)`,
    `CREATE TABLE school_calendar (
       academic_year INTEGER PRIMARY KEY,
       quarters TEXT NOT NULL,
       updated_at TEXT NOT NULL
     ) STRICT`,
    `CREATE TABLE plan_executions (
       item_id TEXT NOT NULL REFERENCES plan_items (id) ON DELETE CASCADE,
       quarter INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
       status TEXT NOT NULL CHECK (status IN ('done', 'partly', 'not_done', 'not_due')),
       done_text TEXT NOT NULL DEFAULT '',
       done_on TEXT,
       reach_pupils INTEGER NOT NULL DEFAULT 0 CHECK (reach_pupils >= 0),
       reach_parents INTEGER NOT NULL DEFAULT 0 CHECK (reach_parents >= 0),
       reach_teachers INTEGER NOT NULL DEFAULT 0 CHECK (reach_teachers >= 0),
       updated_at TEXT NOT NULL,
       updated_by TEXT,
       PRIMARY KEY (item_id, quarter)
     ) STRICT`,
    `CREATE TABLE plan_evidence (
       id TEXT PRIMARY KEY,
       item_id TEXT NOT NULL REFERENCES plan_items (id) ON DELETE CASCADE,
       quarter INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
       file_name TEXT NOT NULL,
       mime TEXT NOT NULL,
       size_bytes INTEGER NOT NULL CHECK (size_bytes >= 0),
       sha256 TEXT NOT NULL,
       data BLOB NOT NULL,
       added_at TEXT NOT NULL,
       added_by TEXT
     ) STRICT`,
    `CREATE INDEX plan_evidence_item ON plan_evidence (item_id, quarter)`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execAll(db, [
    'DROP TABLE plan_evidence',
    'DROP TABLE plan_executions',
    'DROP TABLE school_calendar',
    'DROP TABLE plan_documents',
    'DROP TABLE plan_revisions',
    'DROP TABLE plan_item_links',
    'DROP TABLE plan_items',
    'DROP TABLE plan_sections',
    'DROP TABLE plans',
    'DROP TABLE framework_abbreviations',
    'DROP TABLE framework_items',
    'DROP TABLE framework_sections',
    'DROP TABLE frameworks',
  ]);
}
