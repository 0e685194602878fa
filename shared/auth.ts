import { z } from 'zod';
import { method } from './contract';
import { languageSchema, roleSchema, type Language, type Role } from './roles';
import { schoolProfileSchema } from './school';
import { installModeSchema, type InstallMode } from './install-mode';

export const loginSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,32}$/, 'login: 3–32 latin letters, digits, dot, dash, underscore');
/** The one password rule (accounts, recovery, certificate keys): at least 8 characters, at most 256. */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;
export const passwordSchema = z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH);

/** What is wrong with a new password, by the rule above (null: nothing). */
export function passwordProblem(password: string): 'too_short' | 'too_long' | null {
  if (password.length < PASSWORD_MIN_LENGTH) return 'too_short';
  if (password.length > PASSWORD_MAX_LENGTH) return 'too_long';
  return null;
}
export const displayNameSchema = z.string().trim().min(1).max(200);
export const rolesSchema = z.array(roleSchema).min(1).max(7);

/** 52 Crockford base32 characters (256 bits + checksum bits), written in groups of four with dashes. */
export const recoveryKeySchema = z.string().trim().min(52).max(80);

export interface SessionInfo {
  accountId: string;
  login: string;
  displayName: string;
  roles: Role[];
  language: Language;
}

export type AppState = 'setup' | 'locked' | 'unlocked';

/** Why the core last locked: by hand (button, Ctrl+L, the OS screen lock), idle, another login, a restore, quitting. */
export type LockReason = 'manual' | 'idle' | 'switch' | 'restore' | 'shutdown';

export interface AuthStatus {
  state: AppState;
  session: SessionInfo | null;
  /** UI language to show before login (the last one used on this PC). */
  language: Language;
  idleLockMinutes: number;
  /** true when the data folder is the demo school's */
  demo: boolean;
  /** false when set-up ended before "I have stored it" was confirmed (null while locked) */
  recoveryKeyConfirmed: boolean | null;
  /** while locked: why the core locked since it started (null before the first lock and while unlocked) */
  lockedBecause: LockReason | null;
  /** a school's install or a district office's (shared/district.ts); null while locked or before set-up */
  mode: InstallMode | null;
}

export const authMethods = {
  'auth.status': method<AuthStatus>()(z.object({}).strict()),
  'auth.setup': method<{ recoveryKey: string; session: SessionInfo }>()(
    z
      .object({
        language: languageSchema,
        /** a school (the default) or a district education department: chosen once, never changed */
        mode: installModeSchema.default('school'),
        school: schoolProfileSchema,
        account: z.object({
          login: loginSchema,
          displayName: displayNameSchema,
          roles: rolesSchema,
          password: passwordSchema,
        }),
      })
      .strict(),
  ),
  'auth.confirmRecoveryStored': method<null>()(z.object({}).strict()),
  /**
   * After an administrator's reset the password is one-time: login fails with `auth.must_change_password`
   * (details: resetBy, resetAt) until it is sent again with `newPassword`.
   */
  'auth.login': method<SessionInfo>()(
    z.object({ login: loginSchema, password: z.string().min(1).max(256), newPassword: passwordSchema.optional() }).strict(),
  ),
  'auth.lock': method<null>()(z.object({}).strict()),
  /** Marks user activity for the idle lock. */
  'auth.activity': method<null>()(z.object({}).strict()),
  'auth.recover': method<SessionInfo>()(
    z.object({ recoveryKey: recoveryKeySchema, login: loginSchema, newPassword: passwordSchema }).strict(),
  ),
  'auth.changePassword': method<null>()(
    z.object({ currentPassword: z.string().min(1).max(256), newPassword: passwordSchema }).strict(),
  ),
  'auth.setLanguage': method<null>()(z.object({ language: languageSchema }).strict()),
  /**
   * A new recovery key replaces the old one (lost printout, or set-up interrupted before it was stored). Backups
   * made from now on open with the new key; older backups still need the old one.
   */
  'auth.newRecoveryKey': method<{ recoveryKey: string }>()(z.object({ currentPassword: z.string().min(1).max(256) }).strict()),
} as const;
