import type { TFunction } from 'i18next';
import { displayNameSchema, loginSchema, passwordProblem } from '../../../../shared/auth';
import type { Role } from '../../../../shared/roles';

export interface NewAccountDraft {
  login: string;
  displayName: string;
  password: string;
  repeat: string;
  roles: Role[];
}

export type NewAccountErrors = Partial<Record<keyof NewAccountDraft, string>>;

/** Client-side checks with the contract's own schemas, so the user sees a message before the core says no. */
export function validateNewAccount(t: TFunction, d: NewAccountDraft): NewAccountErrors {
  const errors: NewAccountErrors = {};
  if (!loginSchema.safeParse(d.login).success) errors.login = t('validation.login');
  if (!displayNameSchema.safeParse(d.displayName).success) errors.displayName = t('validation.required');
  const pw = passwordError(t, d.password);
  if (pw) errors.password = pw;
  if (d.password !== d.repeat) errors.repeat = t('validation.passwordMismatch');
  if (d.roles.length === 0) errors.roles = t('validation.rolesRequired');
  return errors;
}

/** The message for a new password that breaks the one rule (shared/auth.ts), or undefined. */
export function passwordError(t: TFunction, password: string): string | undefined {
  const problem = passwordProblem(password);
  if (problem === 'too_short') return t('validation.passwordTooShort');
  if (problem === 'too_long') return t('validation.tooLong');
  return undefined;
}

export function validatePassword(t: TFunction, password: string, repeat: string): { password?: string; repeat?: string } {
  const errors: { password?: string; repeat?: string } = {};
  const pw = passwordError(t, password);
  if (pw) errors.password = pw;
  if (password !== repeat) errors.repeat = t('validation.passwordMismatch');
  return errors;
}
