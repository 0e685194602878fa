/**
 * Types of the one handler registry (electron/core/api.ts). A feature exports `HandlersFor<'feature'>` from
 * electron/core/<feature>/handlers.ts.
 *
 * Everything that decides who may call a method is declared here, in the registration — roles (`access`), a check
 * on the record itself (`guard`, e.g. "only the uploader") and the class scope of class teachers (`scope`) — so
 * that `docs/access-matrix.md` (generated from the registry) is the whole truth. Handlers do no access checks.
 */
import type { Contract, MethodName, MethodOutput } from '../../shared/api';
import type { ClassRef } from '../../shared/accounts';
import type { ParsedInputOf } from '../../shared/contract';
import type { Role } from '../../shared/roles';
import type { CoreState, Session } from './core';
import type { Db } from './db/types';
import type { Platform } from './platform';

/**
 * public: anyone, also while locked. authenticated: any logged-in account. Roles: an account holding one of them.
 * `{ beforeSetUp: 'public', afterSetUp: roles }`: anyone on a fresh install (nothing to protect yet, e.g. restoring a
 * backup onto a new PC), the listed roles once the school is set up.
 */
export type Access = 'public' | 'authenticated' | readonly Role[] | { readonly beforeSetUp: 'public'; readonly afterSetUp: readonly Role[] };

/**
 * read: no audit entry. write: one transaction, one audit entry. sensitive: a read that is audited (a view of a
 * sensitive record). list: a list read of persons' data, audited with ONE entry per call (method, the filter in
 * neutral form, the count — never a search text or a name). auth: changes the lock state; audited, queued in the
 * keyring while the DB is closed.
 */
export type Kind = 'read' | 'write' | 'sensitive' | 'list' | 'auth';

export interface Ctx {
  platform: Platform;
  core: CoreState;
  now: Date;
  session: Session | null;
  /** the open DB (inside a write, the transaction); throws `auth.not_logged_in` when locked */
  readonly db: Db;
  /**
   * For methods registered with `scope: 'classes'`: the classes the caller is limited to (a class teacher: the
   * classes tied to the account, possibly none), or null when the caller's roles see the whole school.
   */
  classScope: readonly ClassRef[] | null;
  /**
   * Whether the caller holds a role — for what a handler shows or which data rule applies (the director sees the key
   * notices; a signature slot named by role). Refusals never come from it: they are declared in the registration
   * (access, guard, scope) so that docs/access-matrix.md is the whole truth.
   */
  hasRole: (role: Role) => boolean;
  /** for auth handlers: the account a failed attempt concerns (the registry puts it in the audit entry) */
  auditAccountId?: string | null;
}

/** A check on the record a call concerns, beyond the roles; a failed check is `auth.forbidden`, audited as denied. */
export interface Guard<M extends MethodName> {
  /** what the access matrix says about the check, e.g. 'the uploader' */
  rule: string;
  /** roles that pass without the check (e.g. an editor role may delete anyone's evidence) */
  bypass: readonly Role[];
  /** 'class_scope': the check applies only to a class-scoped caller (`ctx.classScope` not null) */
  appliesTo?: 'class_scope';
  /** true when the caller may go on; a record that does not exist passes (the handler answers `not_found`) */
  check: (ctx: Ctx, input: ParsedInputOf<Contract[M]>) => Promise<boolean>;
}

/** What a list read writes to the audit: the filter in neutral form and the number of records returned. */
export interface ListAudit {
  filter: Record<string, string | number | boolean | null>;
  count: number;
}

export interface Registration<M extends MethodName> {
  access: Access;
  kind: Kind;
  /**
   * 'classes': an account whose only roles granting this method are class-scoped (class_teacher) sees only the
   * pupils of its own classes and no protection fields; the registry resolves `ctx.classScope`.
   */
  scope?: 'classes';
  guard?: Guard<M>;
  /** audit entity type, e.g. 'account' */
  entity?: string;
  /** audit entity id, from the input or the output */
  entityId?: (input: ParsedInputOf<Contract[M]>, output: MethodOutput<M> | undefined) => string | null;
  /**
   * kind 'write': facts written with the audit entry (counts, codes — never a name or record text), e.g. what a
   * retention purge deleted
   */
  auditDetails?: (input: ParsedInputOf<Contract[M]>, output: MethodOutput<M>) => Record<string, string | number | boolean | null>;
  /** kind 'list': the neutral filter and the count written to the audit entry */
  listAudit?: (input: ParsedInputOf<Contract[M]>, output: MethodOutput<M>) => ListAudit;
  handler: (ctx: Ctx, input: ParsedInputOf<Contract[M]>) => Promise<MethodOutput<M>>;
}

export type HandlersFor<P extends string> = {
  [M in MethodName as M extends `${P}.${string}` ? M : never]: Registration<M>;
};

export type Registry = { [M in MethodName]: Registration<M> };
