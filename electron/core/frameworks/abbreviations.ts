/**
 * The reference list of abbreviations of state bodies and budgets (data/abbreviations.json): Kazakh and Russian
 * forms (ОМ ↔ МП, ДСМ ↔ МЗ, ІІМ ↔ МВД, ЖАО ↔ МИО, ЖБ ↔ МБ …), full names, how certain each meaning is and where it
 * comes from. Used to print responsible bodies in a Russian document and to build the abbreviation note
 * («Ескертпе: аббревиатуралардың толық жазылуы») from the cells a document actually prints.
 */
import { z } from 'zod';
import raw from './data/abbreviations.json';

const name = z.string().trim().min(1).max(600).nullable();
export const abbreviationListSchema = z
  .object({
    format: z.literal('qorgan.abbreviations'),
    formatVersion: z.literal(1),
    notes: z.string().max(4000),
    entries: z
      .array(
        z
          .object({
            kk: z.string().trim().min(1).max(40),
            ru: z.string().trim().min(1).max(40),
            fullKk: name,
            fullRu: name,
            certain: z.boolean(),
            source: z.string().trim().min(1).max(2000),
          })
          .strict()
          .refine((e) => e.certain || (e.fullKk === null && e.fullRu === null), { message: 'an uncertain meaning is not printed' }),
      )
      .max(500),
    phrases: z.array(z.object({ kk: z.string().min(1).max(200), ru: z.string().min(1).max(200) }).strict()).max(200),
  })
  .strict();
export type AbbreviationList = z.output<typeof abbreviationListSchema>;
export type AbbreviationEntry = AbbreviationList['entries'][number];

let cache: AbbreviationList | null = null;
export function abbreviationList(): AbbreviationList {
  cache ??= abbreviationListSchema.parse(raw);
  return cache;
}

/** An abbreviation a document may use, in either language's form. */
export interface NoteEntry {
  kk: string;
  ru: string;
  fullKk: string | null;
  fullRu: string | null;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** true when `abbr` stands as a word of `text` ("ОМ-ге" counts, "ОМБ" does not) */
export function usesAbbreviation(text: string, abbr: string): boolean {
  return new RegExp(`(?<![\\p{L}\\p{N}])${escape(abbr)}(?![\\p{L}\\p{N}])`, 'u').test(text);
}

/** The Russian form of a responsible body or phrase written in Kazakh ("БП (келісу бойынша)" → "ГП (по согласованию)"). */
export function bodyRu(kk: string): string {
  const list = abbreviationList();
  let out = kk;
  for (const p of list.phrases) out = out.split(p.kk).join(p.ru);
  for (const e of list.entries) {
    if (e.kk === e.ru) continue;
    out = out.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escape(e.kk)}(?![\\p{L}\\p{N}])`, 'gu'), e.ru);
  }
  return out;
}

/**
 * The Kazakh form of a responsible body read from a Russian document ("МП" → "ОМ", "ГП (по согласованию)" →
 * "БП (келісу бойынша)"); a body that is no Russian form of the list stays as it is. Only whole bodies and
 * whole-word abbreviations are changed.
 */
export function bodyKk(body: string): string {
  const list = abbreviationList();
  let out = body;
  for (const p of list.phrases) out = out.split(p.ru).join(p.kk);
  for (const e of list.entries) {
    if (e.kk === e.ru) continue;
    out = out.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escape(e.ru)}(?![\\p{L}\\p{N}])`, 'gu'), e.kk);
  }
  return out;
}

const NOTE_WORDS = {
  kk: { heading: 'Ескертпе: аббревиатуралардың толық жазылуы', unknown: 'толық жазылуы дереккөзде берілмеген' },
  ru: { heading: 'Примечание: расшифровка аббревиатур', unknown: 'расшифровка в источнике не приведена' },
} as const;

export interface AbbreviationNote {
  heading: string;
  /** "ОМ – Қазақстан Республикасының Оқу-ағарту министрлігі;" … the last one ends with "." */
  lines: string[];
}

/**
 * The note for the texts a document prints: every abbreviation of the reference list (and of `extra`, e.g. those
 * of an imported framework) that occurs as a word in them, in the reference order for Kazakh (the seed's order)
 * and alphabetically for Russian. An abbreviation whose meaning is not certain is listed as such, never guessed.
 */
export function abbreviationNote(lang: 'kk' | 'ru', texts: readonly string[], extra: readonly NoteEntry[] = []): AbbreviationNote | null {
  const known: NoteEntry[] = abbreviationList().entries.map((e) => ({ kk: e.kk, ru: e.ru, fullKk: e.fullKk, fullRu: e.fullRu }));
  const seen = new Set(known.flatMap((e) => [e.kk, e.ru]));
  for (const e of extra) if (!seen.has(e.kk)) known.push(e);
  const all = texts.join('\n');
  const form = (e: NoteEntry) => (lang === 'kk' ? e.kk : e.ru);
  const used = known.filter((e) => usesAbbreviation(all, form(e)));
  if (lang === 'ru') used.sort((a, b) => a.ru.localeCompare(b.ru, 'ru'));
  if (used.length === 0) return null;
  const w = NOTE_WORDS[lang];
  const lines = used.map((e, i) => {
    const full = lang === 'kk' ? e.fullKk : (e.fullRu ?? e.fullKk);
    return `${form(e)} – ${full ?? w.unknown}${i === used.length - 1 ? '.' : ';'}`;
  });
  return { heading: w.heading, lines };
}
