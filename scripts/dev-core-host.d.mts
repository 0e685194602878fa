/** Types of scripts/dev-core-host.mjs (used by the tests and the bench). */
export declare function buildDevCoreHost(): Promise<string>;
