/**
 * The concern intake: how a staff member who holds no compartment (a class teacher, the administrator) writes a
 * concern that only the protection holders can read.
 *
 * The school has an X25519 **intake key pair**: the public key is plain in the DB, the private key is a `protection`
 * field (so only a protection holder's session, or the recovery key, opens it). The author's session seals the
 * concern's content to the newest public key (seal.ts: ephemeral X25519 → HKDF-SHA256 → AES-256-GCM, the AAD binding
 * the concern id and the intake key id, so a sealed content cannot be moved to another concern). At triage the
 * content is re-sealed as an ordinary `protection` field and the intake copy dropped.
 *
 * The author cannot read the content back (their password opens no key for it): "my concerns" shows the number, the
 * time, the status and the answer the office wrote for them.
 *
 * Rotation: the private key field is re-encrypted with the rest of the compartment when `protection` rotates, but a
 * holder who lost access may have copied the old private key, so a protection holder's session makes a new pair as
 * soon as the newest pair is older than the compartment's current epoch (at login: compartments/session.ts, and on
 * every concern call). Concerns sealed to an older pair stay readable (its private key is still in the compartment).
 */
import crypto from 'node:crypto';
import { z } from 'zod';
import { concernContentSchema, type ConcernContent } from '../../../shared/cases';
import type { KeySource } from '../core';
import type { Db } from '../db/types';
import { generatePair, open, seal } from '../compartments/seal';
import { intakeKeyProtected } from './protected';

const sealedSchema = z.object({ ephemeral: z.string(), nonce: z.string(), sealed: z.string(), tag: z.string() }).strict();

function aad(concernId: string, intakeKeyId: string): string {
  return `qorgan-concern-v1:${concernId}:${intakeKeyId}`;
}

/**
 * Makes a new intake pair when the session holds `protection` and the newest pair predates the compartment's
 * current epoch (or there is none). Returns true when it made one.
 */
export async function ensureIntakeKey(db: Db, keys: KeySource, now: Date): Promise<boolean> {
  const k = keys.compartmentKey('protection');
  if (!k) return false;
  const newest = await db.selectFrom('concern_intake_keys').select('protection_epoch').orderBy('protection_epoch', 'desc').limit(1).executeTakeFirst();
  if (newest && newest.protection_epoch >= k.epoch) return false;
  const id = crypto.randomUUID();
  const pair = generatePair();
  try {
    await db
      .insertInto('concern_intake_keys')
      .values({
        id,
        protection_epoch: k.epoch,
        public_key: pair.publicKey,
        created_at: now.toISOString(),
        ...intakeKeyProtected.write(keys, id, { private_enc: pair.privateKey.toString('base64') }),
      })
      .execute();
  } finally {
    pair.privateKey.fill(0);
  }
  return true;
}

/** The pair authors seal to: the newest. */
export async function currentIntakeKey(db: Db): Promise<{ id: string; publicKey: Buffer } | null> {
  const r = await db
    .selectFrom('concern_intake_keys')
    .select(['id', 'public_key'])
    .orderBy('protection_epoch', 'desc')
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r ? { id: r.id, publicKey: Buffer.from(r.public_key) } : null;
}

export function sealConcern(content: ConcernContent, concernId: string, key: { id: string; publicKey: Buffer }): string {
  const plain = Buffer.from(JSON.stringify(concernContentSchema.parse(content)), 'utf8');
  try {
    return JSON.stringify(seal(plain, key.publicKey, aad(concernId, key.id)));
  } finally {
    plain.fill(0);
  }
}

/**
 * Opens sealed concerns for one call: the intake private keys are decrypted once (from the protection compartment)
 * and wiped by `close()`. Without `protection` every open returns null.
 */
export class IntakeOpener {
  private readonly privates = new Map<string, Buffer | null>();

  constructor(
    private readonly db: Db,
    private readonly keys: KeySource,
  ) {}

  private async privateKey(intakeKeyId: string): Promise<Buffer | null> {
    if (this.privates.has(intakeKeyId)) return this.privates.get(intakeKeyId) ?? null;
    const r = await this.db.selectFrom('concern_intake_keys').select(['id', 'private_enc']).where('id', '=', intakeKeyId).executeTakeFirst();
    const b64 = r ? intakeKeyProtected.read(this.keys, r.id, r).private_enc : null;
    const key = b64 ? Buffer.from(b64, 'base64') : null;
    this.privates.set(intakeKeyId, key);
    return key;
  }

  async open(concernId: string, intakeKeyId: string | null, sealedJson: string | null): Promise<ConcernContent | null> {
    if (!intakeKeyId || !sealedJson) return null;
    const priv = await this.privateKey(intakeKeyId);
    if (!priv) return null;
    let sealed: z.infer<typeof sealedSchema>;
    try {
      sealed = sealedSchema.parse(JSON.parse(sealedJson));
    } catch {
      return null;
    }
    const plain = open(sealed, priv, aad(concernId, intakeKeyId));
    if (!plain) return null;
    try {
      const parsed = concernContentSchema.safeParse(JSON.parse(plain.toString('utf8')));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    } finally {
      plain.fill(0);
    }
  }

  close(): void {
    for (const k of this.privates.values()) k?.fill(0);
    this.privates.clear();
  }
}
