/**
 * Reading a pupil's chronology: newest first by when it happened, then by when it was written (so a backdated entry
 * slots into its place, and two entries of the same moment show the later-written first), one page at a time. The
 * summary is decrypted with the session's keys: a session without the `protection` key reads null (hidden); a
 * confidential entry read without the `confidential` key shows as "confidential note" (flag set, text null).
 */
import { sql } from 'kysely';
import {
  CHRONOLOGY_CLASS_KINDS,
  CHRONOLOGY_KINDS,
  chronologyKindSchema,
  type ChronologyEntry,
  type ChronologyKind,
  type ChronologyPage,
} from '../../../shared/chronology';
import type { Language } from '../../../shared/roles';
import type { KeySource } from '../core';
import type { Db } from '../db/types';
import { AppError } from '../errors';
import { chronologyProtected } from './record';
import { summaryText } from './render';

export interface ChronologyQuery {
  pupilId: string;
  kinds?: readonly ChronologyKind[] | undefined;
  page: number;
  pageSize: number;
  /** a class-scoped reader: only the kinds of CHRONOLOGY_CLASS_KINDS, never a confidential entry */
  classScoped: boolean;
  /** the reader's language: the app's own lines (messages) are put into words in it */
  language: Language;
}

/** The kinds a reader may see, narrowed by the filter. */
function visibleKinds(q: ChronologyQuery): ChronologyKind[] {
  const allowed: readonly ChronologyKind[] = q.classScoped ? CHRONOLOGY_CLASS_KINDS : CHRONOLOGY_KINDS;
  return q.kinds && q.kinds.length > 0 ? allowed.filter((k) => q.kinds!.includes(k)) : [...allowed];
}

export async function listChronology(db: Db, keys: KeySource, q: ChronologyQuery): Promise<ChronologyPage> {
  const pupil = await db.selectFrom('pupils').select('id').where('id', '=', q.pupilId).executeTakeFirst();
  if (!pupil) throw new AppError('not_found', 'no such pupil');

  const allowed: readonly ChronologyKind[] = q.classScoped ? CHRONOLOGY_CLASS_KINDS : CHRONOLOGY_KINDS;
  let base = db.selectFrom('chronology').where('chronology.pupil_id', '=', q.pupilId).where('chronology.kind', 'in', allowed);
  if (q.classScoped) base = base.where('chronology.confidential_enc', 'is', null);

  const perKind = await base.select(['chronology.kind', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('chronology.kind').execute();
  const kinds = perKind
    .map((r) => ({ kind: chronologyKindSchema.parse(r.kind), count: Number(r.n) }))
    .sort((a, b) => CHRONOLOGY_KINDS.indexOf(a.kind) - CHRONOLOGY_KINDS.indexOf(b.kind));

  const wanted = visibleKinds(q);
  if (wanted.length === 0) return { items: [], total: 0, kinds };
  const filtered = wanted.length === allowed.length ? base : base.where('chronology.kind', 'in', wanted);
  const total = wanted.length === allowed.length ? kinds.reduce((s, k) => s + k.count, 0) : kinds.filter((k) => wanted.includes(k.kind)).reduce((s, k) => s + k.count, 0);

  const rows = await filtered
    .leftJoin('accounts', 'accounts.id', 'chronology.written_by')
    .select([
      'chronology.id',
      'chronology.kind',
      'chronology.source_table',
      'chronology.source_id',
      'chronology.occurred_at',
      'chronology.written_at',
      'chronology.summary_enc',
      'chronology.confidential_enc',
      'accounts.display_name',
    ])
    // the index chronology_pupil (pupil_id, occurred_at DESC, written_at DESC) serves this order
    .orderBy('chronology.occurred_at', 'desc')
    .orderBy('chronology.written_at', 'desc')
    .orderBy(sql`chronology.rowid`, 'desc')
    .limit(q.pageSize)
    .offset(q.page * q.pageSize)
    .execute();

  const items: ChronologyEntry[] = rows.map((r) => {
    const confidential = r.confidential_enc !== null;
    const text = chronologyProtected.read(keys, r.id, { summary_enc: r.summary_enc, confidential_enc: r.confidential_enc });
    const kind = chronologyKindSchema.parse(r.kind);
    return {
      id: r.id,
      pupilId: q.pupilId,
      kind,
      sourceTable: r.source_table,
      sourceId: r.source_id,
      occurredAt: r.occurred_at,
      writtenAt: r.written_at,
      writtenBy: r.display_name ?? null,
      summary: summaryText(kind, confidential ? text.confidential_enc : text.summary_enc, q.language),
      confidential,
    };
  });
  return { items, total, kinds };
}
