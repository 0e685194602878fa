/**
 * Backup and restore in Chromium on the real core through the harness: the administrator enables backups with the
 * recovery key, writes a verified backup to a folder with the progress bar, sees it in the history and on the home
 * screen; then a fresh install restores that file from its first screen and logs in with the backup's account.
 * Screenshots in test-artifacts/e2e/backup-*.png.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import kk from '../../renderer/src/i18n/kk.json';
import { backupTestHooks } from '../../electron/core/backup/handlers';
import { nodeBackupFs } from '../../electron/core/backup/fsio';
import { latestEndedQuarter } from '../../electron/core/district/reminder';
import { openEnvelope } from '../../electron/core/district/report';
import { ensureDemoDirectorSigner } from '../../scripts/samples/documents';
import { isoDate } from '../../shared/calendar';
import { startHarness, type Harness } from '../harness/server';
import { englishWords, FAKE, launchBrowser, screenshot, type Browser } from './util';

const poll = <T,>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 30_000, interval: 100 });

let school: Harness;
let fresh: Harness | null = null;
let browser: Browser;
let page: Page;
const dirs: string[] = [];
let recoveryKey = '';

function tmp(prefix: string): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(d);
  return d;
}

/** Latin shown on purpose: logins, the backup's file name and folder, the age tool's name */
async function shot(name: string, allowed: readonly string[] = []) {
  await screenshot(page, name);
  expect(await englishWords(page, [FAKE.director.login, 'age1', 'age', 'AGE-SECRET-KEY-1…', ...allowed])).toEqual([]);
}

async function login(p: Page) {
  const form = p.getByTestId('login-form');
  await form.locator('input[name="login"]').fill(FAKE.director.login);
  await form.locator('input[name="password"]').fill(FAKE.director.password);
  await p.getByTestId('login-submit').click();
  await p.getByTestId('session-name').waitFor();
}

describe('backup and restore in Chromium', () => {
  beforeAll(async () => {
    school = await startHarness({ dataDir: tmp('qorgan-e2e-backup-') });
    const setup = await school.core.invoke('auth.setup', {
      language: 'kk',
      school: FAKE.school,
      account: { login: FAKE.director.login, displayName: FAKE.director.displayName, roles: ['director', 'administrator'], password: FAKE.director.password },
    });
    expect(setup.ok).toBe(true);
    recoveryKey = setup.ok ? (setup.value as { recoveryKey: string }).recoveryKey : '';
    await school.core.invoke('auth.confirmRecoveryStored', {});
    // the last ended quarter's district report is issued: the backup screen offers to put it on the stick
    const quarter = await latestEndedQuarter(school.core.state.db, isoDate(school.platform.now()));
    if (!quarter) throw new Error('no ended quarter');
    const issued = await school.core.invoke('district.issue', { ...quarter, language: 'kk', schoolCode: '777000000777', signer: await ensureDemoDirectorSigner(school.core) });
    expect(issued.ok).toBe(true);
    // as a school set up before backups existed: the screen asks for the recovery key once
    await school.core.state.db.updateTable('backup_settings').set({ recovery_recipient: null }).execute();
    await school.core.invoke('auth.lock', {});
    browser = await launchBrowser();
    page = browser.page;
    page.setDefaultTimeout(20_000);
  });

  afterAll(async () => {
    backupTestHooks.fs = null;
    await browser?.close();
    await school?.close();
    await fresh?.close();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('backs up to a folder with progress, then a fresh install restores it from its first screen', async () => {
    onTestFailed(async () => {
      await screenshot(page, 'backup-zz-failure');
    });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    await page.goto(school.url);
    await login(page);
    // the home screen says no backup was made yet
    await poll(() => page.getByTestId('backup-reminder').innerText()).toContain(kk.backup.home.never);
    await shot('backup-01-home-due');

    await page.getByTestId('nav-backup').click();
    await page.getByTestId('backup-enable').waitFor();
    await page.getByTestId('backup-enable-key').fill('AAAA-BBBB');
    expect(await page.getByTestId('backup-enable-submit').isDisabled()).toBe(true);
    await page.getByTestId('backup-enable-key').fill(recoveryKey);
    await page.getByTestId('backup-enable-submit').click();
    await page.getByTestId('backup-start').waitFor();
    expect(await page.getByTestId('backup-no-drives').isVisible()).toBe(true);
    await shot('backup-02-screen');

    const stick = tmp('qorgan-e2e-stick-');
    school.platform.dialogAnswers.push(stick);
    await page.getByTestId('backup-choose-folder').click();

    // a full stick: the message says so, and that nothing was lost; no file is left behind
    backupTestHooks.fs = {
      ...nodeBackupFs,
      async create(file) {
        const inner = await nodeBackupFs.create(file);
        return { ...inner, write: async () => Promise.reject(Object.assign(new Error('simulated ENOSPC'), { code: 'ENOSPC' })) };
      },
    };
    await page.getByTestId('backup-start').click();
    await poll(() => page.getByTestId('backup-failed').innerText()).toBe(kk.errors.backup.disk_full);
    backupTestHooks.fs = null;
    expect(fs.readdirSync(stick)).toEqual([]);
    await shot('backup-02b-stick-full', [stick, path.basename(stick)]);

    // ticked by default: the district report (JSON + PDF) goes next to the backup once the backup is verified
    expect(await page.getByTestId('backup-district-report').isChecked()).toBe(true);
    await page.getByTestId('backup-start').click();
    await page.getByTestId('backup-done').waitFor({ timeout: 60_000 });
    await page.getByTestId('backup-district-written').waitFor();
    const all = fs.readdirSync(stick);
    const files = all.filter((f) => f.endsWith('.qorgan'));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^Qorgan-777-\d{4}-\d{2}-\d{2}-\d{4}\.qorgan$/);
    const reportFiles = all.filter((f) => f.startsWith('district-report-'));
    expect(reportFiles).toHaveLength(2);
    const json = reportFiles.find((f) => f.endsWith('.json'));
    expect(reportFiles.find((f) => f.endsWith('-kk.pdf'))).toBeDefined();
    expect(openEnvelope(fs.readFileSync(path.join(stick, json ?? ''))).signature.intact).toBe(true);
    await poll(async () => (await page.getByTestId('backup-history').innerText()).toLowerCase()).toContain(kk.backup.history.verified.toLowerCase());
    expect((await page.getByTestId('backup-history').innerText()).toLowerCase()).toContain(kk.backup.history.failed.toLowerCase());
    await shot('backup-03-done', [files[0] ?? '', ...reportFiles, stick, path.basename(stick)]);

    await page.getByTestId('nav-home').click();
    await poll(() => page.getByTestId('backup-reminder').innerText()).toContain(kk.backup.home.last.split('{{')[0] ?? '');

    // a fresh install: restore from the first screen
    fresh = await startHarness({ dataDir: tmp('qorgan-e2e-fresh-') });
    await page.goto(fresh.url);
    await page.getByTestId('setup-step-0').waitFor();
    await page.getByTestId('setup-restore').click();
    fresh.platform.dialogAnswers.push(path.join(stick, files[0] ?? ''));
    await page.getByTestId('restore-choose-file').click();
    await poll(() => page.getByTestId('restore-file').innerText()).toBe(files[0]);

    // a mistyped key is caught
    await page.getByTestId('restore-recovery-key').fill(recoveryKey.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')));
    await page.getByTestId('restore-check').click();
    await poll(() => page.getByTestId('restore-recovery-key-error').innerText()).toBe(kk.errors.auth.wrong_recovery_key);

    await page.getByTestId('restore-recovery-key').fill(recoveryKey);
    await page.getByTestId('restore-check').click();
    await page.getByTestId('restore-preview').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('restore-preview').innerText()).toContain(FAKE.school.nameKk);
    await shot('backup-04-restore-checked', [files[0] ?? '', recoveryKey]);
    await page.getByTestId('restore-confirm').click();

    // the school's own account logs in on the new install
    await page.getByTestId('login-form').waitFor();
    await login(page);
    expect(await page.getByTestId('home-school-name').innerText()).toBe(FAKE.school.nameKk);
    await shot('backup-05-restored-home');
    expect(errors).toEqual([]);
  });
});
