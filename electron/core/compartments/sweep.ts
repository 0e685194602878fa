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
