/** The DB's own record of each compartment's current epoch (meta 'compartment_epochs'), written with its fields. */
import { z } from 'zod';
import type { Db } from '../db/types';
import type { Compartment } from './policy';

const schema = z.object({ protection: z.number().int().min(0), confidential: z.number().int().min(0) }).partial();
export type DbEpochs = z.infer<typeof schema>;

export async function readDbEpochs(db: Db): Promise<DbEpochs | null> {
  const row = await db.selectFrom('meta').select('value').where('key', '=', 'compartment_epochs').executeTakeFirst();
  if (!row) return null;
  const parsed = schema.safeParse(JSON.parse(row.value));
  return parsed.success ? parsed.data : null;
}

export async function writeDbEpoch(db: Db, c: Compartment, epoch: number): Promise<void> {
  const cur = (await readDbEpochs(db)) ?? {};
  const value = JSON.stringify({ ...cur, [c]: epoch });
  await db
    .insertInto('meta')
    .values({ key: 'compartment_epochs', value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}
