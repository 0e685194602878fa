/**
 * Types of the one handler registry (electron/core/api.ts). A feature exports `HandlersFor<'feature'>` from
 * electron/core/<feature>/handlers.ts.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Contract, MethodName, MethodOutput } from '../../shared/api';
import type { ParsedInputOf } from '../../shared/contract';
import type { Role } from '../../shared/roles';
import type { CoreState, Session } from './core';
import type { Database } from './db/schema';
import type { Platform } from './platform';

export type Access = 'public' | 'authenticated' | readonly Role[];

/**
 * read: no audit entry. write: one transaction, one audit entry. sensitive: a read that is audited (a view of a
 * sensitive record). auth: changes the lock state; audited, queued in the keyring while the DB is closed.
 */
export type Kind = 'read' | 'write' | 'sensitive' | 'auth';

export interface Ctx {
  platform: Platform;
  core: CoreState;
  now: Date;
  session: Session | null;
  /** the open DB (inside a write, the transaction); throws `auth.not_logged_in` when locked */
  readonly db: Kysely<Database> | Transaction<Database>;
  /** for auth handlers: the account a failed attempt concerns (the registry puts it in the audit entry) */
  auditAccountId?: string | null;
}

export interface Registration<M extends MethodName> {
  access: Access;
  kind: Kind;
  /** audit entity type, e.g. 'account' */
  entity?: string;
  /** audit entity id, from the input or the output */
  entityId?: (input: ParsedInputOf<Contract[M]>, output: MethodOutput<M> | undefined) => string | null;
  handler: (ctx: Ctx, input: ParsedInputOf<Contract[M]>) => Promise<MethodOutput<M>>;
}

export type HandlersFor<P extends string> = {
  [M in MethodName as M extends `${P}.${string}` ? M : never]: Registration<M>;
};

export type Registry = { [M in MethodName]: Registration<M> };
