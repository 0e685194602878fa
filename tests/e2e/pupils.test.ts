/**
 * Pupils in Chromium on the demo school: the psychologist searches the list (FTS5 in the core), adds a pupil
 * with a valid IIN (birth date and sex shown from it), and a wrong IIN is refused with a translated message.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIin } from '../../shared/iin';
import type { PupilPage } from '../../shared/pupils';
import { createDemoSchool, DEMO_PASSWORD } from '../../electron/core/demo/school';
import { startHarness, type Harness } from '../harness/server';
import { testPlatform } from '../harness/platform';
import { englishWords, launchBrowser, screenshot, type Browser } from './util';

let harness: Harness;
let browser: Browser;
let page: Page;
let dataDir: string;

describe('pupils screen', () => {
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qorgan-e2e-pupils-'));
    await createDemoSchool(testPlatform(dataDir), { reset: true });
    harness = await startHarness({ dataDir, demo: true });
    browser = await launchBrowser();
    page = browser.page;
    page.setDefaultTimeout(20_000);
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('searches, adds a pupil with an IIN, and refuses a wrong IIN', async () => {
    await page.goto(harness.url);
    const form = page.getByTestId('login-form');
    await form.locator('input[name="login"]').fill('psychologist');
    await form.locator('input[name="password"]').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.goto(`${harness.url}#/pupils`);
    const table = page.getByTestId('pupils-table');
    await expect.poll(() => table.locator('tbody tr').count(), { timeout: 30_000 }).toBe(50);
    await screenshot(page, 'pupils-list');
    expect(await englishWords(page, ['psychologist'])).toEqual([]);

    await page.getByTestId('pupils-search').fill('Мыс');
    await expect.poll(async () => (await table.locator('tbody tr').allInnerTexts()).every((r) => r.includes('Мысал'))).toBe(true);

    await page.getByTestId('pupil-add').click();
    await page.getByTestId('pupil-last-name').fill('Ойдантапқанова');
    await page.getByTestId('pupil-first-name').fill('Інжу');
    const iin = makeIin('2014-02-11', 'f', 4321)!;
    await page.getByTestId('pupil-iin').fill(iin.slice(0, 11) + String((Number(iin[11]) + 1) % 10));
    await page.getByText('ЖСН-нің бақылау саны сәйкес келмейді').waitFor();
    expect(await page.getByTestId('pupil-save').isDisabled()).toBe(true);
    await page.getByTestId('pupil-iin').fill(iin);
    await page.getByText(/2014/).waitFor();
    expect(await page.getByTestId('pupil-save').isDisabled()).toBe(false);
    await screenshot(page, 'pupils-add');
    await page.getByTestId('pupil-save').click();
    await page.getByTestId('pupils-search').fill('Ойдантап');
    await expect.poll(() => table.locator('tbody tr').allInnerTexts()).toEqual([expect.stringContaining('Ойдантапқанова Інжу')]);
    const created = await harness.core.invoke('pupils.list', { search: 'Ойдантапқанова' });
    expect(created.ok && (created.value as PupilPage).items[0]).toMatchObject({ iin, birthDate: '2014-02-11', sex: 'f' });
  });
});
