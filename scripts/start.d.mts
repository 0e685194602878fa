/** Types of scripts/start.mjs (used by the tests). */
export declare function electronArgs(argv: string[]): string[];
