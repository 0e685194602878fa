import { sql, type Kysely } from 'kysely';

/** Runs DDL statements one by one (the SQLite driver prepares a single statement at a time). */
export async function execAll(db: Kysely<unknown>, statements: readonly string[]): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}
