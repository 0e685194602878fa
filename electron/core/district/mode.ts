/**
 * The install mode (shared/district.ts `InstallMode`): a school's office or a district education department's.
 * Chosen once at set-up (`auth.setup`, `mode`), kept in the DB as the `meta` row 'install_mode' (an install set up
 * before the choice existed has none: a school), never changed afterwards.
 *
 * In district mode the app holds no pupils and no cases: the registry (electron/core/api.ts) asks `refusedInMode`
 * before every call and refuses the school's methods with `district.school_only`. One rule, in one place: the
 * handlers never look at the mode.
 */
import type { Kysely } from 'kysely';
import type { MethodName } from '../../../shared/api';
import { installModeSchema, type InstallMode } from '../../../shared/install-mode';
import type { Database } from '../db/schema';
import type { Db } from '../db/types';

const META_KEY = 'install_mode';

/**
 * Method families that exist only in a school: every record about a pupil, a case, the council, the plans and the
 * school's own statistics and home blocks. The rest (accounts, audit, backup, settings, the documents register and
 * certificates, the reference texts and frameworks, the district view) works in both modes.
 */
export const SCHOOL_ONLY_PREFIXES = [
  'pupils',
  'pupilsImport',
  'guardians',
  'chronology',
  'worklists',
  'council',
  'register',
  'concerns',
  'cases',
  'bullying',
  'screening',
  'safetyPlan',
  'referrals',
  'caseDocs',
  'plans',
  'plansIo',
  'statistics',
  'overview',
  'districtReport',
  'retention',
] as const;

/** The school's side of the district report: issuing it needs the school's data. */
const SCHOOL_ONLY_METHODS: readonly MethodName[] = ['district.issue', 'district.reports', 'district.file', 'district.settings'];

export function isSchoolOnly(method: MethodName): boolean {
  const prefix = method.slice(0, method.indexOf('.'));
  return (SCHOOL_ONLY_PREFIXES as readonly string[]).includes(prefix) || SCHOOL_ONLY_METHODS.includes(method);
}

/** The mode of each open DB, read once (a restore or a new login opens a new DB object, read again). */
const cache = new WeakMap<object, InstallMode>();

export async function readInstallMode(db: Db): Promise<InstallMode> {
  const hit = cache.get(db);
  if (hit) return hit;
  const row = await db.selectFrom('meta').select('value').where('key', '=', META_KEY).executeTakeFirst();
  const parsed = installModeSchema.safeParse(row?.value ?? 'school');
  // a value this build does not know is not trusted to open the school's data: the narrower mode
  const mode: InstallMode = parsed.success ? parsed.data : 'district';
  cache.set(db, mode);
  return mode;
}

/** Writes the mode at set-up (inside its transaction). */
export async function writeInstallMode(db: Db, mode: InstallMode): Promise<void> {
  await db.insertInto('meta').values({ key: META_KEY, value: mode }).execute();
}

/** Whether the registry must refuse `method` in the open DB's mode. */
export async function refusedInMode(db: Kysely<Database>, method: MethodName): Promise<boolean> {
  if (!isSchoolOnly(method)) return false;
  return (await readInstallMode(db)) === 'district';
}
