/**
 * Official documents: the register of issued PDFs, signing certificates, verification of any PDF.
 * Binary data crosses the boundary as base64.
 */
import { z } from 'zod';
import { passwordSchema } from './auth';
import { method } from './contract';
import type { Role } from './roles';

/** Kinds of issued documents; each kind has its own numbering per calendar year. */
export const DOCUMENT_KINDS = ['plan', 'plan_report', 'minutes', 'bullying_plan', 'referral', 'other', 'prevention_plan', 'safety_plan', 'case_summary', 'parent_letter', 'district_report'] as const;
export const documentKindSchema = z.enum(DOCUMENT_KINDS);
export type DocumentKind = z.infer<typeof documentKindSchema>;

/** Prefix of the register number per kind: "PL-3/2026" (Latin, the same in kk and ru documents). */
export const DOCUMENT_KIND_PREFIX: Record<DocumentKind, string> = {
  plan: 'PL',
  plan_report: 'RP',
  minutes: 'MN',
  bullying_plan: 'BP',
  referral: 'RF',
  other: 'DC',
  prevention_plan: 'PP',
  // a pupil's safety plan sheet ("PS": pupil sheet, a neutral prefix)
  safety_plan: 'PS',
  case_summary: 'CS',
  parent_letter: 'LT',
  district_report: 'DR',
};

/**
 * Documents about one child's welfare: only the holders of the protection compartment list, open, save or print
 * them (the registry's guard on the documents methods); a feature issuing such a document adds its kind here.
 */
export const PROTECTED_DOCUMENT_KINDS: readonly DocumentKind[] = [
  'prevention_plan',
  // the prevention council's minutes and extracts name the pupils heard and what was decided about them
  'minutes',
  'bullying_plan',
  'referral',
  'safety_plan',
  // a case's summary and a letter to a pupil's parents name the child and what the school does about them
  'case_summary',
  'parent_letter',
];

/**
 * Protected kinds whose content is the psychologist's (the `confidential` compartment): only holders of that
 * compartment list and open them, not every protection holder (e.g. a pupil's safety plan sheet).
 */
export const CONFIDENTIAL_DOCUMENT_KINDS: readonly DocumentKind[] = ['safety_plan'];

export function formatRegisterNumber(kind: DocumentKind, year: number, number: number): string {
  return `${DOCUMENT_KIND_PREFIX[kind]}-${number}/${year}`;
}

export interface DocumentSigner {
  name: string;
  position: string;
  serialHex: string;
  issuer: string;
  /** ISO time */
  signedAt: string;
  certificateId: string | null;
}

/** The next signature a co-signed document waits for (issued with later signers; see `documents.cosign`). */
export interface AwaitingSignature {
  /** 0-based signing order */
  slot: number;
  /** slot key, e.g. 'chair' */
  role: string;
  /** the role as printed in the document ("Төраға") */
  roleLabel: string;
  /** the account that must sign; null: any account with `requiredRole` */
  accountId: string | null;
  requiredRole: string | null;
  /**
   * whether the slot is the asking session's to sign (its account, or a role it holds), decided by the core with the
   * rule co-signing itself uses; set in the register's answers (`documents.list`, `documents.get`)
   */
  mine?: boolean;
}

export interface DocumentSummary {
  id: string;
  kind: DocumentKind;
  year: number;
  number: number;
  registerNumber: string;
  title: string;
  language: 'kk' | 'ru';
  sha256: string;
  sizeBytes: number;
  signers: DocumentSigner[];
  sourceType: string | null;
  sourceId: string | null;
  createdBy: string | null;
  createdAt: string;
  /** set when the document waits for another signature ("awaiting the signature of <roleLabel>") */
  awaiting?: AwaitingSignature | null;
  /**
   * set (the purge's time) when the document's file and title were purged under the retention rule: the register
   * row stays as a tombstone (electron/core/documents/purge.ts), so the register shows it as purged, not as sealed
   */
  purgedAt?: string | null;
}

export interface DocumentPage {
  items: DocumentSummary[];
  total: number;
}

export interface SigningCertificate {
  id: string;
  origin: 'created' | 'imported';
  subjectName: string;
  position: string;
  organization: string;
  issuerName: string;
  serialHex: string;
  fingerprintSha256: string;
  notBefore: string;
  notAfter: string;
  keyBits: number;
  ownerAccountId: string | null;
  createdAt: string;
  retiredAt: string | null;
}

export type SignatureProblem = 'digest_mismatch' | 'bad_signature' | 'unsupported_algorithm' | 'no_certificate' | 'malformed';

export interface SignatureReport {
  index: number;
  intact: boolean;
  problem: SignatureProblem | null;
  coversWholeDocument: boolean;
  signerName: string;
  position: string;
  organization: string;
  issuerName: string;
  serialHex: string;
  signingTime: string | null;
  certificateValidAtSigning: boolean | null;
  /** who stands behind the signature, decided by key (see `SignerTrust`); 'unknown' for a signature that is not intact */
  trust: SignerTrust;
  /** SHA-256 of the signer certificate (DER) as embedded in the signature, hex; '' when there is none */
  certificateSha256: string;
  /** the certificate is self-made (its issuer is its subject): no national CA vouches for it */
  certificateSelfSigned: boolean;
  /** when `trust` is 'school_retired': when the school retired that certificate (ISO time) */
  certificateRetiredAt: string | null;
}

/**
 * Who stands behind an intact signature. Decided by key, never by serial number or name:
 * - `school`: the signer certificate's SHA-256 fingerprint is one of this school's current signing certificates
 *   AND the signed ESS signing-certificate-v2 attribute names that very certificate. The school's own
 *   certificates are self-made: such a signature is verifiable inside this school, it is not a national CA's;
 * - `school_retired`: the same, for a certificate the school has retired (shown with the retire date);
 * - `unknown`: any other certificate, including one that copies a school certificate's serial number or name.
 */
export const SIGNER_TRUSTS = ['school', 'school_retired', 'unknown'] as const;
export type SignerTrust = (typeof SIGNER_TRUSTS)[number];

/**
 * The file as a whole, the weakest of its signatures: `broken` when any signature is not intact,
 * `unknown_signer` when any intact one is by an unknown signer, `school_retired` when any is by a retired school
 * certificate, `school` when every signature is by a current school certificate, `unsigned` without signatures.
 * Bytes added after the last signature are reported apart (`changedAfterLastSignature`).
 */
export const VERIFY_VERDICTS = ['school', 'school_retired', 'unknown_signer', 'broken', 'unsigned'] as const;
export type VerifyVerdict = (typeof VERIFY_VERDICTS)[number];

export interface VerifyResult {
  sha256: string;
  sizeBytes: number;
  /**
   * exact: these very bytes are in the register; extended: the registered bytes are unchanged at the start of
   * this file but something was appended after them (e.g. another signature); changed: the file names a
   * registered document but its bytes differ; none: not in the register
   */
  register: 'exact' | 'extended' | 'changed' | 'none';
  document: DocumentSummary | null;
  signatures: SignatureReport[];
  /** bytes were added after the last signature */
  changedAfterLastSignature: boolean;
  /** the weakest of the signatures (see `VerifyVerdict`) */
  verdict: VerifyVerdict;
}

/**
 * How a feature asks for a signature: which certificate, its signing password, and optionally the position to
 * print on the stamp (certificates of the national CA carry no position; the school's own ones do).
 */
export const signerInputSchema = z
  .object({
    certificateId: z.string().uuid(),
    password: z.string().min(1).max(200),
    position: z.string().trim().min(1).max(300).optional(),
  })
  .strict();
export type SignerInput = z.infer<typeof signerInputSchema>;

const base64Schema = (maxBytes: number) =>
  z
    .string()
    .max(Math.ceil(maxBytes / 3) * 4 + 4)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64');

/** The largest PDF accepted for verification. */
export const MAX_PDF_BYTES = 50 * 1024 * 1024;
export const MAX_P12_BYTES = 64 * 1024;

/**
 * The roles that sign documents, in one place: the director approves plans and signs what the school issues; the
 * deputy director signs quarterly reports; the prevention council's secretary signs its minutes next to the chair.
 * Only these roles create or import a signing certificate. (Psychologist and social pedagogue letters and referrals
 * go out under the director's signature today; add their role here when they sign in their own name.)
 */
export const SIGNING_ROLES = ['director', 'deputy_director', 'council_secretary'] as const satisfies readonly Role[];

const idInput = z.object({ id: z.string().uuid() }).strict();
const personText = (max: number) => z.string().trim().min(1).max(max);

export const documentsMethods = {
  /** A page of the register, newest first; search in title and register number. */
  'documents.list': method<DocumentPage>()(
    z
      .object({
        page: z.number().int().min(0).max(100_000).default(0),
        pageSize: z.number().int().min(1).max(200).default(50),
        search: z.string().trim().max(200).optional(),
        kind: documentKindSchema.optional(),
        year: z.number().int().min(2000).max(2100).optional(),
      })
      .strict(),
  ),
  'documents.get': method<DocumentSummary>()(idInput),
  /** The PDF bytes, base64 (an audited read). */
  'documents.pdf': method<{ base64: string; fileName: string }>()(idInput),
  /** Show the PDF in the app's own viewer window (no file on disk). */
  'documents.open': method<null>()(idInput),
  /**
   * Show PDF bytes the screen holds (a preview of a draft, not in the register) in the app's own viewer window.
   * The renderer cannot frame a PDF itself: its CSP allows no frames.
   */
  'documents.view': method<null>()(z.object({ title: z.string().trim().min(1).max(300), pdfBase64: base64Schema(MAX_PDF_BYTES) }).strict()),
  /** Save a copy where the user chooses (save dialog); false when cancelled. */
  'documents.saveCopy': method<{ saved: boolean }>()(idInput),
  /** Print through the shell's printing. */
  'documents.print': method<null>()(idInput),
  /** Check any PDF: register, unchanged bytes, signatures. */
  'documents.verify': method<VerifyResult>()(z.object({ pdfBase64: base64Schema(MAX_PDF_BYTES) }).strict()),
  /** Pick a PDF with the open dialog and check it; null when cancelled. */
  'documents.verifyFile': method<VerifyResult | null>()(z.object({}).strict()),
  'documents.certificates.list': method<SigningCertificate[]>()(
    z.object({ includeRetired: z.boolean().default(false) }).strict(),
  ),
  /**
   * Create the school's own certificate (RSA 3072) protected by a signing password, for the signed-in account:
   * its name (CN) is the account's own display name (no name field); the position is free text. SIGNING_ROLES only.
   */
  'documents.certificates.create': method<SigningCertificate>()(
    z
      .object({
        position: personText(300),
        organization: personText(400),
        password: passwordSchema,
        validYears: z.number().int().min(1).max(5).default(3),
      })
      .strict(),
  ),
  /**
   * Import a .p12/.pfx with its password (RSA keys only), for the signed-in account (SIGNING_ROLES only). The name
   * in the certificate must be the account's display name (letter case and spaces aside), or the importer is the
   * director and confirms a different spelling of their own name (`confirmName`, e.g. a national CA certificate in
   * capitals): else `documents.certificate_name_mismatch`.
   */
  'documents.certificates.import': method<SigningCertificate>()(
    z
      .object({ p12Base64: base64Schema(MAX_P12_BYTES).min(4), password: z.string().max(200), confirmName: z.boolean().default(false) })
      .strict(),
  ),
  'documents.certificates.retire': method<null>()(idInput),
  /**
   * Adds the next signature to a document that waits for it, as an incremental update of the stored signed file
   * (its earlier bytes stay a byte-identical prefix), with its own stamp. Only the account the slot names (or,
   * when it names none, an account with the slot's role) may sign, with a certificate it holds.
   */
  'documents.cosign': method<DocumentSummary>()(z.object({ id: z.string().uuid(), signer: signerInputSchema }).strict()),
  /** Documents waiting for the signature of the logged-in account (for its home screen). */
  'documents.awaitingMine': method<DocumentSummary[]>()(z.object({}).strict()),
} as const;
