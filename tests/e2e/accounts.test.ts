/**
 * The administrator's account screen in Chromium on the real core: disable and enable, re-role, reset a
 * password (the person then logs in with it), and the core's refusals shown as translated messages.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import kk from '../../renderer/src/i18n/kk.json';
import { startHarness, type Harness } from '../harness/server';
import { englishWords, FAKE, launchBrowser, screenshot, type Browser } from './util';

let harness: Harness;
let browser: Browser;
let page: Page;
let dataDir: string;

const poll = <T,>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 30_000, interval: 100 });

async function shot(name: string) {
  await screenshot(page, name);
  expect(await englishWords(page, [FAKE.director.login, FAKE.teacher.login])).toEqual([]);
}

async function rowAction(login: string, item: string) {
  await page.getByTestId(`account-menu-${login}`).click();
  await page.getByRole('menuitem', { name: item }).filter({ visible: true }).click();
}

describe('accounts screen in Chromium', () => {
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qorgan-e2e-accounts-'));
    harness = await startHarness({ dataDir });
    const setup = await harness.core.invoke('auth.setup', {
      language: 'kk',
      school: FAKE.school,
      account: {
        login: FAKE.director.login,
        displayName: FAKE.director.displayName,
        roles: ['director', 'administrator'],
        password: FAKE.director.password,
      },
    });
    expect(setup.ok).toBe(true);
    const teacher = await harness.core.invoke('accounts.create', {
      login: FAKE.teacher.login,
      displayName: FAKE.teacher.displayName,
      roles: ['class_teacher'],
      password: FAKE.teacher.password,
      language: 'kk',
    });
    expect(teacher.ok).toBe(true);
    browser = await launchBrowser();
    page = browser.page;
    page.setDefaultTimeout(20_000);
  });

  afterAll(async () => {
    await browser?.close();
    await harness?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('disables, enables, re-roles and resets a password', async () => {
    onTestFailed(async () => {
      await screenshot(page, 'accounts-zz-failure');
    });
    await page.goto(`${harness.url}#/accounts`);
    const row = page.getByTestId(`account-row-${FAKE.teacher.login}`);
    await row.waitFor();

    // one cannot disable oneself
    await page.getByTestId(`account-menu-${FAKE.director.login}`).click();
    expect(await page.getByRole('menuitem', { name: kk.accounts.disable }).filter({ visible: true }).isDisabled()).toBe(true);
    await page.keyboard.press('Escape');
    await poll(() => page.getByRole('menuitem').filter({ visible: true }).count()).toBe(0);

    // disable → enable
    await rowAction(FAKE.teacher.login, kk.accounts.disable);
    await poll(() => row.innerText()).toContain(kk.accounts.disabled);
    await shot('accounts-01-disabled');
    await rowAction(FAKE.teacher.login, kk.accounts.enable);
    await poll(() => row.innerText()).toContain(kk.accounts.active);

    // re-role: class teacher → psychologist
    await rowAction(FAKE.teacher.login, kk.accounts.edit);
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('role-class_teacher').uncheck();
    await dialog.getByTestId('role-psychologist').check();
    await shot('accounts-02-edit');
    await dialog.getByRole('button', { name: kk.common.save }).click();
    await poll(() => row.innerText()).toContain(kk.roles.psychologist);
    expect(await row.innerText()).not.toContain(kk.roles.class_teacher);

    // nobody changes their own roles: the boxes are disabled and say why (the core refuses it too)
    await rowAction(FAKE.director.login, kk.accounts.edit);
    expect(await dialog.getByTestId('role-administrator').isDisabled()).toBe(true);
    await dialog.getByText(kk.accounts.ownRoles).waitFor();
    await shot('accounts-03-own-roles');
    await dialog.getByRole('button', { name: kk.common.cancel }).click();

    // reset the teacher's password; mismatched repeat is caught before the core is asked
    await rowAction(FAKE.teacher.login, kk.accounts.resetPassword);
    const inputs = dialog.locator('input[type="password"]');
    await inputs.nth(0).fill('Жаңа-құпия-сөз-4');
    await inputs.nth(1).fill('Басқа-құпия-сөз');
    await dialog.getByRole('button', { name: kk.accounts.resetPassword }).click();
    await dialog.getByText(kk.validation.passwordMismatch).waitFor();
    await inputs.nth(1).fill('Жаңа-құпия-сөз-4');
    await dialog.getByRole('button', { name: kk.accounts.resetPassword }).click();
    await page.getByText(kk.accounts.passwordReset).first().waitFor();

    // the teacher logs in with the new password and sees no administrator screens
    await page.getByTestId('lock-button').click();
    const form = page.getByTestId('login-form');
    await form.locator('input[name="login"]').fill(FAKE.teacher.login);
    await form.locator('input[name="password"]').fill(FAKE.teacher.password);
    await page.getByTestId('login-submit').click();
    await poll(() => page.getByTestId('login-error').innerText()).toBe(kk.errors.auth.wrong_password);
    await form.locator('input[name="password"]').fill('Жаңа-құпия-сөз-4');
    await page.getByTestId('login-submit').click();
    // a one-time password: the lock screen says who reset it and asks for the teacher's own
    const must = page.getByTestId('must-change-password');
    await must.waitFor();
    expect(await must.innerText()).toContain(FAKE.director.displayName);
    const fresh = must.locator('input[type="password"]');
    await fresh.nth(0).fill('Менің-өз-құпиям-5');
    await fresh.nth(1).fill('Менің-өз-құпиям-5');
    await shot('accounts-04-one-time-password');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('session-name').waitFor();
    expect(await page.getByTestId('session-name').innerText()).toBe(FAKE.teacher.displayName);
    expect(await page.getByTestId('nav-accounts').count()).toBe(0);
    await shot('accounts-05-psychologist-home');
  });

  it('the audit screen names the first broken link of an edited log', async () => {
    onTestFailed(async () => {
      await screenshot(page, 'accounts-zz-failure');
    });
    await page.keyboard.press('Control+KeyL');
    const form = page.getByTestId('login-form');
    await form.waitFor();
    await form.locator('input[name="login"]').fill(FAKE.director.login);
    await form.locator('input[name="password"]').fill(FAKE.director.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('session-name').waitFor();
    await page.goto(`${harness.url}#/audit`);
    await page.getByTestId('audit-verify').click();
    await poll(() => page.getByTestId('audit-verify-result').innerText()).toContain(kk.audit.verifyOk.split(':')[0]!);

    // an attacker with the key edits an entry (after dropping the append-only triggers)
    const sqlite = harness.core.state.sqlite;
    sqlite.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
    sqlite.prepare(`UPDATE audit_log SET outcome = 'denied' WHERE id = 3`).run();

    await page.getByTestId('audit-verify').click();
    const result = page.getByTestId('audit-verify-result');
    await poll(() => result.innerText()).toContain(kk.audit.verifyBrokenTitle);
    expect(await result.innerText()).toContain('№3');
    expect(await result.innerText()).toContain(kk.audit.verifyReason.edited);
    // the list is read again: the edited entry shows what it now says
    await poll(() => page.getByTestId('audit-outcome').filter({ hasText: kk.audit.outcome.denied }).count()).toBe(1);
    await shot('accounts-06-audit-broken');
  });
});
