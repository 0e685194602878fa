/**
 * Reading an imported framework file (JSON) into a checked `FrameworkFile`: pure, no DB, so that it runs in the
 * parse worker (workers/run.ts). The lists' lengths are checked before their items (a file with a million items is
 * refused without validating a million items).
 */
import { z } from 'zod';
import { frameworkFileSchema, type FrameworkFile } from '../../../shared/frameworks';
import { AppError } from '../errors';

/** the list lengths of frameworkFileSchema, checked first */
const shallowSchema = z
  .object({
    columns: z.array(z.unknown()).max(7).optional(),
    sections: z.array(z.unknown()).max(200).optional(),
    items: z.array(z.unknown()).max(2000).optional(),
    abbreviations: z.array(z.unknown()).max(500).optional(),
    fragments: z.array(z.unknown()).max(200).optional(),
  })
  .loose();

function refused(error: z.ZodError): AppError {
  const first = error.issues[0];
  return new AppError('frameworks.import_failed', 'the file is not a framework file', {
    issues: error.issues.length,
    path: first ? first.path.join('.').slice(0, 80) : null,
  });
}

/** deepest nesting of arrays and objects a framework file may have (a real one nests 3 deep) */
export const MAX_JSON_DEPTH = 32;

/** The deepest nesting of arrays and objects, outside strings, in one pass (before JSON.parse builds anything). */
export function jsonDepth(json: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > max) max = depth;
    } else if (c === 93 || c === 125) depth--;
  }
  return max;
}

export function parseFrameworkJson(json: string): FrameworkFile {
  if (jsonDepth(json) > MAX_JSON_DEPTH) throw new AppError('frameworks.import_failed', 'the file nests deeper than a framework file', { limitDepth: MAX_JSON_DEPTH });
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new AppError('frameworks.import_failed', 'the file is not JSON');
  }
  const shallow = shallowSchema.safeParse(raw);
  if (!shallow.success) throw refused(shallow.error);
  const parsed = frameworkFileSchema.safeParse(raw);
  if (!parsed.success) throw refused(parsed.error);
  return parsed.data;
}
