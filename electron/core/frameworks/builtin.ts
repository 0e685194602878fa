/**
 * Frameworks that ship with Qorgan. Each is a framework file (shared/frameworks.ts) checked with the same schema as
 * an imported one. A corrected re-issue of the data gets a higher `revision` and is added next to the old one
 * (plans keep their links to the items they were made with).
 */
import { frameworkFileSchema, type FrameworkFile } from '../../../shared/frameworks';
import decree748 from './data/decree-748.json';

let cache: FrameworkFile[] | null = null;

export function builtinFrameworks(): FrameworkFile[] {
  cache ??= [frameworkFileSchema.parse(decree748)];
  return cache;
}

export const DECREE_748 = 'decree-748';
