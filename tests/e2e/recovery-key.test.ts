/**
 * A set-up interrupted before "I have stored it" (a reload on the key step): the home screen says so, and the
 * director makes a new recovery key, which then opens the school while the first one no longer does.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, SEED_SCHOOL } from '../harness/core';
import { startHarness, type Harness } from '../harness/server';
import { englishWords, launchBrowser, screenshot, type Browser } from './util';

let harness: Harness;
let browser: Browser;
let page: Page;
let dataDir: string;

describe('recovery key not confirmed at set-up', () => {
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qorgan-e2e-rk-'));
    harness = await startHarness({ dataDir });
    browser = await launchBrowser();
    page = browser.page;
    page.setDefaultTimeout(20_000);
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('warns on the home screen and replaces the key', async () => {
    const setup = await harness.core.invoke('auth.setup', { language: 'kk', school: SEED_SCHOOL, account: ADMIN });
    expect(setup.ok).toBe(true);
    const firstKey = setup.ok ? (setup.value as { recoveryKey: string }).recoveryKey : '';
    await page.goto(harness.url);
    await page.getByTestId('recovery-key-notice').waitFor();
    await screenshot(page, 'recovery-key-notice');
    expect(await englishWords(page, [ADMIN.login])).toEqual([]);

    await page.getByTestId('new-recovery-key').click();
    await page.getByTestId('new-recovery-key-password').fill(ADMIN.password);
    await page.getByTestId('new-recovery-key-make').click();
    const shown = page.getByTestId('new-recovery-key-value');
    await shown.waitFor();
    const newKey = (await shown.locator('span').allInnerTexts()).join('-');
    expect(newKey).toMatch(/^([0-9A-Z]{4}-){13}[0-9A-Z]{4}$/);
    expect(newKey).not.toBe(firstKey);
    await screenshot(page, 'recovery-key-new');
    expect(await page.getByTestId('new-recovery-key-done').isDisabled()).toBe(true);
    await page.getByTestId('new-recovery-key-stored').check();
    await page.getByTestId('new-recovery-key-done').click();
    await page.getByTestId('recovery-key-notice').waitFor({ state: 'detached' });

    await harness.core.invoke('auth.lock', {});
    const old = await harness.core.invoke('auth.recover', { recoveryKey: firstKey, login: ADMIN.login, newPassword: 'new password 1' });
    expect(old.ok ? null : old.error.code).toBe('auth.wrong_recovery_key');
    const ok = await harness.core.invoke('auth.recover', { recoveryKey: newKey, login: ADMIN.login, newPassword: 'new password 1' });
    expect(ok.ok).toBe(true);
  });
});
