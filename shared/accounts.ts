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

/** A class of the school: grade (0 = pre-school) and letter, e.g. 7 Ә. */
export const classRefSchema = z
  .object({ grade: z.number().int().min(0).max(12), letter: z.string().trim().max(4) })
  .strict();
export type ClassRef = z.infer<typeof classRefSchema>;
export const MAX_ACCOUNT_CLASSES = 40;

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
  /** the classes an account is tied to (a class teacher sees only their pupils) */
  'accounts.classes': method<ClassRef[]>()(z.object({ id: accountIdSchema }).strict()),
  'accounts.setClasses': method<ClassRef[]>()(
    z.object({ id: accountIdSchema, classes: z.array(classRefSchema).max(MAX_ACCOUNT_CLASSES) }).strict(),
  ),
  /** the classes that have pupils (grade and letter only: no pupil data), for the accounts screen */
  'accounts.schoolClasses': method<ClassRef[]>()(z.object({}).strict()),
  'accounts.resetPassword': method<null>()(
    z.object({ id: accountIdSchema, newPassword: passwordSchema }).strict(),
  ),
} as const;
