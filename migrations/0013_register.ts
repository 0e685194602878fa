import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { execAll } from './util';

/**
 * The intra-school register (electron/core/register): entries put on and taken off by a decision (number, date,
 * body), reviews, the individual prevention plan's measures, registers held elsewhere (juvenile police, КДН), and the
 * school's editable list of grounds, seeded with kk/ru defaults. The decision's number/date/body and the dates are
 * plain (the work lists ask "due by" in SQL); grounds, notes, review outcomes, measures and the outside register's
 * body are `protection` ciphertext (`*_enc`). One open entry per pupil (a partial unique index). `version` refuses
 * stale writes. Frozen: fix forward.
 */
export const DEFAULT_GROUNDS: readonly { code: string; kk: string; ru: string }[] = [
  {
    code: 'systematic_absence',
    kk: 'Сабақты дәлелсіз себеппен жүйелі түрде босату',
    ru: 'Систематические пропуски учебных занятий без уважительной причины',
  },
  {
    code: 'offence',
    kk: 'Құқық бұзушылық немесе қоғамға жат әрекет жасау',
    ru: 'Совершение правонарушения или антиобщественного действия',
  },
  {
    code: 'school_rules',
    kk: 'Мектеп жарғысы мен ішкі тәртіп ережелерін жүйелі түрде бұзу',
    ru: 'Систематическое нарушение устава школы и правил внутреннего распорядка',
  },
  { code: 'bullying', kk: 'Буллингке (кибербуллингке) қатысу', ru: 'Участие в буллинге (кибербуллинге)' },
  {
    code: 'substances',
    kk: 'Алкогольді, темекіні, психобелсенді заттарды тұтыну',
    ru: 'Употребление алкоголя, табака, психоактивных веществ',
  },
  {
    code: 'running_away',
    kk: 'Үйден немесе білім беру ұйымынан өз бетімен кету',
    ru: 'Самовольные уходы из дома или организации образования',
  },
  { code: 'self_harm', kk: 'Аутодеструктивті мінез-құлық', ru: 'Аутодеструктивное поведение' },
  {
    code: 'family_danger',
    kk: 'Отбасының әлеуметтік қауіпті жағдайда болуы',
    ru: 'Нахождение семьи в социально опасном положении',
  },
  {
    code: 'external_register',
    kk: 'Ювеналды полицияның немесе КТІЖК-нің есебінде тұру',
    ru: 'Состоит на учёте в ПДН или КДН',
  },
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await execAll(db, [
    `CREATE TABLE register_grounds (
       id TEXT PRIMARY KEY,
       code TEXT UNIQUE,
       label_kk TEXT NOT NULL,
       label_ru TEXT NOT NULL,
       position INTEGER NOT NULL,
       retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
       updated_at TEXT NOT NULL
     ) STRICT`,
    `CREATE TABLE register_entries (
       id TEXT PRIMARY KEY,
       pupil_id TEXT NOT NULL REFERENCES pupils (id) ON DELETE CASCADE,
       on_number TEXT NOT NULL,
       on_date TEXT NOT NULL,
       on_body TEXT NOT NULL CHECK (on_body IN ('council', 'director')),
       off_number TEXT,
       off_date TEXT,
       off_body TEXT CHECK (off_body IS NULL OR off_body IN ('council', 'director')),
       grounds_enc BLOB,
       notes_enc BLOB,
       off_reason_enc BLOB,
       curator_id TEXT REFERENCES accounts (id),
       review_months INTEGER NOT NULL CHECK (review_months BETWEEN 1 AND 12),
       next_review_on TEXT,
       version INTEGER NOT NULL DEFAULT 1,
       created_at TEXT NOT NULL,
       created_by TEXT REFERENCES accounts (id),
       updated_at TEXT NOT NULL,
       updated_by TEXT REFERENCES accounts (id),
       CHECK ((off_date IS NULL) = (off_number IS NULL) AND (off_date IS NULL) = (off_body IS NULL))
     ) STRICT`,
    `CREATE UNIQUE INDEX register_entries_open ON register_entries (pupil_id) WHERE off_date IS NULL`,
    `CREATE INDEX register_entries_pupil ON register_entries (pupil_id, on_date DESC)`,
    `CREATE INDEX register_entries_review ON register_entries (next_review_on) WHERE off_date IS NULL`,
    `CREATE TABLE register_reviews (
       id TEXT PRIMARY KEY,
       entry_id TEXT NOT NULL REFERENCES register_entries (id) ON DELETE CASCADE,
       reviewed_on TEXT NOT NULL,
       outcome_enc BLOB,
       note_enc BLOB,
       next_review_on TEXT,
       written_at TEXT NOT NULL,
       written_by TEXT REFERENCES accounts (id)
     ) STRICT`,
    `CREATE INDEX register_reviews_entry ON register_reviews (entry_id, reviewed_on)`,
    `CREATE TABLE register_external (
       id TEXT PRIMARY KEY,
       pupil_id TEXT NOT NULL REFERENCES pupils (id) ON DELETE CASCADE,
       details_enc BLOB,
       from_date TEXT NOT NULL,
       to_date TEXT,
       version INTEGER NOT NULL DEFAULT 1,
       created_at TEXT NOT NULL,
       created_by TEXT REFERENCES accounts (id),
       updated_at TEXT NOT NULL
     ) STRICT`,
    `CREATE INDEX register_external_pupil ON register_external (pupil_id, from_date)`,
    `CREATE TABLE prevention_measures (
       id TEXT PRIMARY KEY,
       entry_id TEXT NOT NULL REFERENCES register_entries (id) ON DELETE CASCADE,
       position INTEGER NOT NULL,
       what_enc BLOB,
       responsible_id TEXT REFERENCES accounts (id),
       responsible_text_enc BLOB,
       due_on TEXT,
       done_on TEXT,
       result_enc BLOB,
       version INTEGER NOT NULL DEFAULT 1,
       created_at TEXT NOT NULL,
       created_by TEXT REFERENCES accounts (id),
       updated_at TEXT NOT NULL,
       updated_by TEXT REFERENCES accounts (id)
     ) STRICT`,
    `CREATE INDEX prevention_measures_entry ON prevention_measures (entry_id, position)`,
    `CREATE INDEX prevention_measures_open ON prevention_measures (responsible_id, due_on) WHERE done_on IS NULL`,
  ]);
  const now = new Date().toISOString();
  let position = 0;
  for (const g of DEFAULT_GROUNDS) {
    await sql`INSERT INTO register_grounds (id, code, label_kk, label_ru, position, retired, updated_at)
              VALUES (${crypto.randomUUID()}, ${g.code}, ${g.kk}, ${g.ru}, ${position++}, 0, ${now})`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execAll(db, [
    'DROP TABLE prevention_measures',
    'DROP TABLE register_external',
    'DROP TABLE register_reviews',
    'DROP TABLE register_entries',
    'DROP TABLE register_grounds',
  ]);
}
