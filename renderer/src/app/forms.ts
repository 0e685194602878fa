/**
 * Forms on the contract's own schemas (issue 13): `useForm` from @mantine/form validates with the zod schema the
 * core checks at the IPC boundary (shared/*.ts), so a rule is written once. Mantine's built-in `schemaResolver`
 * passes zod's English messages through; this resolver maps each zod issue to a message in the UI language instead
 * (kk/ru), by the field's own message when the form names one, else by the kind of issue.
 *
 * A refusal from the core that names its field (`fieldErrors.ts`) lands on that field with `form.setFieldError`.
 */
import type { FormErrors } from '@mantine/form';
import type { TFunction } from 'i18next';
import { z } from 'zod';
import type { ErrorCode } from '../../../shared/errors';
import { toApiError } from '../api/client';
import { errorText } from './errors';
import { errorField } from './fieldErrors';

/**
 * Per field path (`login`, `account.password`), the i18n key of the message for any issue on that field; a key
 * `path:code` (`password:too_small`) is for one kind of issue only and comes first.
 */
export type FieldMessages = Readonly<Record<string, string | readonly [key: string, options: Record<string, unknown>]>>;

type Issue = z.core.$ZodIssue;

function pathOf(issue: Issue): string {
  return issue.path.map((p) => (typeof p === 'symbol' ? p.description ?? '' : String(p))).join('.');
}

/** The message for one zod issue, in the UI language. */
export function issueMessage(t: TFunction, issue: Issue, messages: FieldMessages = {}): string {
  const path = pathOf(issue);
  const own = messages[`${path}:${issue.code}`] ?? messages[path];
  if (typeof own === 'string') return t(own);
  if (own) return t(own[0], own[1]);
  switch (issue.code) {
    case 'custom':
      // a rule of a shared schema's refinement names its own message: `params: { i18n: 'errors.bullying.date_in_past' }`
      return typeof issue.params?.i18n === 'string' ? t(issue.params.i18n) : t('validation.invalid');
    case 'too_big':
      if (issue.origin === 'number' || issue.origin === 'int') return t('validation.atMost', { max: Number(issue.maximum) });
      return t('validation.tooLong');
    case 'too_small':
      if (issue.origin === 'number' || issue.origin === 'int') return t('validation.atLeast', { min: Number(issue.minimum) });
      if (issue.origin === 'string' && Number(issue.minimum) > 1) return t('validation.atLeastChars', { min: Number(issue.minimum) });
      return t('validation.required');
    case 'invalid_type':
      // an empty number field holds '' (Mantine's NumberInput), an unchosen select null
      return t('validation.required');
    default:
      return t('validation.invalid');
  }
}

/**
 * A `validate` function for `useForm` from a zod schema: the first issue of each field, translated. Paths are
 * joined with dots as Mantine names fields (`items.0.title`).
 */
export function zodFormResolver<V>(schema: z.ZodType, t: TFunction, messages: FieldMessages = {}) {
  return (values: V): FormErrors => {
    const r = schema.safeParse(values);
    if (r.success) return {};
    const errors: FormErrors = {};
    for (const issue of r.error.issues) {
      const path = pathOf(issue);
      if (errors[path] === undefined) errors[path] = issueMessage(t, issue, messages);
    }
    return errors;
  };
}

/** What a form needs to show a server's field error: its field names and `setFieldError`. */
export interface FieldErrorTarget {
  getValues: () => object;
  setFieldError: (path: string, error: string) => void;
}

export interface ServerFieldMap {
  /** a core field name → this form's path, where they differ */
  fields?: Readonly<Record<string, string>>;
  /** an error code that is about one field though the core names none (`auth.login_taken` → `login`) */
  codes?: Readonly<Partial<Record<ErrorCode, string>>>;
}

/** The form path a refusal from the core belongs to, or null. */
export function serverErrorPath(error: unknown, map: ServerFieldMap = {}): string | null {
  if (!error) return null;
  const field = errorField(error);
  if (field) return map.fields?.[field] ?? field;
  return map.codes?.[toApiError(error).code] ?? null;
}

/**
 * Puts the core's refusal on the field it is about, when this form has that field. Returns true when it did: the
 * form then shows no general alert for it.
 */
export function applyServerFieldError(t: TFunction, form: FieldErrorTarget, error: unknown, map: ServerFieldMap = {}): boolean {
  const path = serverErrorPath(error, map);
  if (!path) return false;
  const top = path.split('.')[0] ?? path;
  if (!(top in form.getValues())) return false;
  form.setFieldError(path, errorText(t, error));
  return true;
}

/** The most characters a string schema keeps (`.max(n)`, through a default), for the field's counter. */
export function maxLengthOf(schema: z.ZodType): number {
  const inner = schema instanceof z.ZodDefault || schema instanceof z.ZodOptional || schema instanceof z.ZodNullable ? schema.unwrap() : schema;
  const max = inner instanceof z.ZodString ? inner.maxLength : null;
  if (max === null) throw new Error('not a string schema with a maximum length');
  return max;
}
