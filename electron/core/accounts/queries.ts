import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { Account } from '../../../shared/accounts';
import { roleSchema } from '../../../shared/roles';
import type { Session } from '../core';
import type { AccountsTable } from '../db/schema';
import type { Db } from '../db/types';
import { AppError } from '../errors';

const rolesJson = z.array(roleSchema);

export function toAccount(row: Selectable<AccountsTable>): Account {
  return {
    id: row.id,
    login: row.login,
    displayName: row.display_name,
    roles: rolesJson.parse(JSON.parse(row.roles)),
    language: row.language,
    disabled: row.disabled === 1,
    createdAt: row.created_at,
    passwordChangedAt: row.password_changed_at,
    lastLoginAt: row.last_login_at,
  };
}

export function toSession(a: Account): Session {
  return { accountId: a.id, login: a.login, displayName: a.displayName, roles: a.roles, language: a.language };
}

export async function getAccount(db: Db, id: string): Promise<Account> {
  const row = await db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('not_found', 'no such account');
  return toAccount(row);
}

export async function findAccountByLogin(db: Db, login: string): Promise<Account | null> {
  const row = await db.selectFrom('accounts').selectAll().where('login', '=', login.toLowerCase()).executeTakeFirst();
  return row ? toAccount(row) : null;
}

export async function countActiveAdmins(db: Db, exceptId?: string): Promise<number> {
  const rows = await db.selectFrom('accounts').select(['id', 'roles']).where('disabled', '=', 0).execute();
  return rows.filter((r) => r.id !== exceptId && rolesJson.parse(JSON.parse(r.roles)).includes('administrator')).length;
}
