/**
 * The access gate: the one place where a declared access is compared with the session's roles. The registry
 * (electron/core/api.ts) runs it before every call; `capabilities.mine` applies it to the methods behind the named
 * capabilities, so a screen's hints and a call's answer come from the same decision.
 */
import type { Role } from '../../shared/roles';
import type { CoreState } from './core';
import type { Access } from './registry';

/** The access that applies now: a `beforeSetUp`/`afterSetUp` declaration resolves by whether the school is set up. */
export function effectiveAccess(access: Access, isSetUp: () => boolean): 'public' | 'authenticated' | readonly Role[] {
  if (typeof access === 'object' && 'afterSetUp' in access) return isSetUp() ? access.afterSetUp : access.beforeSetUp;
  return access;
}

/** The access gate: the one place where roles are compared. */
export function gate(access: Access, core: Pick<CoreState, 'session' | 'isUnlocked' | 'isSetUp'>): 'ok' | 'not_logged_in' | 'forbidden' {
  const a = effectiveAccess(access, () => core.isSetUp);
  if (a === 'public') return 'ok';
  if (!core.session || !core.isUnlocked) return 'not_logged_in';
  if (a === 'authenticated') return 'ok';
  return core.session.roles.some((r) => a.includes(r)) ? 'ok' : 'forbidden';
}

/** A record guard's bypass: true when the session holds one of the roles that skip the guard (the whole school's
 *  work lists for a director, retiring anyone's certificate…). The registry asks it before running a guard, and
 *  `capabilities.mine` for the capabilities that are such a bypass. */
export function bypassesGuard(bypass: readonly Role[], core: Pick<CoreState, 'session'>): boolean {
  return core.session?.roles.some((r) => bypass.includes(r)) ?? false;
}
