/**
 * The audit screen in Chromium on the real core, after the attacks of issue 8: failed logins removed from the
 * sealed queue while the program was locked, then the newest entries of the log deleted. Verify shows each finding
 * translated, with its numbers; a change is refused with the translated `audit.broken`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import kk from '../../renderer/src/i18n/kk.json';
import { QUEUE_FILE } from '../../electron/core/audit/pending';
import { startHarness, type Harness } from '../harness/server';
import { englishWords, FAKE, launchBrowser, screenshot, type Browser } from './util';

let harness: Harness;
let browser: Browser;
let page: Page;
let dataDir: string;
let stick: string;
let recoveryKey: string;

const poll = <T,>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 30_000, interval: 100 });

async function shot(name: string, allowed: string[] = []) {
  await screenshot(page, name);
  expect(await englishWords(page, [FAKE.director.login, ...allowed])).toEqual([]);
}

describe('audit screen in Chromium', () => {
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qorgan-e2e-audit-'));
    harness = await startHarness({ dataDir });
    const setup = await harness.core.invoke('auth.setup', {
      language: 'kk',
      school: FAKE.school,
      account: { login: FAKE.director.login, displayName: FAKE.director.displayName, roles: ['director', 'administrator'], password: FAKE.director.password },
    });
    expect(setup.ok).toBe(true);
    recoveryKey = setup.ok ? (setup.value as { recoveryKey: string }).recoveryKey : '';
    // a backup on a "stick": its manifest carries the head of the log
    stick = fs.mkdtempSync(path.join(os.tmpdir(), 'qorgan-e2e-audit-stick-'));
    expect((await harness.core.invoke('backup.enable', { recoveryKey })).ok).toBe(true);
    harness.platform.dialogAnswers.push(stick);
    await harness.core.invoke('backup.chooseFolder', {});
    const job = await harness.core.invoke('backup.start', { targetDir: stick });
    expect(job.ok).toBe(true);
    for (let i = 0; i < 3000; i++) {
      const j = await harness.core.invoke('backup.job', { id: job.ok ? (job.value as { id: string }).id : '' });
      if (j.ok && (j.value as { phase: string } | null)?.phase === 'done') break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(fs.readdirSync(stick).filter((f) => f.endsWith('.qorgan'))).toHaveLength(1);
    browser = await launchBrowser();
    page = browser.page;
    page.setDefaultTimeout(20_000);
  });

  afterAll(async () => {
    await browser?.close();
    await harness?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    if (stick) fs.rmSync(stick, { recursive: true, force: true });
  });

  it('shows failed logins removed while locked, then a cut tail, and refuses changes', async () => {
    onTestFailed(async () => {
      await screenshot(page, 'audit-zz-failure');
    });
    await harness.core.invoke('auth.lock', {});
    for (let i = 0; i < 3; i++) await harness.core.invoke('auth.login', { login: FAKE.director.login, password: `wrong-${i}-password` });
    // the attacker empties the queue of failed logins
    const file = path.join(dataDir, QUEUE_FILE);
    const q = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(file, JSON.stringify({ ...q, items: [], throttle: {} }));

    await page.goto(harness.url);
    const form = page.getByTestId('login-form');
    await form.waitFor();
    await form.locator('input[name="login"]').fill(FAKE.director.login);
    await form.locator('input[name="password"]').fill(FAKE.director.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('session-name').waitFor();
    await page.goto(`${harness.url}#/audit`);
    await page.getByTestId('audit-verify').click();
    const result = page.getByTestId('audit-verify-result');
    await poll(() => result.innerText()).toContain(kk.audit.verifyBrokenTitle);
    await poll(() => page.getByTestId('audit-verify-problems').innerText()).toContain(kk.audit.tamper.entries_removed);
    await shot('audit-01-queue-tampered');

    // the newest entry deleted (by someone with the key, triggers dropped), the head left as it was
    const sqlite = harness.core.state.sqlite;
    const last = (sqlite.prepare('SELECT max(id) AS id FROM audit_log').get() as { id: number }).id;
    sqlite.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
    sqlite.prepare('DELETE FROM audit_log WHERE id > ?').run(last - 1);
    await page.getByTestId('audit-verify').click();
    const reason = page.getByTestId('audit-verify-reason');
    await poll(() => reason.innerText()).toContain(`№${last - 1}`);
    expect(await page.getByTestId('audit-verify-problems').innerText()).toContain(kk.audit.tamper.entries_removed);
    expect(await reason.innerText()).toContain(`№${last}`);
    await shot('audit-02-cut-tail');

    // the backup on the stick says the same from outside the PC
    await page.getByTestId('audit-check-backup').click();
    const backupName = fs.readdirSync(stick).find((f) => f.endsWith('.qorgan')) ?? '';
    harness.platform.dialogAnswers.push(path.join(stick, backupName));
    await page.getByTestId('audit-check-choose').click();
    await page.getByTestId('audit-check-recovery-key').fill(recoveryKey);
    await page.getByTestId('audit-check-submit').click();
    // only the newest entry (after the backup) was cut: what the backup saw is still there, unchanged
    await poll(() => page.getByTestId('audit-check-result').getAttribute('data-result')).toBe('consistent');
    await shot('audit-03-backup-check', [backupName]);
    await page.keyboard.press('Escape');

    // a change is refused with the translated message
    const r = await harness.core.invoke('settings.update', { idleLockMinutes: 12 });
    expect(r.ok ? null : r.error.code).toBe('audit.broken');
    expect(kk.errors.audit.broken.length).toBeGreaterThan(20);
  });
});
