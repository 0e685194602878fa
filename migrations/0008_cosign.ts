import type { Kysely } from 'kysely';
import { execAll } from './util';

/**
 * Co-signing at different times: every signature a document declares (one slot per signer, in signing order),
 * where its stamp goes, who must make it, and — once made — who made it and the SHA-256 and length of the file
 * right after it (the revision history of the register entry).
 *
 * Issued documents stay immutable except for one change: appending the next signature. The update trigger of
 * 0002 is replaced by one that allows an update only when every column but the PDF, its hash, its size and its
 * signers is unchanged, the new bytes begin with the old bytes (an incremental update: earlier signatures stay
 * valid) and a slot is still unsigned. Frozen: fix forward.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execAll(db, [
    `CREATE TABLE document_signature_slots (
       document_id TEXT NOT NULL REFERENCES documents (id),
       slot INTEGER NOT NULL CHECK (slot >= 0),
       role TEXT NOT NULL,
       role_label TEXT NOT NULL,
       account_id TEXT REFERENCES accounts (id),
       required_role TEXT,
       position TEXT,
       page INTEGER NOT NULL CHECK (page >= 1),
       rect TEXT NOT NULL,
       signed_at TEXT,
       signed_by TEXT,
       signer TEXT,
       sha256_after TEXT,
       size_after INTEGER,
       PRIMARY KEY (document_id, slot),
       CHECK ((signed_at IS NULL) = (sha256_after IS NULL))
     ) STRICT`,
    `CREATE INDEX document_signature_slots_open ON document_signature_slots (signed_at, account_id)`,
    `CREATE TRIGGER document_signature_slots_no_delete BEFORE DELETE ON document_signature_slots
       BEGIN SELECT RAISE(ABORT, 'signature slots are kept'); END`,
    `CREATE TRIGGER document_signature_slots_signed_once BEFORE UPDATE ON document_signature_slots
       WHEN OLD.signed_at IS NOT NULL OR NEW.document_id IS NOT OLD.document_id OR NEW.slot IS NOT OLD.slot
         OR NEW.page IS NOT OLD.page OR NEW.rect IS NOT OLD.rect
       BEGIN SELECT RAISE(ABORT, 'a made signature is final'); END`,
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
  ]);
}
