/**
 * The district view in Chromium (issue 14, item 4): an install set up as a district office shows the district
 * screens in its navigation (no pupils, no cases) and its mode in the header; it registers three generated schools'
 * certificates through the file picker (the fingerprint shown), imports their three report files and a tampered one
 * in one pick → three merged, the tampered one refused in red with its reason; the consolidated table shows the
 * district's sum; screenshots in kk and ru (looked at). The schools' files are made as scripts/samples/district.ts
 * makes them: a report signed with a new school certificate per school (here from small counts, not the demo school,
 * to stay short).
 */
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSchoolCertificate, loadP12 } from '../../electron/core/documents/certificates';
import { buildReport, signedEnvelope } from '../../electron/core/district/report';
import { bump, emptyCounts } from '../../electron/core/district/tables';
import type { DistrictReport } from '../../shared/district-report';
import { startHarness, type Harness } from '../harness/server';
import kk from '../../renderer/src/i18n/kk.json';
import ru from '../../renderer/src/i18n/ru.json';
import { englishWords, launchBrowser, logIn, screenshot, type Browser } from './util';

const OFFICE = {
  nameKk: 'Сынақ аудандық білім бөлімі',
  nameRu: 'Тестовый районный отдел образования',
  number: '01',
  namedAfterKk: '',
  namedAfterRu: '',
  addressKk: '',
  addressRu: '',
  districtDepartmentKk: '',
  districtDepartmentRu: '',
  directorName: 'Б.Тексеров',
  directorPositionKk: 'Бөлім басшысы',
  directorPositionRu: 'Руководитель отдела',
};
const ACCOUNT = { login: 'district.head', displayName: 'Тексеров Бақыт', password: 'аудан-құпия-сөзі-1', roles: ['director' as const, 'administrator' as const] };
/** cases opened per school (bullying, at assessment): the district's sum is 4 + 6 + 9 */
const SCHOOLS = [
  { n: 12, code: '960000000010', cases: 4 },
  { n: 47, code: '960000000011', cases: 6 },
  { n: 96, code: '960000000012', cases: 9 },
];

let harness: Harness;
let browser: Browser;
let page: Page;
let dataDir: string;
const made: { code: string; n: number; certificate: Buffer; report: Buffer }[] = [];

describe('district view', () => {
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qorgan-e2e-district-'));
    harness = await startHarness({ dataDir });
    // Chromium starts in its own process while the core is set up and the schools' keys are made here
    const launching = launchBrowser();
    const now = harness.platform.now();
    const r = await harness.core.invoke('auth.setup', { language: 'kk', mode: 'district', school: OFFICE, account: ACCOUNT });
    expect(r.ok).toBe(true);
    await harness.core.invoke('auth.confirmRecoveryStored', {});
    await harness.core.invoke('auth.lock', {});
    for (const s of SCHOOLS) {
      const password = `school-${s.n}-key`;
      const cert = createSchoolCertificate({ commonName: `Директор №${s.n}`, position: 'директор', organization: `№${s.n} мектеп`, password, now });
      const p12 = loadP12(cert.p12, password);
      const counts = emptyCounts();
      bump(counts, 'casesByStage', 'bullying', 'assessment', s.cases);
      bump(counts, 'concerns', 'case', 'count', s.cases);
      const report: DistrictReport = buildReport({
        school: { code: s.code, nameKk: `№${s.n} мектеп`, nameRu: `Школа №${s.n}` },
        period: { kind: 'quarter', academicYear: 2026, quarter: 1, from: '2026-09-01', to: '2026-10-31' },
        generatedAt: now,
        counts,
        withReferrals: true,
        councilMeetings: 1,
        plan: [],
      });
      const pem = new X509Certificate(p12.certificate).toString();
      made.push({ code: s.code, n: s.n, certificate: Buffer.from(pem), report: signedEnvelope(report, p12) });
    }
    browser = await launching;
    page = browser.page;
    page.setDefaultTimeout(15_000);
    await page.goto(harness.url);
    await logIn(page, ACCOUNT.login, ACCOUNT.password);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('registers three schools, merges their reports, refuses a tampered one, sums the district (kk, ru)', async () => {
    // district mode: the district screens, accounts, audit, backup; no pupils, no cases
    await page.getByTestId('district-mode-badge').waitFor();
    for (const id of ['nav-district', 'nav-district/import', 'nav-district/schools', 'nav-accounts', 'nav-audit', 'nav-backup']) {
      expect(await page.getByTestId(id).count(), id).toBe(1);
    }
    for (const id of ['nav-pupils', 'nav-cases', 'nav-council', 'nav-plans', 'nav-statistics']) expect(await page.getByTestId(id).count(), id).toBe(0);

    await page.getByTestId('nav-district/schools').click();
    for (const s of made) {
      await page.locator('[data-testid="district-register"] input[type="file"]').setInputFiles({ name: `school-${s.n}.pem`, mimeType: 'application/x-pem-file', buffer: s.certificate });
      await expect.poll(() => page.getByTestId('district-fingerprint').innerText()).toMatch(/^[0-9a-f]{4}( [0-9a-f]{4}){15}$/);
      await page.getByTestId('district-school-code').fill(s.code);
      await page.getByTestId('district-school-name-ru').fill(`Школа №${s.n}`);
      await page.getByTestId('district-register-save').click();
      await page.getByTestId(`district-school-${s.code}`).waitFor();
    }
    expect(await page.getByTestId('district-schools').locator('tbody tr').count()).toBe(3);

    // the registration toasts would cover the screenshots
    for (const close of await page.locator('.mantine-Notification-closeButton').all()) await close.click();
    await page.getByTestId('nav-district/import').click();
    const tampered = JSON.parse(made[0]!.report.toString('utf8')) as { report: DistrictReport };
    tampered.report.councilMeetings += 5;
    await page.locator('input[type="file"]').setInputFiles([
      ...made.map((s) => ({ name: `report-${s.n}.json`, mimeType: 'application/json', buffer: s.report })),
      { name: 'report-12-changed.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(tampered)) },
    ]);
    await page.getByTestId('district-import-results').waitFor();
    const rows = page.getByTestId('district-import-row');
    expect(await rows.count()).toBe(4);
    expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-outcome')))).toEqual(['merged', 'merged', 'merged', 'bad_signature']);
    const reason = page.getByTestId('district-import-reason');
    expect(await reason.innerText()).toBe(kk.errors.district.bad_signature);
    // shown in red
    expect(await reason.evaluate((e) => getComputedStyle(e).color)).toMatch(/^rgb\((1[5-9]\d|2\d\d), \d{1,2}, \d{1,2}\)$/);
    await screenshot(page, 'district-import-kk');

    await page.getByTestId('nav-district').click();
    await page.getByTestId('chart-district-headlines').waitFor();
    expect(await page.getByTestId('district-total-casesOpened').innerText()).toBe('19');
    expect(await page.getByTestId('district-row-casesOpened').innerText()).toMatch(/4\s+6\s+9\s+19/);
    expect(await page.getByTestId('chart-district-harm').innerText()).toContain(kk.cases.harm.bullying);
    expect(await englishWords(page, [ACCOUNT.login])).toEqual([]);
    await screenshot(page, 'district-summary-kk');

    await page.getByTestId('nav-settings').click();
    await page.getByTestId('language-switch').getByText('Русский').click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('ru');
    await page.getByTestId('nav-district').click();
    await page.getByTestId('chart-district-headlines').waitFor();
    expect(await page.getByTestId('district-row-casesOpened').innerText()).toContain(ru.district.summary.headline.casesOpened);
    expect(await page.getByTestId('district-total-casesOpened').innerText()).toBe('19');
    expect(await englishWords(page, [ACCOUNT.login])).toEqual([]);
    await screenshot(page, 'district-summary-ru');
  }, 60_000);
});
