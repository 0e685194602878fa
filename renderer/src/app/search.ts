/**
 * The search params of the screens (`#/case?id=…`), one zod schema per screen that takes any, and how they are
 * written in the URL.
 *
 * URLs stay plain (`?id=12&tab=x`), as the help texts, the core's work-list links and the e2e tests write them:
 * every value is read as a string and each schema coerces what it needs (a number, a tab). A schema never
 * throws: a missing or foreign value becomes '' (an id: the screen says "not found") or is dropped (an optional
 * one), so a hand-typed or stale link still opens the screen.
 */
import { z } from 'zod';

/** `?id=` of a detail screen: required when linking; read as '' when the URL lacks it. */
const id = z.string().catch('');
/** an optional string param: dropped when absent. */
const optionalText = z.string().min(1).optional().catch(undefined);

export const PLAN_TABS = ['plan', 'approval', 'execution', 'reports'] as const;
export type PlanTab = (typeof PLAN_TABS)[number];

export const COUNCIL_TABS = ['meetings', 'members'] as const;

export const searchSchemas = {
  /** the pupil card */
  pupil: z.object({ id }),
  /** a case */
  case: z.object({ id }),
  /** a plan: its tab, and the quarter the reports tab opens on (links from "reports due") */
  plan: z.object({
    id,
    tab: z.enum(PLAN_TABS).optional().catch(undefined),
    quarter: z.coerce.number().int().min(1).max(4).optional().catch(undefined),
  }),
  /** the council: the school year shown and the tab */
  council: z.object({
    year: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
    tab: z.enum(COUNCIL_TABS).optional().catch(undefined),
  }),
  /** a council meeting */
  meeting: z.object({ id }),
  /** the register, with one pupil's entry open in the drawer */
  register: z.object({ pupil: optionalText }),
  /** the concerns inbox, with one concern open */
  inbox: z.object({ id: optionalText }),
  /** the frameworks, one selected */
  frameworks: z.object({ id: optionalText }),
} as const;

/** `?a=1&b=x` → `{ a: '1', b: 'x' }`: every value a string (the schemas coerce); a repeated key keeps the last. */
export function parseSearch(searchStr: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(searchStr.startsWith('?') ? searchStr.slice(1) : searchStr));
}

/** `{ a: 1, b: 'x', c: undefined }` → `?a=1&b=x` (no JSON quoting; empty and absent values left out). */
export function stringifySearch(search: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(search)) {
    if (value === undefined || value === null || value === '') continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') params.set(key, String(value));
    else throw new Error(`search param ${key}: only strings, numbers and booleans go in the URL`);
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** `v` if it is one of `list` (a tab's value from Mantine `Tabs`), else undefined (the screen's default). */
export function oneOf<T extends string>(list: readonly T[], v: string | null | undefined): T | undefined {
  return list.find((x) => x === v);
}
