import type { Kysely } from 'kysely';
import { execAll } from './util';

/**
 * The prevention council (профилактика кеңесі / совет профилактики), electron/core/council:
 * - `council_members`: who sits on the council in an academic year — staff (account_id) or outside members (school
 *   inspector, parent committee, medical worker) with their name and position as printed; the year's chair and
 *   secretary are kept in `council_officers` (both must be members with an account: they sign the minutes);
 * - `council_meetings`: numbered per academic year ("Хаттама № 3", unique), date, time, place; status planned →
 *   awaiting_chair (minutes issued and signed by the secretary) → signed (co-signed by the chair: locked);
 * - `council_attendance`: members present or absent (reason), invited guests (parents, pupils, outside persons);
 *   a guest's name and the reason of an absence are sealed in the protection compartment;
 * - `council_agenda_items`: the agenda in order, each with its source (a proposal it came from, or free), the pupil
 *   it concerns, and the sealed title, ТЫҢДАЛДЫ (heard) and СӨЙЛЕДІ (spoke) texts;
 * - `council_decisions`: ҚАУЛЫ ЕТТІ, numbered per item, sealed text, type and target pupil, responsible, deadline,
 *   and what became of its effect once the minutes were signed (electron/core/council/effects.ts).
 * Frozen: fix forward.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execAll(db, [
    `CREATE TABLE council_members (
       id TEXT PRIMARY KEY,
       academic_year INTEGER NOT NULL,
       account_id TEXT REFERENCES accounts (id),
       name TEXT NOT NULL,
       position_kk TEXT NOT NULL,
       position_ru TEXT NOT NULL,
       position INTEGER NOT NULL,
       created_at TEXT NOT NULL
     ) STRICT`,
    `CREATE INDEX council_members_year ON council_members (academic_year, position)`,
    `CREATE UNIQUE INDEX council_members_account ON council_members (academic_year, account_id) WHERE account_id IS NOT NULL`,
    `CREATE TABLE council_officers (
       academic_year INTEGER PRIMARY KEY,
       chair_member_id TEXT NOT NULL REFERENCES council_members (id),
       secretary_member_id TEXT NOT NULL REFERENCES council_members (id),
       updated_at TEXT NOT NULL,
       CHECK (chair_member_id <> secretary_member_id)
     ) STRICT`,
    `CREATE TABLE council_meetings (
       id TEXT PRIMARY KEY,
       academic_year INTEGER NOT NULL,
       number INTEGER NOT NULL CHECK (number > 0),
       date TEXT NOT NULL,
       time TEXT NOT NULL,
       place TEXT NOT NULL,
       status TEXT NOT NULL CHECK (status IN ('planned', 'awaiting_chair', 'signed')),
       document_id TEXT REFERENCES documents (id),
       signed_at TEXT,
       created_at TEXT NOT NULL,
       updated_at TEXT NOT NULL,
       UNIQUE (academic_year, number)
     ) STRICT`,
    `CREATE INDEX council_meetings_date ON council_meetings (date)`,
    `CREATE INDEX council_meetings_document ON council_meetings (document_id)`,
    `CREATE TABLE council_attendance (
       id TEXT PRIMARY KEY,
       meeting_id TEXT NOT NULL REFERENCES council_meetings (id) ON DELETE CASCADE,
       position INTEGER NOT NULL,
       kind TEXT NOT NULL CHECK (kind IN ('member', 'parent', 'pupil', 'guest')),
       member_id TEXT REFERENCES council_members (id),
       present INTEGER NOT NULL CHECK (present IN (0, 1)),
       name_enc BLOB,
       role_text TEXT NOT NULL,
       reason_enc BLOB
     ) STRICT`,
    `CREATE INDEX council_attendance_meeting ON council_attendance (meeting_id, position)`,
    `CREATE TABLE council_agenda_items (
       id TEXT PRIMARY KEY,
       meeting_id TEXT NOT NULL REFERENCES council_meetings (id) ON DELETE CASCADE,
       position INTEGER NOT NULL,
       source_type TEXT NOT NULL,
       source_id TEXT,
       pupil_id TEXT REFERENCES pupils (id),
       title_enc BLOB,
       heard_enc BLOB,
       spoke_enc BLOB,
       created_at TEXT NOT NULL,
       updated_at TEXT NOT NULL
     ) STRICT`,
    `CREATE INDEX council_agenda_meeting ON council_agenda_items (meeting_id, position)`,
    `CREATE INDEX council_agenda_source ON council_agenda_items (source_type, source_id)`,
    `CREATE TABLE council_decisions (
       id TEXT PRIMARY KEY,
       item_id TEXT NOT NULL REFERENCES council_agenda_items (id) ON DELETE CASCADE,
       position INTEGER NOT NULL,
       type TEXT NOT NULL,
       pupil_id TEXT REFERENCES pupils (id),
       text_enc BLOB,
       responsible TEXT NOT NULL,
       deadline TEXT,
       effect_status TEXT NOT NULL DEFAULT 'pending' CHECK (effect_status IN ('pending', 'applied', 'none', 'not_wired')),
       effect_at TEXT
     ) STRICT`,
    `CREATE INDEX council_decisions_item ON council_decisions (item_id, position)`,
    `CREATE INDEX council_decisions_pupil ON council_decisions (pupil_id, type)`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execAll(db, [
    'DROP TABLE council_decisions',
    'DROP TABLE council_agenda_items',
    'DROP TABLE council_attendance',
    'DROP TABLE council_meetings',
    'DROP TABLE council_officers',
    'DROP TABLE council_members',
  ]);
}
