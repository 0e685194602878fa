import type { TFunction } from 'i18next';
import { displayNameSchema, loginSchema, passwordSchema } from '../../../../shared/auth';
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
  const pw = passwordSchema.safeParse(d.password);
  if (!pw.success) errors.password = d.password.length < 8 ? t('validation.passwordTooShort') : t('validation.tooLong');
  if (d.password !== d.repeat) errors.repeat = t('validation.passwordMismatch');
  if (d.roles.length === 0) errors.roles = t('validation.rolesRequired');
  return errors;
}

export function validatePassword(t: TFunction, password: string, repeat: string): { password?: string; repeat?: string } {
  const errors: { password?: string; repeat?: string } = {};
  if (!passwordSchema.safeParse(password).success)
    errors.password = password.length < 8 ? t('validation.passwordTooShort') : t('validation.tooLong');
  if (password !== repeat) errors.repeat = t('validation.passwordMismatch');
  return errors;
}
