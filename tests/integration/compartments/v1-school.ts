/**
 * A data folder as the release before compartments wrote it: the DB at migration 0004 (welfare fields in plaintext
 * columns) and a keyring v1 (every account's slot wrapping the one data key, plus a recovery slot).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Migrator } from 'kysely/migration';
import { rememberBackupRecipient } from '../../../electron/core/backup/queries';
import { generateRecoveryKey } from '../../../electron/core/auth/recovery-key';
import { kyselyFor, openSqlite } from '../../../electron/core/db/open';
import { legacyAccountSlot, legacyRecoverySlot, newKeyring } from '../../../electron/core/db/keyring';
import { writeSchoolProfile } from '../../../electron/core/school/queries';
import { MIGRATIONS } from '../../../migrations/index';
import { SEED_SCHOOL, type TestCore } from '../../harness/core';

export const V1_ACCOUNTS = [
  { login: 'director', displayName: 'Директор', roles: ['director', 'administrator'], password: 'director pass 1' },
  { login: 'psy', displayName: 'Психолог', roles: ['psychologist'], password: 'psy password 1' },
  { login: 'teacher', displayName: 'Сынып жетекшісі', roles: ['class_teacher'], password: 'teacher pass 1' },
] as const;

export const V1_PUPILS = [
  { last: 'Әлиев', family: ['low_income'], onRegister: 1 },
  { last: 'Бекова', family: ['guardianship', 'single_parent'], onRegister: 0 },
  { last: 'Сериков', family: [], onRegister: 0 },
] as const;

export async function writeV1School(dataDir: string): Promise<{ recoveryKey: string; pupilIds: string[]; dataKey: Buffer }> {
  fs.mkdirSync(dataDir, { recursive: true });
  const now = new Date();
  const dataKey = crypto.randomBytes(32);
  const recovery = generateRecoveryKey();
  const sqlite = openSqlite(path.join(dataDir, 'qorgan.db'), dataKey);
  const db = kyselyFor(sqlite);
  const pupilIds: string[] = [];
  const keyring = { ...newKeyring(), version: 1 as const };
  const slots = [];
  try {
    const v1 = Object.fromEntries(Object.entries(MIGRATIONS).filter(([name]) => name <= '0004_backup'));
    const migrator = new Migrator({ db: db, provider: { getMigrations: () => Promise.resolve(v1) } });
    const r = await migrator.migrateToLatest();
    if (r.error) throw r.error;
    const at = now.toISOString();
    await writeSchoolProfile(db, SEED_SCHOOL, now);
    for (const a of V1_ACCOUNTS) {
      const id = crypto.randomUUID();
      await db
        .insertInto('accounts')
        .values({ id, login: a.login, display_name: a.displayName, roles: JSON.stringify(a.roles), language: 'kk', disabled: 0, created_at: at, password_changed_at: at, last_login_at: null })
        .execute();
      slots.push(await legacyAccountSlot(keyring, dataKey, id, a.login, a.password, now));
    }
    await db.insertInto('meta').values({ key: 'settings', value: JSON.stringify({ idleLockMinutes: 10 }) }).execute();
    await rememberBackupRecipient(db, recovery.bytes, now);
    for (const p of V1_PUPILS) {
      const id = crypto.randomUUID();
      pupilIds.push(id);
      // the columns as 0004 knew them (the typed schema now has more: insert through SQL)
      sqlite
        .prepare(
          `INSERT INTO pupils (id, iin, last_name, first_name, middle_name, grade, class_letter, instruction_language, family_status, on_register, archived, created_at, updated_at)
           VALUES (?, NULL, ?, 'Бала', '', 5, 'А', 'kk', ?, ?, 0, ?, ?)`,
        )
        .run(id, p.last, JSON.stringify(p.family), p.onRegister, at, at);
    }
    slots.push(legacyRecoverySlot(keyring, dataKey, recovery.bytes, now));
  } finally {
    await db.destroy();
    recovery.bytes.fill(0);
  }
  // exactly the v1 file: no v2 fields, no slot version
  const file = {
    format: 'qorgan-keyring',
    version: 1,
    id: keyring.id,
    kdf: keyring.kdf,
    slots: slots.map(({ v: _v, ...rest }) => rest),
    throttle: {},
    pendingAudit: [],
  };
  fs.writeFileSync(path.join(dataDir, 'keyring.json'), JSON.stringify(file, null, 2), { mode: 0o600 });
  return { recoveryKey: recovery.text, pupilIds, dataKey };
}

/**
 * Ties a class teacher to the class of a pupil (class scope, `account_classes`), as the administrator would with
 * `accounts.setClasses`: a class teacher opens only the pupils of their classes.
 */
export async function tieToClassOf(core: TestCore, login: string, pupilId: string): Promise<void> {
  const db = core.state.db;
  const account = await db.selectFrom('accounts').select('id').where('login', '=', login).executeTakeFirstOrThrow();
  const pupil = await db.selectFrom('pupils').select(['grade', 'class_letter']).where('id', '=', pupilId).executeTakeFirstOrThrow();
  await db
    .insertInto('account_classes')
    .values({ account_id: account.id, grade: pupil.grade, class_letter: pupil.class_letter })
    .onConflict((oc) => oc.doNothing())
    .execute();
}
