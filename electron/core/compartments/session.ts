/**
 * What happens to the keys right after the DB opens (login, recovery): a rotation cut short is finished, a keyring
 * v1 is upgraded (compartment keys made, the welfare fields moved into them), a v1 slot becomes a v2 slot, the
 * pending upgrade grants and rotations a holder can do are done, plaintext left by older writers is sealed, and the
 * session keeps only the compartments its roles grant.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Role } from '../../../shared/roles';
import type { CompartmentKey, CoreState } from '../core';
import { makeGrant, newAccountSlot, newRecoverySlot, type Keyring } from '../db/keyring';
import { readDbEpochs, writeDbEpoch } from './epochs';
import {
  accountSlotOf,
  accountsForKeys,
  publicKeyFromAgeRecipient,
  sealBase,
  sealMissing,
  withGrant,
  type OpenedKeys,
} from './keys';
import { COMPARTMENTS, compartmentsFor, type Compartment } from './policy';
import { finishPendingRotations, revokeCompartments, revokeDisabled } from './access';
import { countSealed, rekeyFile, rotateBase, rotateCompartment } from './rotate';
import { buildStatisticsTally, sealPlaintextDocuments, sealPlaintextPupils } from './sweep';
import { moveConfidentialDocuments } from '../documents/sealed';
import { ensureIntakeKey } from '../cases/intake';
import { sealPlaintextTaskTitles } from '../cases/task-titles';

export interface EstablishInput {
  /** the account logging in; null for the recovery key (it then logs in as an account: `grantSessionFor`) */
  accountId: string | null;
  login?: string;
  /** known at a password login: a keyring v1 slot is upgraded with it */
  password?: string;
  opened: OpenedKeys;
  now: Date;
}

/** Picks, per compartment, the opened key of the epoch the DB records (a rotation cut short is settled here). */
async function settleCompartments(core: CoreState, opened: OpenedKeys): Promise<void> {
  const dbEpochs = (await readDbEpochs(core.db)) ?? {};
  let keyring = core.keyring();
  let changed = false;
  for (const c of COMPARTMENTS) {
    const e = dbEpochs[c] ?? keyring.epochs[c];
    if (e === null || e === undefined) continue;
    const k = opened.compartments.find((x) => x.name === c && x.epoch === e);
    if (k) core.holdCompartment(c, k);
    if (keyring.epochs[c] !== e || keyring.grants.some((g) => g.key === c && g.epoch !== e)) {
      keyring = { ...keyring, epochs: { ...keyring.epochs, [c]: e }, grants: keyring.grants.filter((g) => g.key !== c || g.epoch === e) };
      changed = true;
    }
  }
  if (changed) core.saveKeyring(keyring);
}

/** A base rotation cut short: finished if the DB is under the new key, restarted if it is still under the old one. */
async function settleBase(core: CoreState): Promise<void> {
  const k = core.keyring();
  if (!k.baseRotation) return;
  if (core.baseEpoch === k.baseRotation.to) {
    core.saveKeyring({
      ...k,
      epochs: { ...k.epochs, base: k.baseRotation.to },
      baseRotation: null,
      rotateBasePending: false,
      grants: k.grants.filter((g) => g.key !== 'base' || g.epoch === k.baseRotation?.to),
    });
    return;
  }
  core.saveKeyring({ ...k, baseRotation: null, grants: k.grants.filter((g) => g.key !== 'base' || g.epoch === core.baseEpoch) });
  await rotateBase(core);
}

/**
 * Keyring v1 → v2 (the first unlock after the upgrade, by any account: every v1 password opened everything).
 * The compartment keys are made here, sealed to the recovery key's public key (the DB stores it as the backup
 * recipient) and held by this session until the welfare fields are sealed; grants for the accounts follow their
 * roles, at their own next login (v1 slots) or a holder's.
 */
async function upgradeKeyring(core: CoreState, opened: OpenedKeys, roles: Role[] | null): Promise<boolean> {
  const keyring = core.keyring();
  if (keyring.version !== 1) return false;
  // Only a protection holder (or the recovery key) upgrades: it keeps the protection key it makes, so the welfare
  // fields never end up under a key that no account holds. Until then every session reads them as hidden.
  if (roles !== null && !compartmentsFor(roles).includes('protection')) return false;
  const row = await core.db.selectFrom('backup_settings').select('recovery_recipient').where('id', '=', 1).executeTakeFirst();
  const recPub = row?.recovery_recipient ? publicKeyFromAgeRecipient(row.recovery_recipient) : null;
  // without the recovery key's public key, keys made now could be lost: stay v1 until the recovery key is used
  if (!recPub) {
    core.platform.log.warn('keyring.upgrade_deferred', { reason: 'no_recovery_recipient' });
    return false;
  }
  const now = core.platform.now();
  const fresh: ({ name: Compartment } & CompartmentKey)[] = COMPARTMENTS.map((name) => ({ name, epoch: 0, key: crypto.randomBytes(32) }));
  const accounts = await accountsForKeys(core.db);
  const active = new Set(accounts.filter((a) => !a.disabled).map((a) => a.id));
  let next: Keyring = {
    ...keyring,
    version: 2,
    epochs: { base: keyring.epochs.base, protection: 0, confidential: 0 },
    // a disabled account's v1 slot goes (a copy of the old keyring still opens the DB until the next base rotation)
    slots: [
      ...keyring.slots.filter((s) => s.kind === 'account' && s.accountId !== null && active.has(s.accountId)),
      newRecoverySlot(recPub, now),
    ],
    upgradePending: keyring.slots.flatMap((s) => (s.kind === 'account' && s.accountId && active.has(s.accountId) ? [s.accountId] : [])),
  };
  next = sealBase(next, core, 'recovery', recPub);
  for (const k of fresh) next = withGrant(next, 'recovery', recPub, k.name, k);
  // written before any field is sealed: a crash after this never loses a key
  core.saveKeyring(next);
  for (const k of fresh) {
    opened.compartments.push({ ...k, key: Buffer.from(k.key) });
    core.holdCompartment(k.name, k);
    k.key.fill(0);
  }
  await core.db.transaction().execute(async (trx) => {
    for (const c of COMPARTMENTS) await writeDbEpoch(trx, c, 0);
  });
  await sealPlaintextPupils(core);
  sealPreMigrationCopies(core, recPub);
  return true;
}

/**
 * The copies kept in `pre-migration/` before this upgrade hold the welfare fields in plaintext under the data key
 * that every v1 password opens: each is re-keyed to a fresh key sealed to the recovery key only (`<copy>.key.json`),
 * so it can still be restored with the recovery key but a staff password no longer opens it.
 */
function sealPreMigrationCopies(core: CoreState, recPub: Buffer): void {
  const dir = path.join(core.dataDir, 'pre-migration');
  if (!fs.existsSync(dir)) return;
  const keyring = core.keyring();
  const nativeBinding = core.platform.nativeBinding;
  for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.db'))) {
    const file = path.join(dir, f);
    const fresh = crypto.randomBytes(32);
    try {
      const grant = makeGrant(keyring, 'recovery', recPub, 'base', 0, fresh);
      // the sealed key is written first: a crash after it leaves a copy under the old key and an unused key file
      writeFileDurably(`${file}.key.json`, JSON.stringify({ format: 'qorgan-sealed-copy', keyringId: keyring.id, grant }));
      const done = core.withDataKey((key) => rekeyFile(file, key, fresh, nativeBinding));
      if (!done) fs.rmSync(`${file}.key.json`, { force: true });
    } finally {
      fresh.fill(0);
    }
  }
}

function writeFileDurably(file: string, text: string): void {
  const fd = fs.openSync(file, 'w', 0o600);
  try {
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** A v1 account slot becomes a v2 slot (the password is known now): a new pair, the base key sealed to it. */
async function upgradeOwnSlot(core: CoreState, input: EstablishInput, roles: Role[]): Promise<void> {
  if (!input.accountId || !input.password || !input.login || !input.opened.legacy) return;
  const keyring = core.keyring();
  if (keyring.version !== 2) return;
  const { slot, pair } = await newAccountSlot(keyring, input.accountId, input.login, input.password, core.platform.now());
  pair.privateKey.fill(0);
  const fresh = core.keyring(); // re-read: scrypt took a while
  let next: Keyring = { ...fresh, slots: [...fresh.slots.filter((s) => !(s.kind === 'account' && s.accountId === input.accountId)), slot] };
  next = sealBase(next, core, input.accountId, pair.publicKey);
  // the upgrade's own unlocker holds the new compartment keys: its roles' share is sealed to it at once
  const sealed = sealMissing(next, core, { id: input.accountId, roles, disabled: false });
  next = sealed.keyring;
  if (sealed.missing.length === 0) next = { ...next, upgradePending: next.upgradePending.filter((id) => id !== input.accountId) };
  core.saveKeyring(next);
}

/** Upgrade grants (accounts trusted before the upgrade) are sealed by the first holder without a confirmation. */
async function fulfilUpgradeGrants(core: CoreState): Promise<void> {
  let keyring = core.keyring();
  if (keyring.upgradePending.length === 0) return;
  const accounts = await accountsForKeys(core.db);
  const left: string[] = [];
  for (const id of keyring.upgradePending) {
    const a = accounts.find((x) => x.id === id);
    if (!a || a.disabled) continue;
    const r = sealMissing(keyring, core, a);
    keyring = r.keyring;
    if (r.missing.length > 0 || !accountSlotOf(keyring, id)) left.push(id);
  }
  core.saveKeyring({ ...keyring, upgradePending: left });
}

/**
 * A compartment the account's roles grant, that no active account holds (e.g. `confidential` after an upgrade by
 * the director) and under which nothing is stored yet, is simply made anew by this account: nothing can leak.
 */
async function recreateEmptyCompartments(core: CoreState, accountId: string, roles: Role[]): Promise<void> {
  const keyring = core.keyring();
  if (keyring.version !== 2) return;
  const accounts = await accountsForKeys(core.db);
  for (const c of compartmentsFor(roles)) {
    if (core.compartmentKey(c)) continue;
    const held = accounts.some((a) => !a.disabled && a.id !== accountId && keyring.grants.some((g) => g.recipient === a.id && g.key === c && g.epoch === keyring.epochs[c]));
    if (held || (await countSealed(core, c)) > 0) continue;
    await rotateCompartment(core, c, { empty: true });
  }
}

/** The DB is the truth: a disabled account that still has grants (a crash right after the commit) loses them now. */
async function reconcileDisabled(core: CoreState): Promise<void> {
  const keyring = core.keyring();
  const accounts = await accountsForKeys(core.db);
  const stale = accounts.filter((a) => a.disabled && keyring.grants.some((g) => g.recipient === a.id));
  if (stale.length > 0) revokeDisabled(core, stale);
  // a role removed right before a crash: its compartment grants go, the compartment rotates
  for (const a of accounts.filter((x) => !x.disabled)) {
    const allowed = compartmentsFor(a.roles);
    const extra = [...new Set(core.keyring().grants.filter((g) => g.recipient === a.id && g.key !== 'base').map((g) => g.key))].filter(
      (x): x is Compartment => x !== 'base' && !allowed.includes(x),
    );
    if (extra.length > 0) revokeCompartments(core, a.id, extra);
  }
}

/** After the DB opened: everything above, then the session keeps only its roles' compartments. */
export async function establishKeys(core: CoreState, input: EstablishInput, roles: Role[] | null): Promise<void> {
  try {
    await settleBase(core);
    await upgradeKeyring(core, input.opened, roles);
    await settleCompartments(core, input.opened);
    if (roles) await upgradeOwnSlot(core, input, roles);
    if (roles && input.accountId) await recreateEmptyCompartments(core, input.accountId, roles);
    await fulfilUpgradeGrants(core);
    await reconcileDisabled(core);
    await finishPendingRotations(core);
    await sealPlaintextPupils(core);
    await sealPlaintextDocuments(core);
    // the safety-plan sheet out of `protection` into `confidential` (documents/sealed.ts, migration 0022)
    await moveConfidentialDocuments(core.db, core, core.platform.now());
    await sealPlaintextTaskTitles(core.db, core);
    // the sealed monthly tally of the statistics, built by the first protection holder after migration 0023
    await buildStatisticsTally(core);
    // a protection holder renews the concern intake pair after a rotation of `protection` (cases/intake.ts)
    await ensureIntakeKey(core.db, core, core.platform.now());
    if (input.accountId && input.opened.account) core.holdAccountKey(input.accountId, input.opened.account);
  } finally {
    wipeAll(input.opened);
  }
  if (roles) keepOnly(core, roles);
}

/** Drops the compartments these roles do not grant from the session. */
export function keepOnly(core: CoreState, roles: Role[]): void {
  const allowed = compartmentsFor(roles);
  for (const c of core.heldCompartments()) if (!allowed.includes(c)) core.dropCompartment(c);
}

function wipeAll(o: OpenedKeys): void {
  for (const b of o.base) b.key.fill(0);
  for (const c of o.compartments) c.key.fill(0);
  o.account?.fill(0);
}
