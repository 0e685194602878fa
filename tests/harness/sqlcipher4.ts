/**
 * An independent SQLCipher 4 build (@signalapp/sqlcipher, AGPL, test-only — never shipped) to check what the
 * app writes: it must open the DB with the data key and nothing else.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface SignalStatement {
  all(params?: unknown): unknown[];
}
interface SignalDatabase {
  exec(sql: string): void;
  prepare(sql: string): SignalStatement;
  close(): void;
}
type SignalCtor = new (file: string, options?: { readonly?: boolean }) => SignalDatabase;

const SignalDb = (require('@signalapp/sqlcipher') as { default: SignalCtor }).default;

/** Opens `file` with a raw key (hex) in real SQLCipher 4 and runs `query`; throws if the key does not open it. */
export function querySqlcipher4(file: string, keyHex: string, query: string): unknown[] {
  const db = new SignalDb(file);
  try {
    db.exec(`PRAGMA key = "x'${keyHex}'"`);
    return db.prepare(query).all();
  } finally {
    db.close();
  }
}

export function cipherVersion(file: string, keyHex: string): string {
  const rows = querySqlcipher4(file, keyHex, 'PRAGMA cipher_version') as { cipher_version: string }[];
  return rows[0]?.cipher_version ?? '';
}
