/**
 * The district report: counted (counts.ts), suppressed (tables.ts, suppress.ts), checked against the fixed schema,
 * and wrapped in the envelope the district verifies: a detached CAdES signature over the report's canonical JSON,
 * made with the school's signing certificate (the same key that signs its PDFs).
 */
import crypto from 'node:crypto';
import {
  DISTRICT_REPORT_FORMAT,
  DISTRICT_REPORT_SCHEMA_VERSION,
  canonicalJson,
  districtEnvelopeSchema,
  districtReportSchema,
  type DistrictReport,
  type ReportPeriod,
} from '../../../shared/district-report';
import type { LoadedP12 } from '../documents/certificates';
import { cadesDetached } from '../documents/cades';
import { checkDetached, type SignatureCheck } from '../documents/verify';
import { AppError } from '../errors';
import type { PlanSectionCount } from './counts';
import { publishTables, type Counts } from './tables';

export interface ReportInput {
  school: { code: string; nameKk: string; nameRu: string };
  period: ReportPeriod;
  generatedAt: Date;
  counts: Counts;
  withReferrals: boolean;
  councilMeetings: number;
  plan: PlanSectionCount[];
}

/** Suppresses the counts and returns the report, parsed by its own schema (nothing else can slip in). */
export function buildReport(input: ReportInput): DistrictReport {
  const { tables, registerAtEnd, suppressed } = publishTables(input.counts, input.withReferrals);
  return districtReportSchema.parse({
    schemaVersion: DISTRICT_REPORT_SCHEMA_VERSION,
    school: input.school,
    period: input.period,
    generatedAt: input.generatedAt.toISOString(),
    tables,
    registerAtEnd,
    councilMeetings: input.councilMeetings,
    plan: input.plan,
    suppressed,
  });
}

/**
 * The JSON file for the district: the report and its detached signature (CAdES-BES with a signing-time
 * attribute: the report's generation time, as a CAdES baseline B signature of a file carries it).
 */
export function signedEnvelope(report: DistrictReport, p12: LoadedP12): Buffer {
  const content = Buffer.from(canonicalJson(report), 'utf8');
  const cms = cadesDetached({
    content,
    certificate: p12.certificate,
    chain: p12.chain,
    privateKey: crypto.createPrivateKey(p12.privateKeyPem),
    signingTime: new Date(report.generatedAt),
  });
  const envelope = {
    format: DISTRICT_REPORT_FORMAT,
    schemaVersion: report.schemaVersion,
    report,
    signature: { type: 'cades-detached-sha256' as const, cms: cms.toString('base64') },
  };
  return Buffer.from(`${JSON.stringify(envelope, null, 2)}\n`, 'utf8');
}

export type EnvelopeProblem = 'not_a_report' | 'future_version' | 'bad_report';

export interface OpenedEnvelope {
  report: DistrictReport;
  signature: SignatureCheck;
}

/**
 * Reads a report file: the format, then the version (a newer one is refused with its own code before its content
 * is looked at), then the report against the schema, then the signature over its canonical bytes.
 */
export function openEnvelope(bytes: Buffer): OpenedEnvelope {
  if (bytes.length > 5_000_000) throw new AppError('district.not_a_report', 'the file is too large to be a district report');
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new AppError('district.not_a_report', 'the file is not JSON');
  }
  const env = districtEnvelopeSchema.safeParse(json);
  if (!env.success) throw new AppError('district.not_a_report', 'the file is not a district report');
  if (env.data.schemaVersion > DISTRICT_REPORT_SCHEMA_VERSION) {
    throw new AppError('district.future_version', 'the report was written by a newer version of Qorgan', { version: env.data.schemaVersion });
  }
  const report = districtReportSchema.safeParse(env.data.report);
  if (!report.success) throw new AppError('district.not_a_report', 'the report does not follow its schema');
  const content = Buffer.from(canonicalJson(env.data.report), 'utf8');
  const signature = checkDetached(content, Buffer.from(env.data.signature.cms, 'base64'));
  return { report: report.data, signature };
}
