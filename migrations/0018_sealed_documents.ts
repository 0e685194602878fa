import type { Kysely } from 'kysely';
import { execAll } from './util';

/**
 * Sealed documents: the bytes of a welfare document (a kind in `PROTECTED_DOCUMENT_KINDS`: prevention plans,
 * council minutes, referral letters …) and its title move out of the base DB's plaintext into `document_sealed`,
 * as `protection` fields (AES-256-GCM, AAD = table / document id / field / epoch; electron/core/documents/sealed.ts).
 * The register row keeps what the register, verification and the audit need: kind, number, year, SHA-256 and length
 * of the plaintext file, the signers, the source; its `pdf` becomes empty and its title empty.
 *
 * A migration holds no key: existing welfare documents stay as they are until the next unlock by a holder of
 * `protection`, whose session seals them (the same sweep as for the pupils' fields of 0005).
 *
 * The update trigger of 0008 is replaced by one that allows, besides appending the next signature to a plain file,
 * (a) sealing: the bytes become empty and the title may change, every other column unchanged, the sealed row
 * present; (b) co-signing a sealed file: the bytes stay empty, the length grows, a slot is still unsigned (the new
 * sealed bytes are checked to extend the old ones in the core before they are stored, as for a plain file).
 *
 * Case task titles: `title_enc` (a `protection` field, for the case workers) and `title_own` (the title sealed to
 * the X25519 public key of the task's owner, JSON; electron/core/cases/task-titles.ts). The plain `title` is emptied
 * for tasks written after this, and for older ones at the next unlock of a holder of `protection`.
 * Frozen: fix forward.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execAll(db, [
    `ALTER TABLE case_tasks ADD COLUMN title_enc BLOB`,
    `ALTER TABLE case_tasks ADD COLUMN title_own TEXT`,
    `CREATE TABLE document_sealed (
       document_id TEXT PRIMARY KEY REFERENCES documents (id),
       pdf_enc BLOB,
       title_enc BLOB,
       sealed_at TEXT NOT NULL
     ) STRICT`,
    `CREATE TRIGGER document_sealed_fixed BEFORE UPDATE ON document_sealed
       WHEN NEW.document_id IS NOT OLD.document_id
       BEGIN SELECT RAISE(ABORT, 'a sealed document stays with its register entry'); END`,
    `DROP TRIGGER documents_no_update`,
    `CREATE TRIGGER documents_no_update BEFORE UPDATE ON documents
       WHEN NOT (
         NEW.id IS OLD.id AND NEW.kind IS OLD.kind AND NEW.year IS OLD.year AND NEW.number IS OLD.number
         AND NEW.register_number IS OLD.register_number AND NEW.language IS OLD.language
         AND NEW.source_type IS OLD.source_type AND NEW.source_id IS OLD.source_id
         AND NEW.created_by IS OLD.created_by AND NEW.created_at IS OLD.created_at
         AND NEW.audit_head IS OLD.audit_head
         AND (
           (
             NEW.title IS OLD.title AND NEW.title_search IS OLD.title_search
             AND length(OLD.pdf) > 0
             AND length(NEW.pdf) > length(OLD.pdf)
             AND substr(NEW.pdf, 1, length(OLD.pdf)) = OLD.pdf
             AND NEW.size_bytes = length(NEW.pdf)
             AND EXISTS (SELECT 1 FROM document_signature_slots s WHERE s.document_id = OLD.id AND s.signed_at IS NULL)
           )
           OR (
             length(OLD.pdf) > 0 AND length(NEW.pdf) = 0
             AND NEW.sha256 IS OLD.sha256 AND NEW.size_bytes IS OLD.size_bytes AND NEW.signers IS OLD.signers
             AND EXISTS (SELECT 1 FROM document_sealed d WHERE d.document_id = OLD.id AND d.pdf_enc IS NOT NULL)
           )
           OR (
             NEW.title IS OLD.title AND NEW.title_search IS OLD.title_search
             AND length(OLD.pdf) = 0 AND length(NEW.pdf) = 0
             AND NEW.size_bytes > OLD.size_bytes
             AND EXISTS (SELECT 1 FROM document_sealed d WHERE d.document_id = OLD.id)
             AND EXISTS (SELECT 1 FROM document_signature_slots s WHERE s.document_id = OLD.id AND s.signed_at IS NULL)
           )
         )
       )
       BEGIN SELECT RAISE(ABORT, 'issued documents are immutable; only the next signature may be appended'); END`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execAll(db, [
    `DROP TRIGGER documents_no_update`,
    `CREATE TRIGGER documents_no_update BEFORE UPDATE ON documents
       WHEN NOT (
         NEW.id IS OLD.id AND NEW.kind IS OLD.kind AND NEW.year IS OLD.year AND NEW.number IS OLD.number
         AND NEW.register_number IS OLD.register_number AND NEW.title IS OLD.title
         AND NEW.title_search IS OLD.title_search AND NEW.language IS OLD.language
         AND NEW.source_type IS OLD.source_type AND NEW.source_id IS OLD.source_id
         AND NEW.created_by IS OLD.created_by AND NEW.created_at IS OLD.created_at
         AND length(NEW.pdf) > length(OLD.pdf)
         AND substr(NEW.pdf, 1, length(OLD.pdf)) = OLD.pdf
         AND NEW.size_bytes = length(NEW.pdf)
         AND EXISTS (SELECT 1 FROM document_signature_slots s WHERE s.document_id = OLD.id AND s.signed_at IS NULL)
       )
       BEGIN SELECT RAISE(ABORT, 'issued documents are immutable; only the next signature may be appended'); END`,
    'DROP TABLE document_sealed',
    'ALTER TABLE case_tasks DROP COLUMN title_own',
    'ALTER TABLE case_tasks DROP COLUMN title_enc',
  ]);
}
