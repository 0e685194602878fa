/**
 * The bullying flow's forms on the contract's schemas (shared/bullying.ts): each form holds what its inputs hold
 * (lines of text for lists, null for an empty date) and its schema turns that into the method's input, checked
 * by the core's own schema; the date rules are the core's (`stepDateRefusal`, `followUpDateRefusal`), by the
 * core's clock (`BullyingFlow.today`), never the browser's.
 */
import type { TFunction } from 'i18next';
import { z } from 'zod';
import {
  bullyingMethods,
  followUpDateRefusal,
  stepDateRefusal,
  stepRecordSchema,
  type BullyingDateRefusal,
  type BullyingStepKind,
  type FollowUpOutcome,
  type PARENT_CONTACT_METHODS,
} from '../../../../shared/bullying';
import { zodFormResolver, type FieldMessages } from '../../app/forms';

const refusal = (r: BullyingDateRefusal, path: string) => ({ code: 'custom' as const, path: [path], params: { i18n: `errors.${r}` } });

/**
 * The resolver of a form whose list fields are typed one entry a line: an error on an entry (`links.3`) is shown on
 * its field (`links`), the first one.
 */
function validateOn<V>(schema: z.ZodType, t: TFunction, messages: FieldMessages = {}) {
  return (values: V) => {
    const out: Record<string, string> = {};
    for (const [path, message] of Object.entries(zodFormResolver<V>(schema, t, messages)(values))) {
      const key = path.replace(/\.\d+$/u, '');
      if (out[key] === undefined) out[key] = String(message);
    }
    return out;
  };
}

export const lines = (s: string) =>
  s
    .split('\n')
    .map((x) => x.trim())
    .filter((x) => x.length > 0);

// ---------------------------------------------------------------------------------------------------- skip

export const SKIP_REASON_MAX = 1000;
export interface SkipFormValues {
  reason: string;
}
export const skipFormSchema = bullyingMethods['bullying.skip'].input.pick({ reason: true });
export const validateSkip = (t: TFunction) => validateOn<SkipFormValues>(skipFormSchema, t);

// ---------------------------------------------------------------------------------------------------- a step's record

export interface StepRecordFormValues {
  /** YYYY-MM-DD; null while the typed date is empty or not a date */
  at: string | null;
  summary: string;
  commitment: string;
  who: string;
  method: (typeof PARENT_CONTACT_METHODS)[number];
  told: string;
  platform: string;
  reference: string;
  response: string;
  outcome: FollowUpOutcome | null;
  notes: string;
  nextOn: string | null;
}

/** The fields of each kind's record, in the order the form shows them. */
export const RECORD_FIELDS = {
  target_talk: ['at', 'summary'],
  initiator_talk: ['at', 'commitment', 'summary'],
  parents: ['at', 'who', 'method', 'told'],
  platform_report: ['at', 'platform', 'reference', 'response'],
  follow_up: ['at', 'outcome', 'notes', 'nextOn'],
  monitoring: ['at', 'notes', 'nextOn'],
} as const satisfies Record<BullyingStepKind, readonly (keyof StepRecordFormValues)[]>;

/** Limits of the record's texts (the counters of the form), from the record schemas. */
export const RECORD_MAX = { summary: 4000, commitment: 4000, who: 200, told: 2000, platform: 100, reference: 200, response: 2000, notes: 4000 } as const;

export const emptyRecord = (today: string): StepRecordFormValues => ({
  at: today,
  summary: '',
  commitment: '',
  who: '',
  method: 'meeting',
  told: '',
  platform: '',
  reference: '',
  response: '',
  outcome: null,
  notes: '',
  nextOn: null,
});

/**
 * The form's values → the record of a step of `kind` (`stepRecordSchema`): only the kind's own fields; after
 * "stopped" no next follow-up date (the form hides it).
 */
export const stepRecordFormSchema = (kind: BullyingStepKind) =>
  z
    .custom<StepRecordFormValues>()
    .transform((v) => {
      const picked: Record<string, unknown> = { kind };
      for (const k of RECORD_FIELDS[kind]) picked[k] = v[k];
      if (kind === 'follow_up' && v.outcome === 'stopped') picked.nextOn = null;
      return picked;
    })
    .pipe(stepRecordSchema);

/**
 * The core's date rules on a step's record, on the dates as typed (so they are named together with the other
 * fields' errors): `today` and `floor` are the flow's (the core's clock, the first talk).
 */
const stepDatesSchema = (kind: BullyingStepKind, today: string, floor: string) =>
  z.custom<StepRecordFormValues>().superRefine((v, ctx) => {
    const at = v.at === null ? null : stepDateRefusal(kind, v.at, today, floor);
    if (at) ctx.addIssue(refusal(at, 'at'));
    const asksNext = kind === 'monitoring' || (kind === 'follow_up' && v.outcome !== 'stopped');
    const next = asksNext && v.nextOn !== null ? followUpDateRefusal(v.nextOn, today, floor) : null;
    if (next) ctx.addIssue(refusal(next, 'nextOn'));
  });

/** Every field's first error: the record's schema first, else the date rules. */
export const validateStepRecord = (t: TFunction, kind: BullyingStepKind, today: string, floor: string) => {
  const dates = validateOn<StepRecordFormValues>(stepDatesSchema(kind, today, floor), t);
  // an outcome fails only when none is chosen
  const record = validateOn<StepRecordFormValues>(stepRecordFormSchema(kind), t, { outcome: 'validation.required' });
  return (values: StepRecordFormValues) => ({ ...dates(values), ...record(values) });
};

// ---------------------------------------------------------------------------------------------------- follow-up date

export interface ScheduleFormValues {
  on: string | null;
}
export const scheduleFormSchema = (today: string, floor: string) =>
  bullyingMethods['bullying.scheduleFollowUp'].input.pick({ on: true }).superRefine((v, ctx) => {
    const r = followUpDateRefusal(v.on, today, floor);
    if (r) ctx.addIssue(refusal(r, 'on'));
  });
export const validateSchedule = (t: TFunction, today: string, floor: string) => validateOn<ScheduleFormValues>(scheduleFormSchema(today, floor), t);

// ---------------------------------------------------------------------------------------------------- escalation

export const ESCALATE_REASON_MAX = 2000;
export interface EscalateFormValues {
  reason: string;
  pupilIds: string[];
}
export const escalateFormSchema = bullyingMethods['bullying.escalate'].input.pick({ reason: true, pupilIds: true });
export const validateEscalate = (t: TFunction) => validateOn<EscalateFormValues>(escalateFormSchema, t, { 'pupilIds:too_small': 'validation.required' });

// ---------------------------------------------------------------------------------------------------- evidence

export const EVIDENCE_DESCRIPTION_MAX = 4000;
export interface EvidenceFormValues {
  platform: string;
  /** one account name a line */
  accounts: string;
  /** one link a line */
  links: string;
  description: string;
  observedOn: string | null;
}
const evidence = bullyingMethods['bullying.addEvidence'].input.shape;
export const evidenceFormSchema = z.object({
  platform: evidence.platform,
  accounts: z.string().transform(lines).pipe(evidence.accounts.unwrap()),
  links: z.string().transform(lines).pipe(evidence.links.unwrap()),
  description: evidence.description,
  observedOn: evidence.observedOn,
});
export const validateEvidence = (t: TFunction) => validateOn<EvidenceFormValues>(evidenceFormSchema, t);
