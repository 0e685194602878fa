/**
 * Issuing the district report (school side) and merging reports (district side).
 */
import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import type { SignerInput } from '../../../shared/documents';
import { MAX_IMPORT_TOTAL_BYTES, MAX_REPORT_FILE_BYTES } from '../../../shared/district';
import type {
  CertificateFacts,
  DistrictFile,
  DistrictReportListItem,
  DistrictSchool,
  DistrictSummary,
  ImportResult,
  IssuedDistrictReport,
  SummaryLine,
} from '../../../shared/district';
import { districtReportSchema, type Cell, type DistrictReport } from '../../../shared/district-report';
import type { KeySource } from '../core';
import type { Db, Stamp } from '../db/types';
import { openSigner } from '../documents/certstore';
import { issueDocument, type IssueContext } from '../documents/issue';
import { AppError } from '../errors';
import { runParser } from '../workers/run';
import { readSchoolProfile } from '../school/queries';
import { countReport, periodOf } from './counts';
import { districtReportPdf, districtReportXlsx, reportTitle } from './files';
import { word } from './labels';
import { buildReport, signedEnvelope } from './report';
import { publishedCells } from './tables';

export async function readSchoolCode(db: Db): Promise<string | null> {
  const r = await db.selectFrom('district_settings').select('school_code').where('id', '=', 1).executeTakeFirst();
  return r?.school_code ?? null;
}

async function saveSchoolCode(db: Db, code: string, now: Date): Promise<void> {
  await db
    .insertInto('district_settings')
    .values({ id: 1, school_code: code, updated_at: now.toISOString() })
    .onConflict((oc) => oc.column('id').doUpdateSet({ school_code: code, updated_at: now.toISOString() }))
    .execute();
}

/** The report of a period, counted now (no file written): the bench and the tests use it. */
export async function composeReport(db: Db, keys: KeySource, academicYear: number, quarter: number | null, schoolCode: string, now: Date): Promise<DistrictReport> {
  const period = await periodOf(db, academicYear, quarter);
  const counted = await countReport(db, keys, period);
  const school = await readSchoolProfile(db);
  return buildReport({ school: { code: schoolCode, nameKk: school.nameKk, nameRu: school.nameRu }, period, generatedAt: now, ...counted });
}

export interface IssueInput {
  academicYear: number;
  quarter: number | null;
  language: 'kk' | 'ru';
  schoolCode: string;
  signer: SignerInput;
}

/** Counts, suppresses, signs and stores: the PDF in the register, the JSON envelope and the XLSX beside it. */
export async function issueDistrictReport(ctx: IssueContext & { keys: KeySource }, input: IssueInput): Promise<IssuedDistrictReport> {
  await saveSchoolCode(ctx.db, input.schoolCode, ctx.now);
  const report = await composeReport(ctx.db, ctx.keys, input.academicYear, input.quarter, input.schoolCode, ctx.now);
  const { p12 } = await openSigner(ctx.db, input.signer.certificateId, input.signer.password, ctx.now);
  const envelope = signedEnvelope(report, p12);
  const xlsx = await districtReportXlsx(report);
  const school = await readSchoolProfile(ctx.db);
  const id = crypto.randomUUID();
  const lang = input.language;
  const issued = await issueDocument(ctx, {
    kind: 'district_report',
    lang,
    title: reportTitle(report, lang),
    signers: [input.signer],
    source: { type: 'district_report', id },
    build: ({ registerNumber, documentId, stamps }) =>
      districtReportPdf(report, lang, { registerNumber, documentId, directorName: school.directorName, stamp: stamps[0] }),
  });
  const createdAt = ctx.now.toISOString();
  await ctx.db
    .insertInto('district_reports')
    .values({
      id,
      academic_year: input.academicYear,
      quarter: input.quarter ?? 0,
      language: lang,
      document_id: issued.document.id,
      envelope,
      xlsx,
      created_at: createdAt,
      created_by: ctx.session?.accountId ?? null,
    })
    .execute();
  return {
    item: { id, academicYear: input.academicYear, quarter: input.quarter, language: lang, documentId: issued.document.id, createdAt },
    document: issued.document,
    report,
  };
}

export async function listDistrictReports(db: Db): Promise<DistrictReportListItem[]> {
  const rows = await db
    .selectFrom('district_reports')
    .select(['id', 'academic_year', 'quarter', 'language', 'document_id', 'created_at'])
    .orderBy('created_at', 'desc')
    .limit(200)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    academicYear: r.academic_year,
    quarter: r.quarter === 0 ? null : r.quarter,
    language: r.language,
    documentId: r.document_id,
    createdAt: r.created_at,
  }));
}

function periodSlug(academicYear: number, quarter: number | null): string {
  return quarter === null ? `${academicYear}-${academicYear + 1}` : `${academicYear}-${academicYear + 1}-q${quarter}`;
}

export async function districtReportFile(db: Db, id: string, format: 'json' | 'xlsx'): Promise<DistrictFile> {
  const r = await db.selectFrom('district_reports').select(['academic_year', 'quarter', 'envelope', 'xlsx']).where('id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('not_found', 'no such district report');
  const slug = periodSlug(r.academic_year, r.quarter === 0 ? null : r.quarter);
  return format === 'json'
    ? { fileName: `district-report-${slug}.json`, mime: 'application/json', base64: Buffer.from(r.envelope).toString('base64') }
    : {
        fileName: `district-report-${slug}.xlsx`,
        mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        base64: Buffer.from(r.xlsx).toString('base64'),
      };
}

// --- the district side --------------------------------------------------------------------------------------

function certificateDer(bytes: Buffer): Buffer {
  try {
    return Buffer.from(new crypto.X509Certificate(bytes).raw);
  } catch {
    throw new AppError('validation', 'the certificate could not be read (DER or PEM expected)');
  }
}

/** Registers a school with the certificate its reports are signed with (again: the school's new key, confirmed). */
export async function registerSchool(db: Db, input: { code: string; nameKk: string; nameRu: string; certificate: string }, now: Date): Promise<DistrictSchool> {
  const der = certificateDer(Buffer.from(input.certificate, 'base64'));
  const fingerprint = crypto.createHash('sha256').update(der).digest('hex');
  const row = { code: input.code, name_kk: input.nameKk, name_ru: input.nameRu, certificate: der, fingerprint_sha256: fingerprint, registered_at: now.toISOString() };
  const { code: _code, ...rest } = row;
  await db.insertInto('district_schools').values(row).onConflict((oc) => oc.column('code').doUpdateSet(rest)).execute();
  // the key the school was flagged for is now the registered one (or the district chose another): the flag goes
  await db.deleteFrom('district_key_alerts').where('school_code', '=', input.code).execute();
  return { code: row.code, nameKk: row.name_kk, nameRu: row.name_ru, fingerprintSha256: fingerprint, registeredAt: row.registered_at, keyChange: null };
}

export async function listSchools(db: Db): Promise<DistrictSchool[]> {
  const rows = await db.selectFrom('district_schools').select(['code', 'name_kk', 'name_ru', 'fingerprint_sha256', 'registered_at']).orderBy('code').execute();
  const alerts = await db.selectFrom('district_key_alerts').select(['school_code', 'fingerprint_sha256', 'last_seen_at']).orderBy('last_seen_at', 'desc').execute();
  const latest = new Map<string, { fingerprintSha256: string; seenAt: string }>();
  for (const a of alerts) if (!latest.has(a.school_code)) latest.set(a.school_code, { fingerprintSha256: a.fingerprint_sha256, seenAt: a.last_seen_at });
  return rows.map((r) => ({
    code: r.code,
    nameKk: r.name_kk,
    nameRu: r.name_ru,
    fingerprintSha256: r.fingerprint_sha256,
    registeredAt: r.registered_at,
    keyChange: latest.get(r.code) ?? null,
  }));
}

/** A certificate file's facts before it is registered: the fingerprint the district reads out to the school. */
export async function inspectCertificate(db: Db, certificateBase64: string): Promise<CertificateFacts> {
  const der = certificateDer(Buffer.from(certificateBase64, 'base64'));
  const x = new crypto.X509Certificate(der);
  const fingerprint = crypto.createHash('sha256').update(der).digest('hex');
  const field = (dn: string, key: string) =>
    dn
      .split('\n')
      .find((l) => l.startsWith(`${key}=`))
      ?.slice(key.length + 1) ?? '';
  const same = await db.selectFrom('district_schools').select('code').where('fingerprint_sha256', '=', fingerprint).executeTakeFirst();
  return {
    fingerprintSha256: fingerprint,
    commonName: field(x.subject, 'CN'),
    organization: field(x.subject, 'O'),
    notBefore: new Date(x.validFrom).toISOString(),
    notAfter: new Date(x.validTo).toISOString(),
    registeredAs: same?.code ?? null,
  };
}

/**
 * Merges report files: each is refused with its reason (too large, not a report, newer schema, unknown school,
 * signature broken, signed with another key than the registered one, already merged for that school and period)
 * or merged once. The files are opened and their signatures checked in the parse worker (open-batch.ts); a whole
 * batch runs in the caller's transaction; one bad file never stops the others. A batch over the total limit is
 * refused whole (`district.import_too_large`) before anything is read.
 */
export async function importReports(db: Db, files: { name: string; bytes: Buffer }[], actor: Stamp): Promise<ImportResult[]> {
  const total = files.reduce((n, f) => n + f.bytes.length, 0);
  if (total > MAX_IMPORT_TOTAL_BYTES) {
    throw new AppError('district.import_too_large', 'the files together are larger than one import may be', { limitMb: MAX_IMPORT_TOTAL_BYTES / 1024 / 1024 });
  }
  const readable = files.filter((f) => f.bytes.length <= MAX_REPORT_FILE_BYTES);
  const opened = readable.length === 0 ? [] : await runParser('district.envelopes', Buffer.concat(readable.map((f) => f.bytes)), { sizes: readable.map((f) => f.bytes.length) }, { failure: 'district.not_a_report' });
  const schools = new Map((await db.selectFrom('district_schools').select(['code', 'fingerprint_sha256']).execute()).map((s) => [s.code, s.fingerprint_sha256.toLowerCase()]));
  const out: ImportResult[] = [];
  let next = 0;
  for (const f of files) {
    const base = { name: f.name, schoolCode: null, academicYear: null, quarter: null };
    if (f.bytes.length > MAX_REPORT_FILE_BYTES) {
      out.push({ ...base, outcome: 'too_large' });
      continue;
    }
    const o = opened[next++];
    if (!o) throw new AppError('district.not_a_report', 'the reader returned fewer files than it was given');
    if (!o.ok) {
      out.push({ ...base, outcome: o.problem });
      continue;
    }
    const { report } = o;
    const quarter = report.period.kind === 'quarter' ? report.period.quarter : null;
    const who = { name: f.name, schoolCode: report.school.code, academicYear: report.period.academicYear, quarter };
    const fingerprint = schools.get(report.school.code);
    if (fingerprint === undefined) {
      out.push({ ...who, outcome: 'unknown_school' });
      continue;
    }
    if (!o.signatureValid) {
      out.push({ ...who, outcome: 'bad_signature' });
      continue;
    }
    if (o.certificateSha256 !== fingerprint) {
      // flagged, never merged: the school is marked in the list until its new certificate is registered
      const at = actor.now.toISOString();
      await db
        .insertInto('district_key_alerts')
        .values({ school_code: report.school.code, fingerprint_sha256: o.certificateSha256, first_seen_at: at, last_seen_at: at })
        .onConflict((oc) => oc.columns(['school_code', 'fingerprint_sha256']).doUpdateSet({ last_seen_at: at }))
        .execute();
      out.push({ ...who, outcome: 'key_changed' });
      continue;
    }
    const q = quarter ?? 0;
    const dup = await db
      .selectFrom('district_imports')
      .select('id')
      .where('school_code', '=', report.school.code)
      .where('academic_year', '=', report.period.academicYear)
      .where('quarter', '=', q)
      .executeTakeFirst();
    if (dup) {
      out.push({ ...who, outcome: 'duplicate' });
      continue;
    }
    await db
      .insertInto('district_imports')
      .values({
        id: crypto.randomUUID(),
        school_code: report.school.code,
        academic_year: report.period.academicYear,
        quarter: q,
        report: JSON.stringify(report),
        sha256: crypto.createHash('sha256').update(f.bytes).digest('hex'),
        imported_at: actor.now.toISOString(),
        imported_by: actor.accountId,
      })
      .execute();
    out.push({ ...who, outcome: 'merged' });
  }
  return out;
}

/** The periods with merged reports, newest first, with how many schools each has. */
export async function mergedPeriods(db: Db): Promise<{ academicYear: number; quarter: number | null; schools: number }[]> {
  const rows = await db
    .selectFrom('district_imports')
    .select((eb) => ['academic_year', 'quarter', eb.fn.countAll<number>().as('n')])
    .groupBy(['academic_year', 'quarter'])
    .orderBy('academic_year', 'desc')
    .orderBy('quarter', 'desc')
    .execute();
  return rows.map((r) => ({ academicYear: r.academic_year, quarter: r.quarter === 0 ? null : r.quarter, schools: Number(r.n) }));
}

export async function districtSummary(db: Db, academicYear: number, quarter: number | null): Promise<DistrictSummary> {
  const rows = await db
    .selectFrom('district_imports as i')
    .innerJoin('district_schools as s', 's.code', 'i.school_code')
    .select(['i.school_code', 'i.report', 's.name_kk', 's.name_ru'])
    .where('i.academic_year', '=', academicYear)
    .where('i.quarter', '=', quarter ?? 0)
    .orderBy('i.school_code')
    .execute();
  return summarize(
    academicYear,
    quarter,
    rows.map((r) => ({ code: r.school_code, nameKk: r.name_kk, nameRu: r.name_ru, report: districtReportSchema.parse(JSON.parse(r.report)) })),
  );
}

/** The consolidated table of verified reports: each school's published cells and the district's sums. */
export function summarize(
  academicYear: number,
  quarter: number | null,
  schools: { code: string; nameKk: string; nameRu: string; report: DistrictReport }[],
): DistrictSummary {
  const lines: SummaryLine[] = [];
  const district: DistrictSummary['district'] = {};
  for (const s of schools) {
    const { cells } = publishedCells(s.report);
    const rec: Record<string, Cell> = {};
    for (const [id, v] of cells) {
      rec[id] = v;
      const d = (district[id] ??= { value: 0, floor: false });
      if (typeof v === 'number') d.value += v;
      else {
        // "<3" is at least 1, "x" at least 0: the district's sum is then a floor
        d.floor = true;
        if (v === '<3') d.value += 1;
      }
    }
    rec['council:meetings:count'] = s.report.councilMeetings;
    const m = (district['council:meetings:count'] ??= { value: 0, floor: false });
    m.value += s.report.councilMeetings;
    lines.push({ schoolCode: s.code, nameKk: s.nameKk, nameRu: s.nameRu, cells: rec });
  }
  return { academicYear, quarter, lines, district };
}

/** A cell id as words: "Буллинг · Ұл". */
export function cellLabel(id: string, lang: 'kk' | 'ru'): string {
  const [table, row, col] = id.split(':') as [string, string, string];
  const parts = [table, row === 'all' ? '' : word(row, lang), word(col, lang)].filter((p) => p.length > 0);
  return parts.join(' · ');
}

/** The consolidated table as XLSX: one row per cell, one column per school, then the district (≥ when a floor). */
export async function summaryXlsx(s: DistrictSummary): Promise<DistrictFile> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Qorgan';
  for (const lang of ['kk', 'ru'] as const) {
    const ws = wb.addWorksheet(lang === 'kk' ? 'Қазақша' : 'Русский');
    ws.getColumn(1).width = 60;
    const head = ws.addRow([lang === 'kk' ? 'Көрсеткіш' : 'Показатель', ...s.lines.map((l) => `${lang === 'kk' ? l.nameKk : l.nameRu} (${l.schoolCode ?? ''})`), lang === 'kk' ? 'Аудан' : 'Район']);
    head.font = { bold: true };
    for (const id of Object.keys(s.district)) {
      const d = s.district[id]!;
      ws.addRow([cellLabel(id, lang), ...s.lines.map((l) => l.cells[id] ?? ''), d.floor ? `≥${d.value}` : d.value]);
    }
  }
  const slug = periodSlug(s.academicYear, s.quarter);
  return {
    fileName: `district-summary-${slug}.xlsx`,
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    base64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64'),
  };
}
