/**
 * Errors that name the field (issue 15), in Chromium on the demo school: a duplicate IIN is shown on the IIN field
 * with its own message (not "changed by someone else"), and a name field shows a counter as it nears its limit and
 * takes no character past it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIin } from '../../shared/iin';
import { createDemoSchool, DEMO_PASSWORD } from '../../electron/core/demo/school';
import kk from '../../renderer/src/i18n/kk.json';
import { startHarness, type Harness } from '../harness/server';
import { testPlatform } from '../harness/platform';
import { launchBrowser, screenshot, type Browser } from './util';

let harness: Harness;
let browser: Browser;
let page: Page;
let dataDir: string;

describe('errors on the field', () => {
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qorgan-e2e-fields-'));
    await createDemoSchool(testPlatform(dataDir), { reset: true, pupils: 40 });
    harness = await startHarness({ dataDir, demo: true });
    browser = await launchBrowser();
    page = browser.page;
    page.setDefaultTimeout(20_000);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('a duplicate IIN on the IIN field; a counter near the name limit, nothing past it', async () => {
    await page.goto(harness.url);
    const form = page.getByTestId('login-form');
    await form.locator('input[name="login"]').fill('psychologist');
    await form.locator('input[name="password"]').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.goto(`${harness.url}#/pupils`);
    await page.getByTestId('pupils-table').waitFor();

    const iin = makeIin('2015-09-21', 'm', 2468)!;
    const add = async (last: string) => {
      await page.getByTestId('pupil-add').click();
      await page.getByTestId('pupil-last-name').fill(last);
      await page.getByTestId('pupil-first-name').fill('Арман');
      await page.getByTestId('pupil-iin').fill(iin);
      await page.getByTestId('pupil-save').click();
    };
    await add('Бірінші');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await add('Екінші');
    const iinField = page.getByTestId('pupil-iin');
    // the message is the field's own error (aria-invalid, described by the error text)
    await expect.poll(() => iinField.getAttribute('aria-invalid')).toBe('true');
    const dialog = page.getByRole('dialog');
    expect(await dialog.innerText()).toContain(kk.errors.pupils.duplicate_iin);
    expect(await dialog.innerText()).not.toContain(kk.errors.conflict);
    await screenshot(page, 'field-errors-duplicate-iin');
    // changing the IIN clears the mark
    await iinField.fill(makeIin('2015-09-21', 'm', 2469)!);
    await expect.poll(() => iinField.getAttribute('aria-invalid')).not.toBe('true');

    const last = page.getByTestId('pupil-last-name');
    await last.fill('Ә'.repeat(79));
    expect(await dialog.innerText()).not.toMatch(/\d+ \/ 100/);
    await last.fill('Ә'.repeat(95));
    expect(await dialog.innerText()).toContain('95 / 100');
    await last.pressSequentially('ӘӘӘӘӘӘӘӘ');
    expect((await last.inputValue()).length).toBe(100);
    expect(await dialog.innerText()).toContain('100 / 100');
    await screenshot(page, 'field-errors-counter');
  }, 120_000);
});
