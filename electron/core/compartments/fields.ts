/**
 * Field encryption: a feature declares once which columns of a table belong to a compartment, then reads and
 * writes plain values through the declaration. Stored values are versioned AES-256-GCM blobs under the
 * compartment's key:
 *
 *   'Q' 0x01 | epoch (uint32 BE) | nonce (12) | ciphertext | tag (16)
 *   AAD = "qorgan-field-v1:<table>:<record id>:<field>:<epoch>"
 *
 * so a ciphertext cannot be moved to another record or field unseen. A session without the compartment reads
 * `null` (hidden) for those fields — never an error that would tell what is there. Protected columns are never
 * indexed, never in an FTS table, never logged. Every declaration is listed in `PROTECTED_TABLES`, which the key
 * rotation walks to re-encrypt a compartment.
 */
import crypto from 'node:crypto';
import type { z } from 'zod';
import type { CompartmentKey, KeySource } from '../core';
import { AppError } from '../errors';
import type { Compartment } from './policy';

const MAGIC = Buffer.from([0x51, 0x01]);
const HEADER = MAGIC.length + 4 + 12;
const TAG = 16;

function aad(table: string, recordId: string, field: string, epoch: number): Buffer {
  return Buffer.from(`qorgan-field-v1:${table}:${recordId}:${field}:${epoch}`);
}

export function sealField(k: CompartmentKey, table: string, recordId: string, field: string, plain: Buffer): Buffer {
  const nonce = crypto.randomBytes(12);
  const epoch = Buffer.alloc(4);
  epoch.writeUInt32BE(k.epoch);
  const cipher = crypto.createCipheriv('aes-256-gcm', k.key, nonce);
  cipher.setAAD(aad(table, recordId, field, k.epoch));
  const ct = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([MAGIC, epoch, nonce, ct, cipher.getAuthTag()]);
}

/** The epoch a blob was sealed under (null: not a field blob). */
export function fieldEpoch(blob: Uint8Array): number | null {
  if (blob.length < HEADER + TAG || blob[0] !== MAGIC[0] || blob[1] !== MAGIC[1]) return null;
  return Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength).readUInt32BE(MAGIC.length);
}

/** The plaintext, or null when the key (epoch), the place (AAD) or the blob does not match. */
export function openField(k: CompartmentKey, table: string, recordId: string, field: string, blob: Uint8Array): Buffer | null {
  const b = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  if (fieldEpoch(b) !== k.epoch) return null;
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', k.key, b.subarray(MAGIC.length + 4, HEADER));
    decipher.setAAD(aad(table, recordId, field, k.epoch));
    decipher.setAuthTag(b.subarray(b.length - TAG));
    return Buffer.concat([decipher.update(b.subarray(HEADER, b.length - TAG)), decipher.final()]);
  } catch {
    return null;
  }
}

export interface FieldSpec<T> {
  compartment: Compartment;
  schema: z.ZodType<T>;
}

type Specs = Record<string, FieldSpec<unknown>>;
type Values<S extends Specs> = { [K in keyof S]: S[K] extends FieldSpec<infer T> ? T : never };
/** null = the session does not hold the field's compartment (hidden), or no value was ever written */
type Read<S extends Specs> = { [K in keyof S]: (S[K] extends FieldSpec<infer T> ? T : never) | null };

export interface ProtectedTable<S extends Specs = Specs> {
  table: string;
  /** the primary-key column whose value is bound into every field's AAD */
  idColumn: string;
  fields: S;
  /** Decrypts the row's protected columns (null for a compartment the session lacks, or a damaged value). */
  read(keys: KeySource, recordId: string, row: { [K in keyof S]: Uint8Array | null }): Read<S>;
  /** Encrypts values for the columns; throws `auth.forbidden` if the session lacks a compartment it writes. */
  write<K extends keyof S>(keys: KeySource, recordId: string, values: Pick<Values<S>, K>): { [P in K]: Buffer };
  /** True when the session holds every compartment of these fields. */
  canRead(keys: KeySource, ...fields: (keyof S)[]): boolean;
}

export const PROTECTED_TABLES: ProtectedTable[] = [];

/** Declares a table's protected columns (column name = field name in the AAD). Call once per table, at import. */
export function protectedFields<S extends Specs>(table: string, idColumn: string, fields: S): ProtectedTable<S> {
  const t: ProtectedTable<S> = {
    table,
    idColumn,
    fields,
    read(keys, recordId, row) {
      const out: Record<string, unknown> = {};
      for (const [field, spec] of Object.entries(fields)) {
        const blob = row[field];
        const k = keys.compartmentKey(spec.compartment);
        const plain = blob && k ? openField(k, table, recordId, field, blob) : null;
        if (!plain) {
          out[field] = null;
          continue;
        }
        let json: unknown;
        try {
          json = JSON.parse(plain.toString('utf8'));
        } catch {
          json = undefined;
        }
        plain.fill(0);
        const parsed = spec.schema.safeParse(json);
        out[field] = parsed.success ? parsed.data : null;
      }
      return out as Read<S>;
    },
    write(keys, recordId, values) {
      const out: Record<string, Buffer> = {};
      for (const [field, value] of Object.entries(values as Record<string, unknown>)) {
        const spec = fields[field];
        if (!spec) throw new Error(`${table}.${field} is not a protected field`);
        const k = keys.compartmentKey(spec.compartment);
        if (!k) throw new AppError('keys.not_holder', 'this session does not hold the compartment of the field');
        const plain = Buffer.from(JSON.stringify(spec.schema.parse(value)), 'utf8');
        out[field] = sealField(k, table, recordId, field, plain);
        plain.fill(0);
      }
      return out as { [P in keyof typeof values]: Buffer };
    },
    canRead(keys, ...names) {
      const list = names.length ? names : Object.keys(fields);
      return list.every((f) => {
        const spec = fields[f];
        return spec !== undefined && keys.compartmentKey(spec.compartment) !== null;
      });
    },
  };
  PROTECTED_TABLES.push(t);
  return t;
}
