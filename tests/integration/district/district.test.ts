/**
 * The district report of the demo school (issue 14 items 3–5): signed PDF in the register (pdfsig, qpdf, pdftotext),
 * the signed JSON and the XLSX beside it; no name or IIN of the demo school in any of the three (byte scan, the
 * XLSX unzipped); no "<3" recoverable from the published totals; then the district: three schools merged, a
 * tampered file, a future schema version, a duplicate, an unknown school and a changed key each refused.
 */
import fs from 'node:fs';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoSchool, DEMO_PASSWORD } from '../../../electron/core/demo/school';
import { createSchoolCertificate, loadP12 } from '../../../electron/core/documents/certificates';
import { attack } from '../../../electron/core/district/suppress';
import { openEnvelope, signedEnvelope } from '../../../electron/core/district/report';
import { publishedCells } from '../../../electron/core/district/tables';
import { guardianProtected } from '../../../electron/core/guardians/protected';
import { writeDistrictSampleFiles, DEMO_SCHOOL_CODE } from '../../../scripts/samples/district';
import { demoSeeders } from '../../../scripts/demo-seeders';
import type { DistrictReport } from '../../../shared/district-report';
import { createBareCore, tempDir, type TestCore } from '../../harness/core';
import { testPlatform } from '../../harness/platform';
import { flat, pdfText, pdfsig, qpdfCheck, savePdfArtifact } from '../documents/helpers';

const dir = tempDir();
const out = tempDir('qorgan-district-out-');
let c: TestCore;
const now = new Date('2026-11-30T09:00:00');

beforeAll(async () => {
  await createDemoSchool(testPlatform(dir, { now }), { reset: true, pupils: 120, seeders: demoSeeders });
  c = createBareCore(dir);
  c.platform.setNow(now);
  await c.call('auth.login', { login: 'director', password: DEMO_PASSWORD });
}, 300_000);
afterAll(async () => {
  await c?.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(out, { recursive: true, force: true });
});

/** Every name and IIN of the demo school's pupils and guardians, as UTF-8 and as UTF-16 (PDF strings). */
async function secrets(): Promise<string[]> {
  const pupils = await c.state.db.selectFrom('pupils').select(['last_name', 'first_name', 'iin']).execute();
  const guardians = await c.state.db.selectFrom('guardians').select(['id', 'full_name', 'iin_enc', 'lives_with_enc']).execute();
  const out = new Set<string>();
  for (const p of pupils) {
    out.add(p.last_name);
    out.add(`${p.last_name} ${p.first_name}`);
    if (p.iin) out.add(p.iin);
  }
  for (const g of guardians) {
    out.add(g.full_name);
    const iin = guardianProtected.read(c.state, g.id, { iin_enc: g.iin_enc, lives_with_enc: g.lives_with_enc }).iin_enc;
    if (iin) out.add(iin);
  }
  return [...out].filter((s) => s.length >= 4);
}

function scan(label: string, bytes: Buffer, words: string[]): void {
  const hay = [bytes.toString('utf8'), bytes.toString('latin1')];
  for (const w of words) {
    for (const h of hay) expect(h.includes(w), `${label} holds "${w.slice(0, 2)}…"`).toBe(false);
    expect(bytes.includes(Buffer.from(w, 'utf16le')), `${label} (UTF-16LE)`).toBe(false);
    expect(bytes.includes(Buffer.from(w, 'utf16le').swap16()), `${label} (UTF-16BE)`).toBe(false);
  }
}

describe('the district report', () => {
  let report: DistrictReport;
  let json: Buffer;

  it('is signed, in the register, and its files hold no name or IIN of the demo school', async () => {
    const files = await writeDistrictSampleFiles(out, c, now);
    expect(files).toContain('district-summary.xlsx');
    const pdf = fs.readFileSync(`${out}/district-report-kk.pdf`);
    savePdfArtifact(pdf, 'district-report-kk');
    json = fs.readFileSync(`${out}/district-report.json`);
    const xlsx = fs.readFileSync(`${out}/district-report.xlsx`);
    const summary = fs.readFileSync(`${out}/district-summary.xlsx`);
    const summaryPdf = fs.readFileSync(`${out}/district-summary-kk.pdf`);
    savePdfArtifact(summaryPdf, 'district-summary-sample-kk');
    expect(qpdfCheck(summaryPdf).ok).toBe(true);
    expect(flat(pdfText(summaryPdf))).toContain('№47 мектеп (үлгі)');

    const opened = openEnvelope(json);
    report = opened.report;
    expect(opened.signature.intact).toBe(true);
    const certs = await c.call('documents.certificates.list', {});
    expect(certs.map((x) => x.fingerprintSha256.toLowerCase())).toContain(opened.signature.certificateSha256);
    expect(report.school.code).toBe(DEMO_SCHOOL_CODE);

    const sig = pdfsig(pdf);
    expect(sig.signatures).toHaveLength(1);
    expect(qpdfCheck(pdf).ok).toBe(true);
    const text = flat(pdfText(pdf));
    expect(text).toContain('Балаларды қорғау бойынша аудандық есеп');
    expect(text).toContain('Буллинг');
    const list = await c.call('documents.list', { kind: 'district_report' });
    expect(list.items.map((d) => d.registerNumber)).toEqual([expect.stringMatching(/^DR-1\/2026$/)]);

    // the demo school has cases: the report counts them (the exact numbers are checked against SQL below)
    const words = await secrets();
    expect(words.length).toBeGreaterThan(50);
    scan('json', json, words);
    scan('pdf', pdf, words);
    scan('pdf text', Buffer.from(pdfText(pdf), 'utf8'), words);
    scan('summary pdf', summaryPdf, words);
    scan('summary pdf text', Buffer.from(pdfText(summaryPdf), 'utf8'), words);
    for (const [name, bytes] of [['xlsx', xlsx], ['summary', summary]] as const) {
      for (const [part, data] of Object.entries(unzipSync(new Uint8Array(bytes)))) scan(`${name}/${part}`, Buffer.from(data), words);
    }
  }, 300_000);

  it('counts what SQL counts and no "<3" can be recovered from the published numbers', async () => {
    const from = report.period.from;
    const to = `${report.period.to}T23:59:59.999Z`;
    const concerns = await c.state.db.selectFrom('concerns').select((eb) => eb.fn.countAll<number>().as('n')).where('logged_at', '>=', from).where('logged_at', '<=', to).executeTakeFirstOrThrow();
    const total = report.tables.concerns.total.cells.count;
    if (typeof total === 'number') expect(total).toBe(Number(concerns.n));
    else expect(Number(concerns.n)).toBeLessThanOrEqual(2);
    const opened = await c.state.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).where('opened_at', '>=', from).where('opened_at', '<=', to).executeTakeFirstOrThrow();
    expect(Number(opened.n)).toBeGreaterThan(0);
    // published: the exact count; hidden (a sparse table): "<3" only when it is 1 or 2
    const cases = report.tables.casesByStage.total.total;
    if (typeof cases === 'number') expect(cases).toBe(Number(opened.n));
    else expect(cases === '<3').toBe(Number(opened.n) <= 2);
    const { cells, equations } = publishedCells(report);
    const result = attack(cells, equations);
    expect(report.suppressed.primary).toBe(result.size);
    for (const [id, ok] of result) expect(ok, id).toEqual([1, 2]);
  }, 120_000);

  it('the district merges three schools once and refuses a tampered, newer, duplicate, unknown or re-keyed file', async () => {
    // (the district view's methods also answer in a school install; district mode itself: mode.test.ts)
    const schools = [12, 47, 96].map((n, i) => {
      const password = `p-${n}`;
      const made = createSchoolCertificate({ commonName: `Директор ${n}`, position: 'директор', organization: `№${n}`, password, now });
      return { n, code: `96000000001${i}`, p12: loadP12(made.p12, password), made };
    });
    const der = (s: (typeof schools)[number]) => s.p12.certificate.toString('base64');
    for (const s of schools) {
      await c.call('district.registerSchool', { code: s.code, nameKk: `№${s.n} мектеп`, nameRu: `Школа №${s.n}`, certificate: der(s) });
    }
    const file = (s: (typeof schools)[number], r: DistrictReport = report) => signedEnvelope({ ...r, school: { ...r.school, code: s.code } }, s.p12);
    const good = schools.map((s) => ({ name: `${s.n}.json`, base64: file(s).toString('base64') }));
    const tampered = JSON.parse(file(schools[0]!).toString('utf8')) as { report: DistrictReport };
    tampered.report.councilMeetings += 1;
    const future = JSON.parse(file(schools[1]!).toString('utf8')) as { schemaVersion: number };
    future.schemaVersion = 2;
    const stranger = file({ ...schools[2]!, code: '123456789012' });
    const rekeyed = signedEnvelope({ ...report, school: { ...report.school, code: schools[2]!.code } }, schools[0]!.p12);
    const results = await c.call('district.import', {
      files: [
        ...good,
        { name: 'tampered.json', base64: Buffer.from(JSON.stringify(tampered)).toString('base64') },
        { name: 'future.json', base64: Buffer.from(JSON.stringify(future)).toString('base64') },
        { name: 'stranger.json', base64: stranger.toString('base64') },
        { name: 'rekeyed.json', base64: rekeyed.toString('base64') },
        { name: 'again.json', base64: good[0]!.base64 },
        { name: 'junk.json', base64: Buffer.from('{"hello":1}').toString('base64') },
      ],
    });
    expect(results.map((r) => [r.name, r.outcome])).toEqual([
      ['12.json', 'merged'],
      ['47.json', 'merged'],
      ['96.json', 'merged'],
      ['tampered.json', 'bad_signature'],
      ['future.json', 'future_version'],
      ['stranger.json', 'unknown_school'],
      ['rekeyed.json', 'key_changed'],
      ['again.json', 'duplicate'],
      ['junk.json', 'not_a_report'],
    ]);
    const quarter = report.period.kind === 'quarter' ? report.period.quarter : null;
    const summary = await c.call('district.summary', { academicYear: report.period.academicYear, quarter });
    expect(summary.lines.map((l) => l.schoolCode)).toEqual(schools.map((s) => s.code));
    const grand = report.tables.casesByStage.total.total;
    if (typeof grand === 'number') expect(summary.district['casesByStage:total:total']).toEqual({ value: grand * 3, floor: false });
    // importing the same files again merges nothing
    const again = await c.call('district.import', { files: good });
    expect(again.every((r) => r.outcome === 'duplicate')).toBe(true);
    const xlsx = await c.call('district.summaryXlsx', { academicYear: report.period.academicYear, quarter });
    expect(xlsx.fileName).toMatch(/^district-summary-/);
  }, 120_000);
});
