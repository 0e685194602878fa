import { z } from 'zod';
import type { KeyNotice } from '../../../shared/keys';
import { roleSchema } from '../../../shared/roles';
import type { CoreState } from '../core';
import { AppError } from '../errors';
import type { Ctx, HandlersFor } from '../registry';
import { accountSlotOf, accountsForKeys, missingCompartments, sealMissing } from './keys';
import { COMPARTMENT_ROLES } from './policy';

/** Holders of a compartment may confirm pending grants; the director also sees (and acknowledges) the notices. */
const HOLDERS = [...new Set([...COMPARTMENT_ROLES.protection, ...COMPARTMENT_ROLES.confidential])];
const rolesJson = z.array(roleSchema);

async function notices(ctx: Ctx): Promise<KeyNotice[]> {
  const { db, core } = ctx;
  const keyring = core.keyring();
  const accounts = await accountsForKeys(db);
  const names = new Map((await db.selectFrom('accounts').select(['id', 'display_name']).execute()).map((r) => [r.id, r.display_name]));
  const isDirector = ctx.hasRole('director');
  const out: KeyNotice[] = [];
  const seen = new Set<string>();
  const state = (accountId: string) => {
    const a = accounts.find((x) => x.id === accountId);
    const slot = accountSlotOf(keyring, accountId);
    return { pending: a ? missingCompartments(keyring, a) : [], waits: slot?.mustChangePassword != null };
  };
  if (isDirector) {
    const rows = await db.selectFrom('key_notices').selectAll().where('acknowledged_at', 'is', null).orderBy('at').execute();
    for (const r of rows) {
      const s = state(r.account_id);
      seen.add(r.account_id);
      out.push({
        id: r.id,
        kind: r.kind,
        accountId: r.account_id,
        accountName: names.get(r.account_id) ?? '',
        byName: r.by_account_id ? (names.get(r.by_account_id) ?? null) : null,
        roles: rolesJson.parse(JSON.parse(r.roles)),
        at: r.at,
        pending: s.pending,
        waitsForPasswordChange: s.waits,
      });
    }
  }
  // pending grants this session could seal (no notice, e.g. a confidential grant the director cannot give)
  for (const a of accounts) {
    if (seen.has(a.id) || a.disabled) continue;
    const s = state(a.id);
    const mine = s.pending.filter((c) => core.compartmentKey(c) !== null);
    if (mine.length === 0) continue;
    out.push({ id: null, kind: 'pending', accountId: a.id, accountName: names.get(a.id) ?? '', byName: null, roles: a.roles, at: null, pending: s.pending, waitsForPasswordChange: s.waits });
  }
  return out;
}

/** Seals to the account what it lacks and this session holds; the director's acknowledgement closes its notices. */
async function acknowledge(ctx: Ctx, core: CoreState, accountId: string): Promise<void> {
  const accounts = await accountsForKeys(ctx.db);
  const a = accounts.find((x) => x.id === accountId);
  if (!a) throw new AppError('not_found', 'no such account');
  const keyring = core.keyring();
  const slot = accountSlotOf(keyring, accountId);
  const missing = missingCompartments(keyring, a);
  if (missing.length > 0) {
    if (!slot || slot.mustChangePassword) throw new AppError('keys.not_holder', 'the account must first choose its own password');
    if (!missing.some((c) => core.compartmentKey(c))) throw new AppError('keys.not_holder', 'this session holds none of the keys the account waits for');
    core.saveKeyring(sealMissing(keyring, core, a).keyring);
  }
  if (ctx.hasRole('director') && ctx.session) {
    await ctx.db
      .updateTable('key_notices')
      .set({ acknowledged_at: ctx.now.toISOString(), acknowledged_by: ctx.session.accountId })
      .where('account_id', '=', accountId)
      .where('acknowledged_at', 'is', null)
      .execute();
  }
}

export const keysHandlers: HandlersFor<'keys'> = {
  'keys.notices': { access: HOLDERS, kind: 'read', handler: async (ctx) => notices(ctx) },
  'keys.acknowledge': {
    access: HOLDERS,
    kind: 'write',
    entity: 'account',
    entityId: (input) => input.accountId,
    handler: async (ctx, input) => {
      await acknowledge(ctx, ctx.core, input.accountId);
      return notices(ctx);
    },
  },
};
