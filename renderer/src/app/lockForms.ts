/**
 * The lock screen's forms on the contract's schemas (shared/auth.ts): login (`auth.login`, with a new password after
 * an administrator's reset) and the recovery key flow (`auth.recover`). The password rule is the one in shared/auth.ts;
 * only the repeat of a new password is the form's own check. Nothing here knows a length or a pattern.
 */
import type { FormErrors } from '@mantine/form';
import type { TFunction } from 'i18next';
import { z } from 'zod';
import { authMethods, PASSWORD_MIN_LENGTH } from '../../../shared/auth';
import { zodFormResolver, type FieldMessages, type ServerFieldMap } from './forms';

export interface LoginValues {
  login: string;
  password: string;
  /** only after an administrator's reset (`auth.must_change_password`) */
  newPassword: string;
  repeat: string;
}

export interface RecoverValues {
  recoveryKey: string;
  login: string;
  newPassword: string;
  repeat: string;
}

export const LOCK_MESSAGES: FieldMessages = {
  login: 'validation.login',
  'newPassword:too_small': ['validation.passwordTooShort', { min: PASSWORD_MIN_LENGTH }],
  recoveryKey: 'validation.recoveryKey',
};

/** Refusals of the core that are about one field of the lock screen's forms. */
export const LOGIN_SERVER_FIELDS: ServerFieldMap = {
  codes: { 'auth.wrong_password': 'password', 'auth.weak_password': 'newPassword' },
};
export const RECOVER_SERVER_FIELDS: ServerFieldMap = {
  codes: { 'auth.wrong_recovery_key': 'recoveryKey', 'auth.weak_password': 'newPassword' },
};

const loginInput = authMethods['auth.login'].input;
const recoverInput = authMethods['auth.recover'].input;

/** Login as it is sent before any reset: `auth.login` without `newPassword`. */
export const loginFormSchema = loginInput.omit({ newPassword: true });
/** Login with the user's own new password after a reset: `auth.login` with `newPassword` required, plus its repeat. */
export const loginResetFormSchema = loginInput.required({ newPassword: true }).extend({ repeat: z.string() });
/** `auth.recover`, plus the repeat of the new password. */
export const recoverFormSchema = recoverInput.extend({ repeat: z.string() });

function repeatMatches(t: TFunction, errors: FormErrors, values: { newPassword: string; repeat: string }): FormErrors {
  if (values.newPassword !== values.repeat && errors.repeat === undefined) errors.repeat = t('validation.passwordMismatch');
  return errors;
}

/** The login form's check: the new password and its repeat count only once the core asked for them. */
export function validateLogin(t: TFunction, mustChange: boolean) {
  const plain = zodFormResolver<Pick<LoginValues, 'login' | 'password'>>(loginFormSchema, t, LOCK_MESSAGES);
  const reset = zodFormResolver<LoginValues>(loginResetFormSchema, t, LOCK_MESSAGES);
  return (values: LoginValues): FormErrors =>
    mustChange ? repeatMatches(t, reset(values), values) : plain({ login: values.login, password: values.password });
}

export const validateRecover = (t: TFunction) => {
  const check = zodFormResolver<RecoverValues>(recoverFormSchema, t, LOCK_MESSAGES);
  return (values: RecoverValues): FormErrors => repeatMatches(t, check(values), values);
};

/** What `auth.login` is sent: the parsed value (login trimmed and lower-cased), `newPassword` only after a reset. */
export function loginInputOf(values: LoginValues, mustChange: boolean): z.input<typeof loginInput> {
  if (mustChange) {
    const { repeat: _repeat, ...input } = loginResetFormSchema.parse(values);
    return input;
  }
  return loginFormSchema.parse({ login: values.login, password: values.password });
}

/** What `auth.recover` is sent: the parsed value (key and login trimmed, login lower-cased), no repeat. */
export function recoverInputOf(values: RecoverValues): z.input<typeof recoverInput> {
  const { repeat: _repeat, ...input } = recoverFormSchema.parse(values);
  return input;
}
