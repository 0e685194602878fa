/**
 * The district report of the demo school (signed PDF in kk, the signed JSON and the XLSX), and the district's
 * consolidated table merged from three generated schools: the demo report re-issued under three school codes, each
 * signed with its own new certificate and verified against it before it is merged.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '../../electron/core/api';
import { createSchoolCertificate, loadP12 } from '../../electron/core/documents/certificates';
import { openEnvelope, signedEnvelope } from '../../electron/core/district/report';
import { summarize, summaryXlsx } from '../../electron/core/district/service';
import { districtSummaryPdf } from '../../electron/core/district/summary-pdf';
import { academicYearOf, isoDate } from '../../shared/calendar';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api';
import type { DistrictReport } from '../../shared/district-report';
import { ensureDemoDirectorSigner } from './documents';
import type { SampleWriter } from './types';

async function call<M extends MethodName>(core: Core, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const r = await core.invoke(method, input);
  if (!r.ok) throw new Error(`samples/district: ${method} failed with ${r.error.code}`);
  return r.value as MethodOutput<M>;
}

/** The demo school's code in the district (a made-up BIN). */
export const DEMO_SCHOOL_CODE = '960000000096';

/** The last quarter that has ended (its report is due or was due), else the academic year so far. */
export async function reportQuarter(core: Core, now: Date): Promise<{ academicYear: number; quarter: number | null }> {
  const today = isoDate(now);
  const academicYear = academicYearOf(today);
  const cal = await call(core, 'plans.calendar', { academicYear });
  let quarter: number | null = null;
  cal.quarters.forEach((q, i) => {
    if (q.end < today) quarter = i + 1;
  });
  return { academicYear, quarter };
}

export async function writeDistrictSampleFiles(outDir: string, core: Core, now: Date): Promise<string[]> {
  const signer = await ensureDemoDirectorSigner(core);
  const { academicYear, quarter } = await reportQuarter(core, now);
  const issued = await call(core, 'district.issue', { academicYear, quarter, language: 'kk', schoolCode: DEMO_SCHOOL_CODE, signer });
  const pdf = await call(core, 'documents.pdf', { id: issued.document.id });
  fs.writeFileSync(path.join(outDir, 'district-report-kk.pdf'), Buffer.from(pdf.base64, 'base64'));
  const json = await call(core, 'district.file', { id: issued.item.id, format: 'json' });
  fs.writeFileSync(path.join(outDir, 'district-report.json'), Buffer.from(json.base64, 'base64'));
  const xlsx = await call(core, 'district.file', { id: issued.item.id, format: 'xlsx' });
  fs.writeFileSync(path.join(outDir, 'district-report.xlsx'), Buffer.from(xlsx.base64, 'base64'));

  // three schools: the same counts under three codes, each signed with its own key and checked against it
  const schools: { code: string; nameKk: string; nameRu: string; report: DistrictReport }[] = [];
  for (const [i, n] of [12, 47, 96].entries()) {
    const password = `district-sample-${n}`;
    const made = createSchoolCertificate({ commonName: `Директор №${n} мектеп (үлгі)`, position: `№${n} мектеп директоры`, organization: `№${n} мектеп (үлгі)`, password, now });
    const p12 = loadP12(made.p12, password);
    const report: DistrictReport = { ...issued.report, school: { code: `9600000000${String(10 + i)}`, nameKk: `№${n} мектеп (үлгі)`, nameRu: `Школа №${n} (образец)` } };
    const opened = openEnvelope(signedEnvelope(report, p12));
    if (!opened.signature.intact || opened.signature.certificateSha256 !== made.details.fingerprintSha256.toLowerCase()) {
      throw new Error('samples/district: a generated report did not verify');
    }
    schools.push({ code: report.school.code, nameKk: report.school.nameKk, nameRu: report.school.nameRu, report: opened.report });
  }
  const merged = summarize(academicYear, quarter, schools);
  const summary = await summaryXlsx(merged);
  fs.writeFileSync(path.join(outDir, 'district-summary.xlsx'), Buffer.from(summary.base64, 'base64'));
  // the consolidated PDF as the district office prints it (unsigned: see README, District office)
  const office = { nameKk: 'Аудандық білім бөлімі (үлгі)', nameRu: 'Районный отдел образования (образец)' };
  fs.writeFileSync(path.join(outDir, 'district-summary-kk.pdf'), await districtSummaryPdf(merged, 'kk', office, now));
  return ['district-report-kk.pdf', 'district-report.json', 'district-report.xlsx', 'district-summary.xlsx', 'district-summary-kk.pdf'];
}

export const writeDistrictSamples: SampleWriter = ({ outDir, core }) => writeDistrictSampleFiles(outDir, core, new Date());
