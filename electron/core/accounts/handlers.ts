import crypto from 'node:crypto';
import { compareKk } from '../../../shared/kazakh-text';
import { setAccountPassword } from '../auth/handlers';
import { addNotice, afterDisabled, afterEnabled, afterRolesRemoved, noticeGrantedRoles } from '../compartments/access';
import { compartmentsFor } from '../compartments/policy';
import { AppError } from '../errors';
import type { HandlersFor } from '../registry';
import { accountClassesHandlers } from './classes';
import { countActiveAdmins, findAccountByLogin, getAccount, toAccount } from './queries';
import { ACCOUNT_ADMINS, ACCOUNT_READERS } from '../../../shared/permissions';

const ADMINS = ACCOUNT_ADMINS;

export const accountsHandlers: HandlersFor<'accounts'> = {
  ...accountClassesHandlers,
  'accounts.list': {
    access: ACCOUNT_READERS,
    kind: 'list',
    entity: 'account',
    listAudit: (input, out) => ({ filter: { includeDisabled: input.includeDisabled }, count: out.length }),
    handler: async ({ db }, input) => {
      let q = db.selectFrom('accounts').selectAll();
      if (!input.includeDisabled) q = q.where('disabled', '=', 0);
      // names in the Kazakh alphabet (a school has tens of accounts: sorted here)
      return (await q.execute()).sort((a, b) => compareKk(a.display_name, b.display_name) || a.id.localeCompare(b.id)).map(toAccount);
    },
  },

  'accounts.get': {
    access: ACCOUNT_READERS,
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
    handler: async ({ core, db, now, session }, input) => {
      if (await findAccountByLogin(db, input.login)) throw new AppError('auth.login_taken', 'this login is taken');
      const id = crypto.randomUUID();
      const at = now.toISOString();
      const roles = [...new Set(input.roles)];
      await db
        .insertInto('accounts')
        .values({
          id,
          login: input.login,
          display_name: input.displayName,
          roles: JSON.stringify(roles),
          language: input.language,
          disabled: 0,
          created_at: at,
          password_changed_at: at,
          last_login_at: null,
        })
        .execute();
      await noticeGrantedRoles(db, id, session?.accountId ?? null, [], roles, now);
      // the keyring is written last: if it fails, the transaction rolls the account back. The compartments the
      // creator holds are sealed now (the creator's own act); the others wait for a holder (keys.acknowledge).
      await setAccountPassword(core, id, input.login, input.password, now, { sealCompartments: true, roles });
      return getAccount(db, id);
    },
  },

  'accounts.update': {
    access: ADMINS,
    kind: 'write',
    entity: 'account',
    entityId: (input) => input.id,
    handler: async ({ core, db, session, now }, input) => {
      const current = await getAccount(db, input.id);
      const roles = input.roles ? [...new Set(input.roles)] : current.roles;
      const disabled = input.disabled ?? current.disabled;
      const rolesChange = roles.length !== current.roles.length || roles.some((r) => !current.roles.includes(r));
      if (input.id === session?.accountId && rolesChange) {
        throw new AppError('auth.own_roles', 'nobody changes their own roles');
      }
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
      await noticeGrantedRoles(db, input.id, session?.accountId ?? null, current.roles, roles, now);
      if (disabled && !current.disabled) afterDisabled(core, input.id, current.roles);
      else if (!disabled && current.disabled) afterEnabled(core, input.id);
      if (!disabled && !current.disabled) afterRolesRemoved(core, input.id, current.roles, roles);
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
    handler: async ({ core, db, now, session }, input) => {
      const account = await getAccount(db, input.id);
      await db.updateTable('accounts').set({ password_changed_at: now.toISOString() }).where('id', '=', input.id).execute();
      if (compartmentsFor(account.roles).length > 0) {
        await addNotice(db, 'password_reset', account.id, session?.accountId ?? null, account.roles.filter((r) => compartmentsFor([r]).length > 0), now);
      }
      // a one-time password on a new key pair: the compartments wait for a holder's confirmation (keys.acknowledge)
      await setAccountPassword(core, account.id, account.login, input.newPassword, now, {
        sealCompartments: false,
        roles: account.roles,
        mustChange: { by: session?.accountId ?? null, at: now.toISOString() },
      });
      return null;
    },
  },
};
