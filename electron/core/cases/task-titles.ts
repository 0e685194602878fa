/**
 * Case task titles (migration 0018). A task's owner may be any staff account, most of whom hold no compartment, so
 * the title is sealed twice and the plain column left empty:
 *
 *   title_enc  a `protection` field: the case workers (and every holder) read it, a rotation re-encrypts it;
 *   title_own  the title sealed to the owner's own X25519 public key (the key pair of their keyring slot:
 *              ephemeral X25519 → HKDF-SHA256 → AES-256-GCM, compartments/seal.ts), AAD binding the task and the
 *              owner; the owner's session holds its private key from the password login (core `ownAccountKey`).
 *
 * Anyone else — another class teacher, an administrator, a thief with another account's password — reads nothing.
 * The owner's password does open their own titles offline: that is what "the owner reads their task" means.
 * A task given to another owner must be sealed again (`sealTaskTitle`). Rows written before 0018 keep their plain
 * title until a holder's next unlock seals them (`sealPlaintextTaskTitles`).
 */
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import { protectedFields } from '../compartments/fields';
import { open, seal } from '../compartments/seal';
import type { KeySource } from '../core';
import type { Database } from '../db/schema';

export const taskTitleProtected = protectedFields('case_tasks', 'id', {
  title_enc: { compartment: 'protection', schema: z.string() },
});

const ownSchema = z.object({
  /** the owner it was sealed to, and the public key used (a new pair after a password reset needs a new copy) */
  to: z.string(),
  pub: z.string(),
  ephemeral: z.string(),
  nonce: z.string(),
  sealed: z.string(),
  tag: z.string(),
});

function ownAad(taskId: string, ownerId: string): string {
  return `qorgan-task-title-v1:${taskId}:${ownerId}`;
}

/**
 * The columns of a task title: empty plain title, the `protection` copy (throws `keys.not_holder` without it) and
 * the owner's copy (null when the owner has no key pair yet, e.g. an account never signed in since keyring v2).
 */
export function sealTaskTitle(keys: KeySource, taskId: string, ownerId: string | null, title: string): { title: string; title_enc: Buffer; title_own: string | null } {
  const { title_enc } = taskTitleProtected.write(keys, taskId, { title_enc: title });
  const pub = ownerId ? (keys.accountPublicKey?.(ownerId) ?? null) : null;
  let title_own: string | null = null;
  if (ownerId && pub) {
    const plain = Buffer.from(title, 'utf8');
    title_own = JSON.stringify({ to: ownerId, pub: pub.toString('base64'), ...seal(plain, pub, ownAad(taskId, ownerId)) });
    plain.fill(0);
  }
  return { title: '', title_enc, title_own };
}

export interface TaskTitleRow {
  id: string;
  title: string;
  title_enc: Uint8Array | null;
  title_own: string | null;
  owner_id: string | null;
}

/** The title for this session: through `protection`, else the owner's own key; null when neither opens it. */
export function readTaskTitle(keys: KeySource, row: TaskTitleRow): string | null {
  // not sealed yet (written before 0018): the next holder's unlock seals it
  if (row.title_enc === null && row.title_own === null) return row.title;
  const viaProtection = taskTitleProtected.read(keys, row.id, { title_enc: row.title_enc }).title_enc;
  if (viaProtection !== null) return viaProtection;
  const own = keys.ownAccountKey?.() ?? null;
  if (!own || !row.title_own || row.owner_id !== own.accountId) return null;
  let parsed: z.infer<typeof ownSchema>;
  try {
    const r = ownSchema.safeParse(JSON.parse(row.title_own));
    if (!r.success || r.data.to !== own.accountId) return null;
    parsed = r.data;
  } catch {
    return null;
  }
  const plain = open(parsed, own.privateKey, ownAad(row.id, own.accountId));
  if (!plain) return null;
  const title = plain.toString('utf8');
  plain.fill(0);
  return title;
}

/**
 * Seals what a holder's unlock finds: titles still plain (before 0018), and owner copies missing or sealed to an
 * owner's old key pair (a password reset makes a new pair). Returns how many tasks were sealed again.
 */
export async function sealPlaintextTaskTitles(db: Kysely<Database>, keys: KeySource): Promise<number> {
  if (!taskTitleProtected.canRead(keys)) return 0;
  const rows = await db
    .selectFrom('case_tasks')
    .select(['id', 'title', 'title_enc', 'title_own', 'owner_id'])
    .where((eb) => eb.or([eb('title', '!=', ''), eb('title_enc', 'is', null), eb.and([eb('title_own', 'is', null), eb('owner_id', 'is not', null)])]))
    .execute();
  // owner copies under a key pair that is no longer the owner's
  const stale = await db
    .selectFrom('case_tasks')
    .select(['id', 'title', 'title_enc', 'title_own', 'owner_id'])
    .where('title_own', 'is not', null)
    .where('done_at', 'is', null)
    .execute();
  const todo = new Map(rows.map((r) => [r.id, r]));
  for (const r of stale) {
    const pub = r.owner_id ? (keys.accountPublicKey?.(r.owner_id) ?? null) : null;
    const cur = ownSchema.safeParse(JSON.parse(r.title_own ?? 'null'));
    if (pub && (!cur.success || cur.data.pub !== pub.toString('base64'))) todo.set(r.id, r);
  }
  let n = 0;
  await db.transaction().execute(async (trx) => {
    for (const r of todo.values()) {
      const title = readTaskTitle(keys, r);
      if (title === null) continue;
      const sealed = sealTaskTitle(keys, r.id, r.owner_id, title);
      // a missing owner copy that still cannot be made (the owner has no key pair yet) is no change
      if (r.title === '' && r.title_enc !== null && sealed.title_own === null && r.title_own === null) continue;
      await trx.updateTable('case_tasks').set(sealed).where('id', '=', r.id).execute();
      n++;
    }
  });
  if (n > 0) await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
  return n;
}
