/**
 * The pupils' sort keys and search skeletons (shared/kazakh-text.ts) in a TEMP table of the connection, kept by
 * TEMP triggers on `pupils`, so that a list sorts in the Kazakh alphabet and a forgiving name search runs in SQL at
 * the speed of plain SQLite (3 000 pupils: about a millisecond), with no migration and nothing on disk:
 * `temp_store = MEMORY` (openSqlite) keeps the TEMP database in memory, and it goes when lock closes the
 * connection. It is built on first use by a connection (a list call), from the registered functions
 * (electron/core/db/functions.ts); inside a transaction that rolls back it goes too and is built again next time.
 *
 *   temp.pupil_text(ref = pupils.rowid, sort_key = class letter, surname, name, patronymic, folded = the names)
 */
import { sql, type RawBuilder } from 'kysely';
import { parseNameQuery } from '../../../shared/kazakh-text';
import type { Db } from '../db/types';

const KEY = sql.raw(`qorgan_kk_key(new.class_letter || char(1) || new.last_name || char(1) || new.first_name || char(1) || new.middle_name)`);
const FOLD = sql.raw(`qorgan_fold(new.last_name || ' ' || new.first_name || ' ' || new.middle_name)`);

export async function ensurePupilText(db: Db): Promise<void> {
  const exists = await sql<{ n: number }>`SELECT count(*) AS n FROM temp.sqlite_master WHERE type = 'table' AND name = 'pupil_text'`.execute(db);
  if (Number(exists.rows[0]?.n ?? 0) > 0) return;
  await sql`CREATE TEMP TABLE pupil_text (ref INTEGER PRIMARY KEY, sort_key TEXT NOT NULL, folded TEXT NOT NULL)`.execute(db);
  await sql`CREATE TEMP TRIGGER pupil_text_ai AFTER INSERT ON main.pupils BEGIN
      INSERT OR REPLACE INTO pupil_text (ref, sort_key, folded) VALUES (new.rowid, ${KEY}, ${FOLD});
    END`.execute(db);
  await sql`CREATE TEMP TRIGGER pupil_text_au AFTER UPDATE OF last_name, first_name, middle_name, class_letter ON main.pupils BEGIN
      DELETE FROM pupil_text WHERE ref = old.rowid;
      INSERT OR REPLACE INTO pupil_text (ref, sort_key, folded) VALUES (new.rowid, ${KEY}, ${FOLD});
    END`.execute(db);
  await sql`CREATE TEMP TRIGGER pupil_text_ad AFTER DELETE ON main.pupils BEGIN
      DELETE FROM pupil_text WHERE ref = old.rowid;
    END`.execute(db);
  await sql`INSERT INTO pupil_text (ref, sort_key, folded)
      SELECT rowid,
             qorgan_kk_key(class_letter || char(1) || last_name || char(1) || first_name || char(1) || middle_name),
             qorgan_fold(last_name || ' ' || first_name || ' ' || middle_name)
      FROM main.pupils`.execute(db);
}

/** The Kazakh alphabet order of a pupil row (class letter, then names): for ORDER BY, after the grade. */
export const pupilSortKey: RawBuilder<string> = sql<string>`(SELECT sort_key FROM temp.pupil_text WHERE ref = pupils.rowid)`;

/**
 * The SQL condition of a name/IIN search: every folded word inside the folded names, digits as the start of the
 * IIN. Null when nothing searchable was typed.
 */
export function pupilSearchCondition(text: string): RawBuilder<boolean> | null {
  const q = parseNameQuery(text);
  if (q.words.length === 0 && q.iinPrefix === null) return null;
  const parts: RawBuilder<boolean>[] = [];
  if (q.words.length > 0) {
    const each = sql.join(
      q.words.map((w) => sql`instr(folded, ${w}) > 0`),
      sql` AND `,
    );
    parts.push(sql<boolean>`pupils.rowid IN (SELECT ref FROM temp.pupil_text WHERE ${each})`);
  }
  if (q.iinPrefix !== null) parts.push(sql<boolean>`substr(pupils.iin, 1, ${q.iinPrefix.length}) = ${q.iinPrefix}`);
  return sql<boolean>`(${sql.join(parts, sql` AND `)})`;
}
