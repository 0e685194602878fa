/**
 * The login throttle: failed passwords per login hash, with a growing delay. The counts live in the sealed queue
 * beside the keyring (electron/core/audit/pending.ts): the locked app enforces them from there, and the next unlock
 * recomputes them from the sealed failures, so a count cleared by editing the file is put back and logged.
 * Login, `auth.changePassword` and `auth.newRecoveryKey` share it.
 */
import { queueClear, queueFailure, readThrottle } from '../audit/pending';

/** Failures allowed before the delay starts. */
export const FREE_FAILURES = 5;
const MAX_DELAY_S = 300;

/** Seconds to wait after `failures` failed logins: none for the first five, then 2, 4, 8 … up to 5 minutes. */
export function delaySeconds(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(MAX_DELAY_S, 2 ** (failures - FREE_FAILURES + 1));
}

export function retryAfterSeconds(dataDir: string, hash: string, now: Date): number {
  const t = readThrottle(dataDir)[hash];
  if (!t) return 0;
  const last = new Date(t.lastFailureAt).getTime();
  // an unreadable or future time (edited file, clock turned back) waits the full delay from now
  const from = Number.isFinite(last) && last <= now.getTime() ? last : now.getTime();
  const until = from + delaySeconds(t.failures) * 1000;
  return Math.max(0, Math.ceil((until - now.getTime()) / 1000));
}

export function recordFailure(dataDir: string, hash: string, now: Date): void {
  queueFailure(dataDir, hash, now);
}

export function clearFailures(dataDir: string, hash: string, now: Date): void {
  queueClear(dataDir, hash, now);
}
