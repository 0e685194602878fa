import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { SessionInfo } from '../../../shared/auth';
import { startQueue } from '../audit/pending';
import { findAccountByLogin, getAccount, toSession } from '../accounts/queries';
import type { CoreState } from '../core';
import { kyselyFor, migrate, openSqlite } from '../db/open';
import {
  accountSlot,
  deriveFromPassword,
  loginHash,
  newKeyring,
  recoverySlot,
  unwrapWithPassword,
  unwrapWithRecovery,
  type Keyring,
  type KeySlot,
} from '../db/keyring';
import { rememberBackupRecipient } from '../backup/queries';
import { AppError } from '../errors';
import type { HandlersFor } from '../registry';
import { writeSchoolProfile } from '../school/queries';
import { generateRecoveryKey, parseRecoveryKey } from './recovery-key';
import { clearFailures, recordFailure, retryAfterSeconds } from './throttle';

/** Replaces the account's keyring slot with one wrapped by the new password. */
export async function setAccountPassword(
  core: CoreState,
  accountId: string,
  login: string,
  password: string,
  now: Date,
): Promise<void> {
  const keyring = core.keyring();
  const slot = await core.withDataKey((key) => accountSlot(keyring, key, accountId, login, password, now));
  const fresh = core.keyring(); // re-read: scrypt took a while
  fresh.slots = [...fresh.slots.filter((s) => !(s.kind === 'account' && s.accountId === accountId)), slot];
  core.saveKeyring(fresh);
  clearFailures(core.dataDir, loginHash(fresh, login), now);
}

/**
 * The current password asked again (password change, new recovery key): under the login throttle of that login —
 * the delay applies, and a wrong password counts as a failed login.
 */
async function checkCurrentPassword(core: CoreState, keyring: Keyring, slot: KeySlot, login: string, password: string, now: Date): Promise<Buffer | null> {
  const hash = loginHash(keyring, login);
  const wait = retryAfterSeconds(core.dataDir, hash, now);
  if (wait > 0) throw new AppError('auth.throttled', 'too many wrong passwords', { retryAfterSeconds: wait });
  const key = await unwrapWithPassword(keyring, slot, password);
  if (!key) recordFailure(core.dataDir, hash, core.platform.now()); // the delay runs from the answer, not from the start of the slow check
  return key;
}

async function sessionFor(core: CoreState, accountId: string, now: Date): Promise<SessionInfo> {
  const account = await getAccount(core.db, accountId);
  if (account.disabled) {
    await core.lock('switch');
    throw new AppError('auth.account_disabled', 'this account is disabled');
  }
  await core.db.updateTable('accounts').set({ last_login_at: now.toISOString() }).where('id', '=', accountId).execute();
  const session = toSession(account);
  core.session = session;
  core.writePrefs({ language: session.language });
  return session;
}

/** A DB without a keyring cannot be opened by anyone: keep it aside (never delete data) before a new set-up. */
function moveOrphanDbAside(core: CoreState, now: Date): void {
  if (!fs.existsSync(core.dbFile)) return;
  const dir = path.join(core.dataDir, 'orphaned');
  fs.mkdirSync(dir, { recursive: true });
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  for (const suffix of ['', '-wal', '-shm']) {
    if (fs.existsSync(core.dbFile + suffix)) fs.renameSync(core.dbFile + suffix, path.join(dir, `qorgan-${stamp}.db${suffix}`));
  }
}

export const authHandlers: HandlersFor<'auth'> = {
  'auth.status': {
    access: 'public',
    kind: 'read',
    handler: async ({ core, platform }) => ({
      state: core.isUnlocked ? 'unlocked' : core.isSetUp ? 'locked' : 'setup',
      session: core.session,
      language: core.session?.language ?? core.readPrefs().language,
      idleLockMinutes: core.idleLockMinutes,
      demo: platform.demo === true,
      recoveryKeyConfirmed: core.isUnlocked
        ? (await core.db.selectFrom('meta').select('key').where('key', '=', 'recovery_key_confirmed_at').executeTakeFirst()) !== undefined
        : null,
    }),
  },

  'auth.setup': {
    access: 'public',
    kind: 'auth',
    entity: 'account',
    entityId: (_input, output) => output?.session.accountId ?? null,
    handler: async ({ core, now }, input) => {
      if (core.isSetUp) throw new AppError('setup.already_done', 'Qorgan is already set up here');
      moveOrphanDbAside(core, now);
      const dataKey = crypto.randomBytes(32);
      const recovery = generateRecoveryKey();
      const accountId = crypto.randomUUID();
      let keyring: Keyring = newKeyring();
      const slot = await accountSlot(keyring, dataKey, accountId, input.account.login, input.account.password, now);
      keyring = { ...keyring, slots: [slot, recoverySlot(keyring, dataKey, recovery.bytes, now)] };

      const sqlite = openSqlite(core.dbFile, dataKey, core.platform.nativeBinding ? { nativeBinding: core.platform.nativeBinding } : {});
      const db = kyselyFor(sqlite);
      try {
        const migration = await migrate(sqlite, db, core.dbFile, now);
        const at = now.toISOString();
        await db.transaction().execute(async (trx) => {
          await writeSchoolProfile(trx, input.school, now);
          await trx
            .insertInto('accounts')
            .values({
              id: accountId,
              login: input.account.login,
              display_name: input.account.displayName,
              roles: JSON.stringify(input.account.roles),
              language: input.language,
              disabled: 0,
              created_at: at,
              password_changed_at: at,
              last_login_at: at,
            })
            .execute();
          await trx
            .insertInto('meta')
            .values({ key: 'settings', value: JSON.stringify({ idleLockMinutes: core.idleLockMinutes }) })
            .execute();
          // backups are encrypted to a public key derived from the recovery key: ready from the first day
          await rememberBackupRecipient(trx, recovery.bytes, now);
        });
        core.saveKeyring(keyring);
        core.adopt({ sqlite, db, close: () => db.destroy() }, dataKey);
        core.lastMigration = migration;
        await startQueue(core.dataDir, db, now);
      } catch (e) {
        await db.destroy();
        throw e;
      } finally {
        dataKey.fill(0);
        recovery.bytes.fill(0);
      }
      const session = await sessionFor(core, accountId, now);
      core.writePrefs({ language: input.language });
      return { recoveryKey: recovery.text, session };
    },
  },

  'auth.confirmRecoveryStored': {
    access: 'authenticated',
    kind: 'write',
    entity: 'school',
    handler: async ({ db, now }) => {
      await db
        .insertInto('meta')
        .values({ key: 'recovery_key_confirmed_at', value: now.toISOString() })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: now.toISOString() }))
        .execute();
      return null;
    },
  },

  'auth.login': {
    access: 'public',
    kind: 'auth',
    entity: 'account',
    entityId: (_input, output) => output?.accountId ?? null,
    handler: async (ctx, input) => {
      const { core, now } = ctx;
      const keyring = core.keyring();
      const hash = loginHash(keyring, input.login);
      const wait = retryAfterSeconds(core.dataDir, hash, now);
      if (wait > 0) throw new AppError('auth.throttled', 'too many failed logins', { retryAfterSeconds: wait });
      const slot = keyring.slots.find((s) => s.kind === 'account' && s.loginHash === hash);
      let key: Buffer | null = null;
      if (slot) key = await unwrapWithPassword(keyring, slot, input.password);
      else await deriveFromPassword(input.password, crypto.randomBytes(16), keyring.kdf); // same time as a real try
      if (!key || !slot?.accountId) {
        recordFailure(core.dataDir, hash, core.platform.now()); // the delay runs from the answer, not from the start of the slow check
        ctx.auditAccountId = slot?.accountId ?? null;
        throw new AppError('auth.wrong_password', 'wrong login or password');
      }
      try {
        if (core.isUnlocked) await core.lock('switch');
        await core.unlock(key);
      } finally {
        key.fill(0);
      }
      clearFailures(core.dataDir, hash, now);
      return sessionFor(core, slot.accountId, now);
    },
  },

  'auth.lock': {
    access: 'authenticated',
    kind: 'auth',
    entity: 'account',
    entityId: () => null,
    handler: async ({ core }) => {
      await core.lock('manual');
      return null;
    },
  },

  'auth.activity': {
    access: 'authenticated',
    kind: 'read',
    handler: async ({ core }) => {
      core.touch();
      return null;
    },
  },

  'auth.recover': {
    access: 'public',
    kind: 'auth',
    entity: 'account',
    entityId: (_input, output) => output?.accountId ?? null,
    handler: async ({ core, now }, input) => {
      const keyring = core.keyring();
      const bytes = parseRecoveryKey(input.recoveryKey);
      const key = bytes ? unwrapWithRecovery(keyring, bytes) : null;
      bytes?.fill(0);
      if (!key) throw new AppError('auth.wrong_recovery_key', 'the recovery key does not open this school');
      try {
        if (core.isUnlocked) await core.lock('switch');
        await core.unlock(key);
      } finally {
        key.fill(0);
      }
      const account = await findAccountByLogin(core.db, input.login);
      if (!account) {
        await core.lock('switch');
        throw new AppError('not_found', 'no account with this login');
      }
      await setAccountPassword(core, account.id, account.login, input.newPassword, now);
      await core.db.updateTable('accounts').set({ password_changed_at: now.toISOString() }).where('id', '=', account.id).execute();
      return sessionFor(core, account.id, now);
    },
  },

  'auth.changePassword': {
    access: 'authenticated',
    kind: 'write',
    entity: 'account',
    entityId: () => null,
    handler: async ({ core, db, now, session }, input) => {
      if (!session) throw new AppError('auth.not_logged_in', 'not logged in');
      const keyring = core.keyring();
      const slot = keyring.slots.find((s) => s.kind === 'account' && s.accountId === session.accountId);
      const key = slot ? await checkCurrentPassword(core, keyring, slot, session.login, input.currentPassword, now) : null;
      if (!key) throw new AppError('auth.wrong_password', 'the current password is wrong');
      key.fill(0);
      await db.updateTable('accounts').set({ password_changed_at: now.toISOString() }).where('id', '=', session.accountId).execute();
      await setAccountPassword(core, session.accountId, session.login, input.newPassword, now);
      return null;
    },
  },

  'auth.newRecoveryKey': {
    access: ['director', 'administrator'],
    kind: 'write',
    entity: 'school',
    handler: async ({ core, db, now, session }, input) => {
      if (!session) throw new AppError('auth.not_logged_in', 'not logged in');
      const keyring = core.keyring();
      const own = keyring.slots.find((s) => s.kind === 'account' && s.accountId === session.accountId);
      const check = own ? await checkCurrentPassword(core, keyring, own, session.login, input.currentPassword, now) : null;
      if (!check) throw new AppError('auth.wrong_password', 'the current password is wrong');
      check.fill(0);
      clearFailures(core.dataDir, loginHash(keyring, session.login), now);
      const recovery = generateRecoveryKey();
      try {
        await rememberBackupRecipient(db, recovery.bytes, now);
        await db.deleteFrom('meta').where('key', '=', 'recovery_key_confirmed_at').execute();
        const slot = core.withDataKey((key) => recoverySlot(keyring, key, recovery.bytes, now));
        // written last: if it fails, the transaction rolls the recipient back and the old key stays valid
        const fresh = core.keyring();
        core.saveKeyring({ ...fresh, slots: [...fresh.slots.filter((s) => s.kind !== 'recovery'), slot] });
      } finally {
        recovery.bytes.fill(0);
      }
      return { recoveryKey: recovery.text };
    },
  },

  'auth.setLanguage': {
    access: 'authenticated',
    kind: 'write',
    entity: 'account',
    handler: async ({ core, db, session }, input) => {
      if (!session) throw new AppError('auth.not_logged_in', 'not logged in');
      await db.updateTable('accounts').set({ language: input.language }).where('id', '=', session.accountId).execute();
      core.session = { ...session, language: input.language };
      core.writePrefs({ language: input.language });
      return null;
    },
  },
};
