/**
 * Where Qorgan keeps its data. The shell passes Electron's userData folder; scripts and the harness compute the
 * same folder without Electron (defaultUserDataDir), so that `npm run demo` and `npm start -- --demo` agree.
 */
import os from 'node:os';
import path from 'node:path';

export const APP_FOLDER = 'Qorgan';

/** Electron's app.getPath('userData') for productName "Qorgan", computed without Electron. */
export function defaultUserDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  if (env.QORGAN_USER_DATA) return env.QORGAN_USER_DATA;
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_FOLDER);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_FOLDER);
}

/** The real school's data folder: qorgan.db, keyring.json, prefs.json, logs/. */
export function schoolDataDir(userDataDir: string): string {
  return path.join(userDataDir, 'school');
}

/** The demo school's data folder, kept apart from real data. */
export function demoDataDir(userDataDir: string): string {
  return path.join(userDataDir, 'demo');
}
