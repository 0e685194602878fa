/**
 * The sealed fields of screenings and safety plans (migrations/0016_screening.ts): all in `confidential`.
 */
import { z } from 'zod';
import { acuteLineSchema, asqAnswersSchema, safetyPlanStepsSchema } from '../../../shared/screening';
import { protectedFields } from '../compartments/fields';

const uuid = z.string().uuid();

export const screeningRecordSchema = z
  .object({
    caseId: uuid,
    pupilId: uuid,
    askedAt: z.string(),
    askedBy: uuid.nullable(),
    answers: asqAnswersSchema,
    notes: z.string(),
    incompleteReason: z.string(),
    result: z.enum(['negative', 'positive', 'acute']),
    assessmentTaskId: uuid.nullable(),
  })
  .strict();
export type ScreeningRecord = z.infer<typeof screeningRecordSchema>;

export const checklistSchema = z
  .object({
    items: z.array(
      z
        .object({
          line: acuteLineSchema,
          state: z.enum(['done', 'not_done']).nullable(),
          at: z.string().nullable(),
          note: z.string().nullable(),
          answeredBy: uuid.nullable(),
        })
        .strict(),
    ),
    closedAt: z.string().nullable(),
  })
  .strict();
export type ChecklistRecord = z.infer<typeof checklistSchema>;

export const screeningProtected = protectedFields('screenings', 'id', {
  record_enc: { compartment: 'confidential', schema: screeningRecordSchema },
  checklist_enc: { compartment: 'confidential', schema: checklistSchema },
});

export const safetyPlanRecordSchema = z
  .object({
    caseId: uuid,
    pupilId: uuid,
    version: z.number().int().min(1),
    savedBy: uuid.nullable(),
    withPupil: z.boolean(),
    steps: safetyPlanStepsSchema,
  })
  .strict();
export type SafetyPlanRecord = z.infer<typeof safetyPlanRecordSchema>;

export const safetyPlanProtected = protectedFields('safety_plans', 'id', {
  record_enc: { compartment: 'confidential', schema: safetyPlanRecordSchema },
});
