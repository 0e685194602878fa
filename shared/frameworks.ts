/**
 * Reference frameworks (national plans a school's plan answers to): Decree 748 "Comprehensive plan 2023–2025",
 * the Concept "Children of Kazakhstan" 2026–2030, … Frameworks are versioned data: a JSON file in the format below
 * (`qorgan.framework`, formatVersion 1) can be imported without a code change. The same schema checks the built-in
 * data and every imported file.
 */
import { z } from 'zod';
import { method } from './contract';

const text = (max: number) => z.string().trim().min(1).max(max);
/** a cell of the framework's table: text, or null when the source does not hold it (never guessed) */
const cell = (max = 4000) => z.string().trim().min(1).max(max).nullable();

export const frameworkCodeSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'framework code: latin lower case, digits, dashes');

export const frameworkColumnKeySchema = z.enum([
  'number',
  'measure',
  'completionForm',
  'deadline',
  'responsible',
  'cost',
  'funding',
]);
export type FrameworkColumnKey = z.infer<typeof frameworkColumnKeySchema>;

export const frameworkSectionSchema = z
  .object({
    /** "1", "2.1", "3.2" */
    code: z.string().trim().regex(/^\d+(\.\d+)*$/),
    parent: z.string().trim().regex(/^\d+(\.\d+)*$/).nullable(),
    titleKk: cell(1000),
    titleRu: cell(1000),
    notes: cell(2000),
  })
  .strict();

export const frameworkItemSchema = z
  .object({
    /** the framework's own item number, kept as printed ("8", "39") */
    number: z.string().trim().regex(/^\d+(\.\d+)*$/),
    section: z.string().trim().regex(/^\d+(\.\d+)*$/),
    measureKk: cell(),
    measureRu: cell(),
    completionFormKk: cell(),
    completionFormRu: cell(),
    deadlineKk: cell(),
    deadlineRu: cell(),
    responsibleKk: cell(),
    costKk: cell(),
    fundingKk: cell(),
    /** Russian cells (bodies by their Russian abbreviations: МП, МЗ, МВД …) */
    responsibleRu: cell().default(null),
    costRu: cell().default(null),
    fundingRu: cell().default(null),
    /**
     * where the item's Russian texts come from: 'official' (the act's Russian text), 'translation' (made for Qorgan
     * from the Kazakh text, because the official Russian text was not at hand), null (no Russian text)
     */
    ruSource: z.enum(['official', 'translation']).nullable().default(null),
    /** what the data editor noticed about this item */
    notes: cell(4000),
    /** what was moved or cleaned while rebuilding this item from a damaged source */
    repaired: z.array(text(1000)).max(20).default([]),
    /** where in the source the item comes from */
    source: cell(400).optional(),
  })
  .strict()
  .refine((i) => i.measureKk !== null || i.measureRu !== null, { message: 'an item needs a measure (kk or ru)' });

export const abbreviationSchema = z
  .object({
    abbr: text(40),
    fullKk: cell(600),
    fullRu: cell(600),
    /**
     * 'seed': listed in the source's abbreviation list; 'table': used in the table but not in the source's list (its
     * full name, when given, comes from the reference list `electron/core/frameworks/data/abbreviations.json`)
     */
    source: z.enum(['seed', 'table', 'import']).default('import'),
  })
  .strict();

export const frameworkFileSchema = z
  .object({
    format: z.literal('qorgan.framework'),
    formatVersion: z.literal(1),
    code: frameworkCodeSchema,
    /** data revision of this framework (a corrected re-issue gets a higher number) */
    revision: z.number().int().min(1).max(10_000),
    kind: z.enum(['decree', 'concept', 'order', 'programme', 'other']),
    titleKk: cell(1000),
    titleRu: cell(1000),
    shortTitleKk: cell(400),
    shortTitleRu: cell(400),
    issuedOn: z.iso.date().nullable(),
    issuedNumber: cell(40),
    yearFrom: z.number().int().min(2000).max(2100),
    yearTo: z.number().int().min(2000).max(2100),
    reporting: z
      .object({ kk: cell(400), ru: cell(400), dayOfNextMonth: z.number().int().min(1).max(28).nullable() })
      .strict()
      .nullable()
      .default(null),
    notes: cell(4000),
    columns: z
      .array(z.object({ key: frameworkColumnKeySchema, kk: text(200), ru: text(200) }).strict())
      .min(2)
      .max(7),
    sections: z.array(frameworkSectionSchema).max(200),
    items: z.array(frameworkItemSchema).min(1).max(2000),
    abbreviations: z.array(abbreviationSchema).max(500).default([]),
    /** text of the source that belongs to no kept item (tails of missing items), kept so nothing is lost */
    fragments: z
      .array(z.object({ beforeItem: z.string().max(20).nullable(), textKk: text(4000), notes: cell(1000) }).strict())
      .max(200)
      .default([]),
  })
  .strict()
  .superRefine((f, ctx) => {
    if (f.yearTo < f.yearFrom) ctx.addIssue({ code: 'custom', message: 'yearTo before yearFrom', path: ['yearTo'] });
    const sections = new Set(f.sections.map((s) => s.code));
    if (sections.size !== f.sections.length) ctx.addIssue({ code: 'custom', message: 'duplicate section', path: ['sections'] });
    for (const s of f.sections) {
      if (s.parent !== null && !sections.has(s.parent)) {
        ctx.addIssue({ code: 'custom', message: 'unknown parent section', path: ['sections', s.code] });
      }
    }
    const numbers = new Set<string>();
    f.items.forEach((i, idx) => {
      if (numbers.has(i.number)) ctx.addIssue({ code: 'custom', message: 'duplicate item number', path: ['items', idx] });
      numbers.add(i.number);
      if (f.sections.length > 0 && !sections.has(i.section)) {
        ctx.addIssue({ code: 'custom', message: 'item in an unknown section', path: ['items', idx, 'section'] });
      }
    });
  });
export type FrameworkFile = z.output<typeof frameworkFileSchema>;
export type FrameworkFileInput = z.input<typeof frameworkFileSchema>;

export interface FrameworkSummary {
  id: string;
  code: string;
  revision: number;
  kind: FrameworkFile['kind'];
  titleKk: string | null;
  titleRu: string | null;
  shortTitleKk: string | null;
  shortTitleRu: string | null;
  yearFrom: number;
  yearTo: number;
  builtin: boolean;
  itemCount: number;
  /** false when a newer revision of the same code exists */
  current: boolean;
  importedAt: string;
}

export interface FrameworkSection {
  code: string;
  parent: string | null;
  titleKk: string | null;
  titleRu: string | null;
  notes: string | null;
}

export interface FrameworkItem {
  id: string;
  frameworkId: string;
  number: string;
  section: string;
  measureKk: string | null;
  measureRu: string | null;
  completionFormKk: string | null;
  completionFormRu: string | null;
  deadlineKk: string | null;
  deadlineRu: string | null;
  responsibleKk: string | null;
  costKk: string | null;
  fundingKk: string | null;
  responsibleRu: string | null;
  costRu: string | null;
  fundingRu: string | null;
  ruSource: 'official' | 'translation' | null;
  notes: string | null;
  repaired: string[];
  source: string | null;
}

export interface Abbreviation {
  abbr: string;
  fullKk: string | null;
  fullRu: string | null;
  source: 'seed' | 'table' | 'import';
}

export interface Framework extends FrameworkSummary {
  issuedOn: string | null;
  issuedNumber: string | null;
  notes: string | null;
  reporting: FrameworkFile['reporting'];
  columns: FrameworkFile['columns'];
  sections: FrameworkSection[];
  items: FrameworkItem[];
  abbreviations: Abbreviation[];
  fragments: FrameworkFile['fragments'];
}

export const frameworkIdSchema = z.string().uuid();

export const frameworksMethods = {
  'frameworks.list': method<FrameworkSummary[]>()(
    z.object({ includeOld: z.boolean().default(false) }).strict(),
  ),
  'frameworks.get': method<Framework>()(
    z.union([
      z.object({ id: frameworkIdSchema }).strict(),
      z.object({ code: frameworkCodeSchema, revision: z.number().int().min(1).optional() }).strict(),
    ]),
  ),
  /** Search items of one framework (measure text, number). */
  'frameworks.searchItems': method<FrameworkItem[]>()(
    z
      .object({
        frameworkId: frameworkIdSchema,
        query: z.string().trim().max(200).default(''),
        limit: z.number().int().min(1).max(500).default(50),
      })
      .strict(),
  ),
  /** Imports a framework file (JSON text). A (code, revision) that exists is refused with `conflict`. */
  'frameworks.import': method<FrameworkSummary>()(z.object({ json: z.string().min(2).max(20_000_000) }).strict()),
  /** The framework file of a stored framework (for export / editing elsewhere). */
  'frameworks.export': method<{ fileName: string; json: string }>()(z.object({ id: frameworkIdSchema }).strict()),
} as const;
