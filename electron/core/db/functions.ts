/**
 * SQL functions registered on every connection the core opens (openSqlite), so that lists sort and search in SQL
 * exactly as the screens do (shared/kazakh-text.ts). better-sqlite3 has no custom collations: a sort key gives the
 * same order (`ORDER BY qorgan_kk_key(x)`).
 *
 *   qorgan_kk_key(text)   the Kazakh alphabet sort key
 *   qorgan_fold(text)     the search skeleton (letters people swap folded, Latin spellings in Cyrillic)
 *
 * Both are deterministic. Calling into JavaScript costs microseconds a row, so lists do not call them per row and
 * per query: electron/core/pupils/text-index.ts keeps the keys of each pupil in a per-connection TEMP table.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { foldForSearch, kkSortKey } from '../../../shared/kazakh-text';

export function registerTextFunctions(sqlite: BetterSqlite3.Database): void {
  sqlite.function('qorgan_kk_key', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? kkSortKey(text) : null));
  sqlite.function('qorgan_fold', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? foldForSearch(text) : null));
}
