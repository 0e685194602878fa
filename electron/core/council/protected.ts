/**
 * The council's fields in the `protection` compartment (declared once; see compartments/fields.ts): what the
 * council heard and decided about children, the names of invited guests (a parent's name tells whose child was
 * heard) and the reasons of absences. Roster names and positions are staff's and stay plain.
 */
import { z } from 'zod';
import { protectedFields } from '../compartments/fields';

export const agendaProtected = protectedFields('council_agenda_items', 'id', {
  title_enc: { compartment: 'protection', schema: z.string().max(1000) },
  heard_enc: { compartment: 'protection', schema: z.string().max(8000) },
  spoke_enc: { compartment: 'protection', schema: z.string().max(4000) },
});

export const decisionProtected = protectedFields('council_decisions', 'id', {
  text_enc: { compartment: 'protection', schema: z.string().max(4000) },
});

/** The grounds of a decision to put a pupil on the register (ids of `register_grounds`; migration 0021). */
export const decisionGroundsProtected = protectedFields('council_decisions', 'id', {
  grounds_enc: { compartment: 'protection', schema: z.array(z.string().uuid()).max(20) },
});

export const attendanceProtected = protectedFields('council_attendance', 'id', {
  name_enc: { compartment: 'protection', schema: z.string().max(200) },
  reason_enc: { compartment: 'protection', schema: z.string().max(500) },
});
