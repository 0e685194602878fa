/**
 * Errors that name the field (issue 15): the field an error from the core belongs to (`details.field` of a rule's
 * error, or the path of a `validation` error), and the length counter a text field shows as its limit nears, so
 * that nobody types 10 000 characters into a field that keeps 4 000 and then learns it from a vague message.
 */
import type { TFunction } from 'i18next';
import { ApiError, toApiError } from '../api/client';

/** The input field an error is about, or null (then the form shows it as a whole). */
export function errorField(error: unknown): string | null {
  if (!error) return null;
  const e = error instanceof ApiError ? error : toApiError(error);
  const field = e.details?.field;
  if (typeof field === 'string' && field) return field;
  const path = e.details?.path;
  if (e.code === 'validation' && typeof path === 'string' && path) return path.split('.').filter((p) => !/^\d+$/.test(p)).pop() ?? null;
  return null;
}

/** Where a counter appears: from this share of the limit on (and always for long texts past 1 000 characters). */
const COUNTER_FROM = 0.8;

/** "1 234 / 4 000" once the text nears its limit, else undefined (a field's `description`). */
export function limitHint(t: TFunction, value: string, max: number): string | undefined {
  if (value.length < max * COUNTER_FROM && value.length < 1000) return undefined;
  return t('common.counter', { n: value.length, max });
}

/** A field's own hint, then "· 1 234 / 4 000" once the text nears its limit (a `description` that keeps the hint). */
export function hintWithLimit(t: TFunction, hint: string, value: string, max: number): string {
  const counter = limitHint(t, value, max);
  return counter === undefined ? hint : `${hint} · ${counter}`;
}
