/**
 * manifest.json, the first file of the archive: what the backup is, and the SHA-256 of every other file in it.
 * Holds no personal data (the school's number and name, versions, table row counts).
 */
import { z } from 'zod';
import pkg from '../../../package.json';

export const APP_VERSION: string = pkg.version;
export const MANIFEST_FORMAT = 1;
export const DB_ENTRY = 'qorgan.db';
export const KEYRING_ENTRY = 'keyring.json';
export const MANIFEST_ENTRY = 'manifest.json';

const fileSchema = z.object({ size: z.number().int().min(0), sha256: z.string().regex(/^[0-9a-f]{64}$/) }).strict();

export const auditHeadSchema = z.object({ seq: z.number().int().min(0), mac: z.string().regex(/^[0-9a-f]{64}$/) }).strict();
export type ManifestAuditHead = z.infer<typeof auditHeadSchema>;

/** Only the fields that tell "is this ours, and how new" — checked before the strict schema. */
export const manifestHeadSchema = z.object({
  format: z.literal('qorgan-backup'),
  version: z.number().int().min(1),
  app: z.object({ version: z.string().regex(/^\d+\.\d+\.\d+([-+].*)?$/) }),
});

export const manifestSchema = z
  .object({
    format: z.literal('qorgan-backup'),
    version: z.number().int().min(1),
    createdAt: z.string().datetime(),
    school: z.object({ number: z.string().max(20), nameKk: z.string().max(400), nameRu: z.string().max(400) }).strict(),
    app: z.object({ version: z.string().max(40) }).strict(),
    schema: z.object({ migrations: z.array(z.string().max(100)).max(1000) }).strict(),
    /** SQLCipher settings of qorgan.db, for district IT opening it with another tool */
    database: z.object({ cipher: z.literal('sqlcipher'), compatibility: z.literal(4), keyFormat: z.literal('raw-hex-256') }).strict(),
    counts: z.record(z.string().max(100), z.number().int().min(0)),
    files: z.object({ [KEYRING_ENTRY]: fileSchema, [DB_ENTRY]: fileSchema }).strict(),
    /**
     * The audit log's head when the snapshot was taken (sequence number and HMAC of the newest entry): a copy of it
     * outside the PC, so that a log cut short afterwards is found (electron/core/audit/log.ts). Absent in backups
     * made before 0009_audit_mac.
     */
    auditHead: auditHeadSchema.optional(),
  })
  .strict();
export type Manifest = z.infer<typeof manifestSchema>;

/** -1, 0, 1 for semantic versions (pre-release suffixes ignored). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[-+]/)[0]?.split('.').map(Number) ?? [];
  const pb = b.split(/[-+]/)[0]?.split('.').map(Number) ?? [];
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}
