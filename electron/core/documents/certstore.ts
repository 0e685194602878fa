/**
 * Signing certificates kept in the encrypted DB. The PKCS#12 is stored as it is: its private key stays encrypted
 * with the holder's signing password (asked at each signature), inside the SQLCipher-encrypted DB.
 */
import crypto from 'node:crypto';
import type { Selectable } from 'kysely';
import type { SigningCertificate } from '../../../shared/documents';
import type { SigningCertificatesTable } from '../db/schema';
import type { Db } from '../db/types';
import { AppError } from '../errors';
import type { StoredCertificateKey } from './trust';
import { assertCertificateUsable, loadP12, type CertificateDetails, type LoadedP12 } from './certificates';

type Row = Omit<Selectable<SigningCertificatesTable>, 'p12'>;

const COLUMNS = [
  'id',
  'origin',
  'subject_name',
  'position',
  'organization',
  'issuer_name',
  'serial_hex',
  'fingerprint_sha256',
  'not_before',
  'not_after',
  'key_bits',
  'owner_account_id',
  'created_at',
  'retired_at',
] as const;

export function toCertificate(r: Row): SigningCertificate {
  return {
    id: r.id,
    origin: r.origin,
    subjectName: r.subject_name,
    position: r.position,
    organization: r.organization,
    issuerName: r.issuer_name,
    serialHex: r.serial_hex,
    fingerprintSha256: r.fingerprint_sha256,
    notBefore: r.not_before,
    notAfter: r.not_after,
    keyBits: r.key_bits,
    ownerAccountId: r.owner_account_id,
    createdAt: r.created_at,
    retiredAt: r.retired_at,
  };
}

export async function storeCertificate(
  db: Db,
  input: { p12: Buffer; details: CertificateDetails; origin: 'created' | 'imported'; ownerAccountId: string | null; now: Date },
): Promise<SigningCertificate> {
  const dup = await db
    .selectFrom('signing_certificates')
    .select('id')
    .where('fingerprint_sha256', '=', input.details.fingerprintSha256)
    .executeTakeFirst();
  if (dup) throw new AppError('conflict', 'this certificate is already stored');
  const d = input.details;
  const row = {
    id: crypto.randomUUID(),
    origin: input.origin,
    subject_name: d.subjectName,
    position: d.position,
    organization: d.organization,
    issuer_name: d.issuerName,
    serial_hex: d.serialHex,
    fingerprint_sha256: d.fingerprintSha256,
    not_before: d.notBefore.toISOString(),
    not_after: d.notAfter.toISOString(),
    key_bits: d.keyBits,
    p12: input.p12,
    owner_account_id: input.ownerAccountId,
    created_at: input.now.toISOString(),
    retired_at: null,
  };
  await db.insertInto('signing_certificates').values(row).execute();
  return toCertificate(row);
}

/** The signed-in account a new certificate is for: its id and its display name as stored now. */
export async function certificateHolder(db: Db, accountId: string | undefined): Promise<{ id: string; displayName: string }> {
  if (!accountId) throw new AppError('auth.not_logged_in', 'a certificate belongs to a signed-in account');
  const r = await db.selectFrom('accounts').select(['id', 'display_name']).where('id', '=', accountId).executeTakeFirst();
  if (!r) throw new AppError('auth.not_logged_in', 'the signed-in account no longer exists');
  return { id: r.id, displayName: r.display_name };
}

export async function listCertificates(db: Db, includeRetired: boolean): Promise<SigningCertificate[]> {
  let q = db.selectFrom('signing_certificates').select(COLUMNS);
  if (!includeRetired) q = q.where('retired_at', 'is', null);
  const rows = await q.orderBy('created_at', 'desc').execute();
  return rows.map(toCertificate);
}

export async function getCertificate(db: Db, id: string): Promise<SigningCertificate> {
  const r = await db.selectFrom('signing_certificates').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('not_found', 'no such certificate');
  return toCertificate(r);
}

export async function retireCertificate(db: Db, id: string, now: Date): Promise<void> {
  const r = await db
    .updateTable('signing_certificates')
    .set({ retired_at: now.toISOString() })
    .where('id', '=', id)
    .where('retired_at', 'is', null)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) throw new AppError('not_found', 'no such active certificate');
}

/**
 * Opens a stored certificate for signing with its password: `documents.wrong_p12_password`,
 * `documents.certificate_expired`, `documents.no_certificate` (unknown or retired id).
 */
export async function openSigner(db: Db, certificateId: string, password: string, now: Date): Promise<{ id: string; p12: LoadedP12 }> {
  const r = await db
    .selectFrom('signing_certificates')
    .select(['id', 'p12', 'retired_at'])
    .where('id', '=', certificateId)
    .executeTakeFirst();
  if (!r || r.retired_at) throw new AppError('documents.no_certificate', 'no such signing certificate');
  const p12 = loadP12(Buffer.from(r.p12), password);
  assertCertificateUsable(p12.details, now);
  return { id: r.id, p12 };
}

/**
 * The SHA-256 fingerprint of every stored certificate, current and retired (trust.ts decides with them which
 * signatures are the school's). Fingerprints are lower-case hex of the certificate's DER.
 */
export async function certificateKeys(db: Db): Promise<StoredCertificateKey[]> {
  const rows = await db.selectFrom('signing_certificates').select(['fingerprint_sha256', 'retired_at']).execute();
  return rows.map((r) => ({ fingerprintSha256: r.fingerprint_sha256.toLowerCase(), retiredAt: r.retired_at }));
}
