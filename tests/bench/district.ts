/**
 * The district report and the district's merge. Report: a quarter of a 3 000-pupil school (60 cases, 70 children,
 * register moves, council decisions) suppressed, checked against the schema, signed as JSON (CAdES), laid out and
 * signed as PDF, and written as XLSX — target ≤ 1 s. Merge: 100 signed school files read, verified against the
 * registered certificates and stored in one transaction — target ≤ 5 s.
 */
import { CASE_STAGES, CLOSURE_REASONS, FORMS_OF_HARM } from '../../shared/cases';
import { createSchoolCertificate, loadP12 } from '../../electron/core/documents/certificates';
import { renderAndSign } from '../../electron/core/documents/issue';
import { districtReportPdf, districtReportXlsx } from '../../electron/core/district/files';
import { buildReport, signedEnvelope } from '../../electron/core/district/report';
import { importReports, registerSchool } from '../../electron/core/district/service';
import { bump, emptyCounts } from '../../electron/core/district/tables';
import { createTestCore } from '../harness/core';
import { median, type BenchRow } from './types';

function counts() {
  let s = 14;
  const rnd = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const c = emptyCounts();
  for (let i = 0; i < 60; i++) {
    const f = FORMS_OF_HARM[Math.floor(rnd() * FORMS_OF_HARM.length)]!;
    bump(c, 'casesByStage', f, CASE_STAGES[Math.floor(rnd() * CASE_STAGES.length)]!);
    if (rnd() < 0.3) bump(c, 'casesByOutcome', f, CLOSURE_REASONS[Math.floor(rnd() * CLOSURE_REASONS.length)]!);
    bump(c, 'childrenBySex', f, rnd() < 0.5 ? 'm' : 'f');
    bump(c, 'childrenByGrade', f, ['g0_4', 'g5_9', 'g10_12'][Math.floor(rnd() * 3)]!);
  }
  bump(c, 'concerns', 'case', 'count', 60);
  bump(c, 'concerns', 'no_action', 'count', 14);
  bump(c, 'register', 'put_on', 'g5_9', 6);
  bump(c, 'register', 'taken_off', 'g10_12', 3);
  bump(c, 'councilDecisions', 'register_on', 'count', 6);
  c.registerAtEnd = { g0_4: 2, g5_9: 18, g10_12: 7 };
  return c;
}

export async function benchDistrict(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const now = new Date('2026-11-30T09:00:00Z');
  const password = 'bench-district';
  const p12s = Array.from({ length: 4 }, (_, i) => loadP12(createSchoolCertificate({ commonName: `Директор ${i}`, position: 'директор', organization: `№${i}`, password, now }).p12, password));
  const input = {
    school: { code: '960000000096', nameKk: '№96 мектеп', nameRu: 'Школа №96' },
    period: { kind: 'quarter' as const, academicYear: 2026, quarter: 1, from: '2026-09-01', to: '2026-10-31' },
    generatedAt: now,
    counts: counts(),
    withReferrals: false,
    councilMeetings: 3,
    plan: [{ section: '1', due: 12, done: 9, partly: 2, notDone: 1 }],
  };
  const report = buildReport(input);
  const ms = await median(
    async () => {
      const r = buildReport(input);
      signedEnvelope(r, p12s[0]!);
      await renderAndSign({ lang: 'kk', build: ({ registerNumber, documentId, stamps }) => districtReportPdf(r, 'kk', { registerNumber, documentId, directorName: 'М.Қаншев', stamp: stamps[0] }) }, [{ certificateId: null, p12: p12s[0]! }], 'DR-1/2026', '00000000-0000-4000-8000-000000000001', now);
      await districtReportXlsx(r);
    },
    5,
    1,
  );
  rows.push({ name: 'district report: suppress + JSON signature + signed PDF + XLSX', medianMs: ms, runs: 5, note: `target ≤ 1000 ms; ${report.suppressed.primary} "<3", ${report.suppressed.secondary} "x"` });

  const t = await createTestCore();
  try {
    const db = t.state.db;
    const der = (i: number) => p12s[i % p12s.length]!.certificate.toString('base64');
    const files: { name: string; bytes: Buffer }[] = [];
    for (let i = 0; i < 100; i++) {
      const code = `9700000${String(10000 + i)}`;
      await registerSchool(db, { code, nameKk: `№${i} мектеп`, nameRu: `Школа №${i}`, certificate: der(i) }, now);
      files.push({ name: `${code}.json`, bytes: signedEnvelope({ ...report, school: { ...report.school, code } }, p12s[i % p12s.length]!) });
    }
    const merge = await median(
      async () => {
        await t.state.sqlite.prepare('DELETE FROM district_imports').run();
        const out = await db.transaction().execute((tx) => importReports(tx, files, { accountId: null, now }));
        if (out.some((r) => r.outcome !== 'merged')) throw new Error('bench: a file was refused');
      },
      3,
      1,
    );
    rows.push({ name: 'district merge: 100 signed school files verified and stored', medianMs: merge, runs: 3, note: 'target ≤ 5000 ms' });
  } finally {
    await t.cleanup();
  }
  return rows;
}
