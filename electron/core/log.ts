import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from './platform';

type Fields = Record<string, string | number | boolean | null>;

/**
 * A line-per-event JSON log in <dataDir>/logs/qorgan.log. Only event names, method names, error codes, counts and
 * durations are written: callers never pass personal data, and string fields are cut to 120 characters.
 */
export function fileLogger(dataDir: string, echo = false): Logger {
  const dir = path.join(dataDir, 'logs');
  const file = path.join(dir, 'qorgan.log');
  const write = (level: string, event: string, fields?: Fields) => {
    const clean: Fields = {};
    for (const [k, v] of Object.entries(fields ?? {})) clean[k] = typeof v === 'string' ? v.slice(0, 120) : v;
    const line = JSON.stringify({ t: new Date().toISOString(), level, event, ...clean });
    try {
      fs.mkdirSync(dir, { recursive: true });
      fs.appendFileSync(file, line + '\n');
    } catch {
      // a log that cannot be written must not stop the app
    }
    if (echo) console.log(line);
  };
  return {
    info: (e, f) => write('info', e, f),
    warn: (e, f) => write('warn', e, f),
    error: (e, f) => write('error', e, f),
  };
}
