/** The pupils' fields that belong to the `protection` compartment (declared once; see compartments/fields.ts). */
import { z } from 'zod';
import { familyStatusSchema } from '../../../shared/pupils';
import { protectedFields } from '../compartments/fields';

export const pupilProtected = protectedFields('pupils', 'id', {
  family_status_enc: { compartment: 'protection', schema: z.array(familyStatusSchema) },
  on_register_enc: { compartment: 'protection', schema: z.boolean() },
});
