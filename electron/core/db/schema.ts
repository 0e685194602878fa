/**
 * The typed view of the DB for Kysely. One interface per table; a feature adds its tables here (and creates them
 * in a new migration under migrations/).
 */
import type { Generated } from 'kysely';

export interface MetaTable {
  key: string;
  value: string;
}

export interface SchoolTable {
  id: number;
  name_kk: string;
  name_ru: string;
  number: string;
  named_after_kk: string;
  named_after_ru: string;
  address_kk: string;
  address_ru: string;
  district_department_kk: string;
  district_department_ru: string;
  director_name: string;
  director_position_kk: string;
  director_position_ru: string;
  updated_at: string;
}

export interface AccountsTable {
  id: string;
  login: string;
  display_name: string;
  /** JSON array of Role */
  roles: string;
  language: 'kk' | 'ru';
  disabled: number;
  created_at: string;
  password_changed_at: string;
  last_login_at: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  account_id: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  outcome: 'ok' | 'denied' | 'failed';
  prev_hash: string;
  hash: string;
}

export interface PupilsTable {
  id: string;
  iin: string | null;
  last_name: string;
  first_name: string;
  middle_name: string;
  birth_date: string | null;
  sex: 'm' | 'f' | null;
  grade: number;
  class_letter: string;
  instruction_language: 'kk' | 'ru';
  /** JSON array of FamilyStatus */
  family_status: string;
  on_register: number;
  archived: number;
  created_at: string;
  updated_at: string;
}

export interface BackupSettingsTable {
  id: number;
  /** age1… derived from the recovery key (public) */
  recovery_recipient: string | null;
  /** the district's age1… public key, when it gave one */
  district_recipient: string | null;
  keep_last: number;
  reminder_days: number;
  updated_at: string;
}

export interface BackupsTable {
  id: string;
  started_at: string;
  finished_at: string | null;
  account_id: string | null;
  target_dir: string;
  file_name: string | null;
  size_bytes: number | null;
  sha256: string | null;
  to_district: number;
  status: 'running' | 'verified' | 'failed';
  error_code: string | null;
  duration_ms: number | null;
}

export interface Database {
  meta: MetaTable;
  school: SchoolTable;
  accounts: AccountsTable;
  audit_log: AuditLogTable;
  pupils: PupilsTable;
  backup_settings: BackupSettingsTable;
  backups: BackupsTable;
}
