/**
 * Changes of access that touch keys (accounts.create/update/resetPassword call these): what is sealed at once,
 * what waits for a holder's confirmation, and what is rotated after the write commits.
 */
import crypto from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Role } from '../../../shared/roles';
import type { CoreState } from '../core';
import type { Database } from '../db/schema';
import { accountSlotOf, sealBase, withoutGrants } from './keys';
import { compartmentsFor, isProtectionRole, type Compartment } from './policy';
import { rotateBase, rotateCompartment, type Progress } from './rotate';

type Db = Kysely<Database> | Transaction<Database>;

export async function addNotice(
  db: Db,
  kind: 'role_granted' | 'password_reset',
  accountId: string,
  by: string | null,
  roles: Role[],
  now: Date,
): Promise<void> {
  await db
    .insertInto('key_notices')
    .values({ id: crypto.randomUUID(), kind, account_id: accountId, by_account_id: by, roles: JSON.stringify(roles), at: now.toISOString(), acknowledged_at: null, acknowledged_by: null })
    .execute();
}

/** Roles granted that hold a compartment: shown to the director until acknowledged. */
export async function noticeGrantedRoles(db: Db, accountId: string, by: string | null, before: Role[], after: Role[], now: Date): Promise<void> {
  const added = after.filter((r) => !before.includes(r) && isProtectionRole(r));
  if (added.length > 0) await addNotice(db, 'role_granted', accountId, by, added, now);
}

/** A compartment loses a holder: re-encrypted now if this session holds it, else at the next holder's unlock. */
async function rotateOrDefer(core: CoreState, lost: Compartment[]): Promise<void> {
  for (const c of lost) {
    if (core.compartmentKey(c)) await rotateCompartment(core, c);
    else {
      const k = core.keyring();
      if (!k.rotatePending.includes(c)) core.saveKeyring({ ...k, rotatePending: [...k.rotatePending, c] });
    }
  }
}

/** Roles removed: the grants of the compartments no longer granted go, and those compartments rotate (after commit). */
export function afterRolesRemoved(core: CoreState, accountId: string, before: Role[], after: Role[]): void {
  const lost = compartmentsFor(before).filter((c) => !compartmentsFor(after).includes(c));
  if (lost.length === 0) return;
  core.afterCommit(async () => {
    core.saveKeyring(withoutGrants(core.keyring(), accountId, lost));
    await rotateOrDefer(core, lost);
  });
}

/**
 * Disabled: every grant of the account goes, the compartments it held rotate, and the base key is rotated (SQLCipher
 * re-key), so that a copy of the old keyring opens nothing in the current files.
 */
export function afterDisabled(core: CoreState, accountId: string, roles: Role[], progress?: Progress): void {
  core.afterCommit(async () => {
    const k = core.keyring();
    core.saveKeyring({ ...withoutGrants(k, accountId), upgradePending: k.upgradePending.filter((id) => id !== accountId) });
    await rotateOrDefer(core, compartmentsFor(roles));
    await rotateBase(core, progress);
  });
}

/** Enabled again: the base key is sealed to it (any account holds it); its compartments wait for a holder. */
export function afterEnabled(core: CoreState, accountId: string): void {
  const k = core.keyring();
  const slot = accountSlotOf(k, accountId);
  if (slot) core.saveKeyring(sealBase(k, core, accountId, Buffer.from(slot.publicKey, 'base64')));
}
