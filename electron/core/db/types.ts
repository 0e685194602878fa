/**
 * The two types every query module takes: `Db`, the DB or the open transaction a handler runs in (`ctx.db`), and
 * `Actor`, who writes and when (`Stamp`) with the session's keys for sealed fields. Declared once here, so that a
 * query function can be called from any handler, another feature's query or a test without a local look-alike.
 */
import type { Kysely, Transaction } from 'kysely';
import type { KeySource } from '../core';
import type { Database } from './schema';

export type Db = Kysely<Database> | Transaction<Database>;

/** Who writes and when: the account (null for the app itself) and the core's clock at the call. */
export interface Stamp {
  accountId: string | null;
  now: Date;
}

/** A writer that also seals or opens protected fields with the session's keys. */
export interface Actor extends Stamp {
  keys: KeySource;
}
