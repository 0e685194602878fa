/**
 * Referrals (жолдама / направление): a case asks a service outside the school to act for one pupil of the case —
 * the juvenile police, health (a psychiatrist, a narcologist), the guardianship authority, a psychological support
 * centre, social services, or the 111 / 150 lines. A referral is drafted, its letter signed by the director and
 * registered with an outgoing number, sent (date sent, answer due), and followed until the agency answers
 * (accepted, rejected, done) or the school withdraws it. The agency's name and address as printed, the reason, what
 * is asked and the agency's answer are welfare data: the `protection` compartment. The agency's type, the status
 * and the dates are plain (the lists filter and the work lists remind on them).
 */
import { z } from 'zod';
import { method } from './contract';
import { signerInputSchema } from './documents';
import { languageSchema } from './roles';

export const AGENCY_TYPES = [
  'juvenile_police',
  'psychiatrist',
  'narcologist',
  'guardianship',
  'psych_support',
  'social_services',
  'helpline_111',
  'helpline_150',
] as const;
export const agencyTypeSchema = z.enum(AGENCY_TYPES);
export type AgencyType = z.infer<typeof agencyTypeSchema>;

export const REFERRAL_STATUSES = ['draft', 'sent', 'accepted', 'rejected', 'done', 'withdrawn'] as const;
export const referralStatusSchema = z.enum(REFERRAL_STATUSES);
export type ReferralStatus = z.infer<typeof referralStatusSchema>;

/**
 * The legal moves. `sent` is reached only through `referrals.send` (it needs the date sent and the answer due);
 * rejected, done and withdrawn are final. Anything else is refused as `referrals.bad_transition`.
 */
export const REFERRAL_TRANSITIONS: Record<ReferralStatus, readonly ReferralStatus[]> = {
  draft: ['sent', 'withdrawn'],
  sent: ['accepted', 'rejected', 'done', 'withdrawn'],
  accepted: ['done', 'withdrawn'],
  rejected: [],
  done: [],
  withdrawn: [],
};

export function canMove(from: ReferralStatus, to: ReferralStatus): boolean {
  return REFERRAL_TRANSITIONS[from].includes(to);
}

/** Statuses in which the agency may still answer (the answer can be recorded). */
export const ANSWERABLE_STATUSES = ['sent', 'accepted', 'rejected', 'done'] as const satisfies readonly ReferralStatus[];

/** Days a draft may wait before the work lists call it overdue, unless the worker chose a date. */
export const DRAFT_SEND_DAYS = 3;
/** Days the agency is given to answer, by default (the worker changes it when sending). */
export const DEFAULT_ANSWER_DAYS = 10;

/** An ISO date `days` days after another (UTC arithmetic on the calendar date, no time zone involved). */
export function addDaysIso(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The agency as the letter prints it (to whom). */
export interface Agency {
  name: string;
  address: string;
}

export interface Referral {
  id: string;
  caseId: string;
  caseNumber: number;
  pupilId: string;
  pupil: { lastName: string; firstName: string; middleName: string; grade: number; classLetter: string };
  /** null only on a draft made from a council decision before the worker chose the agency */
  agencyType: AgencyType | null;
  /** protection: null when hidden */
  agency: Agency | null;
  /** protection */
  reason: string | null;
  /** protection: what the school asks the agency to do */
  request: string | null;
  status: ReferralStatus;
  /** a draft's "send by" (the work lists remind on it) */
  sendBy: string | null;
  sentOn: string | null;
  answerDueOn: string | null;
  /** protection: the agency's answer */
  answer: string | null;
  answeredOn: string | null;
  /** sent, no answer yet, and the answer date has passed (by the core's clock) */
  overdue: boolean;
  /** the latest signed letter in the documents register */
  letter: { documentId: string; registerNumber: string } | null;
  /** the council decision it was made from */
  councilDecisionId: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export type ReferralListItem = Omit<Referral, 'reason' | 'request' | 'answer'>;

export interface ReferralLetter {
  documentId: string;
  registerNumber: string;
  language: 'kk' | 'ru';
  sha256: string;
  pdfBase64: string;
}

const uuid = z.string().uuid();
const isoDate = z.iso.date();
const text = (max: number) => z.string().trim().max(max);
const version = z.number().int().min(1);

const agencySchema = z.object({ name: text(300).min(1), address: text(400).default('') }).strict();

/** A status change carries the agency's answer with the day it came, or neither (the core and the form check it). */
export function answerHasItsDate(v: { answer?: string | undefined; answeredOn?: string | undefined }): boolean {
  return (v.answer === undefined || v.answer === '') === (v.answeredOn === undefined);
}

export const referralsMethods = {
  /** the school's referrals (case readers), filtered in SQL; the list carries no reason and no answer */
  'referrals.list': method<ReferralListItem[]>()(
    z
      .object({
        status: referralStatusSchema.optional(),
        agencyType: agencyTypeSchema.optional(),
        overdueOnly: z.boolean().default(false),
        caseId: uuid.optional(),
        pupilId: uuid.optional(),
      })
      .strict(),
  ),
  /** sensitive read: a case's referrals with their reasons and answers */
  'referrals.forCase': method<Referral[]>()(z.object({ caseId: uuid }).strict()),
  'referrals.get': method<Referral>()(z.object({ id: uuid }).strict()),
  /** a draft for one pupil of the case */
  'referrals.create': method<Referral>()(
    z
      .object({
        caseId: uuid,
        pupilId: uuid,
        agencyType: agencyTypeSchema,
        agency: agencySchema,
        reason: text(4000).min(1),
        request: text(2000).default(''),
        /** defaults to `DRAFT_SEND_DAYS` after today */
        sendBy: isoDate.optional(),
      })
      .strict(),
  ),
  /** edits a draft (after sending only the answer date may change: `referrals.setDue`) */
  'referrals.update': method<Referral>()(
    z
      .object({
        id: uuid,
        version,
        agencyType: agencyTypeSchema,
        agency: agencySchema,
        reason: text(4000).min(1),
        request: text(2000).default(''),
        sendBy: isoDate.nullable(),
      })
      .strict(),
  ),
  'referrals.send': method<Referral>()(z.object({ id: uuid, version, sentOn: isoDate, answerDueOn: isoDate }).strict()),
  /** a new answer date for a referral still waiting for its answer (not before the date sent) */
  'referrals.setDue': method<Referral>()(z.object({ id: uuid, version, answerDueOn: isoDate }).strict()),
  /** accepted, rejected, done, withdrawn; with the agency's answer and its date when it came */
  'referrals.setStatus': method<Referral>()(
    z
      .object({
        id: uuid,
        version,
        status: z.enum(['accepted', 'rejected', 'done', 'withdrawn']),
        answer: text(4000).optional(),
        answeredOn: isoDate.optional(),
      })
      .strict()
      .refine(answerHasItsDate, { message: 'an answer needs its date', path: ['answeredOn'] }),
  ),
  /** records (or corrects) the agency's answer without moving the status */
  'referrals.answer': method<Referral>()(z.object({ id: uuid, version, answer: text(4000).min(1), answeredOn: isoDate }).strict()),
  /** the referral letter, signed by the director with their own certificate, registered with an outgoing number */
  'referrals.letter': method<ReferralLetter>()(z.object({ id: uuid, language: languageSchema, signer: signerInputSchema }).strict()),
} as const;
