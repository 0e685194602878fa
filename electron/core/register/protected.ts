/** The register's welfare fields, declared once in the `protection` compartment (see compartments/fields.ts). */
import { z } from 'zod';
import { externalRegisterSchema, reviewOutcomeSchema } from '../../../shared/register';
import { protectedFields } from '../compartments/fields';

const text = (max: number) => z.string().max(max);

export const entryProtected = protectedFields('register_entries', 'id', {
  grounds_enc: { compartment: 'protection', schema: z.array(z.string().uuid()).max(20) },
  notes_enc: { compartment: 'protection', schema: text(4000) },
  off_reason_enc: { compartment: 'protection', schema: text(4000) },
});

export const reviewProtected = protectedFields('register_reviews', 'id', {
  outcome_enc: { compartment: 'protection', schema: reviewOutcomeSchema },
  note_enc: { compartment: 'protection', schema: text(4000) },
});

export const externalProtected = protectedFields('register_external', 'id', {
  details_enc: { compartment: 'protection', schema: z.object({ body: externalRegisterSchema, note: text(2000) }) },
});

export const measureProtected = protectedFields('prevention_measures', 'id', {
  what_enc: { compartment: 'protection', schema: text(2000) },
  responsible_text_enc: { compartment: 'protection', schema: text(300) },
  result_enc: { compartment: 'protection', schema: text(2000) },
});
