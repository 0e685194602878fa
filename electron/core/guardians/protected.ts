/** The guardians' fields that belong to the `protection` compartment (declared once; see compartments/fields.ts). */
import { z } from 'zod';
import { protectedFields } from '../compartments/fields';

export const guardianProtected = protectedFields('guardians', 'id', {
  /** the guardian's IIN */
  iin_enc: { compartment: 'protection', schema: z.string().regex(/^\d{12}$/) },
  /** whether the guardian lives with the pupil */
  lives_with_enc: { compartment: 'protection', schema: z.boolean() },
});
