/**
 * Concerns and cases (issue 9, item 4): from the first concern any staff member logs to the closure of a case.
 *
 * What is protected and how (see docs/ARCHITECTURE.md, "Concerns and cases"):
 * - A concern's content (what, where, when, form of harm, the pupils and their roles) is sealed by the author to the
 *   school's **concern intake key** (an X25519 public key in the DB whose private key is a `protection` field), so a
 *   class teacher — who does not hold `protection` — can write it, and only protection holders can read it. The
 *   author does not read it back: "my concerns" shows the number, when it was logged, the status and the answer the
 *   office wrote *for the author* (plain, base compartment: the triager is told so on screen).
 * - A case's stage, risk, lead worker, dates and version are plain (they order and filter the lists); its title,
 *   summary, form of harm, the pupils' roles, closure reason and outcome, normal notes and contacts' details are in
 *   `protection`; confidential notes in `confidential`.
 * - A task's title is an instruction to its owner (any staff account) and is plain: the owner sees the task, not
 *   the case.
 */
import { z } from 'zod';
import { method } from './contract';

export const FORMS_OF_HARM = [
  'physical',
  'psychological',
  'sexual',
  'neglect',
  'bullying',
  'cyberbullying',
  'suicidal',
  'self_harm',
  'difficult_life',
  'domestic',
] as const;
export const formOfHarmSchema = z.enum(FORMS_OF_HARM);
export type FormOfHarm = z.infer<typeof formOfHarmSchema>;

export const PUPIL_ROLES = ['targeted', 'initiator', 'witness'] as const;
export const pupilRoleSchema = z.enum(PUPIL_ROLES);
export type PupilRole = z.infer<typeof pupilRoleSchema>;

/** Stages in order; `closed` is reached only by closure (and left by reopening). */
export const CASE_STAGES = ['identified', 'assessment', 'plan', 'intervention', 'monitoring', 'closed'] as const;
export const caseStageSchema = z.enum(CASE_STAGES);
export type CaseStage = z.infer<typeof caseStageSchema>;
export const OPEN_STAGES = CASE_STAGES.filter((s) => s !== 'closed');
export const openStageSchema = z.enum(['identified', 'assessment', 'plan', 'intervention', 'monitoring']);

/** Risk levels, lowest first; lists are ordered by risk, highest first. */
export const RISK_LEVELS = ['none', 'low', 'medium', 'high', 'acute'] as const;
export const riskSchema = z.enum(RISK_LEVELS);
export type Risk = z.infer<typeof riskSchema>;
export function riskRank(r: Risk): number {
  return RISK_LEVELS.indexOf(r);
}

export const CONTACT_METHODS = ['meeting', 'phone', 'home_visit', 'message', 'letter'] as const;
export const contactMethodSchema = z.enum(CONTACT_METHODS);

export const CLOSURE_REASONS = ['resolved', 'no_concern_confirmed', 'referred', 'left_school', 'other'] as const;
export const closureReasonSchema = z.enum(CLOSURE_REASONS);

export const CONCERN_STATUSES = ['awaiting', 'case', 'no_action'] as const;
export type ConcernStatus = (typeof CONCERN_STATUSES)[number];

const id = z.string().uuid();
const text = (max: number) => z.string().trim().min(1).max(max);
/** YYYY-MM-DD */
export const dateOnlySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/u, 'YYYY-MM-DD');
/** YYYY-MM-DD or YYYY-MM-DDTHH:MM (local time as the person typed it) */
export const whenSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/u, 'YYYY-MM-DD[THH:MM]');

export const involvedPupilSchema = z.object({ pupilId: id, role: pupilRoleSchema }).strict();
export type InvolvedPupil = z.infer<typeof involvedPupilSchema>;

/** What the author writes; sealed to the intake key as a whole. */
export const concernContentSchema = z
  .object({
    what: text(4000),
    where: z.string().trim().max(200).default(''),
    occurredAt: whenSchema,
    formOfHarm: formOfHarmSchema,
    pupils: z
      .array(involvedPupilSchema)
      .min(1)
      .max(30)
      .refine((a) => new Set(a.map((p) => p.pupilId)).size === a.length, 'a pupil named twice'),
  })
  .strict();
export type ConcernContent = z.output<typeof concernContentSchema>;

/** A pupil as a case or a concern shows it (names from the base compartment, the role from protection). */
export interface CasePupil {
  pupilId: string;
  lastName: string;
  firstName: string;
  grade: number;
  classLetter: string;
  /** protection: null when hidden */
  role: PupilRole | null;
}

/** What the author of a concern sees of it: never its content back, never the case. */
export interface MyConcern {
  id: string;
  number: number;
  loggedAt: string;
  status: ConcernStatus;
  answer: string | null;
  answeredAt: string | null;
}

/** A concern as the office reads it. */
export interface Concern {
  id: string;
  number: number;
  loggedAt: string;
  authorName: string | null;
  status: ConcernStatus;
  caseId: string | null;
  caseNumber: number | null;
  answer: string | null;
  answeredAt: string | null;
  /** null when the session cannot open it (never for a protection holder) */
  content: { what: string; where: string; occurredAt: string; formOfHarm: FormOfHarm } | null;
  pupils: CasePupil[];
}

export interface CaseListItem {
  id: string;
  number: number;
  stage: CaseStage;
  risk: Risk;
  leadId: string | null;
  leadName: string | null;
  openedAt: string;
  updatedAt: string;
  /** protection: null when hidden */
  title: string | null;
  formOfHarm: FormOfHarm | null;
  pupilCount: number;
  openTasks: number;
  closurePending: boolean;
}

export interface CaseTask {
  id: string;
  caseId: string;
  title: string;
  dueOn: string | null;
  ownerId: string | null;
  ownerName: string | null;
  doneAt: string | null;
  version: number;
}

export interface CaseNote {
  id: string;
  writtenAt: string;
  authorName: string | null;
  confidential: boolean;
  /** null: the session does not hold the note's compartment */
  text: string | null;
}

export interface CaseContact {
  id: string;
  at: string;
  method: z.infer<typeof contactMethodSchema>;
  pupilId: string | null;
  /** protection: null when hidden */
  who: string | null;
  outcome: string | null;
  authorName: string | null;
}

export interface CaseDetail extends CaseListItem {
  version: number;
  summary: string | null;
  pupils: CasePupil[];
  tasks: CaseTask[];
  notes: CaseNote[];
  contacts: CaseContact[];
  concernIds: string[];
  closure: {
    state: 'pending' | 'closed';
    reason: z.infer<typeof closureReasonSchema> | null;
    outcome: string | null;
    requestedAt: string;
    requestedBy: string | null;
    approvedBy: string | null;
  } | null;
  closedAt: string | null;
}

export interface CasePage {
  items: CaseListItem[];
  total: number;
}

export interface StaffMember {
  id: string;
  displayName: string;
  roles: string[];
}

export interface MyTask extends CaseTask {
  /** the case number, for "№ 17": the owner does not open the case */
  caseNumber: number;
}

const version = z.number().int().min(1);

export const casesMethods = {
  /** any staff account: seals the concern to the intake key */
  'concerns.log': method<MyConcern>()(concernContentSchema),
  /** the caller's own concerns, with the office's answers */
  'concerns.mine': method<MyConcern[]>()(z.object({}).strict()),
  /** the triage inbox (awaiting first, then the latest answered) */
  'concerns.inbox': method<Concern[]>()(z.object({ status: z.enum(CONCERN_STATUSES).optional() }).strict()),
  /** sensitive read */
  'concerns.get': method<Concern>()(z.object({ id }).strict()),
  'concerns.triage': method<Concern>()(
    z.discriminatedUnion('action', [
      z
        .object({
          action: z.literal('new_case'),
          id,
          answer: text(1000),
          risk: riskSchema,
          leadId: id.nullable().default(null),
          title: text(200),
        })
        .strict(),
      z.object({ action: z.literal('existing_case'), id, answer: text(1000), caseId: id, caseVersion: version }).strict(),
      z.object({ action: z.literal('no_action'), id, answer: text(1000) }).strict(),
    ]),
  ),
  /** list of cases: one page, ordered by risk (highest first), then the newest */
  'cases.list': method<CasePage>()(
    z
      .object({
        stages: z.array(caseStageSchema).max(6).optional(),
        risks: z.array(riskSchema).max(5).optional(),
        leadId: id.optional(),
        pupilId: id.optional(),
        /** searched in the protected title and summary, decrypted in memory */
        search: z.string().trim().max(100).optional(),
        page: z.number().int().min(0).max(100_000).default(0),
        pageSize: z.number().int().min(1).max(200).default(50),
      })
      .strict(),
  ),
  /** sensitive read */
  'cases.get': method<CaseDetail>()(z.object({ id }).strict()),
  'cases.create': method<CaseDetail>()(
    z
      .object({
        title: text(200),
        summary: z.string().trim().max(4000).default(''),
        formOfHarm: formOfHarmSchema,
        risk: riskSchema,
        leadId: id.nullable().default(null),
        pupils: z.array(involvedPupilSchema).min(1).max(30),
      })
      .strict(),
  ),
  'cases.update': method<CaseDetail>()(
    z
      .object({
        id,
        version,
        stage: openStageSchema.optional(),
        risk: riskSchema.optional(),
        leadId: id.nullable().optional(),
        title: text(200).optional(),
        summary: z.string().trim().max(4000).optional(),
        formOfHarm: formOfHarmSchema.optional(),
        pupils: z.array(involvedPupilSchema).min(1).max(30).optional(),
      })
      .strict(),
  ),
  'cases.addTask': method<CaseDetail>()(
    z.object({ caseId: id, version, title: text(300), dueOn: dateOnlySchema.nullable(), ownerId: id.nullable() }).strict(),
  ),
  /** the owner or a case worker marks a task done (or not done) */
  'cases.setTaskDone': method<CaseTask>()(z.object({ taskId: id, version, done: z.boolean() }).strict()),
  /** the caller's own open tasks (the task, not the case) */
  'cases.myTasks': method<MyTask[]>()(z.object({ includeDone: z.boolean().default(false) }).strict()),
  'cases.addNote': method<CaseDetail>()(z.object({ caseId: id, version, text: text(8000), confidential: z.boolean().default(false) }).strict()),
  'cases.addContact': method<CaseDetail>()(
    z
      .object({
        caseId: id,
        version,
        at: whenSchema,
        method: contactMethodSchema,
        pupilId: id.nullable().default(null),
        who: text(200),
        outcome: text(2000),
      })
      .strict(),
  ),
  /** closes the case, or asks the director to approve the closure when the school turned approval on */
  'cases.close': method<CaseDetail>()(z.object({ id, version, reason: closureReasonSchema, outcome: text(2000) }).strict()),
  'cases.decideClosure': method<CaseDetail>()(z.object({ id, version, approve: z.boolean() }).strict()),
  'cases.reopen': method<CaseDetail>()(z.object({ id, version, stage: openStageSchema.default('assessment') }).strict()),
  /** for the pupil card: the cases a pupil is in */
  'cases.forPupil': method<CaseListItem[]>()(z.object({ pupilId: id }).strict()),
  /** who can lead a case or own a task */
  'cases.staff': method<StaffMember[]>()(z.object({}).strict()),
  'cases.settings': method<{ closureApproval: boolean }>()(z.object({}).strict()),
  'cases.setSettings': method<{ closureApproval: boolean }>()(z.object({ closureApproval: z.boolean() }).strict()),
} as const;
