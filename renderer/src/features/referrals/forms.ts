/**
 * The referral dialogs' forms on the contract's schemas (shared/referrals.ts): a draft (new or edited), "sent" and
 * the agency's answer. The form holds what its inputs hold (nothing chosen yet is null) and its schema turns that
 * into the method's input; the core checks every rule again (legal moves, dates).
 */
import type { TFunction } from 'i18next';
import { z } from 'zod';
import { answerHasItsDate, referralsMethods, type AgencyType } from '../../../../shared/referrals';
import { zodFormResolver, type FieldMessages, type ServerFieldMap } from '../../app/forms';
import { maxLengthOf } from '../../app/forms';

const createInput = referralsMethods['referrals.create'].input;
const updateInput = referralsMethods['referrals.update'].input;
const sendInput = referralsMethods['referrals.send'].input;
const answerInput = referralsMethods['referrals.answer'].input;

export const REFERRAL_LIMITS = {
  agencyName: maxLengthOf(createInput.shape.agency.shape.name),
  agencyAddress: maxLengthOf(createInput.shape.agency.shape.address),
  reason: maxLengthOf(createInput.shape.reason),
  request: maxLengthOf(createInput.shape.request),
  answer: maxLengthOf(answerInput.shape.answer),
} as const;

export interface ReferralFormValues {
  pupilId: string | null;
  agencyType: AgencyType | null;
  agency: { name: string; address: string };
  reason: string;
  request: string;
  /** YYYY-MM-DD; null: none (an edited draft) or the core's default (a new one) */
  sendBy: string | null;
}

const draft = {
  agencyType: createInput.shape.agencyType,
  agency: createInput.shape.agency,
  reason: createInput.shape.reason,
  request: createInput.shape.request,
};

/** A new draft → `referrals.create` without the case (no date: the core's default). */
export const createReferralFormSchema = z
  .object({ pupilId: createInput.shape.pupilId, ...draft, sendBy: createInput.shape.sendBy.unwrap().nullable() })
  .transform(({ sendBy, ...rest }) => (sendBy === null ? rest : { ...rest, sendBy }));

/** An edited draft → `referrals.update` without the id and version (the pupil stays). */
export const updateReferralFormSchema = z
  .object({ pupilId: z.string().nullable(), ...draft, sendBy: updateInput.shape.sendBy })
  .transform(({ pupilId: _pupil, ...rest }) => rest);

const MESSAGES: FieldMessages = { pupilId: 'validation.required', agencyType: 'validation.required' };

export const validateReferral = (t: TFunction, editing: boolean) =>
  zodFormResolver<ReferralFormValues>(editing ? updateReferralFormSchema : createReferralFormSchema, t, MESSAGES);

/** A `validation` refusal names the last part of its path; the agency's are nested in the form. */
export const REFERRAL_SERVER_FIELDS: ServerFieldMap = { fields: { name: 'agency.name', address: 'agency.address' } };

export interface SendFormValues {
  sentOn: string | null;
  answerDueOn: string | null;
}
export const sendFormSchema = sendInput.pick({ sentOn: true, answerDueOn: true });
export const validateSend = (t: TFunction) => zodFormResolver<SendFormValues>(sendFormSchema, t);

export interface AnswerFormValues {
  answer: string;
  answeredOn: string | null;
}
export const answerFormSchema = answerInput.pick({ answer: true, answeredOn: true });
export const validateAnswer = (t: TFunction) => zodFormResolver<AnswerFormValues>(answerFormSchema, t);

const statusInput = referralsMethods['referrals.setStatus'].input;

export interface StatusFormValues {
  status: z.infer<typeof statusInput.shape.status> | null;
  answer: string;
  answeredOn: string | null;
}

/**
 * A status change → `referrals.setStatus` without the id and version: the answer (not for a withdrawal) goes with its
 * date, by the core's own rule (`answerHasItsDate`).
 */
export const statusFormSchema = z
  .object({
    status: statusInput.shape.status,
    answer: statusInput.shape.answer.unwrap(),
    answeredOn: statusInput.shape.answeredOn.unwrap().nullable(),
  })
  .transform(({ status, answer, answeredOn }): { status: typeof status; answer?: string; answeredOn?: string } =>
    status === 'withdrawn' || answer === '' ? { status } : { status, answer, ...(answeredOn === null ? {} : { answeredOn }) },
  )
  .refine((v) => answerHasItsDate(v), { path: ['answeredOn'] });

export const validateStatus = (t: TFunction) =>
  zodFormResolver<StatusFormValues>(statusFormSchema, t, { status: 'validation.required', 'answeredOn:custom': 'validation.required' });
