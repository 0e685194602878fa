/** Types of scripts/runtime-suites.mjs (used by vitest.config.ts). */
export declare const RUNTIME_SUITES: readonly string[];
export declare const RUNTIME_SUITE_GLOBS: readonly string[];
