import type { Core } from '../../electron/core/api';
import type { DemoResult } from '../../electron/core/demo/school';

/** What each feature's sample writer gets: the output folder and a live demo school with the director logged in. */
export interface SampleContext {
  outDir: string;
  core: Core;
  demo: DemoResult;
}

export type SampleWriter = (ctx: SampleContext) => Promise<string[]>;
