/**
 * Who holds which key: opening an account's (or the recovery key's) grants at login, sealing grants to other
 * accounts, and the pending grants that a holder confirms. The policy (role → compartments) is in policy.ts.
 */
import { bech32 } from '@scure/base';
import { z } from 'zod';
import { roleSchema, type Role } from '../../../shared/roles';
import type { CompartmentKey, CoreState } from '../core';
import {
  baseEpochs,
  makeGrant,
  openAccountSlot,
  openBaseCandidates,
  openGrant,
  recoveryPrivateKey,
  unwrapKey,
  unwrapWithRecovery,
  deriveFromPassword,
  type AccountSlot,
  type Grant,
  type Keyring,
  type KeySlot,
} from '../db/keyring';
import type { Db } from '../db/types';
import { compartmentsFor, type Compartment, type KeyName } from './policy';

/** The keys a login opened, before the DB is open. Wipe with `wipeOpened` once the session holds copies. */
export interface OpenedKeys {
  /** base-key candidates, newest epoch first (two during a rotation) */
  base: { epoch: number; key: Buffer }[];
  /** every compartment grant opened, every epoch (the DB's record of the current epoch chooses: session.ts) */
  compartments: ({ name: Compartment } & CompartmentKey)[];
  /** the slot was a keyring v1 slot (to be upgraded with the password now) */
  legacy: boolean;
  /** the account's own X25519 private key (a v2 password login), for what is sealed to the account alone */
  account?: Buffer;
}

export function wipeOpened(o: OpenedKeys): void {
  for (const b of o.base) b.key.fill(0);
  for (const c of o.compartments) c.key.fill(0);
  o.compartments.length = 0;
  o.account?.fill(0);
  delete o.account;
}

function openCompartments(keyring: Keyring, recipient: string, privateKey: Buffer): OpenedKeys['compartments'] {
  const out: OpenedKeys['compartments'] = [];
  for (const g of keyring.grants) {
    if (g.recipient !== recipient || g.key === 'base') continue;
    const key = openGrant(keyring, g, privateKey);
    if (key) out.push({ name: g.key, epoch: g.epoch, key });
  }
  return out;
}

/**
 * The keys a password opens through its slot; null for a wrong password; 'no_grants' when the password is right
 * but no data key is sealed to the account any more (disabled).
 */
export async function openWithPassword(keyring: Keyring, slot: KeySlot, password: string): Promise<OpenedKeys | 'no_grants' | null> {
  if (slot.v === 1) {
    const kek = await deriveFromPassword(password, Buffer.from(slot.salt, 'base64'), keyring.kdf);
    const key = unwrapKey(keyring, slot, kek);
    kek.fill(0);
    return key ? { base: [{ epoch: keyring.epochs.base, key }], compartments: [], legacy: true } : null;
  }
  if (slot.kind !== 'account') return null;
  const priv = await openAccountSlot(keyring, slot, password);
  if (!priv) return null;
  try {
    const base = openBaseCandidates(keyring, slot.accountId, priv);
    if (base.length === 0) return 'no_grants';
    return { base, compartments: openCompartments(keyring, slot.accountId, priv), legacy: false, account: Buffer.from(priv) };
  } finally {
    priv.fill(0);
  }
}

export function openWithRecoveryKey(keyring: Keyring, recovery: Buffer): OpenedKeys | null {
  const priv = recoveryPrivateKey(recovery);
  try {
    const base = openBaseCandidates(keyring, 'recovery', priv);
    if (base.length > 0) return { base, compartments: openCompartments(keyring, 'recovery', priv), legacy: false };
  } finally {
    priv.fill(0);
  }
  // a keyring v1 recovery slot (not upgraded yet)
  const key = unwrapWithRecovery(keyring, recovery);
  return key ? { base: [{ epoch: keyring.epochs.base, key }], compartments: [], legacy: true } : null;
}

export function accountSlotOf(keyring: Keyring, accountId: string): AccountSlot | null {
  const s = keyring.slots.find((x): x is AccountSlot => x.v === 2 && x.kind === 'account' && x.accountId === accountId);
  return s ?? null;
}

export function recoveryPublicKey(keyring: Keyring): Buffer | null {
  const s = keyring.slots.find((x) => x.v === 2 && x.kind === 'recovery');
  return s && s.v === 2 && s.kind === 'recovery' ? Buffer.from(s.publicKey, 'base64') : null;
}

/** The X25519 public key of an age recipient (`age1…`), as the DB stores the backup recipient. */
export function publicKeyFromAgeRecipient(recipient: string): Buffer | null {
  try {
    const d = bech32.decodeToBytes(recipient);
    return d.prefix === 'age' && d.bytes.length === 32 ? Buffer.from(d.bytes) : null;
  } catch {
    return null;
  }
}

/** Adds (or replaces) the grant of `name` at `k.epoch` for a recipient. */
export function withGrant(keyring: Keyring, recipient: string, publicKey: Buffer, name: KeyName, k: CompartmentKey): Keyring {
  const g: Grant = makeGrant(keyring, recipient, publicKey, name, k.epoch, k.key);
  return {
    ...keyring,
    grants: [...keyring.grants.filter((x) => !(x.recipient === recipient && x.key === name && x.epoch === k.epoch)), g],
  };
}

export function withoutGrants(keyring: Keyring, recipient: string, names?: readonly KeyName[]): Keyring {
  return { ...keyring, grants: keyring.grants.filter((g) => g.recipient !== recipient || (names !== undefined && !names.includes(g.key))) };
}

export function hasGrant(keyring: Keyring, recipient: string, name: KeyName): boolean {
  const epoch = name === 'base' ? keyring.epochs.base : keyring.epochs[name];
  return epoch !== null && keyring.grants.some((g) => g.recipient === recipient && g.key === name && g.epoch === epoch);
}

const rolesJson = z.array(roleSchema);

export interface AccountKeysRow {
  id: string;
  roles: Role[];
  disabled: boolean;
}

export async function accountsForKeys(db: Db): Promise<AccountKeysRow[]> {
  const rows = await db.selectFrom('accounts').select(['id', 'roles', 'disabled']).execute();
  return rows.map((r) => ({ id: r.id, roles: rolesJson.parse(JSON.parse(r.roles)), disabled: r.disabled === 1 }));
}

/** Compartments an active account should hold but has no grant for (at the current epoch). */
export function missingCompartments(keyring: Keyring, account: AccountKeysRow): Compartment[] {
  if (account.disabled) return [];
  return compartmentsFor(account.roles).filter((c) => !hasGrant(keyring, account.id, c));
}

/**
 * Seals to an account every compartment its roles grant that it lacks and the session holds. Returns the keyring
 * and what is still missing (the session does not hold it, or the account has no v2 slot yet).
 */
export function sealMissing(keyring: Keyring, core: CoreState, account: AccountKeysRow): { keyring: Keyring; missing: Compartment[] } {
  const slot = accountSlotOf(keyring, account.id);
  const missing = missingCompartments(keyring, account);
  if (!slot) return { keyring, missing };
  const pub = Buffer.from(slot.publicKey, 'base64');
  let k = keyring;
  const still: Compartment[] = [];
  for (const c of missing) {
    const held = core.compartmentKey(c);
    if (held && held.epoch === keyring.epochs[c]) k = withGrant(k, account.id, pub, c, held);
    else still.push(c);
  }
  return { keyring: k, missing: still };
}

/** The current base key sealed to an account's public key (every active account holds it). */
export function sealBase(keyring: Keyring, core: CoreState, accountId: string, publicKey: Buffer): Keyring {
  return core.withDataKey((key) => {
    let k = keyring;
    for (const e of baseEpochs(keyring)) {
      if (e === core.baseEpoch) k = withGrant(k, accountId, publicKey, 'base', { epoch: e, key });
    }
    return k;
  });
}

export { compartmentsFor };
