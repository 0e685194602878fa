import type { Keyring } from '../db/keyring';

/** Failures allowed before the delay starts. */
export const FREE_FAILURES = 5;
const MAX_DELAY_S = 300;

/** Seconds to wait after `failures` failed logins: none for the first five, then 2, 4, 8 … up to 5 minutes. */
export function delaySeconds(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(MAX_DELAY_S, 2 ** (failures - FREE_FAILURES + 1));
}

export function retryAfterSeconds(keyring: Keyring, hash: string, now: Date): number {
  const t = keyring.throttle[hash];
  if (!t) return 0;
  const until = new Date(t.lastFailureAt).getTime() + delaySeconds(t.failures) * 1000;
  return Math.max(0, Math.ceil((until - now.getTime()) / 1000));
}

export function recordFailure(keyring: Keyring, hash: string, now: Date): Keyring {
  const prev = keyring.throttle[hash]?.failures ?? 0;
  return { ...keyring, throttle: { ...keyring.throttle, [hash]: { failures: prev + 1, lastFailureAt: now.toISOString() } } };
}

export function clearFailures(keyring: Keyring, hash: string): Keyring {
  const throttle = { ...keyring.throttle };
  delete throttle[hash];
  return { ...keyring, throttle };
}
