/**
 * Class-list import in Chromium on the demo school (issue 9, "done when" first step): the social pedagogue opens
 * the import wizard, chooses an e-journal-like XLSX with one bad IIN → the preview shows the row's problem and
 * nothing is written → the cell is fixed in the file and the file chosen again → every row is ready → accept →
 * the pupils are listed. Screenshots at 1366×768.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PupilPage } from '../../shared/pupils';
import { createDemoSchool, DEMO_PASSWORD } from '../../electron/core/demo/school';
import { classListXlsx, fakeClassPupils } from '../../scripts/samples/class-list';
import { startHarness, type Harness } from '../harness/server';
import { testPlatform } from '../harness/platform';
import { englishWords, launchBrowser, screenshot, type Browser } from './util';

let harness: Harness;
let browser: Browser;
let page: Page;
let dataDir: string;

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('class-list import', () => {
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qorgan-e2e-import-'));
    await createDemoSchool(testPlatform(dataDir), { reset: true });
    harness = await startHarness({ dataDir, demo: true });
    browser = await launchBrowser();
    page = browser.page;
    await page.setViewportSize({ width: 1366, height: 768 });
    page.setDefaultTimeout(20_000);
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('imports a class list with one bad IIN row after the file is fixed', async () => {
    // 9 Ғ: a class the demo school does not have, so the new pupils are easy to list
    const pupils = fakeClassPupils([{ grade: 9, letter: 'Ғ' }], 12, 3).map((p) => ({ ...p, lastName: `${p.lastName}-импорт` }));
    const good = pupils[4]!.iin;
    const bad = good.slice(0, 11) + String((Number(good[11]) + 1) % 10);
    const withBadIin = await classListXlsx(pupils.map((p, i) => (i === 4 ? { ...p, iin: bad } : p)));
    const fixed = await classListXlsx(pupils);

    await page.goto(harness.url);
    const form = page.getByTestId('login-form');
    await form.locator('input[name="login"]').fill('socped');
    await form.locator('input[name="password"]').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.goto(`${harness.url}#/pupils`);
    await page.getByTestId('pupils-table').waitFor();
    const before = await harness.core.invoke('pupils.list', { grade: 9, classLetter: 'Ғ' });
    expect(before.ok && (before.value as PupilPage).total).toBe(0);

    await page.getByTestId('pupils-import').click();
    const modal = page.getByTestId('class-list-import');
    await modal.locator('input[type="file"]').setInputFiles({ name: '9-Ғ-тізім.xlsx', mimeType: XLSX_MIME, buffer: withBadIin });
    await expect.poll(() => page.getByTestId('class-list-ready').innerText(), { timeout: 30_000 }).toMatch(/11/);
    await expect.poll(() => page.getByTestId('class-list-problems').innerText()).toMatch(/1/);
    const problemRow = modal.locator('tr[data-problem="yes"]');
    expect(await problemRow.count()).toBe(1);
    expect(await problemRow.innerText()).toContain('ЖСН қате');
    // the columns were recognised from the kk/ru headings
    expect(await page.getByTestId('class-list-map-4').inputValue()).toBe('ЖСН');
    await screenshot(page, 'pupils-import-problem-1366');
    expect(await englishWords(page, ['socped', 'XLSX', 'CSV'])).toEqual([]);
    // nothing is written by the preview
    const during = await harness.core.invoke('pupils.list', { grade: 9, classLetter: 'Ғ' });
    expect(during.ok && (during.value as PupilPage).total).toBe(0);

    // the cell fixed in the file, the file chosen again
    await modal.locator('input[type="file"]').setInputFiles({ name: '9-Ғ-тізім.xlsx', mimeType: XLSX_MIME, buffer: fixed });
    await expect.poll(() => page.getByTestId('class-list-ready').innerText(), { timeout: 30_000 }).toMatch(/12/);
    expect(await page.getByTestId('class-list-problems').count()).toBe(0);
    await screenshot(page, 'pupils-import-ready-1366');
    await page.getByTestId('class-list-accept').click();
    await modal.waitFor({ state: 'hidden' });

    await page.getByTestId('pupils-search').fill('импорт');
    const table = page.getByTestId('pupils-table');
    await expect.poll(() => table.locator('tbody tr').count(), { timeout: 30_000 }).toBe(12);
    expect((await table.locator('tbody tr').allInnerTexts()).every((r) => r.includes('9 Ғ'))).toBe(true);
    await screenshot(page, 'pupils-import-listed-1366');
    const after = await harness.core.invoke('pupils.list', { grade: 9, classLetter: 'Ғ', pageSize: 50 });
    expect(after.ok && (after.value as PupilPage).items.find((p) => p.lastName === pupils[4]!.lastName)).toMatchObject({ iin: good });
  });
});
