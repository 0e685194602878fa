/** Types of scripts/build-electron.mjs (used by the tests). */
export declare const root: string;
export declare const RENDERER_ONLY_PACKAGES: string[];
export declare function isEsmOnly(pkg: unknown): boolean;
export declare function buildElectron(options?: { outDir?: string; minify?: boolean; checkShipped?: boolean; quiet?: boolean }): Promise<{ externals: string[] }>;
export declare const CORE_HOST: string;
export declare const PARSE_WORKER: string;
