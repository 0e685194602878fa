/**
 * Welfare fields still in plaintext columns (a DB upgraded from before 0005, or a writer that predates the
 * compartments) are sealed into the protection compartment and the plaintext emptied, in one transaction. With
 * `secure_delete` on, the old cells are overwritten; the WAL is checkpointed so no old page stays behind.
 */
import { z } from 'zod';
import { familyStatusSchema } from '../../../shared/pupils';
import type { CoreState } from '../core';
import { checkpoint } from '../db/open';
import { pupilProtected } from '../pupils/protected';
import { sql } from 'kysely';
import { PROTECTED_DOCUMENT_KINDS } from '../../../shared/documents';
import { plainRegisterTitle, sealDocument } from '../documents/sealed';
import { refreshTallies, tallyNeedsBuild } from '../statistics/tally';

const familyJson = z.array(familyStatusSchema);

export async function sealPlaintextPupils(core: CoreState): Promise<number> {
  if (!pupilProtected.canRead(core)) return 0;
  const rows = await core.db
    .selectFrom('pupils')
    .select(['id', 'family_status', 'on_register', 'family_status_enc', 'on_register_enc'])
    .where((eb) => eb.or([eb('family_status', '!=', '[]'), eb('on_register', '!=', 0)]))
    .execute();
  if (rows.length === 0) return 0;
  await core.db.transaction().execute(async (trx) => {
    for (const r of rows) {
      let family: z.infer<typeof familyJson> = [];
      try {
        const parsed = familyJson.safeParse(JSON.parse(r.family_status));
        family = parsed.success ? parsed.data : [];
      } catch {
        family = [];
      }
      const current = pupilProtected.read(core, r.id, r);
      const merged = [...new Set([...(current.family_status_enc ?? []), ...family])];
      const sealed = pupilProtected.write(core, r.id, { family_status_enc: merged, on_register_enc: r.on_register === 1 || current.on_register_enc === true });
      await trx.updateTable('pupils').set({ ...sealed, family_status: '[]', on_register: 0 }).where('id', '=', r.id).execute();
    }
  });
  checkpoint(core.sqlite);
  return rows.length;
}

/**
 * Welfare documents whose bytes are still in the register row (issued before migration 0018, or by a caller that
 * handed over no keys) are sealed into `document_sealed` and the row's file and title emptied — one document per
 * transaction (a file may be a few MB), then the WAL is checkpointed. Runs at every unlock of a holder of
 * `protection`; returns how many were sealed.
 */
export async function sealPlaintextDocuments(core: CoreState): Promise<number> {
  if (!core.compartmentKey('protection')) return 0;
  const pending = await core.db
    .selectFrom('documents')
    .select('id')
    .where('kind', 'in', [...PROTECTED_DOCUMENT_KINDS])
    .where(sql<boolean>`length(pdf) > 0`)
    .execute();
  if (pending.length === 0) return 0;
  const now = core.platform.now().toISOString();
  for (const { id } of pending) {
    await core.db.transaction().execute(async (trx) => {
      const r = await trx.selectFrom('documents').select(['pdf', 'title', 'register_number']).where('id', '=', id).executeTakeFirstOrThrow();
      if (r.pdf.length === 0) return;
      const pdf = Buffer.from(r.pdf);
      const sealed = sealDocument(core, id, pdf, r.title);
      pdf.fill(0);
      await trx
        .insertInto('document_sealed')
        .values({ document_id: id, ...sealed, sealed_at: now })
        .onConflict((oc) => oc.column('document_id').doUpdateSet({ pdf_enc: sealed.pdf_enc, title_enc: sealed.title_enc }))
        .execute();
      await trx.updateTable('documents').set({ pdf: Buffer.alloc(0), ...plainRegisterTitle(r.register_number) }).where('id', '=', id).execute();
    });
  }
  checkpoint(core.sqlite);
  return pending.length;
}

/**
 * The statistics' sealed monthly tally (migration 0023) counted from the records, in one transaction, by the first
 * unlock of a holder of `protection` that finds records and no tally (or a tally of an older version). Afterwards
 * the writers keep it, and a statistics read repairs a month it finds stale.
 */
export async function buildStatisticsTally(core: CoreState): Promise<number> {
  if (!core.compartmentKey('protection')) return 0;
  if (!(await tallyNeedsBuild(core.db))) return 0;
  const now = core.platform.now();
  return core.db.transaction().execute((trx) => refreshTallies(trx, core, now));
}
