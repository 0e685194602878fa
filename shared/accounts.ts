import { z } from 'zod';
import { method } from './contract';
import { displayNameSchema, loginSchema, passwordSchema, rolesSchema } from './auth';
import { languageSchema, type Language, type Role } from './roles';

export interface Account {
  id: string;
  login: string;
  displayName: string;
  roles: Role[];
  language: Language;
  disabled: boolean;
  createdAt: string;
  passwordChangedAt: string;
  lastLoginAt: string | null;
}

export const accountIdSchema = z.string().uuid();

export const accountsMethods = {
  'accounts.list': method<Account[]>()(z.object({ includeDisabled: z.boolean().default(true) }).strict()),
  /** sensitive read: audited by the registry */
  'accounts.get': method<Account>()(z.object({ id: accountIdSchema }).strict()),
  'accounts.create': method<Account>()(
    z
      .object({
        login: loginSchema,
        displayName: displayNameSchema,
        roles: rolesSchema,
        password: passwordSchema,
        language: languageSchema.default('kk'),
      })
      .strict(),
  ),
  'accounts.update': method<Account>()(
    z
      .object({
        id: accountIdSchema,
        displayName: displayNameSchema.optional(),
        roles: rolesSchema.optional(),
        disabled: z.boolean().optional(),
      })
      .strict(),
  ),
  'accounts.resetPassword': method<null>()(
    z.object({ id: accountIdSchema, newPassword: passwordSchema }).strict(),
  ),
} as const;
