/** The register's tables as Kysely sees them (migrations/0013_register.ts); merged into db/schema.ts `Database`. */

export interface RegisterGroundsTable {
  id: string;
  /** the built-in default it was seeded from; null for a ground the school added */
  code: string | null;
  label_kk: string;
  label_ru: string;
  position: number;
  retired: number;
  updated_at: string;
}

export interface RegisterEntriesTable {
  id: string;
  pupil_id: string;
  on_number: string;
  on_date: string;
  on_body: 'council' | 'director';
  off_number: string | null;
  off_date: string | null;
  off_body: 'council' | 'director' | null;
  /** protection: JSON array of ground ids */
  grounds_enc: Uint8Array | null;
  /** protection: JSON string */
  notes_enc: Uint8Array | null;
  /** protection: JSON string */
  off_reason_enc: Uint8Array | null;
  curator_id: string | null;
  review_months: number;
  next_review_on: string | null;
  version: number;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  updated_by: string | null;
}

export interface RegisterReviewsTable {
  id: string;
  entry_id: string;
  reviewed_on: string;
  /** protection: JSON ReviewOutcome */
  outcome_enc: Uint8Array | null;
  /** protection: JSON string */
  note_enc: Uint8Array | null;
  next_review_on: string | null;
  written_at: string;
  written_by: string | null;
}

export interface RegisterExternalTable {
  id: string;
  pupil_id: string;
  /** protection: JSON { body, note } */
  details_enc: Uint8Array | null;
  from_date: string;
  to_date: string | null;
  version: number;
  created_at: string;
  created_by: string | null;
  updated_at: string;
}

export interface PreventionMeasuresTable {
  id: string;
  entry_id: string;
  position: number;
  /** protection: JSON string */
  what_enc: Uint8Array | null;
  responsible_id: string | null;
  /** protection: JSON string */
  responsible_text_enc: Uint8Array | null;
  due_on: string | null;
  done_on: string | null;
  /** protection: JSON string */
  result_enc: Uint8Array | null;
  version: number;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  updated_by: string | null;
}
