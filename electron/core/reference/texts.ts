/**
 * The reference texts as the core serves them: the four files in data/ (see README.md there), each validated with
 * its schema (shared/reference.ts) when first read, and cross-checked: every source a text names exists, every
 * listed source is used by some text, ids and helpline numbers are unique. A file that breaks a rule stops the
 * load with an error that names the file and the rule, never silently dropping a text — a test runs the same check
 * on the files in the repository, so a school's edit that breaks them fails before it ships.
 */
import { z } from 'zod';
import {
  dangerChecklistSchema,
  helplineSchema,
  referenceSourceSchema,
  teacherStepsSchema,
  type ReferenceTexts,
} from '../../../shared/reference';
import rawChecklists from './data/danger-signs.json';
import rawHelplines from './data/helplines.json';
import rawSources from './data/sources.json';
import rawSteps from './data/teacher-steps.json';

const dateOnly = z.string().regex(/^\d{4}-\d{2}-\d{2}$/u);

export const referenceFileSchemas = {
  'sources.json': z
    .object({ format: z.literal('qorgan.reference.sources'), formatVersion: z.literal(1), sources: z.array(referenceSourceSchema).min(1).max(100) })
    .strict(),
  'danger-signs.json': z
    .object({
      format: z.literal('qorgan.reference.checklists'),
      formatVersion: z.literal(1),
      reviewedOn: dateOnly,
      checklists: z.array(dangerChecklistSchema).min(1).max(30),
    })
    .strict(),
  'teacher-steps.json': teacherStepsSchema.extend({ format: z.literal('qorgan.reference.teacher-steps'), formatVersion: z.literal(1) }).strict(),
  'helplines.json': z
    .object({ format: z.literal('qorgan.reference.helplines'), formatVersion: z.literal(1), helplines: z.array(helplineSchema).min(1).max(30) })
    .strict(),
} as const;

export interface ReferenceFiles {
  'sources.json': unknown;
  'danger-signs.json': unknown;
  'teacher-steps.json': unknown;
  'helplines.json': unknown;
}

function parseFile<K extends keyof typeof referenceFileSchemas>(name: K, raw: unknown): z.output<(typeof referenceFileSchemas)[K]> {
  const r = referenceFileSchemas[name].safeParse(raw);
  if (!r.success) {
    const first = r.error.issues[0];
    throw new Error(`reference texts: ${name}: ${first ? `${first.path.join('.')}: ${first.message}` : 'invalid'}`);
  }
  return r.data as z.output<(typeof referenceFileSchemas)[K]>;
}

function unique(values: readonly string[], what: string): void {
  const seen = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) throw new Error(`reference texts: ${what} "${v}" appears twice`);
    seen.add(v);
  }
}

/** Validates the four files together (exported for the test that checks the repository's files). */
export function loadReferenceTexts(files: ReferenceFiles): ReferenceTexts {
  const { sources } = parseFile('sources.json', files['sources.json']);
  const { reviewedOn, checklists } = parseFile('danger-signs.json', files['danger-signs.json']);
  const { format: _f, formatVersion: _v, ...teacherSteps } = parseFile('teacher-steps.json', files['teacher-steps.json']);
  const { helplines } = parseFile('helplines.json', files['helplines.json']);
  unique(
    sources.map((s) => s.id),
    'source id',
  );
  unique(
    checklists.map((c) => c.id),
    'checklist id',
  );
  unique(
    helplines.map((h) => h.number),
    'helpline number',
  );
  const known = new Set(sources.map((s) => s.id));
  const used = new Set<string>();
  const cite = (where: string, ids: readonly string[]) => {
    for (const id of ids) {
      if (!known.has(id)) throw new Error(`reference texts: ${where} names the unknown source "${id}"`);
      used.add(id);
    }
  };
  for (const c of checklists) cite(`checklist ${c.id}`, c.sources);
  cite('teacher steps', teacherSteps.sources);
  for (const h of helplines) cite(`helpline ${h.number}`, h.sources);
  const unused = sources.filter((s) => !used.has(s.id)).map((s) => s.id);
  if (unused.length) throw new Error(`reference texts: sources no text names: ${unused.join(', ')}`);
  // emergency numbers first, then the helplines, each group in the file's order
  const ordered = [...helplines.filter((h) => h.emergency), ...helplines.filter((h) => !h.emergency)];
  return { reviewedOn, checklists, teacherSteps, helplines: ordered, sources };
}

let cache: ReferenceTexts | null = null;
export function referenceTexts(): ReferenceTexts {
  cache ??= loadReferenceTexts({
    'sources.json': rawSources,
    'danger-signs.json': rawChecklists,
    'teacher-steps.json': rawSteps,
    'helplines.json': rawHelplines,
  });
  return cache;
}
