/** The referral's welfare fields, declared once in the `protection` compartment (see compartments/fields.ts). */
import { z } from 'zod';
import { protectedFields } from '../compartments/fields';

const text = (max: number) => z.string().max(max);

export const referralProtected = protectedFields('referrals', 'id', {
  agency_enc: { compartment: 'protection', schema: z.object({ name: text(300), address: text(400) }).strict() },
  reason_enc: { compartment: 'protection', schema: text(4000) },
  request_enc: { compartment: 'protection', schema: text(2000) },
  answer_enc: { compartment: 'protection', schema: text(4000) },
});
