/**
 * Changes of access that touch keys (accounts.create/update/resetPassword call these): what is sealed at once,
 * what waits for a holder's confirmation, and what is rotated after the write commits.
 */
import crypto from 'node:crypto';
import type { Role } from '../../../shared/roles';
import type { CoreState } from '../core';
import type { Db } from '../db/types';
import { accountSlotOf, sealBase, withoutGrants } from './keys';
import { compartmentsFor, isProtectionRole, type Compartment } from './policy';
import { rotateBase, rotateCompartment, type Progress } from './rotate';

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

/** Roles removed: the grants of the compartments no longer granted go, and those compartments rotate (after commit). */
export function afterRolesRemoved(core: CoreState, accountId: string, before: Role[], after: Role[]): void {
  const lost = compartmentsFor(before).filter((c) => !compartmentsFor(after).includes(c));
  if (lost.length === 0) return;
  core.afterCommit(async () => {
    revokeCompartments(core, accountId, lost);
    await finishPendingRotations(core);
  });
}

/** The grants go and the rotations are marked pending in one keyring write (a crash after it is finished at unlock). */
export function revokeCompartments(core: CoreState, accountId: string, lost: Compartment[]): void {
  const k = withoutGrants(core.keyring(), accountId, lost);
  core.saveKeyring({ ...k, rotatePending: [...new Set([...k.rotatePending, ...lost])] });
}

/**
 * Disabled: every grant of the account goes, the compartments it held rotate, and the base key is rotated (SQLCipher
 * re-key), so that a copy of the old keyring opens nothing in the current files.
 */
export function afterDisabled(core: CoreState, accountId: string, roles: Role[], progress?: Progress): void {
  core.afterCommit(async () => {
    revokeDisabled(core, [{ id: accountId, roles }]);
    await finishPendingRotations(core, progress);
  });
}

/**
 * Every grant of the disabled accounts goes, and — in the same keyring write — the rotations they need are marked
 * pending, so that a crash before they run is finished at the next unlock.
 */
export function revokeDisabled(core: CoreState, accounts: { id: string; roles: Role[] }[]): void {
  let k = core.keyring();
  for (const a of accounts) {
    const held = [...new Set(k.grants.filter((g) => g.recipient === a.id && g.key !== 'base').map((g) => g.key))].filter((x): x is Compartment => x !== 'base');
    k = { ...withoutGrants(k, a.id), upgradePending: k.upgradePending.filter((id) => id !== a.id) };
    k = { ...k, rotateBasePending: true, rotatePending: [...new Set([...k.rotatePending, ...held, ...compartmentsFor(a.roles)])] };
  }
  core.saveKeyring(k);
}

/** Runs the rotations marked pending that this session can do (compartments it holds; the base key always). */
export async function finishPendingRotations(core: CoreState, progress?: Progress): Promise<void> {
  for (const c of core.keyring().rotatePending) if (core.compartmentKey(c)) await rotateCompartment(core, c);
  if (core.keyring().rotateBasePending) await rotateBase(core, progress);
}

/** Enabled again: the base key is sealed to it (any account holds it); its compartments wait for a holder. */
export function afterEnabled(core: CoreState, accountId: string): void {
  const k = core.keyring();
  const slot = accountSlotOf(k, accountId);
  if (slot) core.saveKeyring(sealBase(k, core, accountId, Buffer.from(slot.publicKey, 'base64')));
}
