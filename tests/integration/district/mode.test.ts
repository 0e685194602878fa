/**
 * District mode (issue 14, item 4): an install set up as a district office holds no pupils and no cases — the
 * registry refuses the school's methods with `district.school_only` — while accounts, audit and the district view
 * work; a school install is untouched. The district view's second step: report files opened in the parse worker
 * with a per-file and a total size limit, a school that signed with another key flagged (and the flag cleared when
 * its new certificate is registered), the merged periods, and the consolidated PDF (kk and ru, pdftotext, qpdf).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSchoolCertificate, loadP12, type LoadedP12 } from '../../../electron/core/documents/certificates';
import { buildReport, signedEnvelope } from '../../../electron/core/district/report';
import { bump, emptyCounts } from '../../../electron/core/district/tables';
import { MAX_REPORT_FILE_BYTES } from '../../../shared/district';
import type { DistrictReport } from '../../../shared/district-report';
import { ADMIN, createBareCore, createTestCore, SEED_SCHOOL, type TestCore } from '../../harness/core';
import { flat, pdfText, qpdfCheck, savePdfArtifact } from '../documents/helpers';

const OFFICE = {
  ...SEED_SCHOOL,
  nameKk: 'Сайрам аудандық білім бөлімі',
  nameRu: 'Сайрамский районный отдел образования',
  number: '01',
  namedAfterKk: '',
  namedAfterRu: '',
};

let district: TestCore;
let school: TestCore;

beforeAll(async () => {
  district = createBareCore();
  await district.call('auth.setup', { language: 'kk', mode: 'district', school: OFFICE, account: { ...ADMIN } });
  school = await createTestCore();
}, 120_000);
afterAll(async () => {
  await district?.cleanup();
  await school?.cleanup();
});

interface MadeSchool {
  code: string;
  n: number;
  p12: LoadedP12;
  der: string;
}

function makeSchool(n: number, code: string): MadeSchool {
  const now = district.state.platform.now();
  const password = `school-${n}-key`;
  const made = createSchoolCertificate({ commonName: `Директор ${n}`, position: 'директор', organization: `№${n} мектеп`, password, now });
  const p12 = loadP12(made.p12, password);
  const der = p12.certificate.toString('base64');
  return { code, n, p12, der };
}

/** A report of a school: `cases` bullying cases opened, all at the assessment stage (big enough to be published). */
function report(s: MadeSchool, cases: number): DistrictReport {
  const counts = emptyCounts();
  bump(counts, 'casesByStage', 'bullying', 'assessment', cases);
  bump(counts, 'concerns', 'case', 'count', cases);
  return buildReport({
    school: { code: s.code, nameKk: `№${s.n} мектеп`, nameRu: `Школа №${s.n}` },
    period: { kind: 'quarter', academicYear: 2026, quarter: 1, from: '2026-09-01', to: '2026-10-31' },
    generatedAt: district.state.platform.now(),
    counts,
    withReferrals: true,
    councilMeetings: 2,
    plan: [],
  });
}

const file = (name: string, bytes: Buffer) => ({ name, base64: bytes.toString('base64') });

describe('district mode', () => {
  it('is kept in the DB and shown by auth.status; a school install says school', async () => {
    expect((await district.call('auth.status', {})).mode).toBe('district');
    expect((await school.call('auth.status', {})).mode).toBe('school');
    // it survives a lock and a new login (read again from the DB)
    await district.call('auth.lock', {});
    expect((await district.call('auth.status', {})).mode).toBeNull();
    await district.call('auth.login', { login: ADMIN.login, password: ADMIN.password });
    expect((await district.call('auth.status', {})).mode).toBe('district');
  });

  it("refuses every school method with a translated error, in one place, and keeps accounts, audit, backup", async () => {
    const pupil = { lastName: 'Сынақов', firstName: 'Ерлан', grade: 5, classLetter: 'А', instructionLanguage: 'kk' as const };
    // whoever asks: the director-administrator, or a psychologist (who may create pupils in a school)
    expect(await district.try('pupils.create', pupil)).toMatchObject({ ok: false, error: { code: 'district.school_only' } });
    const psychologist = { login: 'psych', displayName: 'Психолог', roles: ['psychologist' as const], password: 'psychologist pass 1', language: 'kk' as const };
    await district.call('accounts.create', psychologist);
    await school.call('accounts.create', psychologist);
    await district.call('auth.login', { login: psychologist.login, password: psychologist.password });
    expect(await district.try('pupils.create', pupil)).toMatchObject({ ok: false, error: { code: 'district.school_only' } });
    expect(await district.try('cases.list', {})).toMatchObject({ ok: false, error: { code: 'district.school_only' } });
    await district.call('auth.login', { login: ADMIN.login, password: ADMIN.password });
    for (const [method, input] of [
      ['pupils.list', {}],
      ['cases.list', {}],
      ['council.roster', {}],
      ['plans.list', {}],
      ['statistics.get', { period: { kind: 'year', academicYear: 2026 } }],
      ['district.issue', {}],
    ] as const) {
      const r = await district.invoke(method, input);
      expect(r.ok ? 'ok' : r.error.code, method).toBe('district.school_only');
    }
    expect(await district.state.db.selectFrom('pupils').select('id').execute()).toEqual([]);
    expect((await district.call('accounts.list', {})).length).toBe(2);
    expect((await district.call('audit.verify', {})).ok).toBe(true);
    expect((await district.call('school.get', {})).nameKk).toBe(OFFICE.nameKk);
    // the school install still keeps pupils
    await school.call('auth.login', { login: psychologist.login, password: psychologist.password });
    const p = await school.call('pupils.create', pupil);
    expect(p.lastName).toBe('Сынақов');
    expect((await school.call('pupils.list', {})).items).toHaveLength(1);
  });
});

describe('the district view', () => {
  const schools = [makeSchoolLater(12, '960000000010'), makeSchoolLater(47, '960000000011'), makeSchoolLater(96, '960000000012')];
  function makeSchoolLater(n: number, code: string): () => MadeSchool {
    let s: MadeSchool | null = null;
    return () => (s ??= makeSchool(n, code));
  }

  it('reads a certificate before it is registered, then registers three schools', async () => {
    const s = schools[0]!();
    const facts = await district.call('district.inspectCertificate', { certificate: s.der });
    expect(facts.fingerprintSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(facts.commonName).toBe('Директор 12');
    expect(facts.organization).toBe('№12 мектеп');
    expect(facts.registeredAs).toBeNull();
    for (const m of schools) {
      const x = m();
      await district.call('district.registerSchool', { code: x.code, nameKk: `№${x.n} мектеп`, nameRu: `Школа №${x.n}`, certificate: x.der });
    }
    expect((await district.call('district.inspectCertificate', { certificate: s.der })).registeredAs).toBe(s.code);
    const bad = await district.try('district.inspectCertificate', { certificate: Buffer.from('not a certificate').toString('base64') });
    expect(bad).toMatchObject({ ok: false, error: { code: 'validation' } });
  });

  it('merges in the worker, refuses a too large file and a too large batch, flags a changed key until re-registered', async () => {
    const [a, b, c] = schools.map((m) => m());
    const good = [a!, b!, c!].map((s, i) => file(`${s.n}.json`, signedEnvelope(report(s, 3 + i), s.p12)));
    const huge = file('huge.json', Buffer.alloc(MAX_REPORT_FILE_BYTES + 1, 0x20));
    const newKey = makeSchool(12, a!.code);
    const rekeyed = file('rekeyed.json', signedEnvelope({ ...report(a!, 9), period: { kind: 'year', academicYear: 2026, from: '2026-09-01', to: '2027-05-31' } }, newKey.p12));
    const results = await district.call('district.import', { files: [...good, huge, rekeyed] });
    expect(results.map((r) => [r.name, r.outcome])).toEqual([
      ['12.json', 'merged'],
      ['47.json', 'merged'],
      ['96.json', 'merged'],
      ['huge.json', 'too_large'],
      ['rekeyed.json', 'key_changed'],
    ]);
    let list = await district.call('district.schools', {});
    const flagged = list.find((s) => s.code === a!.code)!;
    expect(flagged.keyChange?.fingerprintSha256).toBe((await district.call('district.inspectCertificate', { certificate: newKey.der })).fingerprintSha256);
    expect(list.filter((s) => s.keyChange !== null)).toHaveLength(1);

    // the total limit refuses the whole batch before reading it
    const many = Array.from({ length: 33 }, (_, i) => file(`big-${i}.json`, Buffer.alloc(MAX_REPORT_FILE_BYTES, 0x20)));
    const tooMuch = await district.try('district.import', { files: many });
    expect(tooMuch).toMatchObject({ ok: false, error: { code: 'district.import_too_large' } });

    // the district checks with the school and registers its new certificate: the flag goes, the report merges
    await district.call('district.registerSchool', { code: a!.code, nameKk: '№12 мектеп', nameRu: 'Школа №12', certificate: newKey.der });
    list = await district.call('district.schools', {});
    expect(list.every((s) => s.keyChange === null)).toBe(true);
    expect((await district.call('district.import', { files: [rekeyed] }))[0]!.outcome).toBe('merged');
    expect(await district.call('district.periods', {})).toEqual([
      { academicYear: 2026, quarter: 1, schools: 3 },
      { academicYear: 2026, quarter: null, schools: 1 },
    ]);
    const summary = await district.call('district.summary', { academicYear: 2026, quarter: 1 });
    expect(summary.district['casesByStage:total:total']).toEqual({ value: 3 + 4 + 5, floor: false });
  }, 60_000);

  it('writes the consolidated PDF in kk and ru: every school, the district sum, no signature', async () => {
    for (const language of ['kk', 'ru'] as const) {
      const f = await district.call('district.summaryPdf', { academicYear: 2026, quarter: 1, language });
      expect(f.mime).toBe('application/pdf');
      expect(f.fileName).toBe(`district-summary-2026-2027-1-${language}.pdf`);
      const pdf = Buffer.from(f.base64, 'base64');
      savePdfArtifact(pdf, `district-summary-${language}`);
      expect(qpdfCheck(pdf).ok).toBe(true);
      const text = flat(pdfText(pdf));
      expect(text).toContain(language === 'kk' ? 'Сайрам аудандық білім бөлімі' : 'Сайрамский районный отдел образования');
      expect(text).toContain(language === 'kk' ? 'Балаларды қорғау бойынша аудандық жиынтық' : 'Сводная таблица района по защите детей');
      for (const n of [12, 47, 96]) expect(text).toContain(language === 'kk' ? `№${n} мектеп` : `Школа №${n}`);
      expect(text).toContain(language === 'kk' ? 'Аудан бойынша' : 'Итого по району');
      expect(text).toMatch(/Буллинг 3 4 5 12/);
    }
  }, 60_000);
});
