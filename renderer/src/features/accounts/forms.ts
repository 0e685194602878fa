/**
 * The account forms' values and checks, on the contract's schemas (shared/accounts.ts, shared/auth.ts): the first-run
 * wizard's account, a new account, an account's edit, a new password. The password rule is the one in shared/auth.ts
 * (`passwordSchema`); only the repeat of a new password is the form's own check.
 */
import type { FormErrors } from '@mantine/form';
import type { TFunction } from 'i18next';
import { z } from 'zod';
import { accountsMethods } from '../../../../shared/accounts';
import { PASSWORD_MIN_LENGTH, passwordSchema } from '../../../../shared/auth';
import type { Language, Role } from '../../../../shared/roles';
import { issueMessage, zodFormResolver, type FieldMessages, type ServerFieldMap } from '../../app/forms';

export interface NewPasswordValues {
  password: string;
  repeat: string;
}

export interface NewAccountValues extends NewPasswordValues {
  login: string;
  displayName: string;
  roles: Role[];
}

export interface CreateAccountValues extends NewAccountValues {
  language: Language;
}

export const ACCOUNT_MESSAGES: FieldMessages = {
  login: 'validation.login',
  'password:too_small': ['validation.passwordTooShort', { min: PASSWORD_MIN_LENGTH }],
  'roles:too_small': 'validation.rolesRequired',
};

/** Refusals of the core that are about one field of these forms. */
export const ACCOUNT_SERVER_FIELDS: ServerFieldMap = {
  codes: { 'auth.login_taken': 'login' },
  fields: { newPassword: 'password' },
};

const createInput = accountsMethods['accounts.create'].input;
const updateInput = accountsMethods['accounts.update'].input;

/** A new account's form: the contract of `accounts.create`, plus the repeat of the password. */
export const createAccountFormSchema = createInput.extend({ repeat: z.string() });
/** The wizard's first account (the school's language is the wizard's): `auth.setup`'s account, plus the repeat. */
export const newAccountFormSchema = createInput.omit({ language: true }).extend({ repeat: z.string() });
/** An account's name and roles: `accounts.update` without the id. */
export const editAccountFormSchema = updateInput.omit({ id: true, disabled: true }).required();
/** A new password and its repeat (an administrator's reset, one's own change). */
export const newPasswordFormSchema = z.object({ password: passwordSchema, repeat: z.string() });

/** The repeat must match the password: the form's own check (the core never sees the repeat). */
export function withRepeat<V extends NewPasswordValues>(t: TFunction, check: (values: V) => FormErrors) {
  return (values: V): FormErrors => {
    const errors = check(values);
    if (values.password !== values.repeat && errors.repeat === undefined) errors.repeat = t('validation.passwordMismatch');
    return errors;
  };
}

export const validateCreateAccount = (t: TFunction) =>
  withRepeat<CreateAccountValues>(t, zodFormResolver(createAccountFormSchema, t, ACCOUNT_MESSAGES));
export const validateNewAccount = (t: TFunction) =>
  withRepeat<NewAccountValues>(t, zodFormResolver(newAccountFormSchema, t, ACCOUNT_MESSAGES));
export const validateNewPassword = (t: TFunction) =>
  withRepeat<NewPasswordValues>(t, zodFormResolver(newPasswordFormSchema, t, ACCOUNT_MESSAGES));
export const validateEditAccount = (t: TFunction) =>
  zodFormResolver<{ displayName: string; roles: Role[] }>(editAccountFormSchema, t, ACCOUNT_MESSAGES);

export const emptyNewAccount = (roles: Role[] = []): NewAccountValues => ({
  login: '',
  displayName: '',
  password: '',
  repeat: '',
  roles,
});

/** The message for a new password that breaks the one rule (shared/auth.ts `passwordSchema`), or undefined. */
export function passwordError(t: TFunction, password: string): string | undefined {
  const r = passwordSchema.safeParse(password);
  const issue = r.success ? undefined : r.error.issues[0];
  return issue ? issueMessage(t, issue, { ':too_small': ['validation.passwordTooShort', { min: PASSWORD_MIN_LENGTH }] }) : undefined;
}
