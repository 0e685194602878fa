/**
 * Signature slots of issued documents (migration 0010): one per declared signature, in signing order, with the
 * room its stamp takes and, once made, the signer and the file's SHA-256 and length right after it. A document
 * with an unsigned slot is "awaiting the signature of <role>". Co-signing itself is in cosign.ts.
 */
import { z } from 'zod';
import type { AwaitingSignature, DocumentSigner, DocumentSummary } from '../../../shared/documents';
import type { Role } from '../../../shared/roles';
import type { Db } from '../db/types';
import { AppError } from '../errors';
import type { LaterSigner } from './issue';
import { getDocument } from './register';
import type { StampBox } from './types';

export const rectSchema = z.tuple([z.number(), z.number(), z.number(), z.number()]);

export interface SignedSlot {
  role: string;
  roleLabel: string;
  signer: DocumentSigner;
  accountId: string | null;
  /** the file right after this signature */
  sha256: string;
  sizeBytes: number;
}

/** Records the signature slots of a newly issued document: the ones signed at issue, then the later ones. */
export async function insertSignatureSlots(
  db: Db,
  d: { documentId: string; boxes: StampBox[]; signed: SignedSlot[]; later: LaterSigner[] },
): Promise<void> {
  if (d.boxes.length !== d.signed.length + d.later.length) throw new AppError('internal', 'slot count mismatch');
  const rows = d.boxes.map((box, slot) => {
    const s = d.signed[slot];
    const l = s ? null : d.later[slot - d.signed.length]!;
    return {
      document_id: d.documentId,
      slot,
      role: s ? s.role : l!.role,
      role_label: s ? s.roleLabel : l!.roleLabel,
      account_id: s ? s.accountId : l!.accountId,
      required_role: l?.requiredRole ?? null,
      position: l?.position ?? null,
      page: box.page,
      rect: JSON.stringify(box.rect),
      signed_at: s ? s.signer.signedAt : null,
      signed_by: s ? s.accountId : null,
      signer: s ? JSON.stringify(s.signer) : null,
      sha256_after: s ? s.sha256 : null,
      size_after: s ? s.sizeBytes : null,
    };
  });
  if (rows.length > 0) await db.insertInto('document_signature_slots').values(rows).execute();
}

/** The first unsigned slot of each given document. */
export async function awaitingFor(db: Db, ids: string[]): Promise<Map<string, AwaitingSignature>> {
  const out = new Map<string, AwaitingSignature>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('document_signature_slots')
    .select(['document_id', 'slot', 'role', 'role_label', 'account_id', 'required_role'])
    .where('document_id', 'in', ids)
    .where('signed_at', 'is', null)
    .orderBy('document_id')
    .orderBy('slot')
    .execute();
  for (const r of rows) {
    if (out.has(r.document_id)) continue;
    out.set(r.document_id, {
      slot: r.slot,
      role: r.role,
      roleLabel: r.role_label,
      accountId: r.account_id,
      requiredRole: r.required_role,
    });
  }
  return out;
}

/** The slot as the asking session sees it: with `mine` when a session asks. */
function asSeenBy(slot: AwaitingSignature | undefined, who: Signatory | null | undefined): AwaitingSignature | null {
  if (!slot) return null;
  return who ? { ...slot, mine: mayFill(slot, who) } : slot;
}

/** The summary with its `awaiting` status filled in (and whether it is `who`'s to sign, when given). */
export async function withAwaiting(db: Db, d: DocumentSummary, who?: Signatory | null): Promise<DocumentSummary> {
  const m = await awaitingFor(db, [d.id]);
  return { ...d, awaiting: asSeenBy(m.get(d.id), who) };
}

/** Summaries with their `awaiting` status filled in (one query for the page; `mine` for `who`, when given). */
export async function attachAwaiting(db: Db, items: DocumentSummary[], who?: Signatory | null): Promise<DocumentSummary[]> {
  const m = await awaitingFor(db, items.map((d) => d.id));
  return items.map((d) => ({ ...d, awaiting: asSeenBy(m.get(d.id), who) }));
}

export interface Signatory {
  accountId: string;
  roles: readonly Role[];
}

export function mayFill(slot: AwaitingSignature, who: Signatory): boolean {
  if (slot.accountId !== null) return slot.accountId === who.accountId;
  return slot.requiredRole !== null && (who.roles as readonly string[]).includes(slot.requiredRole);
}

/** Documents whose next signature is the given account's to make, newest first. */
export async function listAwaitingFor(db: Db, who: Signatory): Promise<DocumentSummary[]> {
  const open = await db
    .selectFrom('document_signature_slots')
    .select(['document_id'])
    .where('signed_at', 'is', null)
    .where((eb) => eb.or([eb('account_id', '=', who.accountId), eb('account_id', 'is', null)]))
    .distinct()
    .limit(500)
    .execute();
  const out: DocumentSummary[] = [];
  const next = await awaitingFor(db, open.map((r) => r.document_id));
  for (const [id, slot] of next) {
    if (mayFill(slot, who)) out.push({ ...(await getDocument(db, id)), awaiting: { ...slot, mine: true } });
  }
  return out.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}


/**
 * Which register entry an earlier revision of a co-signed file belongs to: the file as it was right after
 * signature `slot` had this SHA-256 (for verification of a copy saved before the next signature was added).
 */
export async function findRevisionBySha256(db: Db, sha256: string): Promise<{ documentId: string; slot: number } | null> {
  const r = await db
    .selectFrom('document_signature_slots')
    .select(['document_id', 'slot'])
    .where('sha256_after', '=', sha256)
    .orderBy('slot')
    .executeTakeFirst();
  return r ? { documentId: r.document_id, slot: r.slot } : null;
}
