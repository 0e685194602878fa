/**
 * The Electron smoke test (issue 13, item 11): the packaged app itself — real Electron, the real main process, the
 * preload bridge, the app:// protocol, the Electron-ABI native module, native menus and dialogs — driven by
 * Playwright's `_electron`. What no other test can show, because no machine here can download Electron:
 *
 *  1. a fresh data folder: the first-run wizard (language, school, first account, recovery key) → home → Ctrl+L
 *     locks through the real accelerator → log in again;
 *  2. the demo school: the director opens this year's plan, signs it with the demo certificate, saves the signed
 *     PDF through the (stubbed) native save dialog — `pdfsig` says the signature is valid — then locks.
 *
 * It runs against the packaged test build in release-smoke/ (`npm run dist:smoke`: the installers' configuration
 * with the one fuse Playwright needs left on, see electron-builder.smoke.cjs), with `npm run test:electron`. It is
 * NOT part of `npm test` and it never skips: without the build it fails and says how to make one. Unverified on
 * this project's own machines (no Electron binary can be downloaded there); the CI workflow
 * .github/workflows/desktop.yml runs it on hosted Linux and Windows runners.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { createDemoSchool, DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../electron/core/demo/school';
import { demoDataDir } from '../../electron/core/paths';
import { demoSeeders } from '../../scripts/demo-seeders';
import { DEMO_DIRECTOR } from '../../scripts/samples/documents';
import { testPlatform } from '../harness/platform';
import { ARTIFACTS_DIR, FAKE } from '../e2e/util';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BUILD_DIR = path.join(ROOT, 'release-smoke');
const SHOTS = path.join(ARTIFACTS_DIR, 'electron');

/** The packaged test build's executable for this OS, or a loud failure that says how to make it. */
function smokeExecutable(): string {
  const candidates =
    process.platform === 'win32'
      ? [path.join(BUILD_DIR, 'win-unpacked', 'Qorgan.exe')]
      : process.platform === 'darwin'
        ? [path.join(BUILD_DIR, 'mac', 'Qorgan.app', 'Contents', 'MacOS', 'Qorgan'), path.join(BUILD_DIR, 'mac-arm64', 'Qorgan.app', 'Contents', 'MacOS', 'Qorgan')]
        : [path.join(BUILD_DIR, 'linux-unpacked', 'qorgan')];
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) {
    throw new Error(
      `The Electron smoke test needs the packaged test build (looked for ${candidates.join(', ')}). ` +
        'Run `npm run dist:smoke` first, on a machine that can download Electron (see README, "The Electron smoke test"). ' +
        'This test does not skip.',
    );
  }
  return found;
}

const temps: string[] = [];
function tempDir(tag: string): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), `qorgan-electron-${tag}-`));
  temps.push(d);
  return d;
}

async function launch(userData: string, args: string[] = []): Promise<{ app: ElectronApplication; page: Page }> {
  const app = await _electron.launch({
    executablePath: smokeExecutable(),
    args,
    env: { ...process.env, QORGAN_USER_DATA: userData },
    timeout: 60_000,
  });
  const page = await app.firstWindow();
  page.setDefaultTimeout(30_000);
  return { app, page };
}

async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

/** The save dialog of the real main process answers with this path (the platform calls dialog.showSaveDialog). */
async function answerSaveDialog(app: ElectronApplication, filePath: string): Promise<void> {
  await app.evaluate(({ dialog }, p) => {
    dialog.showSaveDialog = () => Promise.resolve({ canceled: false, filePath: p });
  }, filePath);
}

async function login(page: Page, who: string, password: string): Promise<void> {
  const form = page.getByTestId('login-form');
  await form.waitFor();
  await form.locator('input[name="login"]').fill(who);
  await form.locator('input[name="password"]').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('session-name').waitFor({ timeout: 60_000 });
}

afterAll(() => {
  for (const d of temps) fs.rmSync(d, { recursive: true, force: true });
});

describe('the packaged app in real Electron', () => {
  it('first run: wizard → home → Ctrl+L locks → log in again', async () => {
    const { app, page } = await launch(tempDir('first-run'));
    try {
      await page.getByTestId('setup-step-0').waitFor({ timeout: 60_000 });
      expect(await page.locator('html').getAttribute('lang')).toBe('kk');
      await page.getByTestId('setup-next').click();
      for (const [key, value] of Object.entries(FAKE.school)) await page.getByTestId(`school-${key}`).fill(value);
      await page.getByTestId('setup-next').click();
      const account = page.getByTestId('setup-step-2');
      await account.waitFor();
      await account.locator('input[name="login"]').fill(FAKE.director.login);
      await account.locator('input[name="password"]').fill(FAKE.director.password);
      await account.locator('input[name="repeatPassword"]').fill(FAKE.director.password);
      await page.getByTestId('setup-create').click();
      await page.getByTestId('recovery-key').waitFor({ timeout: 60_000 });
      await page.getByTestId('key-stored').check();
      await page.getByTestId('setup-next').click();
      await page.getByTestId('setup-finish').click();
      await page.getByTestId('session-name').waitFor();
      expect(await page.getByTestId('session-name').innerText()).toBe(FAKE.director.displayName);
      await shot(page, '01-home');
      // the preload bridge is the only thing the page has: no Node in the renderer
      expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
      expect(await page.evaluate(() => typeof (globalThis as { qorgan?: unknown }).qorgan)).toBe('object');

      // Ctrl+L: the menu's accelerator in the main process locks the core; the page forgets and shows the login
      await page.keyboard.press('Control+KeyL');
      await page.getByTestId('login-form').waitFor();
      expect(await page.locator('body').innerText()).not.toContain(FAKE.director.displayName);
      await login(page, FAKE.director.login, FAKE.director.password);
      await shot(page, '02-logged-in-again');
    } finally {
      await app.close();
    }
  }, 300_000);

  it('demo school: the director signs this year\'s plan, saves the signed PDF (valid signature), locks', async () => {
    smokeExecutable(); // fail at once, not after a minute of making the demo school
    const userData = tempDir('demo');
    await createDemoSchool(testPlatform(demoDataDir(userData)), { reset: true, seeders: demoSeeders });
    const out = tempDir('out');
    const { app, page } = await launch(userData, ['--demo']);
    try {
      await page.getByTestId('login-form').waitFor({ timeout: 60_000 });
      const director = DEMO_ACCOUNTS.find((a) => a.roles.includes('director'));
      expect(director).toBeDefined();
      await login(page, director?.login ?? '', DEMO_PASSWORD);
      await page.getByTestId('nav-plans').click();
      await page.locator('[data-testid^="plan-row-"] a').first().click();
      await page.getByTestId('tab-approval').click();
      await page.getByTestId('approval-panel').waitFor();
      await page.getByTestId('plan-sign').click();
      await page.getByTestId('sign-form').waitFor({ timeout: 60_000 });
      await page.getByTestId('sign-password').fill(DEMO_DIRECTOR.password);
      await page.getByTestId('sign-submit').click();
      await page.getByTestId('plan-signed').waitFor({ timeout: 120_000 });
      await shot(page, '03-plan-signed');

      const pdfPath = path.join(out, 'plan-kk.pdf');
      await answerSaveDialog(app, pdfPath);
      await page.getByTestId('plan-signed-save').click();
      await expect.poll(() => fs.existsSync(pdfPath) && fs.statSync(pdfPath).size > 1000, { timeout: 60_000 }).toBe(true);
      const sig = execFileSync('pdfsig', [pdfPath], { encoding: 'utf8' });
      expect(sig).toContain('Signature is Valid');
      expect(sig).not.toMatch(/Signature is Invalid|Digest Mismatch/i);

      await page.keyboard.press('Control+KeyL');
      await page.getByTestId('login-form').waitFor();
      await shot(page, '04-locked');
    } finally {
      await app.close();
    }
  }, 600_000);
});
