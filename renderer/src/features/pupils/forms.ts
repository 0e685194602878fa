/**
 * The pupil form's values and checks, on the contract's schema (`pupilInputSchema`, shared/pupils.ts): the form
 * holds what its inputs hold (an IIN as typed, the grade as the select's string) and the form schema turns that into
 * the input `pupils.create` / `pupils.update` take, so the rules are the core's own. Only the IIN's message is more
 * precise than the schema's: it names the problem `parseIin` (shared/iin.ts, the schema's own check) found.
 */
import type { FormErrors } from '@mantine/form';
import type { TFunction } from 'i18next';
import { z } from 'zod';
import { parseIin } from '../../../../shared/iin';
import { iinSchema, pupilInputSchema, type Pupil } from '../../../../shared/pupils';
import type { Language } from '../../../../shared/roles';
import { zodFormResolver, type ServerFieldMap } from '../../app/forms';

/** Names keep at most this many characters (the schema's limit, shown as a counter near it). */
export const PUPIL_NAME_MAX = 100;
/** A class letter keeps at most this many characters. */
export const CLASS_LETTER_MAX = 4;

export interface PupilFormValues {
  lastName: string;
  firstName: string;
  middleName: string;
  /** as typed: digits only, empty for a pupil without an IIN */
  iin: string;
  /** the grade select's value ('0' … '12') */
  grade: string;
  classLetter: string;
  instructionLanguage: Language;
  familyStatus: string[];
}

const shape = pupilInputSchema.shape;

/** The form's values → `pupilInputSchema`'s input: an empty IIN is none, the grade a number; the rest as the core checks. */
export const pupilFormSchema = pupilInputSchema
  .omit({ birthDate: true, sex: true })
  .extend({
    iin: z
      .string()
      .trim()
      .transform((v) => (v === '' ? null : v))
      .pipe(iinSchema.nullable()),
    grade: z
      .string()
      .trim()
      .regex(/^\d+$/)
      .transform(Number)
      .pipe(shape.grade),
  });

export const emptyPupil = (): PupilFormValues => ({
  lastName: '',
  firstName: '',
  middleName: '',
  iin: '',
  grade: '1',
  classLetter: '',
  instructionLanguage: 'kk',
  familyStatus: [],
});

/** A saved pupil as the form's initial values (a hidden family status, null, is an empty choice the core keeps hidden). */
export function pupilValues(p: Pupil): PupilFormValues {
  return {
    lastName: p.lastName,
    firstName: p.firstName,
    middleName: p.middleName,
    iin: p.iin ?? '',
    grade: String(p.grade),
    classLetter: p.classLetter,
    instructionLanguage: p.instructionLanguage,
    familyStatus: p.familyStatus ?? [],
  };
}

/** The IIN problem's own message (checksum, date, century, format) instead of a general "invalid". */
export function iinMessage(t: TFunction, iin: string): string | undefined {
  const v = iin.trim();
  if (v === '') return undefined;
  const r = parseIin(v);
  return r.ok ? undefined : t(`pupils.iinProblem.${r.problem}`);
}

export const validatePupil = (t: TFunction) => {
  const check = zodFormResolver<PupilFormValues>(pupilFormSchema, t);
  return (values: PupilFormValues): FormErrors => {
    const errors = check(values);
    if (errors.iin !== undefined) errors.iin = iinMessage(t, values.iin) ?? errors.iin;
    return errors;
  };
};

/** The core names the field of its refusals itself (`pupils.duplicate_iin` → `iin`, a validation path). */
export const PUPIL_SERVER_FIELDS: ServerFieldMap = { codes: { 'pupils.duplicate_iin': 'iin' } };
