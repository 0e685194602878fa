/**
 * The signing forms' values and checks on the contract's schemas (shared/documents.ts): which certificate and its
 * signing password (`signerInputSchema`, what every signing method takes), and a new certificate of the school's own
 * (`documents.certificates.create`: position, organization, a password by the one rule of shared/auth.ts) or one
 * added from a .p12 / .pfx file (`documents.certificates.import`). Only a new password's repeat is the forms' own.
 */
import type { FormErrors } from '@mantine/form';
import type { TFunction } from 'i18next';
import { z } from 'zod';
import { PASSWORD_MIN_LENGTH } from '../../../../shared/auth';
import { documentsMethods, signerInputSchema, type SignerInput } from '../../../../shared/documents';
import { zodFormResolver, type FieldMessages, type ServerFieldMap } from '../../app/forms';

export interface SignerValues {
  certificateId: string | null;
  password: string;
}

export interface NewCertificateValues {
  position: string;
  organization: string;
  password: string;
  repeat: string;
}

export interface ImportCertificateValues {
  file: File | null;
  password: string;
  confirmName: boolean;
}

export const SIGNER_MESSAGES: FieldMessages = {
  'password:too_small': ['validation.passwordTooShort', { min: PASSWORD_MIN_LENGTH }],
};

/** Refusals of the core about the chosen certificate or its password. */
export const SIGNER_SERVER_FIELDS: ServerFieldMap = {
  codes: {
    'documents.wrong_p12_password': 'password',
    'documents.certificate_expired': 'certificateId',
    'documents.no_certificate': 'certificateId',
    'documents.unsupported_key_type': 'certificateId',
  },
};

/** Refusals of the core about an imported file or its password. */
export const IMPORT_SERVER_FIELDS: ServerFieldMap = {
  codes: {
    'documents.wrong_p12_password': 'password',
    'documents.bad_p12': 'file',
    'documents.unsupported_key_type': 'file',
    'documents.certificate_expired': 'file',
  },
  fields: { p12Base64: 'file' },
};

/** Which certificate and its password: the signer the core checks, without the optional position. */
export const signerFormSchema = signerInputSchema.pick({ certificateId: true, password: true });

const createInput = documentsMethods['documents.certificates.create'].input;
/** A new certificate of the school's own: position, organization and password as the core checks them, plus the repeat. */
export const newCertificateFormSchema = createInput.pick({ position: true, organization: true, password: true }).extend({ repeat: z.string() });

const importInput = documentsMethods['documents.certificates.import'].input;
/**
 * A .p12 / .pfx and its password: the password and the name confirmation as the core checks them; the file is read
 * into `p12Base64` (whose size the core checks) only when sent, so here it only has to be chosen.
 */
export const importCertificateFormSchema = importInput.pick({ password: true, confirmName: true }).extend({ file: z.instanceof(File) });

export const validateImportCertificate = (t: TFunction) => zodFormResolver<ImportCertificateValues>(importCertificateFormSchema, t);

export const validateSigner = (t: TFunction) =>
  zodFormResolver<SignerValues>(signerFormSchema, t);

export function validateNewCertificate(t: TFunction) {
  const check = zodFormResolver<NewCertificateValues>(newCertificateFormSchema, t, SIGNER_MESSAGES);
  return (values: NewCertificateValues): FormErrors => {
    const errors = check(values);
    if (values.password !== values.repeat && errors.repeat === undefined) errors.repeat = t('validation.passwordMismatch');
    return errors;
  };
}

/** The signer as sent: the parsed value. */
export const signerOf = (values: SignerValues): SignerInput => signerFormSchema.parse(values);

/** The new certificate as sent to `documents.certificates.create` (trimmed), valid for three years. */
export function newCertificateOf(values: NewCertificateValues): z.input<typeof createInput> {
  const { repeat: _repeat, ...input } = newCertificateFormSchema.parse(values);
  return { ...input, validYears: 3 };
}
