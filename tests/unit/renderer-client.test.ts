/**
 * The renderer's typed client over window.qorgan: values pass through, failures become ApiError with the core's
 * code (anything unknown, or a bridge that throws, becomes `internal`), and the throttle wait is read in seconds.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Result } from '../../shared/errors';
import { ApiError, invoke, waitSeconds } from '../../renderer/src/api/client';
import { canUse, routes } from '../../renderer/src/app/routes';
import { registry } from '../../electron/core/api';
import { capabilitiesOf } from '../../electron/core/capabilities/handlers';
import type { Role } from '../../shared/roles';

/** what the core answers `capabilities.mine` for an account with these roles */
function can(roles: Role[]) {
  return capabilitiesOf(registry, { session: { accountId: 'a', login: 'x', displayName: 'x', roles, language: 'kk' }, isUnlocked: true, isSetUp: true });
}

type Invoke = (method: string, input: unknown) => Promise<Result<unknown>>;
const g = globalThis as unknown as { window?: { qorgan: { invoke: Invoke; onLocked: () => () => void } } };

function bridge(invokeImpl: Invoke) {
  g.window = { qorgan: { invoke: invokeImpl, onLocked: () => () => undefined } };
}

afterEach(() => {
  delete g.window;
});

describe('typed client', () => {
  it('returns the value and sends the method and input unchanged', async () => {
    const calls: [string, unknown][] = [];
    bridge(async (m, i) => {
      calls.push([m, i]);
      return { ok: true, value: { idleLockMinutes: 7 } };
    });
    expect(await invoke('settings.get', {})).toEqual({ idleLockMinutes: 7 });
    expect(calls).toEqual([['settings.get', {}]]);
  });

  it('throws an ApiError with the code and details of a failure', async () => {
    bridge(async () => ({
      ok: false,
      error: { code: 'auth.throttled', message: 'too many failed logins', details: { retryAfterSeconds: 8 } },
    }));
    const e = await invoke('auth.login', { login: 'someone', password: 'x' }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).code).toBe('auth.throttled');
    expect(waitSeconds(e as ApiError)).toBe(8);
  });

  it('maps an unknown code and a throwing bridge to internal', async () => {
    bridge(async () => ({ ok: false, error: { code: 'no.such_code' as 'internal', message: 'x' } }));
    await expect(invoke('auth.status', {})).rejects.toMatchObject({ code: 'internal' });
    bridge(async () => {
      throw new Error('channel closed');
    });
    await expect(invoke('auth.status', {})).rejects.toMatchObject({ code: 'internal' });
  });
});

describe('routes', () => {
  it('shows administrator screens only to administrators and keeps home and settings for everyone', () => {
    const accounts = routes.find((r) => r.path === '/accounts');
    const home = routes.find((r) => r.path === '/');
    expect(accounts && canUse(accounts, can(['administrator']))).toBe(true);
    expect(accounts && canUse(accounts, can(['class_teacher', 'psychologist']))).toBe(false);
    expect(home && canUse(home, can(['class_teacher']))).toBe(true);
    // nothing answered yet: only the screens open to everyone
    expect(accounts && canUse(accounts, null)).toBe(false);
    expect(home && canUse(home, null)).toBe(true);
    expect(new Set(routes.map((r) => r.path)).size).toBe(routes.length);
  });
});
