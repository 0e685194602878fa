/**
 * The documents of a case (issue 9, item 6): the case summary (for the file or the prevention council) and a letter
 * inviting a pupil's parents to talk at the school. Both are welfare documents (shared/documents.ts
 * `PROTECTED_DOCUMENT_KINDS`): signed with the caller's own certificate, numbered in the register, and opened only
 * by the holders of the protection compartment. Neither ever carries a confidential note or the content of a
 * screening; a letter names only its own pupil.
 */
import { z } from 'zod';
import { method } from './contract';
import { signerInputSchema, type DocumentSummary } from './documents';
import { languageSchema } from './roles';

const id = z.string().uuid();
const text = (max: number) => z.string().trim().min(1).max(max);

export interface CaseDocument {
  documentId: string;
  registerNumber: string;
  language: 'kk' | 'ru';
  sha256: string;
  pdfBase64: string;
}

/** when the parents are asked to come: a local date and a time of day as typed, YYYY-MM-DDTHH:MM (00:00–23:59) */
export const meetingAtSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/u, 'YYYY-MM-DDTHH:MM');

export const parentLetterInputSchema = z
  .object({
    caseId: id,
    /** the one pupil the letter is about (a pupil of the case) */
    pupilId: id,
    language: languageSchema,
    /** to whom: "Ахметова Гүлнар Серікқызы" (a guardian's name as the school writes it) */
    addressee: text(200),
    meetingAt: meetingAtSchema,
    /** where: "мектеп, 2-қабат, психолог кабинеті (214)" */
    place: text(300),
    /** who to call to move the meeting (optional, printed as given) */
    contactPhone: z.string().trim().max(40).default(''),
    signer: signerInputSchema,
  })
  .strict();

export const caseDocumentsMethods = {
  /** the documents issued for a case (newest first) */
  'caseDocs.list': method<DocumentSummary[]>()(z.object({ caseId: id }).strict()),
  /** the case summary PDF, signed and registered */
  'caseDocs.summary': method<CaseDocument>()(z.object({ caseId: id, language: languageSchema, signer: signerInputSchema }).strict()),
  /** the letter inviting a pupil's parents to talk, signed and registered */
  'caseDocs.parentLetter': method<CaseDocument>()(parentLetterInputSchema),
} as const;
