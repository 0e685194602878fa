/**
 * Retention purge: the register documents about the pupil — those the pupil's chronology points at (every welfare
 * document issued about a pupil notes it there: prevention plan, referral letter, safety-plan sheet, case summary,
 * letter to parents), those of a case that goes whole, and those the other sources collected (referral letters,
 * prevention plans of the pupil's register entries, council extracts).
 *
 * The register row stays as a **tombstone**: kind, number, year, date, SHA-256 and length of the signed file, its
 * signers (staff) — the register's triggers keep those unchanged, and rightly: the numbering must have no holes (a
 * missing number looks like a removed document), and `documents.verify` of a printed copy someone still holds must
 * answer "issued here, purged under the retention rule", not "unknown" (which reads as a forgery). The bytes and
 * the title (`document_sealed`, or `document_confidential` for a safety-plan sheet) are deleted and `document_purges` (migration 0022) marks the row; `secure_delete`
 * zeroes the freed pages. A welfare document still stored plain (issued by a caller without keys, not yet sealed at
 * an unlock) is emptied first the way the sealing sweep does it (the only change the triggers allow).
 */
import { sealDocument } from './sealed';
import type { PurgeSource } from '../retention/sources';

export const DOCUMENTS_PURGE: PurgeSource = {
  name: 'documents',
  tables: ['documents', 'document_sealed', 'document_confidential', 'document_purges'],
  async collect(ctx) {
    const linked = await ctx.db
      .selectFrom('chronology')
      .select('source_id')
      .where('pupil_id', '=', ctx.pupilId)
      .where('source_table', '=', 'documents')
      .where('source_id', 'is not', null)
      .execute();
    for (const r of linked) if (r.source_id) ctx.documents.add(r.source_id);
    const sole = [...ctx.soleCases];
    if (sole.length) {
      for (const d of await ctx.db.selectFrom('documents').select('id').where('source_type', '=', 'case').where('source_id', 'in', sole).execute()) ctx.documents.add(d.id);
    }
  },
  async purge(ctx) {
    const ids = [...ctx.documents];
    if (ids.length === 0) return;
    const rows = await ctx.db
      .selectFrom('documents')
      .leftJoin('document_purges', 'document_purges.document_id', 'documents.id')
      .select(['documents.id', 'documents.register_number', 'documents.size_bytes'])
      .select((eb) => eb.fn('length', ['documents.pdf']).as('plain_length'))
      .where('documents.id', 'in', ids)
      .where('document_purges.document_id', 'is', null)
      .execute();
    ctx.counts.documents += rows.length;
    if (ctx.dryRun) return;
    for (const r of rows) {
      if (Number(r.plain_length) > 0) {
        // still plain: seal an empty stand-in, empty the row (allowed when a sealed file exists), then drop both
        const sealed = sealDocument(ctx.keys, r.id, Buffer.alloc(1), '');
        await ctx.db
          .insertInto('document_sealed')
          .values({ document_id: r.id, ...sealed, sealed_at: ctx.now.toISOString() })
          .onConflict((oc) => oc.column('document_id').doUpdateSet({ pdf_enc: sealed.pdf_enc, title_enc: sealed.title_enc }))
          .execute();
        await ctx.db
          .updateTable('documents')
          .set({ pdf: Buffer.alloc(0), title: '', title_search: r.register_number.toLocaleLowerCase('kk') })
          .where('id', '=', r.id)
          .execute();
      }
      await ctx.db.deleteFrom('document_sealed').where('document_id', '=', r.id).execute();
      await ctx.db.deleteFrom('document_confidential').where('document_id', '=', r.id).execute();
      await ctx.db.insertInto('document_purges').values({ document_id: r.id, purged_at: ctx.now.toISOString() }).execute();
    }
  },
};
