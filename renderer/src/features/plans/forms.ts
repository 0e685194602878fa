/**
 * The plan forms' checks, on the contract's schemas (shared/plans.ts): an item's fields are `plans.updateItem`'s
 * `planItemFieldsSchema`; the one rule only the editor has is that a saved item says its measure in at least one
 * language (the core keeps a freshly added item empty until it is written).
 */
import type { TFunction } from 'i18next';
import { planItemFieldsSchema, type PlanItemFields } from '../../../../shared/plans';
import { zodFormResolver, type FieldMessages } from '../../app/forms';

/** An item as the editor saves it: the contract's fields, with a measure in kk or ru. */
export const itemFormSchema = planItemFieldsSchema.refine((v) => v.measureKk.trim() !== '' || v.measureRu.trim() !== '', {
  path: ['measureKk'],
  message: 'measure required',
});

export const ITEM_MESSAGES: FieldMessages = {
  'measureKk:custom': 'plans.editor.measureRequired',
};

export const validateItem = (t: TFunction) => zodFormResolver<PlanItemFields>(itemFormSchema, t, ITEM_MESSAGES);

/** Each text field's length limit, read from the schema (the counter shows as a text nears it). */
export const ITEM_LIMITS = Object.fromEntries(
  Object.entries(planItemFieldsSchema.shape).map(([k, v]) => [k, 'maxLength' in v && typeof v.maxLength === 'number' ? v.maxLength : Number.POSITIVE_INFINITY]),
) as Record<keyof PlanItemFields, number>;
