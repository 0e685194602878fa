/**
 * The protected fields of concerns and cases (declared once; see compartments/fields.ts and the table of what is
 * plain and what is sealed in migrations/0012_cases.ts).
 */
import { z } from 'zod';
import { closureReasonSchema, concernContentSchema, formOfHarmSchema, pupilRoleSchema } from '../../../shared/cases';
import { protectedFields } from '../compartments/fields';

export const intakeKeyProtected = protectedFields('concern_intake_keys', 'id', {
  /** the X25519 private key, base64 */
  private_enc: { compartment: 'protection', schema: z.string().length(44) },
});

export const concernProtected = protectedFields('concerns', 'id', {
  content_enc: { compartment: 'protection', schema: concernContentSchema },
});

export const caseDetailsSchema = z.object({ title: z.string(), summary: z.string(), formOfHarm: formOfHarmSchema }).strict();

export const caseProtected = protectedFields('cases', 'id', {
  details_enc: { compartment: 'protection', schema: caseDetailsSchema },
  closure_enc: { compartment: 'protection', schema: z.object({ reason: closureReasonSchema, outcome: z.string() }).strict() },
});

export const casePupilProtected = protectedFields('case_pupils', 'id', {
  role_enc: { compartment: 'protection', schema: pupilRoleSchema },
});

export const caseNoteProtected = protectedFields('case_notes', 'id', {
  text_enc: { compartment: 'protection', schema: z.string() },
  confidential_enc: { compartment: 'confidential', schema: z.string() },
});

export const caseContactProtected = protectedFields('case_contacts', 'id', {
  details_enc: { compartment: 'protection', schema: z.object({ who: z.string(), outcome: z.string() }).strict() },
});

/** The searchable text of 256 cases per row (cases/search.ts). */
export const caseSearchProtected = protectedFields('case_search_chunks', 'id', {
  text_enc: { compartment: 'protection', schema: z.string() },
});
