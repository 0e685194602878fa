import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { SessionInfo } from '../../../shared/auth';
import { startQueue } from '../audit/pending';
import { findAccountByLogin, getAccount, toSession } from '../accounts/queries';
import type { CoreState } from '../core';
import { kyselyFor, migrate, openSqlite } from '../db/open';
import {
  deriveFromPassword,
  loginHash,
  makeGrant,
  newAccountSlot,
  newKeyring,
  newRecoverySlot,
  openAccountSlot,
  recoveryPrivateKey,
  rewrapAccountSlot,
  type Keyring,
} from '../db/keyring';
import type { Role } from '../../../shared/roles';
import { writeDbEpoch } from '../compartments/epochs';
import { accountSlotOf, openWithPassword, type OpenedKeys, openWithRecoveryKey, sealBase, sealMissing, withGrant, withoutGrants, wipeOpened } from '../compartments/keys';
import { COMPARTMENTS, compartmentsFor } from '../compartments/policy';
import { publicOf } from '../compartments/seal';
import { establishKeys, keepOnly } from '../compartments/session';
import { ensureIntakeKey } from '../cases/intake';
import { rememberBackupRecipient } from '../backup/queries';
import { AppError } from '../errors';
import type { HandlersFor } from '../registry';
import { writeSchoolProfile } from '../school/queries';
import { readInstallMode, writeInstallMode } from '../district/mode';
import { generateRecoveryKey, parseRecoveryKey } from './recovery-key';
import { clearFailures, recordFailure, retryAfterSeconds } from './throttle';
import { RECOVERY_KEY_MAKERS } from '../../../shared/permissions';

const openRecovery = openWithRecoveryKey;

export interface SetPasswordOptions {
  /** an administrator's reset: the password is one-time, to be changed at the next login */
  mustChange?: { by: string | null; at: string } | null;
  /**
   * Seal the compartments the account's roles grant, from the session's keys (set-up, recovery, a holder creating an
   * account). A reset never does: its compartments wait for a holder's confirmation (keys.acknowledge).
   */
  sealCompartments: boolean;
  roles: Role[];
}

/**
 * Gives the account a new keyring slot (a new X25519 pair wrapped by the new password): every grant sealed to its
 * old public key goes; the base key is sealed to the new one, and the compartments if `sealCompartments`.
 */
export async function setAccountPassword(
  core: CoreState,
  accountId: string,
  login: string,
  password: string,
  now: Date,
  options: SetPasswordOptions,
): Promise<void> {
  const { slot, pair } = await newAccountSlot(core.keyring(), accountId, login, password, now, options.mustChange ?? null);
  pair.privateKey.fill(0);
  const fresh = core.keyring(); // re-read: scrypt took a while
  let next: Keyring = {
    ...withoutGrants(fresh, accountId),
    slots: [...fresh.slots.filter((s) => !(s.kind === 'account' && s.accountId === accountId)), slot],
    upgradePending: fresh.upgradePending.filter((id) => id !== accountId),
  };
  next = sealBase(next, core, accountId, pair.publicKey);
  if (options.sealCompartments) next = sealMissing(next, core, { id: accountId, roles: options.roles, disabled: false }).keyring;
  core.saveKeyring(next);
  clearFailures(core.dataDir, loginHash(next, login), now);
}

/** Re-wraps the account's own private key under a new password (its grants stay). */
async function rewrapOwnSlot(core: CoreState, accountId: string, login: string, currentPassword: string, newPassword: string, now: Date): Promise<boolean> {
  const keyring = core.keyring();
  const slot = accountSlotOf(keyring, accountId);
  if (!slot) return false;
  const priv = await openAccountSlot(keyring, slot, currentPassword);
  if (!priv) return false;
  try {
    const next = await rewrapAccountSlot(keyring, slot, priv, login, newPassword, now);
    const fresh = core.keyring();
    core.saveKeyring({ ...fresh, slots: fresh.slots.map((s) => (s.id === slot.id ? next : s)) });
    return true;
  } finally {
    priv.fill(0);
  }
}

/**
 * The current password asked again (password change, new recovery key): under the login throttle of that login —
 * the delay applies, and a wrong password counts as a failed login.
 */
async function checkCurrentPassword(core: CoreState, keyring: Keyring, slot: Parameters<typeof openAccountSlot>[1], login: string, password: string, now: Date): Promise<Buffer | null> {
  const hash = loginHash(keyring, login);
  const wait = retryAfterSeconds(core.dataDir, hash, now);
  if (wait > 0) throw new AppError('auth.throttled', 'too many wrong passwords', { retryAfterSeconds: wait });
  const key = await openAccountSlot(keyring, slot, password);
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
      lockedBecause: core.isUnlocked ? null : core.lastLockReason,
      mode: core.isUnlocked ? await readInstallMode(core.db) : null,
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
      const compartmentKeys = COMPARTMENTS.map((name) => ({ name, epoch: 0, key: crypto.randomBytes(32) }));
      let keyring: Keyring = newKeyring();
      const { slot, pair } = await newAccountSlot(keyring, accountId, input.account.login, input.account.password, now);
      pair.privateKey.fill(0);
      const recPriv = recoveryPrivateKey(recovery.bytes);
      const recPub = publicOf(recPriv);
      recPriv.fill(0);
      keyring = { ...keyring, slots: [slot, newRecoverySlot(recPub, now)] };
      keyring = { ...keyring, grants: [makeGrant(keyring, accountId, pair.publicKey, 'base', 0, dataKey), makeGrant(keyring, 'recovery', recPub, 'base', 0, dataKey)] };
      const own = compartmentsFor(input.account.roles);
      for (const k of compartmentKeys) {
        keyring = withGrant(keyring, 'recovery', recPub, k.name, k);
        if (own.includes(k.name)) keyring = withGrant(keyring, accountId, pair.publicKey, k.name, k);
      }

      const sqlite = openSqlite(core.dbFile, dataKey, core.platform.nativeBinding ? { nativeBinding: core.platform.nativeBinding } : {});
      const db = kyselyFor(sqlite);
      try {
        const migration = await migrate(sqlite, db, core.dbFile, now);
        const at = now.toISOString();
        await db.transaction().execute(async (trx) => {
          await writeSchoolProfile(trx, input.school, now);
          await writeInstallMode(trx, input.mode);
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
          for (const c of COMPARTMENTS) await writeDbEpoch(trx, c, 0);
        });
        core.saveKeyring(keyring);
        core.adopt({ sqlite, db, close: () => db.destroy() }, dataKey, 0);
        for (const k of compartmentKeys) if (own.includes(k.name)) core.holdCompartment(k.name, k);
        // the concern intake pair, so that any staff account can log a concern from the first day (cases/intake.ts)
        await ensureIntakeKey(db, core, now);
        core.lastMigration = migration;
        await startQueue(core.dataDir, db, now);
      } catch (e) {
        await db.destroy();
        throw e;
      } finally {
        dataKey.fill(0);
        recovery.bytes.fill(0);
        for (const k of compartmentKeys) k.key.fill(0);
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
      let result: OpenedKeys | 'no_grants' | null = null;
      if (slot) result = await openWithPassword(keyring, slot, input.password);
      else await deriveFromPassword(input.password, crypto.randomBytes(16), keyring.kdf); // same time as a real try
      if (result === 'no_grants') {
        // the right password of an account whose keys were taken away (disabled): it opens nothing
        ctx.auditAccountId = slot?.accountId ?? null;
        throw new AppError('auth.account_disabled', 'this account is disabled');
      }
      const opened = result;
      if (!opened || !slot?.accountId) {
        recordFailure(core.dataDir, hash, core.platform.now()); // the delay runs from the answer, not from the start of the slow check
        ctx.auditAccountId = slot?.accountId ?? null;
        throw new AppError('auth.wrong_password', 'wrong login or password');
      }
      const accountId = slot.accountId;
      const mustChange = slot.v === 2 && slot.kind === 'account' ? slot.mustChangePassword : null;
      try {
        if (core.isUnlocked) await core.lock('switch');
        await core.unlock(opened.base);
        const account = await getAccount(core.db, accountId);
        if (account.disabled) {
          await core.lock('switch');
          throw new AppError('auth.account_disabled', 'this account is disabled');
        }
        if (mustChange && !input.newPassword) {
          // a one-time password: no session until the user has chosen their own; tell them who reset it and when
          const by = mustChange.by ? await core.db.selectFrom('accounts').select('display_name').where('id', '=', mustChange.by).executeTakeFirst() : undefined;
          await core.lock('switch');
          ctx.auditAccountId = accountId;
          throw new AppError('auth.must_change_password', 'the password was reset: choose a new one', {
            resetBy: by?.display_name ?? null,
            resetAt: mustChange.at,
          });
        }
        await establishKeys(core, { accountId, login: account.login, password: input.password, opened, now }, account.roles);
        if (input.newPassword) {
          if (input.newPassword === input.password) throw new AppError('auth.weak_password', 'the new password must differ from the old one');
          if (mustChange) {
            // a new pair: whoever set the one-time password (and may keep a copy of the keyring) opens nothing sealed from now on
            await setAccountPassword(core, accountId, account.login, input.newPassword, now, { sealCompartments: false, roles: account.roles });
          } else {
            await rewrapOwnSlot(core, accountId, account.login, input.password, input.newPassword, now);
          }
          await core.db.updateTable('accounts').set({ password_changed_at: now.toISOString() }).where('id', '=', accountId).execute();
        }
      } catch (e) {
        if (core.isUnlocked && !core.session) await core.lock('switch');
        throw e;
      } finally {
        wipeOpened(opened);
      }
      clearFailures(core.dataDir, hash, now);
      return sessionFor(core, accountId, now);
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
      const opened = bytes ? openRecovery(keyring, bytes) : null;
      bytes?.fill(0);
      if (!opened) throw new AppError('auth.wrong_recovery_key', 'the recovery key does not open this school');
      try {
        if (core.isUnlocked) await core.lock('switch');
        await core.unlock(opened.base);
        // the recovery key holds every key: the session holds them all until the account's roles are known
        await establishKeys(core, { accountId: null, opened, now }, null);
      } finally {
        wipeOpened(opened);
      }
      const account = await findAccountByLogin(core.db, input.login);
      if (!account) {
        await core.lock('switch');
        throw new AppError('not_found', 'no account with this login');
      }
      await setAccountPassword(core, account.id, account.login, input.newPassword, now, { sealCompartments: true, roles: account.roles });
      keepOnly(core, account.roles);
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
      const hash = loginHash(core.keyring(), session.login);
      const wait = retryAfterSeconds(core.dataDir, hash, now);
      if (wait > 0) throw new AppError('auth.throttled', 'too many wrong passwords', { retryAfterSeconds: wait });
      await db.updateTable('accounts').set({ password_changed_at: now.toISOString() }).where('id', '=', session.accountId).execute();
      // written last: if the current password is wrong, nothing changed
      if (!(await rewrapOwnSlot(core, session.accountId, session.login, input.currentPassword, input.newPassword, now))) {
        recordFailure(core.dataDir, hash, core.platform.now()); // a wrong current password counts as a failed login
        throw new AppError('auth.wrong_password', 'the current password is wrong');
      }
      clearFailures(core.dataDir, hash, now);
      return null;
    },
  },

  'auth.newRecoveryKey': {
    access: RECOVERY_KEY_MAKERS,
    kind: 'write',
    entity: 'school',
    handler: async ({ core, db, now, session }, input) => {
      if (!session) throw new AppError('auth.not_logged_in', 'not logged in');
      const keyring = core.keyring();
      const own = accountSlotOf(keyring, session.accountId);
      const check = own ? await checkCurrentPassword(core, keyring, own, session.login, input.currentPassword, now) : null;
      if (!check) throw new AppError('auth.wrong_password', 'the current password is wrong');
      check.fill(0);
      clearFailures(core.dataDir, loginHash(keyring, session.login), now);
      const recovery = generateRecoveryKey();
      try {
        await rememberBackupRecipient(db, recovery.bytes, now);
        await db.deleteFrom('meta').where('key', '=', 'recovery_key_confirmed_at').execute();
        const recPriv = recoveryPrivateKey(recovery.bytes);
        const recPub = publicOf(recPriv);
        recPriv.fill(0);
        // written last: if it fails, the transaction rolls the recipient back and the old key stays valid.
        // The session seals what it holds; the compartments it lacks are sealed to the new key by the next holder's
        // login (session.ts) — the old recovery key's grants go now.
        const fresh = core.keyring();
        let next: Keyring = { ...withoutGrants(fresh, 'recovery'), slots: [...fresh.slots.filter((s) => s.kind !== 'recovery'), newRecoverySlot(recPub, now)] };
        next = sealBase(next, core, 'recovery', recPub);
        for (const c of COMPARTMENTS) {
          const k = core.compartmentKey(c);
          if (k) next = withGrant(next, 'recovery', recPub, c, k);
        }
        core.saveKeyring(next);
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
