/**
 * What the core needs from the outside world, injected so that the core runs under plain Node, in the browser
 * harness and in tests. The Electron shell (electron/main/platform.ts) and the harness each provide one.
 */
export interface FileFilter {
  name: string;
  extensions: string[];
}

export interface RemovableDrive {
  /** mount point or drive letter, e.g. "E:\\" or "/media/user/STICK" */
  mountPath: string;
  label: string;
  sizeBytes: number;
  freeBytes: number | null;
}

export interface Logger {
  /** Never pass personal data: method names, error codes, counts, durations only. */
  info(event: string, fields?: Record<string, string | number | boolean | null>): void;
  warn(event: string, fields?: Record<string, string | number | boolean | null>): void;
  error(event: string, fields?: Record<string, string | number | boolean | null>): void;
}

export interface Platform {
  /** the folder that holds qorgan.db, keyring.json, prefs.json, logs/ */
  dataDir: string;
  now(): Date;
  log: Logger;
  /** true for the demo school's data folder */
  demo?: boolean;
  /** better_sqlite3.node built for Electron's ABI (the shell sets it; Node uses the package's build) */
  nativeBinding?: string;
  /** Save dialog. Resolves to the chosen path, or null when the user cancels. */
  chooseSaveFile(options: { title: string; defaultName: string; filters: FileFilter[] }): Promise<string | null>;
  /** Open dialog. Resolves to the chosen path, or null when the user cancels. */
  chooseOpenFile(options: { title: string; filters: FileFilter[] }): Promise<string | null>;
  /** Folder dialog (backups to any folder). */
  chooseFolder(options: { title: string }): Promise<string | null>;
  listRemovableDrives(): Promise<RemovableDrive[]>;
  /** Prints a PDF through the shell's printing; the harness records the call. */
  printPdf(pdf: Uint8Array, options: { title: string }): Promise<void>;
  /** Opens a PDF for viewing in the app's own viewer window (never a temp file in plaintext beyond the print job). */
  showPdf?(pdf: Uint8Array, options: { title: string }): Promise<void>;
}

export const silentLogger: Logger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
