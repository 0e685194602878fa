/**
 * The prevention council (профилактика кеңесі / совет профилактики): its members per academic year, numbered
 * meetings with attendance and an agenda, the hearing and decisions per agenda item, and the minutes (хаттама)
 * signed by the secretary and later co-signed by the chair. Rules: electron/core/council/ (README.md there).
 */
import { z } from 'zod';
import { method } from './contract';
import { signerInputSchema, type DocumentSummary } from './documents';
import type { ExecutionMark, ExecutionStatus } from './plans';
import { languageSchema } from './roles';

const id = z.string().uuid();
const text = (max: number) => z.string().trim().max(max);
const required = (max: number) => z.string().trim().min(1).max(max);
const academicYear = z.number().int().min(2000).max(2100);
const isoDate = z.iso.date();

/**
 * What a decision does once the minutes are fully signed (electron/core/council/effects.ts `DECISION_EFFECTS`):
 * note (a plain decision, no effect), put on / take off the intra-school register, assign a measure (a task on the
 * pupil's case), refer (a referral to an agency), invite again (the pupil is proposed for a later meeting).
 */
export const DECISION_TYPES = ['note', 'register_on', 'register_off', 'measure', 'referral', 'invite_again'] as const;
export const decisionTypeSchema = z.enum(DECISION_TYPES);
export type DecisionType = z.infer<typeof decisionTypeSchema>;

/** What became of a decision's effect: applied; none (a note); not_wired (its record feature is not in this build). */
export type EffectStatus = 'pending' | 'applied' | 'none' | 'not_wired';

export const ATTENDANCE_KINDS = ['member', 'parent', 'pupil', 'guest'] as const;
export const attendanceKindSchema = z.enum(ATTENDANCE_KINDS);
export type AttendanceKind = z.infer<typeof attendanceKindSchema>;

export const MEETING_STATUSES = ['planned', 'awaiting_chair', 'signed'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export interface CouncilMember {
  id: string;
  academicYear: number;
  /** a staff account, or null for an outside member */
  accountId: string | null;
  name: string;
  positionKk: string;
  positionRu: string;
  duty: 'chair' | 'secretary' | 'member';
}

export interface CouncilRoster {
  academicYear: number;
  members: CouncilMember[];
  chairMemberId: string | null;
  secretaryMemberId: string | null;
}

export interface MeetingSummary {
  id: string;
  academicYear: number;
  number: number;
  date: string;
  time: string;
  place: string;
  status: MeetingStatus;
  documentId: string | null;
  agendaCount: number;
}

export interface AttendanceEntry {
  id: string;
  kind: AttendanceKind;
  memberId: string | null;
  /** member: the member's printed name; guest: protection compartment (null when hidden) */
  name: string | null;
  roleText: string;
  present: boolean;
  /** protection compartment: null when hidden or none */
  reason: string | null;
}

export interface Decision {
  id: string;
  /** 1-based within the item, as printed */
  number: number;
  type: DecisionType;
  pupilId: string | null;
  /** protection compartment: null when hidden */
  text: string | null;
  responsible: string;
  deadline: string | null;
  /** `register_on`: the grounds from the school's list (protection compartment: null when hidden; [] for other types) */
  groundIds: string[] | null;
  /** `register_on`: the first review (null: the register's default, a quarter after the meeting) */
  firstReviewOn: string | null;
  effectStatus: EffectStatus;
}

export interface AgendaItem {
  id: string;
  /** 1-based, as printed */
  number: number;
  sourceType: string;
  sourceId: string | null;
  pupilId: string | null;
  /** the pupil's name for the screen (protection holders only; never printed for other pupils in an extract) */
  pupilName: string | null;
  /** protection compartment: null when hidden */
  title: string | null;
  heard: string | null;
  spoke: string | null;
  decisions: Decision[];
}

export interface MeetingDetail extends MeetingSummary {
  attendance: AttendanceEntry[];
  agenda: AgendaItem[];
}

/** A proposed agenda item (from `AGENDA_SOURCES`), for the secretary to accept. */
export interface AgendaProposal {
  sourceType: string;
  sourceId: string;
  pupilId: string | null;
  titleKk: string;
  titleRu: string;
  /** why it is proposed, e.g. "plan item 2.3, due in December" (a key of `council.proposalReasons` + params) */
  reason: string;
  reasonParams: Record<string, string | number>;
}

/** A council hearing of one pupil, for the pupil card: the meeting and the decisions about the pupil. */
export interface PupilHearing {
  meetingId: string;
  academicYear: number;
  number: number;
  date: string;
  status: MeetingStatus;
  /** protection compartment: null when hidden */
  itemTitle: string | null;
  decisions: Pick<Decision, 'id' | 'number' | 'type' | 'text' | 'deadline' | 'responsible' | 'effectStatus' | 'groundIds' | 'firstReviewOn'>[];
}

/** A planned (or held) meeting a council plan item points to (electron/core/council/plan-links.ts). */
export interface PlanItemMeeting {
  meetingId: string;
  academicYear: number;
  number: number;
  date: string;
  time: string;
  status: MeetingStatus;
  /** the quarter whose execution the signed minutes evidence (null: not yet taken as evidence) */
  evidenceQuarter: number | null;
  /** the signed minutes' register number, once they are the evidence */
  evidenceRegisterNumber: string | null;
}

/** A joint-plan item a meeting carries out. */
export interface MeetingPlanItem {
  planItemId: string;
  planId: string;
  measureKk: string;
  measureRu: string;
  /** the quarter of the school calendar the meeting falls in (null: in the holidays) */
  quarter: number | null;
  evidenceQuarter: number | null;
  /** the item's execution mark for the evidenced quarter */
  executionStatus: ExecutionStatus | null;
}

export const memberInputSchema = z
  .object({
    id: id.optional(),
    academicYear,
    accountId: id.nullable().default(null),
    name: required(120),
    positionKk: required(300),
    positionRu: required(300),
  })
  .strict();

export const meetingInputSchema = z
  .object({
    academicYear,
    /** the minutes' number in the year; default: the next free one */
    number: z.number().int().min(1).max(999).optional(),
    date: isoDate,
    time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
    place: required(300),
  })
  .strict();

export const attendanceInputSchema = z
  .object({
    kind: attendanceKindSchema,
    memberId: id.nullable().default(null),
    /** guests only (members print their roster name) */
    name: text(200).default(''),
    roleText: text(200).default(''),
    present: z.boolean(),
    reason: text(500).default(''),
  })
  .strict()
  // a guest (a parent, the pupil, someone invited) is named in the minutes; a member prints the roster's name
  .refine((e) => e.kind === 'member' || e.name.trim().length > 0, { path: ['name'], message: 'a guest needs a name', params: { i18n: 'council.guestNameRequired' } });

export const decisionInputSchema = z
  .object({
    type: decisionTypeSchema.default('note'),
    pupilId: id.nullable().default(null),
    text: required(4000),
    responsible: text(300).default(''),
    deadline: isoDate.nullable().default(null),
    /** `register_on` only: the grounds from the school's list (`register.grounds`), at least one */
    groundIds: z.array(id).max(20).default([]),
    /** `register_on` only: the first review; null = the register's default */
    firstReviewOn: isoDate.nullable().default(null),
  })
  .strict();

export const itemInputSchema = z
  .object({
    itemId: id,
    title: required(1000),
    pupilId: id.nullable().default(null),
    heard: text(8000).default(''),
    spoke: text(4000).default(''),
    decisions: z.array(decisionInputSchema).max(30).default([]),
  })
  .strict();

const meetingId = z.object({ meetingId: id }).strict();

/** A staff account the appointers may seat on the council (names of staff only). */
export interface StaffAccount {
  id: string;
  displayName: string;
}

export const councilMethods = {
  'council.staff': method<StaffAccount[]>()(z.object({}).strict()),
  'council.roster': method<CouncilRoster>()(z.object({ academicYear }).strict()),
  'council.members.save': method<CouncilMember>()(memberInputSchema),
  'council.members.remove': method<null>()(z.object({ id }).strict()),
  /** the year's chair and secretary: both members with an account (they sign the minutes), not the same one */
  'council.officers.set': method<CouncilRoster>()(
    z.object({ academicYear, chairMemberId: id, secretaryMemberId: id }).strict(),
  ),
  'council.meetings.list': method<MeetingSummary[]>()(z.object({ academicYear }).strict()),
  'council.meetings.get': method<MeetingDetail>()(z.object({ id }).strict()),
  'council.meetings.create': method<MeetingSummary>()(meetingInputSchema),
  'council.meetings.update': method<MeetingSummary>()(meetingInputSchema.extend({ id }).strict()),
  'council.meetings.remove': method<null>()(z.object({ id }).strict()),
  'council.attendance.save': method<AttendanceEntry[]>()(
    z.object({ meetingId: id, entries: z.array(attendanceInputSchema).max(200) }).strict(),
  ),
  'council.agenda.proposals': method<AgendaProposal[]>()(meetingId),
  /** adds an item: accepted from a proposal (`source`), or free */
  'council.agenda.add': method<AgendaItem>()(
    z
      .object({
        meetingId: id,
        source: z.object({ type: required(60), id: required(100) }).strict().nullable().default(null),
        title: required(1000),
        pupilId: id.nullable().default(null),
      })
      .strict(),
  ),
  'council.agenda.reorder': method<null>()(z.object({ meetingId: id, itemIds: z.array(id).max(100) }).strict()),
  'council.agenda.remove': method<null>()(z.object({ itemId: id }).strict()),
  /** the hearing of one item: title, ТЫҢДАЛДЫ, СӨЙЛЕДІ, and its decisions (replaced as a whole) */
  'council.agenda.saveItem': method<AgendaItem>()(itemInputSchema),
  /** renders the minutes, signs them with the secretary's certificate and leaves the chair's signature for later */
  'council.minutes.issue': method<DocumentSummary>()(
    z.object({ meetingId: id, lang: languageSchema, signer: signerInputSchema }).strict(),
  ),
  /** an extract of one agenda item of signed minutes (for a parent or an agency), signed by the secretary */
  'council.extract.issue': method<DocumentSummary>()(
    z.object({ meetingId: id, itemId: id, lang: languageSchema, signer: signerInputSchema }).strict(),
  ),
  /** the meetings a council plan item points to */
  'council.planLinks.forItem': method<PlanItemMeeting[]>()(z.object({ planItemId: id }).strict()),
  /** the plan items a meeting carries out */
  'council.planLinks.forMeeting': method<MeetingPlanItem[]>()(z.object({ meetingId: id }).strict()),
  /** replaces the planned meetings a plan item assigned to the council points to */
  'council.planLinks.set': method<PlanItemMeeting[]>()(z.object({ planItemId: id, meetingIds: z.array(id).max(20) }).strict()),
  /** the signed minutes of a linked meeting mark the plan item done for the meeting's quarter, as its evidence */
  'council.planLinks.markExecuted': method<ExecutionMark>()(z.object({ planItemId: id, meetingId: id }).strict()),
  /** the council hearings of one pupil, newest first (the pupil card) */
  'council.pupilHearings': method<PupilHearing[]>()(z.object({ pupilId: id }).strict()),
  /** an invitation of a pupil's parent to a planned meeting (reason in neutral words), signed by the secretary */
  'council.invitation.issue': method<DocumentSummary>()(
    z.object({ meetingId: id, pupilId: id, reason: required(300), lang: languageSchema, signer: signerInputSchema }).strict(),
  ),
} as const;

/** Titles of the minutes as the register lists them. */
export function minutesTitle(lang: 'kk' | 'ru', number: number): string {
  return lang === 'kk' ? `Профилактика кеңесі отырысының хаттамасы № ${number}` : `Протокол заседания Совета профилактики № ${number}`;
}
