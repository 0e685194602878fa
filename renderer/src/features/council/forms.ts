/**
 * The council forms' checks, on the contract's own schemas (shared/council.ts): an agenda item and its decisions
 * (`itemInputSchema`, `decisionInputSchema`), a member (`memberInputSchema`), a free agenda item (`council.agenda.add`).
 * What only the form has: a date field left empty holds '' (sent as null), the pupil's name the picker shows, and
 * two rules the core checks in its rules (a typed decision needs the item's pupil, putting on the register its
 * grounds) that the form shows on their fields before sending.
 */
import type { TFunction } from 'i18next';
import { z } from 'zod';
import { councilMethods, decisionInputSchema, itemInputSchema, memberInputSchema, type AgendaItem, type DecisionType } from '../../../../shared/council';
import { zodFormResolver, type FieldMessages } from '../../app/forms';

/** A text schema's length limit ('' fields with a default included). */
function maxOf(s: z.ZodType): number {
  const inner = s instanceof z.ZodDefault ? s.unwrap() : s;
  return inner instanceof z.ZodString && typeof inner.maxLength === 'number' ? inner.maxLength : Number.POSITIVE_INFINITY;
}

/** '' (an empty date input) or a day. */
const optionalDay = z.union([z.literal(''), z.iso.date()]);

export interface DecisionValues {
  type: DecisionType;
  text: string;
  responsible: string;
  /** '' = none */
  deadline: string;
  /** register_on: the grounds from the school's list */
  groundIds: string[];
  /** register_on: '' = the register's default */
  firstReviewOn: string;
}

export interface AgendaItemValues {
  title: string;
  pupilId: string | null;
  /** the chosen pupil as the picker shows it (never sent) */
  pupilName: string | null;
  heard: string;
  spoke: string;
  decisions: DecisionValues[];
}

const decisionFields = decisionInputSchema.omit({ pupilId: true }).extend({ deadline: optionalDay, firstReviewOn: optionalDay });
const itemFields = itemInputSchema.omit({ itemId: true }).extend({ pupilName: z.string().nullable(), decisions: z.array(decisionFields).max(30) });

export const agendaItemFormSchema = itemFields.superRefine((v, ctx) => {
  v.decisions.forEach((d, i) => {
    if (d.type !== 'note' && v.pupilId === null) ctx.addIssue({ code: 'custom', path: ['decisions', i, 'type'], message: 'needs the pupil' });
    if (d.type === 'register_on' && d.groundIds.length === 0) ctx.addIssue({ code: 'custom', path: ['decisions', i, 'groundIds'], message: 'grounds required' });
  });
});

export const AGENDA_LIMITS = {
  title: maxOf(itemInputSchema.shape.title),
  heard: maxOf(itemInputSchema.shape.heard),
  spoke: maxOf(itemInputSchema.shape.spoke),
  text: maxOf(decisionInputSchema.shape.text),
  responsible: maxOf(decisionInputSchema.shape.responsible),
};

const MAX_DECISIONS = 30;
const AGENDA_MESSAGES: FieldMessages = Object.fromEntries(
  Array.from({ length: MAX_DECISIONS }, (_, i) => [
    [`decisions.${i}.type:custom`, 'council.decisionNeedsPupil'],
    [`decisions.${i}.groundIds:custom`, 'errors.council.grounds_required'],
  ]).flat(),
);

export const validateAgendaItem = (t: TFunction) => zodFormResolver<AgendaItemValues>(agendaItemFormSchema, t, AGENDA_MESSAGES);

export const emptyDecision = (): DecisionValues => ({ type: 'note', text: '', responsible: '', deadline: '', groundIds: [], firstReviewOn: '' });

export function agendaItemValues(item: AgendaItem): AgendaItemValues {
  return {
    title: item.title ?? '',
    pupilId: item.pupilId,
    pupilName: item.pupilName,
    heard: item.heard ?? '',
    spoke: item.spoke ?? '',
    decisions: item.decisions.map((d) => ({
      type: d.type,
      text: d.text ?? '',
      responsible: d.responsible,
      deadline: d.deadline ?? '',
      groundIds: d.groundIds ?? [],
      firstReviewOn: d.firstReviewOn ?? '',
    })),
  };
}

/** The contract's input from the form's values: a typed decision concerns the item's pupil; grounds only to put on. */
export function agendaItemInput(itemId: string, values: AgendaItemValues): z.output<typeof itemInputSchema> {
  const v = agendaItemFormSchema.parse(values);
  return itemInputSchema.parse({
    itemId,
    title: v.title,
    pupilId: v.pupilId,
    heard: v.heard,
    spoke: v.spoke,
    decisions: v.decisions.map((d) => ({
      type: d.type,
      pupilId: d.type === 'note' ? null : v.pupilId,
      text: d.text,
      responsible: d.responsible,
      deadline: d.deadline || null,
      groundIds: d.type === 'register_on' ? d.groundIds : [],
      firstReviewOn: d.type === 'register_on' && d.firstReviewOn ? d.firstReviewOn : null,
    })),
  });
}

export interface MemberValues {
  accountId: string | null;
  name: string;
  positionKk: string;
  positionRu: string;
}

export const memberFormSchema = memberInputSchema.omit({ id: true, academicYear: true });
export const MEMBER_LIMITS = {
  name: maxOf(memberInputSchema.shape.name),
  positionKk: maxOf(memberInputSchema.shape.positionKk),
  positionRu: maxOf(memberInputSchema.shape.positionRu),
};
export const validateMember = (t: TFunction) => zodFormResolver<MemberValues>(memberFormSchema, t);

export function memberInput(academicYear: number, id: string | undefined, values: MemberValues): z.output<typeof memberInputSchema> {
  return memberInputSchema.parse({ ...(id ? { id } : {}), academicYear, ...memberFormSchema.parse(values) });
}

const addItem = councilMethods['council.agenda.add'].input;
export interface FreeItemValues {
  title: string;
  pupilId: string | null;
  pupilName: string | null;
}
export const freeItemFormSchema = addItem.pick({ title: true, pupilId: true }).extend({ pupilName: z.string().nullable() });
export const FREE_ITEM_TITLE_MAX = maxOf(addItem.shape.title);
export const validateFreeItem = (t: TFunction) => zodFormResolver<FreeItemValues>(freeItemFormSchema, t);
export function freeItemInput(meetingId: string, values: FreeItemValues): z.output<typeof addItem> {
  const v = freeItemFormSchema.parse(values);
  return addItem.parse({ meetingId, title: v.title, pupilId: v.pupilId });
}
