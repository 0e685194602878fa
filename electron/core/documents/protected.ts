/**
 * Documents about one child's welfare (shared/documents.ts `PROTECTED_DOCUMENT_KINDS`, e.g. an individual
 * prevention plan) are for the holders of the protection compartment only: the registry's guard on the methods
 * that open one, and the register's list hides them from everyone else.
 */
import { CONFIDENTIAL_DOCUMENT_KINDS, PROTECTED_DOCUMENT_KINDS } from '../../../shared/documents';
import type { KeySource } from '../core';
import type { Db } from '../db/types';
import type { Guard } from '../registry';

type ById = 'documents.get' | 'documents.pdf' | 'documents.open' | 'documents.saveCopy' | 'documents.print';

export function holdsProtection(keys: KeySource): boolean {
  return keys.compartmentKey('protection') !== null;
}

/** The kinds a session may not see in the register (none for a holder of the protection compartment). */
export function hiddenDocumentKinds(keys: KeySource): readonly string[] {
  if (!holdsProtection(keys)) return PROTECTED_DOCUMENT_KINDS;
  return keys.compartmentKey('confidential') === null ? CONFIDENTIAL_DOCUMENT_KINDS : [];
}

async function isHidden(db: Db, keys: KeySource, id: string): Promise<boolean> {
  const r = await db.selectFrom('documents').select('kind').where('id', '=', id).executeTakeFirst();
  return r !== undefined && hiddenDocumentKinds(keys).includes(r.kind);
}

export function protectedDocumentGuard<M extends ById>(): Guard<M> {
  return {
    rule: 'a welfare document (prevention plan …): holders of the protection compartment only (a safety plan sheet: of the confidential one)',
    bypass: [],
    check: async (ctx, input) => !(await isHidden(ctx.db, ctx.core, input.id)),
  };
}
