/**
 * The bullying and cyberbullying flow on a case (issue 10, item 1; DOMAIN.md "Case work"; Order 506, KiVa).
 *
 * Started on a case whose form of harm is bullying or cyberbullying, the flow lays out its steps as case tasks with
 * due dates (so they reach the work lists): a talk with each targeted pupil the same day; an individual talk with
 * each initiator ending in a written commitment; the parents of each pupil informed (who, how, when); for
 * cyberbullying, the report to the platform; follow-up talks 1–2 weeks after the first talk with the outcome
 * decreased / continued / stopped; monitoring until the case is closed. Each step is done with its record or
 * skipped with a reason. "Continued" (or a worker's explicit decision) escalates the case to the prevention council,
 * whose next agenda then proposes it.
 *
 * What is plain and what is sealed: the flow's shape (which steps, their dates and whether done) is plain, like a
 * case task; which pupil a step is about (an initiator's identity is their role), every record (talks,
 * commitments, what the parents were told, outcomes), skip reasons, escalation reasons and the cyberbullying
 * evidence (platform, account names, links, screenshots) are in the `protection` compartment.
 */
import { z } from 'zod';
import { CONTACT_METHODS, contactMethodSchema, dateOnlySchema, whenSchema } from './cases';
import { method } from './contract';

export const BULLYING_STEP_KINDS = ['target_talk', 'initiator_talk', 'parents', 'platform_report', 'follow_up', 'monitoring'] as const;
export const bullyingStepKindSchema = z.enum(BULLYING_STEP_KINDS);
export type BullyingStepKind = z.infer<typeof bullyingStepKindSchema>;

export const FOLLOW_UP_OUTCOMES = ['decreased', 'continued', 'stopped'] as const;
export const followUpOutcomeSchema = z.enum(FOLLOW_UP_OUTCOMES);
export type FollowUpOutcome = z.infer<typeof followUpOutcomeSchema>;

export const STEP_STATUSES = ['open', 'done', 'skipped'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

export { CONTACT_METHODS as PARENT_CONTACT_METHODS };

/**
 * The school's timing of each step, in days: `target_talk`, `initiator_talk`, `parents` and `platform_report` count
 * from the day the flow starts; `follow_up` from the first talk; `monitoring` from the follow-up that found the
 * bullying stopped (and from each monitoring check to the next). A step turned off is not laid out (the talk with
 * the targeted pupil cannot be turned off: everything else is dated from it).
 */
const stepTiming = (maxDays: number) => z.object({ enabled: z.boolean(), offsetDays: z.number().int().min(0).max(maxDays) }).strict();
export const bullyingSettingsSchema = z
  .object({
    target_talk: z.object({ enabled: z.literal(true), offsetDays: z.number().int().min(0).max(3) }).strict(),
    initiator_talk: stepTiming(14),
    parents: stepTiming(14),
    platform_report: stepTiming(14),
    follow_up: z.object({ enabled: z.boolean(), offsetDays: z.number().int().min(1).max(60) }).strict(),
    monitoring: z.object({ enabled: z.boolean(), offsetDays: z.number().int().min(1).max(120) }).strict(),
  })
  .strict();
export type BullyingSettings = z.infer<typeof bullyingSettingsSchema>;

/** DOMAIN.md: the targeted pupil the same day; the others soon after; follow-up after 1–2 weeks; monitoring monthly. */
export const DEFAULT_BULLYING_SETTINGS: BullyingSettings = {
  target_talk: { enabled: true, offsetDays: 0 },
  initiator_talk: { enabled: true, offsetDays: 1 },
  parents: { enabled: true, offsetDays: 2 },
  platform_report: { enabled: true, offsetDays: 1 },
  follow_up: { enabled: true, offsetDays: 10 },
  monitoring: { enabled: true, offsetDays: 30 },
};

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).default('');

/** Each step's record, by kind (sealed in `protection`). */
export const targetTalkRecordSchema = z.object({ kind: z.literal('target_talk'), at: whenSchema, summary: text(4000) }).strict();
export const initiatorTalkRecordSchema = z
  .object({ kind: z.literal('initiator_talk'), at: whenSchema, summary: optionalText(4000), commitment: text(4000) })
  .strict();
export const parentsRecordSchema = z
  .object({ kind: z.literal('parents'), at: whenSchema, who: text(200), method: contactMethodSchema, told: text(2000) })
  .strict();
export const platformReportRecordSchema = z
  .object({ kind: z.literal('platform_report'), at: whenSchema, platform: text(100), reference: optionalText(200), response: optionalText(2000) })
  .strict();
export const followUpRecordSchema = z
  .object({
    kind: z.literal('follow_up'),
    at: whenSchema,
    outcome: followUpOutcomeSchema,
    notes: text(4000),
    /** decreased or continued: when the next follow-up is (default: the school's follow-up offset from `at`) */
    nextOn: dateOnlySchema.nullable().default(null),
  })
  .strict();
export const monitoringRecordSchema = z
  .object({
    kind: z.literal('monitoring'),
    at: whenSchema,
    notes: text(4000),
    /** the next check (default: the school's monitoring offset); monitoring goes on until the case is closed */
    nextOn: dateOnlySchema.nullable().default(null),
  })
  .strict();
export const stepRecordSchema = z.discriminatedUnion('kind', [
  targetTalkRecordSchema,
  initiatorTalkRecordSchema,
  parentsRecordSchema,
  platformReportRecordSchema,
  followUpRecordSchema,
  monitoringRecordSchema,
]);
export type StepRecord = z.output<typeof stepRecordSchema>;
export type StepRecordInput = z.input<typeof stepRecordSchema>;

/** The refusals of a date in the flow (error codes of shared/errors.ts). */
export type BullyingDateRefusal = 'bullying.date_in_future' | 'bullying.date_in_past' | 'bullying.before_first_talk';

/** The day follow-ups count from: the first talk with a targeted pupil, else the day the flow started. */
export function followUpFloor(f: { firstTalkOn: string | null; startedAt: string }): string {
  return f.firstTalkOn ?? f.startedAt.slice(0, 10);
}

/**
 * A step's record date (`at`, YYYY-MM-DD[THH:MM]) against the flow, by the core's clock (`today`): never in the
 * future; a follow-up not before the first talk. The core refuses by it, the step's form checks it as typed.
 */
export function stepDateRefusal(kind: BullyingStepKind, at: string, today: string, floor: string): BullyingDateRefusal | null {
  const day = at.slice(0, 10);
  if (day > today) return 'bullying.date_in_future';
  if (kind === 'follow_up' && day < floor) return 'bullying.before_first_talk';
  return null;
}

/** A follow-up's (or the next check's) date: not in the past, not before the first talk. */
export function followUpDateRefusal(on: string, today: string, floor: string): BullyingDateRefusal | null {
  if (on < today) return 'bullying.date_in_past';
  if (on < floor) return 'bullying.before_first_talk';
  return null;
}

export interface BullyingStep {
  id: string;
  kind: BullyingStepKind;
  /** protection: the pupil the step is about (null for the follow-ups, the monitoring, the platform, or hidden) */
  pupilId: string | null;
  /** for initiator talks and parents: the side of the pupil (protection; null when hidden or not applicable) */
  side: 'targeted' | 'initiator' | null;
  position: number;
  dueOn: string | null;
  status: StepStatus;
  /** open and its due date has passed (by the core's clock) */
  overdue: boolean;
  taskId: string | null;
  closedAt: string | null;
  closedBy: string | null;
  /** protection: null when hidden or not done */
  record: StepRecord | null;
  /** protection: null when hidden or not skipped */
  skipReason: string | null;
}

export interface BullyingEscalation {
  id: string;
  escalatedAt: string;
  escalatedBy: string | null;
  cause: 'outcome' | 'worker';
  /** protection */
  reason: string | null;
  pupilIds: string[] | null;
  /** the council meetings whose agenda took it up (number and date), once the secretary accepted it */
  meetings: { meetingId: string; number: number; date: string }[];
}

export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];
/** A screenshot's size limit (the decoded bytes). */
export const MAX_SCREENSHOT_BYTES = 10 * 1024 * 1024;

export interface EvidenceFile {
  id: string;
  addedAt: string;
  sizeBytes: number;
  /** protection */
  fileName: string | null;
  mime: ImageType | null;
  sha256: string | null;
}

export interface BullyingEvidence {
  id: string;
  addedAt: string;
  addedBy: string | null;
  /** protection: null when hidden */
  platform: string | null;
  accounts: string[] | null;
  links: string[] | null;
  description: string | null;
  observedOn: string | null;
  files: EvidenceFile[];
}

export interface BullyingFlow {
  caseId: string;
  startedAt: string;
  startedBy: string | null;
  cyber: boolean;
  /** the date of the first talk with a targeted pupil (follow-ups cannot be before it) */
  firstTalkOn: string | null;
  /** today by the core's clock (what "overdue" is measured against) */
  today: string;
  steps: BullyingStep[];
  escalations: BullyingEscalation[];
  evidence: BullyingEvidence[];
}

const id = z.string().uuid();
const version = z.number().int().min(1);
const maxBase64 = Math.ceil((MAX_SCREENSHOT_BYTES * 4) / 3) + 1024;

export const bullyingMethods = {
  /** sensitive read: the flow of a case (null when none was started) */
  'bullying.get': method<BullyingFlow | null>()(z.object({ caseId: id }).strict()),
  /** lays out the steps as case tasks (the case must be a bullying or cyberbullying case) */
  'bullying.start': method<BullyingFlow>()(z.object({ caseId: id, version }).strict()),
  /** done with its record */
  'bullying.complete': method<BullyingFlow>()(z.object({ stepId: id, version, record: stepRecordSchema }).strict()),
  /** skipped with a reason (required) */
  'bullying.skip': method<BullyingFlow>()(z.object({ stepId: id, version, reason: text(1000) }).strict()),
  /** schedules the next follow-up talk (or moves the open one): not in the past, not before the first talk */
  'bullying.scheduleFollowUp': method<BullyingFlow>()(z.object({ caseId: id, version, on: dateOnlySchema }).strict()),
  /** a worker's explicit escalation to the prevention council */
  'bullying.escalate': method<BullyingFlow>()(
    z.object({ caseId: id, version, reason: text(2000), pupilIds: z.array(id).min(1).max(30) }).strict(),
  ),
  /** cyberbullying: an evidence record (platform, account names, links) */
  'bullying.addEvidence': method<BullyingFlow>()(
    z
      .object({
        caseId: id,
        version,
        platform: text(100),
        accounts: z.array(text(200)).max(30).default([]),
        links: z.array(text(1000)).max(30).default([]),
        description: optionalText(4000),
        observedOn: dateOnlySchema.nullable().default(null),
      })
      .strict(),
  ),
  /** a screenshot (PNG, JPEG, GIF or WebP by its bytes, at most 10 MB), sealed in `protection` */
  'bullying.addScreenshot': method<BullyingFlow>()(
    z.object({ evidenceId: id, version, fileName: text(255), dataBase64: z.string().min(1).max(maxBase64) }).strict(),
  ),
  /** sensitive read: one screenshot's bytes */
  'bullying.getScreenshot': method<{ fileName: string; mime: ImageType; dataBase64: string }>()(z.object({ id }).strict()),
  'bullying.settings': method<BullyingSettings>()(z.object({}).strict()),
  'bullying.setSettings': method<BullyingSettings>()(bullyingSettingsSchema),
} as const;
