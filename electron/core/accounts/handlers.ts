import crypto from 'node:crypto';
import { setAccountPassword } from '../auth/handlers';
import { AppError } from '../errors';
import type { HandlersFor } from '../registry';
import { accountClassesHandlers } from './classes';
import { countActiveAdmins, findAccountByLogin, getAccount, toAccount } from './queries';

const ADMINS = ['administrator'] as const;

export const accountsHandlers: HandlersFor<'accounts'> = {
  ...accountClassesHandlers,
  'accounts.list': {
    access: ['administrator', 'director'],
    kind: 'list',
    entity: 'account',
    listAudit: (input, out) => ({ filter: { includeDisabled: input.includeDisabled }, count: out.length }),
    handler: async ({ db }, input) => {
      let q = db.selectFrom('accounts').selectAll().orderBy('display_name');
      if (!input.includeDisabled) q = q.where('disabled', '=', 0);
      return (await q.execute()).map(toAccount);
    },
  },

  'accounts.get': {
    access: ['administrator', 'director'],
    kind: 'sensitive',
    entity: 'account',
    entityId: (input) => input.id,
    handler: async ({ db }, input) => getAccount(db, input.id),
  },

  'accounts.create': {
    access: ADMINS,
    kind: 'write',
    entity: 'account',
    entityId: (_input, output) => output?.id ?? null,
    handler: async ({ core, db, now }, input) => {
      if (await findAccountByLogin(db, input.login)) throw new AppError('auth.login_taken', 'this login is taken');
      const id = crypto.randomUUID();
      const at = now.toISOString();
      await db
        .insertInto('accounts')
        .values({
          id,
          login: input.login,
          display_name: input.displayName,
          roles: JSON.stringify([...new Set(input.roles)]),
          language: input.language,
          disabled: 0,
          created_at: at,
          password_changed_at: at,
          last_login_at: null,
        })
        .execute();
      // the keyring is written last: if it fails, the transaction rolls the account back
      await setAccountPassword(core, id, input.login, input.password, now);
      return getAccount(db, id);
    },
  },

  'accounts.update': {
    access: ADMINS,
    kind: 'write',
    entity: 'account',
    entityId: (input) => input.id,
    handler: async ({ core, db, session }, input) => {
      const current = await getAccount(db, input.id);
      const roles = input.roles ? [...new Set(input.roles)] : current.roles;
      const disabled = input.disabled ?? current.disabled;
      if (input.id === session?.accountId && disabled) {
        throw new AppError('auth.last_admin', 'you cannot disable your own account');
      }
      const staysAdmin = !disabled && roles.includes('administrator');
      if (current.roles.includes('administrator') && !current.disabled && !staysAdmin && (await countActiveAdmins(db, input.id)) === 0) {
        throw new AppError('auth.last_admin', 'the last active administrator must stay');
      }
      await db
        .updateTable('accounts')
        .set({
          display_name: input.displayName ?? current.displayName,
          roles: JSON.stringify(roles),
          disabled: disabled ? 1 : 0,
        })
        .where('id', '=', input.id)
        .execute();
      const updated = await getAccount(db, input.id);
      if (session && updated.id === session.accountId) {
        core.session = { ...session, displayName: updated.displayName, roles: updated.roles };
      }
      return updated;
    },
  },

  'accounts.resetPassword': {
    access: ADMINS,
    kind: 'write',
    entity: 'account',
    entityId: (input) => input.id,
    handler: async ({ core, db, now }, input) => {
      const account = await getAccount(db, input.id);
      await db.updateTable('accounts').set({ password_changed_at: now.toISOString() }).where('id', '=', input.id).execute();
      await setAccountPassword(core, account.id, account.login, input.newPassword, now);
      return null;
    },
  },
};
