/** Types of scripts/rebuild-electron.mjs (used by scripts/start.mjs and the tests). */
export declare const root: string;
export declare const MODULE: string;
export declare const NATIVE_FILE: string;
export declare function versions(): { electron: string; module: string };
export declare function targetDir(platform: string, arch: string): string;
export declare function nativePath(platform?: string, arch?: string): string;
export declare function isUpToDate(platform?: string, arch?: string): boolean;
export declare function rebuildFor(options?: { platform?: string; arch?: string; force?: boolean; log?: (line: string) => void }): Promise<string>;
