import type { Migration, MigrationProvider } from 'kysely/migration';
import * as m0001 from './0001_foundation';
import * as m0002 from './0002_documents';
import * as m0003 from './0003_plans';
import * as m0004 from './0004_backup';
import * as m0005 from './0005_compartments';
import * as m0006 from './0006_class_scope';
import * as m0007 from './0007_plan_sources';
import * as m0008 from './0008_cosign';
import * as m0009 from './0009_audit_mac';
import * as m0010 from './0010_chronology';
import * as m0011 from './0011_guardians';
import * as m0014 from './0014_council';
import * as m0021 from './0021_council_links';
import * as m0013 from './0013_register';
import * as m0015 from './0015_bullying';
import * as m0012 from './0012_cases';
import * as m0018 from './0018_sealed_documents';
import * as m0016 from './0016_screening';
import * as m0017 from './0017_referrals';
import * as m0019 from './0019_district';
import * as m0020 from './0020_district_mode';
import * as m0022 from './0022_retention';
import * as m0023 from './0023_statistics_tally';

/**
 * Every migration, listed statically (no file-system scan: the packaged app has no migrations folder).
 * Frozen once landed: fix forward with a new file and a new line here, and a test in tests/integration/migrations.
 */
export const MIGRATIONS: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_documents': m0002,
  '0003_plans': m0003,
  '0004_backup': m0004,
  '0005_compartments': m0005,
  '0006_class_scope': m0006,
  '0007_plan_sources': m0007,
  '0008_cosign': m0008,
  '0009_audit_mac': m0009,
  '0010_chronology': m0010,
  '0011_guardians': m0011,
  '0014_council': m0014,
  '0013_register': m0013,
  '0012_cases': m0012,
  '0018_sealed_documents': m0018,
  '0015_bullying': m0015,
  '0016_screening': m0016,
  '0017_referrals': m0017,
  '0019_district': m0019,
  '0020_district_mode': m0020,
  '0021_council_links': m0021,
  '0022_retention': m0022,
  '0023_statistics_tally': m0023,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(MIGRATIONS),
};

export const LATEST_MIGRATION = Object.keys(MIGRATIONS).sort().at(-1) ?? '';
