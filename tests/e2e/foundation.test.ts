/**
 * The foundation scenario in a real browser (Debian Chromium) on the real core through the harness:
 * first run → recovery key → login → wrong password (translated) → throttling → lock (button and Ctrl+L) →
 * unlock with the recovery key → add an account → switch to Russian (remembered across lock and reload) →
 * audit screen verifies the chain and filters → school profile saved → idle lock after the configured minutes. A screenshot of every step is kept in test-artifacts/e2e/.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import kk from '../../renderer/src/i18n/kk.json';
import ru from '../../renderer/src/i18n/ru.json';
import { findInFiles, walk } from '../harness/scan';
import { startHarness, type Harness } from '../harness/server';
import { englishWords, FAKE, fakeNeedles, filesContaining, launchBrowser, screenshot, type Browser } from './util';

const LOGINS = [FAKE.director.login, FAKE.teacher.login, 'nobody.here'];

let harness: Harness;
let browser: Browser;
let page: Page;
let dataDir: string;
/** The OS temp folder the core sees for this file (TMPDIR): scanned whole at the end. */
let appTemp: string;
let savedTmpdir: string | undefined;
let started = 0;

/** expect.poll with room for the KDF (each login derives a memory-hard key) */
const poll = <T,>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 30_000, interval: 100 });

async function shot(name: string, allowed: readonly string[] = []) {
  await screenshot(page, name);
  expect(await englishWords(page, [...LOGINS, ...allowed])).toEqual([]);
}

async function login(user: string, password: string) {
  const form = page.getByTestId('login-form');
  await form.locator('input[name="login"]').fill(user);
  await form.locator('input[name="password"]').fill(password);
  await page.getByTestId('login-submit').click();
}

describe('foundation scenario in Chromium', () => {
  beforeAll(async () => {
    started = Date.now();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qorgan-e2e-data-'));
    // the test's browser keeps the machine's temp folder; the core (in this process) gets a folder of its own, so the
    // scan below reads everything the app wrote there and nothing a busy CI machine keeps in /tmp
    browser = await launchBrowser();
    page = browser.page;
    appTemp = fs.mkdtempSync(path.join(os.tmpdir(), 'qorgan-e2e-tmp-'));
    savedTmpdir = process.env.TMPDIR;
    process.env.TMPDIR = appTemp;
    expect(os.tmpdir()).toBe(appTemp);
    harness = await startHarness({ dataDir });
    page.setDefaultTimeout(20_000);
  });

  afterAll(async () => {
    await browser?.close();
    await harness?.close();
    if (savedTmpdir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmpdir;
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    if (appTemp) fs.rmSync(appTemp, { recursive: true, force: true });
  });

  it('runs first run → recovery key → login → lock → recovery → accounts → Russian', async () => {
    onTestFailed(async () => {
      await screenshot(page, 'zz-failure');
    });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });

    await page.goto(harness.url);

    // 1. first run, Kazakh by default
    await poll(() => page.getByTestId('setup-step-0').isVisible()).toBe(true);
    await poll(() => page.locator('html').getAttribute('lang')).toBe('kk');
    await page.getByText(kk.setup.welcome).waitFor();
    await shot('01-setup-language');
    await page.getByTestId('setup-next').click();

    // 2. school profile: an empty form is refused with translated messages
    await page.getByTestId('setup-next').click();
    await poll(() => page.getByText(kk.validation.required).count()).toBeGreaterThan(3);
    await shot('02a-setup-school-required');
    for (const [key, value] of Object.entries(FAKE.school)) {
      await page.getByTestId(`school-${key}`).fill(value);
    }
    await shot('02-setup-school');
    await page.getByTestId('setup-next').click();

    // 3. first account (display name prefilled from the director's name; roles default director + administrator)
    const account = page.getByTestId('setup-step-2');
    await account.waitFor();
    expect(await account.locator('input[name="displayName"]').inputValue()).toBe(FAKE.school.directorName);
    expect(await page.getByTestId('role-director').isChecked()).toBe(true);
    expect(await page.getByTestId('role-administrator').isChecked()).toBe(true);
    await account.locator('input[name="login"]').fill(FAKE.director.login);
    await account.locator('input[name="password"]').fill(FAKE.director.password);
    await account.locator('input[name="repeatPassword"]').fill('another-password');
    await page.getByTestId('setup-create').click();
    await page.getByText(kk.validation.passwordMismatch).waitFor();
    await account.locator('input[name="repeatPassword"]').fill(FAKE.director.password);
    await shot('03-setup-account');
    await page.getByTestId('setup-create').click();

    // 4. the recovery key, shown once; "next" only after "I have stored it"
    const keyBox = page.getByTestId('recovery-key');
    await keyBox.waitFor();
    const groups = await keyBox.locator('span').allInnerTexts();
    const recoveryKey = groups.join('-');
    expect(recoveryKey).toMatch(/^([0-9A-Z]{4}-){13}[0-9A-Z]{4}$/);
    expect(await page.getByTestId('setup-next').isDisabled()).toBe(true);
    // the printable block is hidden on screen and carries the key
    expect(await page.locator('.qorgan-print-only').isVisible()).toBe(false);
    expect(await page.locator('.qorgan-print-only .qorgan-recovery-key').innerText()).toContain(groups[0]);
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, '04b-recovery-key-print');
    expect(await page.locator('.qorgan-print-only').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    await shot('04-recovery-key', groups);
    await page.getByTestId('key-stored').check();
    await page.getByTestId('setup-next').click();

    // 5. done → the app
    await page.getByTestId('setup-finish').click();
    await page.getByTestId('session-name').waitFor();
    expect(await page.getByTestId('session-name').innerText()).toBe(FAKE.director.displayName);
    expect(await page.getByTestId('home-school-name').innerText()).toBe(FAKE.school.nameKk);
    // the key is gone from the page
    expect(await page.getByTestId('recovery-key').count()).toBe(0);
    await shot('05-home');

    // 6. lock with the button → lock screen
    await page.getByTestId('lock-button').click();
    await page.getByTestId('login-form').waitFor();
    expect(await page.getByTestId('session-name').count()).toBe(0);
    await shot('06-locked');

    // 7. wrong password → translated error
    await login(FAKE.director.login, 'wrong-password-1');
    await poll(() => page.getByTestId('login-error').innerText()).toBe(kk.errors.auth.wrong_password);
    await shot('07-wrong-password');

    // 8. repeated failures → throttled with a visible wait (another login, so the director is not held up)
    for (let i = 0; i < 5; i++) {
      await login('nobody.here', `wrong-${i}-password`);
      await poll(() => page.getByTestId('login-submit').isEnabled()).toBe(true);
      await page.getByTestId('login-error').waitFor();
    }
    await login('nobody.here', 'wrong-5-password');
    await poll(() => page.getByTestId('login-error').innerText()).toContain(kk.errors.auth.throttled);
    expect(await page.getByTestId('login-submit').isDisabled()).toBe(true);
    await shot('08-throttled');

    // 9. the right password → in; Ctrl+L locks again
    await poll(() => page.getByTestId('login-submit').isEnabled()).toBe(true);
    await login(FAKE.director.login, FAKE.director.password);
    await page.getByTestId('session-name').waitFor();
    await page.keyboard.press('Control+KeyL');
    await page.getByTestId('login-form').waitFor();

    // 10. "forgot password" → unlock with the recovery key, set a new password
    await page.getByTestId('forgot-password').click();
    const recover = page.getByTestId('recover-form');
    await recover.locator('textarea[name="recoveryKey"]').fill(recoveryKey.replace(/^(....)/, 'ZZZZ'));
    await recover.locator('input[name="login"]').fill(FAKE.director.login);
    await recover.locator('input[name="newPassword"]').fill(FAKE.recoveredPassword);
    await recover.locator('input[name="repeatPassword"]').fill(FAKE.recoveredPassword);
    await page.getByTestId('recover-submit').click();
    await poll(() => page.getByTestId('recover-error').innerText()).toBe(kk.errors.auth.wrong_recovery_key);
    await shot('09-recovery-wrong-key');
    // typed in lower case with spaces: still accepted
    await recover.locator('textarea[name="recoveryKey"]').fill(groups.join(' ').toLowerCase());
    await page.getByTestId('recover-submit').click();
    await page.getByTestId('session-name').waitFor();
    await shot('10-recovered');
    // the new password works, the old one no longer does
    await page.getByTestId('lock-button').click();
    await login(FAKE.director.login, FAKE.director.password);
    await poll(() => page.getByTestId('login-error').innerText()).toBe(kk.errors.auth.wrong_password);
    await login(FAKE.director.login, FAKE.recoveredPassword);
    await page.getByTestId('session-name').waitFor();

    // 11. add an account
    await page.getByTestId('nav-accounts').click();
    await page.getByTestId('accounts-table').waitFor();
    await page.getByTestId('account-add').click();
    const create = page.getByTestId('account-create-form');
    await create.locator('input[name="login"]').fill(FAKE.teacher.login);
    await create.locator('input[name="displayName"]').fill(FAKE.teacher.displayName);
    await create.locator('input[name="password"]').fill(FAKE.teacher.password);
    await create.locator('input[name="repeatPassword"]').fill(FAKE.teacher.password);
    await create.getByTestId('role-class_teacher').check();
    await shot('11a-account-form');
    await page.getByTestId('account-create-submit').click();
    const row = page.getByTestId(`account-row-${FAKE.teacher.login}`);
    await row.waitFor();
    expect(await row.innerText()).toContain(kk.roles.class_teacher);
    await shot('11-accounts');

    // 12. switch to Russian: remembered for the account, shown on the lock screen and after a reload
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('language-switch').getByText('Русский').click();
    await poll(() => page.getByTestId('nav-settings').innerText()).toBe(ru.nav.settings);
    await poll(() => page.locator('html').getAttribute('lang')).toBe('ru');
    await shot('12-settings-ru');
    await page.getByTestId('lock-button').click();
    await page.getByTestId('login-form').waitFor();
    await page.getByText(ru.lock.subtitle).waitFor();
    await page.reload();
    await page.getByText(ru.lock.subtitle).waitFor();
    await shot('13-locked-ru');
    await login(FAKE.director.login, FAKE.recoveredPassword);
    await page.getByTestId('session-name').waitFor();
    // back where the user was before the lock
    expect(await page.getByTestId('language-switch').isVisible()).toBe(true);
    await page.getByTestId('nav-home').click();
    expect(await page.getByTestId('home-school-name').innerText()).toBe(FAKE.school.nameRu);
    await shot('14-home-ru');

    // 13. the audit screen lists what happened and verifies the chain
    await page.getByTestId('nav-audit').click();
    await page.getByTestId('audit-table').waitFor();
    expect(await page.getByTestId('audit-table').innerText()).toContain(ru.audit.action.accounts.create);
    await page.getByTestId('audit-verify').click();
    await poll(() => page.getByTestId('audit-verify-result').innerText()).toContain(ru.audit.verifyOk.split(':')[0]!);
    await shot('15-audit-ru');

    // filter: only failures
    await page.getByTestId('audit-filter-outcome').click();
    await page.getByRole('option', { name: ru.audit.outcome.failed }).click();
    await poll(async () => {
      const badges = await page.getByTestId('audit-table').getByTestId('audit-outcome').allInnerTexts();
      return badges.length > 0 && badges.every((b) => b === ru.audit.outcome.failed);
    }).toBe(true);
    await shot('16-audit-filtered-ru');

    // 14. the school profile: edit and save, kept after leaving the screen
    await page.getByTestId('nav-school').click();
    await page.getByTestId('school-directorPositionRu').waitFor();
    await page.getByTestId('school-directorPositionRu').fill('И. о. директора тестовой школы №777');
    await page.getByTestId('school-save').click();
    await page.getByText(ru.common.saved).first().waitFor();
    await page.getByTestId('nav-home').click();
    await page.getByTestId('nav-school').click();
    await poll(() => page.getByTestId('school-directorPositionRu').inputValue()).toBe('И. о. директора тестовой школы №777');
    await shot('17-school-ru');

    // 15. idle lock: 1 minute in the settings, the core's clock moves on → the lock screen, the data forgotten
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-idle-minutes').fill('1');
    await page.getByTestId('settings-idle-save').click();
    await page.getByText(ru.common.saved).first().waitFor();
    harness.platform.advance(2 * 60_000);
    await poll(() => page.getByTestId('login-form').isVisible()).toBe(true);
    expect(await page.locator('body').innerText()).not.toContain(FAKE.director.displayName);
    // the lock screen says why, and that logging in returns to the same screen
    expect(await page.getByTestId('locked-idle').innerText()).toContain(ru.lock.idleTitle.replace('{{minutes}}', '1'));
    await shot('18-idle-locked-ru');

    // 16. the class teacher sees only what a class teacher may use, in the language of their account (kk)
    await login(FAKE.teacher.login, FAKE.teacher.password);
    await page.getByTestId('session-name').waitFor();
    // back on the screen the idle lock interrupted (the teacher may use the settings too)
    expect(new URL(page.url()).hash).toBe('#/settings');
    expect(await page.getByTestId('session-name').innerText()).toBe(FAKE.teacher.displayName);
    await poll(() => page.getByTestId('nav-home').innerText()).toBe(kk.nav.home);
    expect(await page.getByTestId('nav-accounts').count()).toBe(0);
    expect(await page.getByTestId('nav-audit').count()).toBe(0);
    expect(await page.getByTestId('nav-school').count()).toBe(0);
    expect(await page.getByTestId('nav-settings').count()).toBe(1);
    // a path the role may not use falls back to the home page
    await page.goto(`${harness.url}#/accounts`);
    await page.getByTestId('home-school-name').waitFor();
    expect(await page.getByTestId('accounts-table').count()).toBe(0);
    await shot('19-teacher-home-kk');
    await page.keyboard.press('Control+KeyL');
    await page.getByTestId('login-form').waitFor();

    expect(errors.join('\n')).toBe('');

    // no file in the data folder holds a name typed in (the DB, its -wal/-shm, the keyring, the logs)
    expect(filesContaining(dataDir, fakeNeedles())).toEqual([]);
  });

  it('leaves no name in the clear in the data folder, its logs or the OS temp folder (UTF-8 or UTF-16)', async () => {
    // close the core: the WAL is checkpointed into the (encrypted) DB file, the -wal emptied
    await harness.close();
    const needles = fakeNeedles();
    expect(findInFiles(walk(dataDir), needles)).toEqual([]);
    expect(fs.existsSync(path.join(dataDir, 'logs', 'qorgan.log'))).toBe(true);
    // everything the core put in its temp folder (PDF previews, exports), however deep
    expect(findInFiles(walk(appTemp), needles)).toEqual([]);
    // and no file written since the scenario began straight into the machine's temp folder (a library ignoring
    // TMPDIR): shallow, so a CI machine's big /tmp trees cost nothing
    const machineTemp = path.dirname(appTemp);
    const temp = fs
      .readdirSync(machineTemp, { withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.join(machineTemp, e.name))
      .filter((p) => {
        try {
          return fs.statSync(p).mtimeMs >= started;
        } catch {
          return false;
        }
      });
    expect(findInFiles(temp, needles)).toEqual([]);
  });
});
