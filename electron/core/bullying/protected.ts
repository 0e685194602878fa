/**
 * The protected fields of the bullying flow (declared once; the table of what is plain and what is sealed is in
 * migrations/0015_bullying.ts).
 */
import { z } from 'zod';
import { dateOnlySchema } from '../../../shared/cases';
import { IMAGE_TYPES, stepRecordSchema } from '../../../shared/bullying';
import { protectedFields } from '../compartments/fields';

export const stepPupilSchema = z.object({ pupilId: z.string().uuid(), side: z.enum(['targeted', 'initiator']) }).strict();

export const stepProtected = protectedFields('bullying_steps', 'id', {
  pupil_enc: { compartment: 'protection', schema: stepPupilSchema },
  record_enc: { compartment: 'protection', schema: stepRecordSchema },
  skip_enc: { compartment: 'protection', schema: z.string() },
});

export const escalationProtected = protectedFields('bullying_escalations', 'id', {
  details_enc: { compartment: 'protection', schema: z.object({ reason: z.string(), pupilIds: z.array(z.string().uuid()) }).strict() },
});

export const evidenceProtected = protectedFields('bullying_evidence', 'id', {
  details_enc: {
    compartment: 'protection',
    schema: z
      .object({
        platform: z.string(),
        accounts: z.array(z.string()),
        links: z.array(z.string()),
        description: z.string(),
        observedOn: dateOnlySchema.nullable(),
      })
      .strict(),
  },
});

export const evidenceFileProtected = protectedFields('bullying_evidence_files', 'id', {
  meta_enc: { compartment: 'protection', schema: z.object({ fileName: z.string(), mime: z.enum(IMAGE_TYPES), sha256: z.string() }).strict() },
  /** the image bytes, base64 (sealed as one value: never written anywhere in the clear) */
  data_enc: { compartment: 'protection', schema: z.string() },
});
