/**
 * The language-neutral form of a chronology line the app writes itself: a message key and its parameters (numbers,
 * codes, dates and — where the line quotes a record — that record's own text), sealed in the entry's compartment
 * exactly as a written summary is. The reader's side (`render.ts`) puts it into words in the reader's language, so a
 * Russian-speaking psychologist does not read a Kazakh line because a Kazakh-speaking colleague did the work.
 * Entries written before (free text) and lines that quote only what a person typed stay text.
 */
import { z } from 'zod';
import { bullyingStepKindSchema, followUpOutcomeSchema } from '../../../shared/bullying';
import { caseStageSchema, contactMethodSchema, formOfHarmSchema, pupilRoleSchema, riskSchema } from '../../../shared/cases';
import type { ChronologyKind } from '../../../shared/chronology';
import { decisionTypeSchema } from '../../../shared/council';
import { guardianRelationSchema } from '../../../shared/guardians';
import { ARCHIVE_REASONS } from '../../../shared/pupils';
import { agencyTypeSchema, referralStatusSchema } from '../../../shared/referrals';
import { decisionSchema, EXTERNAL_REGISTERS, reviewOutcomeSchema } from '../../../shared/register';
import { SCREENING_RESULTS } from '../../../shared/screening';

const caseNumber = z.number().int().positive();
const day = z.iso.date();
/** what a person wrote, quoted in a line (cut with `clip` to fit the sealed summary) */
const quoted = z.string().max(1500);

export const chronologyMessageSchema = z.discriminatedUnion('key', [
  // a pupil archived (why) or restored from the archive
  z.object({ key: z.literal('pupil_archived'), reason: z.enum([...ARCHIVE_REASONS, 'restored']) }).strict(),
  // a concern at triage: the form of harm and this pupil's role in words, what happened as the author wrote it
  z.object({ key: z.literal('concern'), harm: formOfHarmSchema, role: pupilRoleSchema, what: z.string().max(1500) }).strict(),
  // a guardian added or changed: the relation in words, the name as written, whether a legal representative
  z.object({ key: z.literal('guardian'), relation: guardianRelationSchema, name: z.string().max(200), legal: z.boolean() }).strict(),
  z.object({ key: z.literal('case_stage'), case: caseNumber, from: caseStageSchema, to: caseStageSchema }).strict(),
  z.object({ key: z.literal('case_risk'), case: caseNumber, from: riskSchema, to: riskSchema }).strict(),
  z
    .object({
      key: z.literal('hearing'),
      minutes: z.number().int().positive(),
      registerNumber: z.string().min(1).max(64),
      decisions: z.array(decisionTypeSchema).max(50),
    })
    .strict(),
  z
    .object({
      key: z.literal('referral_sent'),
      case: caseNumber,
      agencyType: agencyTypeSchema.nullable(),
      agencyName: z.string().max(200).nullable(),
      answerDueOn: day,
    })
    .strict(),
  // drafted (text: the reason), a new status (text: the answer, if any), or — status null — the answer recorded
  z
    .object({
      key: z.literal('referral_update'),
      case: caseNumber,
      agencyType: agencyTypeSchema.nullable(),
      agencyName: z.string().max(200).nullable(),
      status: referralStatusSchema.nullable(),
      text: z.string().max(1200),
    })
    .strict(),
  // the register's grounds are the school's own list, labelled in both languages: both are kept
  z.object({ key: z.literal('register_on'), decision: decisionSchema, grounds: z.object({ kk: z.string().max(600), ru: z.string().max(600) }).strict() }).strict(),
  z.object({ key: z.literal('register_off'), decision: decisionSchema }).strict(),
  z.object({ key: z.literal('register_review'), outcome: reviewOutcomeSchema, next: day.nullable() }).strict(),
  z.object({ key: z.literal('register_external'), body: z.enum(EXTERNAL_REGISTERS), from: day, to: day.nullable() }).strict(),
  z.object({ key: z.literal('prevention_plan'), what: z.string().max(1200), dueOn: day.nullable(), doneOn: day.nullable() }).strict(),
  // the screening's lines (confidential entries)
  z.object({ key: z.literal('asq'), case: caseNumber, result: z.enum(SCREENING_RESULTS) }).strict(),
  z.object({ key: z.literal('asq_acute_done'), case: caseNumber }).strict(),
  z.object({ key: z.literal('safety_plan'), case: caseNumber, version: z.number().int().positive() }).strict(),
  z.object({ key: z.literal('safety_plan_printed'), registerNumber: z.string().min(1).max(64), version: z.number().int().positive() }).strict(),
  // the bullying flow (bullying/words.ts); `text` is what the worker wrote
  z.object({ key: z.literal('bullying_started'), case: caseNumber, cyber: z.boolean(), steps: z.number().int().min(0) }).strict(),
  z.object({ key: z.literal('bullying_escalated'), case: caseNumber }).strict(),
  z.object({ key: z.literal('bullying_talk'), case: caseNumber, text: quoted }).strict(),
  z.object({ key: z.literal('bullying_commitment'), case: caseNumber, text: quoted }).strict(),
  z.object({ key: z.literal('bullying_parents'), case: caseNumber, who: z.string().max(200), method: contactMethodSchema, text: quoted }).strict(),
  z.object({ key: z.literal('bullying_platform'), case: caseNumber, platform: z.string().max(100) }).strict(),
  z.object({ key: z.literal('bullying_follow_up'), case: caseNumber, outcome: followUpOutcomeSchema }).strict(),
  z.object({ key: z.literal('bullying_monitoring'), case: caseNumber }).strict(),
  z.object({ key: z.literal('bullying_skipped'), case: caseNumber, step: bullyingStepKindSchema, text: quoted }).strict(),
]);
export type ChronologyMessage = z.infer<typeof chronologyMessageSchema>;

/** The one kind of entry each message may stand in (a message read under another kind is shown as text). */
export const MESSAGE_KIND: Record<ChronologyMessage['key'], ChronologyKind> = {
  pupil_archived: 'pupil_archived',
  concern: 'concern',
  guardian: 'guardian',
  case_stage: 'case_stage',
  case_risk: 'case_risk',
  hearing: 'hearing',
  referral_sent: 'referral',
  referral_update: 'referral',
  register_on: 'register_on',
  register_off: 'register_off',
  register_review: 'register_review',
  register_external: 'register_external',
  prevention_plan: 'prevention_plan',
  asq: 'screening',
  asq_acute_done: 'screening',
  safety_plan: 'safety_plan',
  safety_plan_printed: 'safety_plan',
  bullying_started: 'bullying_step',
  bullying_escalated: 'bullying_escalated',
  bullying_talk: 'bullying_step',
  bullying_commitment: 'bullying_step',
  bullying_parents: 'bullying_step',
  bullying_platform: 'bullying_step',
  bullying_follow_up: 'bullying_step',
  bullying_monitoring: 'bullying_step',
  bullying_skipped: 'bullying_step',
};

/** A quoted text cut to `n` characters (an ellipsis marks the cut), to fit a message's field. */
export function clip(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

const storedSchema = z.object({ $msg: chronologyMessageSchema }).strict();
const PREFIX = '{"$msg":';

/** The sealed text of a message (what `recordChronology` seals in place of a summary). */
export function encodeMessage(m: ChronologyMessage): string {
  return JSON.stringify({ $msg: chronologyMessageSchema.parse(m) });
}

/**
 * The message a stored summary holds, or null for a written (free-text) one. Only a well-formed message of the
 * entry's own kind counts, so text somebody typed never turns into a message.
 */
export function decodeMessage(kind: ChronologyKind, stored: string): ChronologyMessage | null {
  if (!stored.startsWith(PREFIX)) return null;
  let json: unknown;
  try {
    json = JSON.parse(stored);
  } catch {
    return null;
  }
  const r = storedSchema.safeParse(json);
  return r.success && MESSAGE_KIND[r.data.$msg.key] === kind ? r.data.$msg : null;
}
