/**
 * The school side of the district report (issue 14, items 2–3 leftovers): the home's reminder from the 1st to the
 * 10th of the month after each quarter of the school's calendar (overdue after the 10th, gone once issued), saving
 * an issued report's files through the save dialog, and carrying the latest quarter's report (JSON + PDF) to the
 * backup stick — opened back and its signature verified; a full stick fails only the report, never the backup.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { nodeBackupFs, type BackupFs } from '../../../electron/core/backup/fsio';
import { backupTestHooks } from '../../../electron/core/backup/handlers';
import { openEnvelope } from '../../../electron/core/district/report';
import { ensureDemoDirectorSigner } from '../../../scripts/samples/documents';
import type { SignerInput } from '../../../shared/documents';
import type { HomeOverview } from '../../../shared/overview';
import { ADMIN, createTestCore, tempDir, type TestCore } from '../../harness/core';
import { backupTo, chooseFolder, setClock } from '../backup/helpers';
import { pdfsig } from '../documents/helpers';

let c: TestCore;
let signer: SignerInput;
const dirs: string[] = [];
const PW = { dep: 'deputy password 1', psy: 'psy password 12' };
const at = (d: string) => new Date(`${d}T09:00:00`);
const SCHOOL_CODE = '960000000096';

function dir(prefix: string): string {
  const d = tempDir(prefix);
  dirs.push(d);
  return d;
}

async function loginAs(login: string, password: string): Promise<void> {
  await c.call('auth.lock', {});
  await c.call('auth.login', { login, password });
}

async function due(date: string): Promise<NonNullable<HomeOverview['districtReport']>['due']> {
  setClock(c, at(date));
  const h = await c.call('overview.home', {});
  if (!h.districtReport) throw new Error('no district report block for the director');
  return h.districtReport.due;
}

const brief = (list: { academicYear: number; quarter: number; dueDate: string; state: string }[]) => list.map((d) => `${d.academicYear}/Q${d.quarter} ${d.state} by ${d.dueDate}`);

beforeAll(async () => {
  // the certificate is made at the earliest moment the test moves the clock to, so every signature is inside it
  c = await createTestCore({ now: at('2026-10-20') });
  signer = await ensureDemoDirectorSigner(c);
  await c.call('accounts.create', { login: 'dep', displayName: 'Орынбасар', roles: ['deputy_director'], password: PW.dep });
  await c.call('accounts.create', { login: 'psy', displayName: 'Психолог', roles: ['psychologist'], password: PW.psy });
}, 60_000);
afterEach(() => {
  backupTestHooks.fs = null;
});
afterAll(async () => {
  await c?.cleanup();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('the reminder from the 1st to the 10th', () => {
  it('follows the school calendar: nothing before a quarter ends, due from the 1st, overdue after the 10th', async () => {
    // the default calendar: I Sep–31 Oct, II Nov–31 Dec, III Jan–31 Mar, IV Apr–25 May
    expect(await due('2026-10-20')).toEqual([]);
    expect(await due('2026-10-31')).toEqual([]);
    expect(brief(await due('2026-11-01'))).toEqual(['2026/Q1 due by 2026-11-10']);
    expect(brief(await due('2026-11-10'))).toEqual(['2026/Q1 due by 2026-11-10']);
    expect(brief(await due('2026-11-11'))).toEqual(['2026/Q1 overdue by 2026-11-10']);
    // overdue stays until issued, and the next quarter joins it from its own 1st
    expect(brief(await due('2027-01-01'))).toEqual(['2026/Q1 overdue by 2026-11-10', '2026/Q2 due by 2027-01-10']);
  });

  it('a quarter ending mid-month (25 May) waits for the 1st of June; a school that moves its quarters is followed', async () => {
    const year = 2026;
    const cal = await c.call('plans.calendar', { academicYear: year });
    expect(brief(await due('2027-05-28')).filter((s) => s.includes('Q4'))).toEqual([]);
    expect(brief(await due('2027-06-01')).filter((s) => s.includes('Q4'))).toEqual(['2026/Q4 due by 2027-06-10']);
    // the school's own calendar: the first quarter ends on 3 November → its report is due by 10 December
    setClock(c, at('2026-10-20'));
    await c.call('plans.setCalendar', {
      academicYear: year,
      quarters: [
        { start: '2026-09-01', end: '2026-11-03' },
        { start: '2026-11-10', end: '2026-12-28' },
        { start: '2027-01-08', end: '2027-03-20' },
        { start: '2027-04-01', end: '2027-05-25' },
      ],
    });
    expect(await due('2026-11-11')).toEqual([]);
    expect(brief(await due('2026-12-01'))).toEqual(['2026/Q1 due by 2026-12-10']);
    setClock(c, at('2026-10-20'));
    await c.call('plans.setCalendar', { academicYear: year, quarters: cal.quarters });
  });

  it('is the director’s and the deputy’s, not the case workers’', async () => {
    setClock(c, at('2026-11-20'));
    await loginAs('dep', PW.dep);
    expect((await c.call('overview.home', {})).districtReport?.due.map((d) => d.state)).toEqual(['overdue']);
    await loginAs('psy', PW.psy);
    expect((await c.call('overview.home', {})).districtReport).toBeNull();
    await loginAs(ADMIN.login, ADMIN.password);
  });

  it('goes once the quarter’s report is issued (in either language), and last year’s backlog does not follow for ever', async () => {
    setClock(c, at('2026-11-12'));
    await c.call('district.issue', { academicYear: 2026, quarter: 1, language: 'ru', schoolCode: SCHOOL_CODE, signer });
    expect(await due('2026-11-12')).toEqual([]);
    // the annual report is not a quarter's: it does not close Q2
    setClock(c, at('2027-01-05'));
    await c.call('district.issue', { academicYear: 2026, quarter: null, language: 'kk', schoolCode: SCHOOL_CODE, signer });
    expect(brief(await due('2027-01-05'))).toEqual(['2026/Q2 due by 2027-01-10']);
    // the previous year: until 30 days after its last due date (10 June + 30 days), then the new year starts clean
    expect(brief(await due('2027-07-10'))).toEqual(['2026/Q2 overdue by 2027-01-10', '2026/Q3 overdue by 2027-04-10', '2026/Q4 overdue by 2027-06-10']);
    expect(brief(await due('2027-08-20'))).toEqual([]);
  });
});

describe('the issued report’s files and the backup stick', () => {
  let reportId: string;

  it('saves the PDF, the signed JSON and the XLSX where the director chooses', async () => {
    setClock(c, at('2026-11-12'));
    const latest = await c.call('districtReport.latest', {});
    expect(latest).toMatchObject({ academicYear: 2026, quarter: 1 });
    expect(latest?.report?.language).toBe('ru');
    reportId = latest!.report!.id;
    const out = dir('qorgan-district-save-');
    for (const format of ['pdf', 'json', 'xlsx'] as const) {
      const target = path.join(out, `r.${format}`);
      c.platform.dialogAnswers.push(target);
      expect(await c.call('districtReport.save', { id: reportId, format })).toEqual({ path: target });
    }
    expect(pdfsig(fs.readFileSync(path.join(out, 'r.pdf'))).signatures).toHaveLength(1);
    expect(openEnvelope(fs.readFileSync(path.join(out, 'r.json'))).signature.intact).toBe(true);
    expect(fs.readFileSync(path.join(out, 'r.xlsx')).subarray(0, 2).toString()).toBe('PK');
    // cancelled dialog: nothing written
    expect(await c.call('districtReport.save', { id: reportId, format: 'json' })).toEqual({ path: null });
  });

  it('writes JSON + PDF next to the backup; the JSON opens back with a valid signature by the school’s certificate', async () => {
    setClock(c, at('2026-11-12'));
    const stick = dir('qorgan-stick-');
    const job = await backupTo(c, stick);
    expect(job.phase).toBe('done');
    const r = await c.call('districtReport.toStick', { id: reportId, targetDir: stick });
    expect(r.files).toEqual(['district-report-2026-2027-q1.json', 'district-report-2026-2027-q1-ru.pdf']);
    expect(fs.readdirSync(stick).sort()).toEqual([job.record!.fileName!, ...r.files].sort());
    const opened = openEnvelope(fs.readFileSync(path.join(stick, r.files[0]!)));
    expect(opened.signature.intact).toBe(true);
    expect(opened.signature.signingCertificateV2).toBe('match');
    const certs = await c.call('documents.certificates.list', {});
    expect(certs.find((x) => x.id === signer.certificateId)?.fingerprintSha256.toLowerCase()).toBe(opened.signature.certificateSha256);
    expect(opened.report.period).toMatchObject({ kind: 'quarter', academicYear: 2026, quarter: 1 });
    expect(pdfsig(fs.readFileSync(path.join(stick, r.files[1]!))).signatures).toHaveLength(1);
    // again (a second backup the same day): the files are replaced, not duplicated
    expect((await c.call('districtReport.toStick', { id: reportId, targetDir: stick })).files).toEqual(r.files);
    expect(fs.readdirSync(stick)).toHaveLength(3);
  });

  it('a full stick: a translated error for the report, no half file, the backup beside it untouched', async () => {
    setClock(c, at('2026-11-13'));
    const stick = dir('qorgan-stick-full-');
    const job = await backupTo(c, stick);
    const archive = path.join(stick, job.record!.fileName!);
    const before = crypto.createHash('sha256').update(fs.readFileSync(archive)).digest('hex');
    // the stick has room for 2 KiB more: the JSON fits, the PDF does not
    let room = 2048;
    const full: BackupFs = {
      ...nodeBackupFs,
      async create(file) {
        const inner = await nodeBackupFs.create(file);
        return {
          async write(data) {
            if (data.length > room) {
              await inner.write(data.subarray(0, room));
              room = 0;
              throw Object.assign(new Error('simulated ENOSPC'), { code: 'ENOSPC' });
            }
            room -= data.length;
            await inner.write(data);
          },
          sync: () => inner.sync(),
          close: () => inner.close(),
        };
      },
    };
    backupTestHooks.fs = full;
    const r = await c.try('districtReport.toStick', { id: reportId, targetDir: stick });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('district.stick_full');
    expect(fs.readdirSync(stick)).toEqual([job.record!.fileName!]);
    expect(crypto.createHash('sha256').update(fs.readFileSync(archive)).digest('hex')).toBe(before);
    const history = await c.call('backup.history', { limit: 5 });
    expect(history.find((h) => h.id === job.record!.id)?.status).toBe('verified');
  });

  it('only into a folder the core’s own dialog or drive list gave, and only for those who carry it', async () => {
    const elsewhere = dir('qorgan-not-chosen-');
    const r = await c.try('districtReport.toStick', { id: reportId, targetDir: elsewhere });
    expect(r.ok ? null : r.error.code).toBe('validation');
    await chooseFolder(c, elsewhere);
    await loginAs('dep', PW.dep);
    // the deputy reads the report but makes no backups
    expect((await c.try('districtReport.toStick', { id: reportId, targetDir: elsewhere })).ok).toBe(false);
    expect((await c.try('districtReport.latest', {})).ok).toBe(false);
    await loginAs(ADMIN.login, ADMIN.password);
    expect(fs.readdirSync(elsewhere)).toEqual([]);
  });
});
