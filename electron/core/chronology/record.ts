/**
 * Writing a pupil's chronology. Every feature that records something about a child calls `recordChronology` in the
 * same transaction as the record itself, so the card never shows a thing that was not saved, nor misses one. The
 * summary is a short, human line ("Bullying concern logged: targeted"), sealed in the `protection` compartment —
 * or, for a confidential note, in `confidential` (the entry then shows to others as "confidential note" only).
 * When the source record changes, `updateChronologySummary` rewrites its entry; `removeChronology` drops it.
 */
import crypto from 'node:crypto';
import { z } from 'zod';
import { chronologyKindSchema, type ChronologyKind } from '../../../shared/chronology';
import { protectedFields } from '../compartments/fields';
import type { KeySource } from '../core';
import type { Db, Stamp } from '../db/types';
import { AppError } from '../errors';
import { encodeMessage, MESSAGE_KIND, type ChronologyMessage } from './messages';

export const chronologyProtected = protectedFields('chronology', 'id', {
  summary_enc: { compartment: 'protection', schema: z.string().max(2000) },
  confidential_enc: { compartment: 'confidential', schema: z.string().max(2000) },
});

export interface ChronologyInput {
  pupilId: string;
  kind: ChronologyKind;
  source?: { table: string; id: string };
  /** when it happened (ISO date or date-time); defaults to now */
  occurredAt?: string;
  /**
   * a written line, or — for a line the app composes — its message (key + parameters), put into words in the
   * reader's language when read (messages.ts, render.ts)
   */
  summary: string | ChronologyMessage;
  /** seal the summary in the confidential compartment instead of protection */
  confidential?: boolean;
}

/** The text sealed for a summary: a written line as it is, a message in its stored form. */
function sealedText(kind: ChronologyKind, summary: string | ChronologyMessage): string {
  if (typeof summary === 'string') return summary;
  if (MESSAGE_KIND[summary.key] !== kind) throw new AppError('internal', `a ${summary.key} message does not belong to a ${kind} entry`);
  return encodeMessage(summary);
}

function summaryColumns(keys: KeySource, id: string, summary: string, confidential: boolean) {
  return confidential
    ? { summary_enc: null, ...chronologyProtected.write(keys, id, { confidential_enc: summary }) }
    : { confidential_enc: null, ...chronologyProtected.write(keys, id, { summary_enc: summary }) };
}

/** Adds an entry; returns its id. Throws `keys.not_holder` when the session lacks the compartment. */
export async function recordChronology(
  db: Db,
  keys: KeySource,
  actor: Stamp,
  entry: ChronologyInput,
): Promise<string> {
  const id = crypto.randomUUID();
  await db
    .insertInto('chronology')
    .values({
      id,
      pupil_id: entry.pupilId,
      kind: entry.kind,
      source_table: entry.source?.table ?? null,
      source_id: entry.source?.id ?? null,
      occurred_at: entry.occurredAt ?? actor.now.toISOString(),
      written_at: actor.now.toISOString(),
      written_by: actor.accountId,
      ...summaryColumns(keys, id, sealedText(entry.kind, entry.summary), entry.confidential ?? false),
    })
    .execute();
  return id;
}

/**
 * Adds many entries in one INSERT per 200 (a bulk write such as a class-list import); same rules as
 * `recordChronology`. Returns their ids in order.
 */
export async function recordChronologyMany(
  db: Db,
  keys: KeySource,
  actor: Stamp,
  entries: readonly ChronologyInput[],
): Promise<string[]> {
  const rows = entries.map((entry) => {
    const id = crypto.randomUUID();
    return {
      id,
      pupil_id: entry.pupilId,
      kind: entry.kind,
      source_table: entry.source?.table ?? null,
      source_id: entry.source?.id ?? null,
      occurred_at: entry.occurredAt ?? actor.now.toISOString(),
      written_at: actor.now.toISOString(),
      written_by: actor.accountId,
      ...summaryColumns(keys, id, sealedText(entry.kind, entry.summary), entry.confidential ?? false),
    };
  });
  for (let i = 0; i < rows.length; i += 200) await db.insertInto('chronology').values(rows.slice(i, i + 200)).execute();
  return rows.map((r) => r.id);
}

/** Rewrites the summary (and the date it happened) of the entries written for a source record. */
export async function updateChronologySummary(
  db: Db,
  keys: KeySource,
  source: { table: string; id: string },
  change: { summary: string | ChronologyMessage; occurredAt?: string; confidential?: boolean },
): Promise<void> {
  const rows = await db
    .selectFrom('chronology')
    .select(['id', 'kind'])
    .where('source_table', '=', source.table)
    .where('source_id', '=', source.id)
    .execute();
  for (const r of rows) {
    await db
      .updateTable('chronology')
      .set({
        ...summaryColumns(keys, r.id, sealedText(chronologyKindSchema.parse(r.kind), change.summary), change.confidential ?? false),
        ...(change.occurredAt ? { occurred_at: change.occurredAt } : {}),
      })
      .where('id', '=', r.id)
      .execute();
  }
}

/** Drops the entries of a source record (e.g. a guardian removed, an entry written in error). */
export async function removeChronology(db: Db, source: { table: string; id: string }): Promise<void> {
  await db.deleteFrom('chronology').where('source_table', '=', source.table).where('source_id', '=', source.id).execute();
}
