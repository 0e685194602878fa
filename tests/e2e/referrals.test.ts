/**
 * Referrals in Chromium on the demo school (issue 10, "Done when": a referral past its answer date is on the
 * overdue list): the psychologist drafts a referral on a case of theirs and marks it sent with the answer due in ten
 * days → the clock moves past that date → the referral is on the overdue work list and red on the case and on the
 * school's referrals screen → the director signs the letter (PDF), which is saved where he chose and verifies with
 * pdfsig.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCasesSeeder } from '../../electron/core/cases/demo';
import { DEMO_PASSWORD } from '../../electron/core/demo/school';
import { seedDemoReferrals } from '../../electron/core/referrals/demo';
import { DEMO_DIRECTOR, ensureDemoDirectorSigner } from '../../scripts/samples/documents';
import { flat, pdfText, pdfsig, qpdfCheck } from '../integration/documents/helpers';
import type { Harness } from '../harness/server';
import { englishWords, screenshot } from './util';
import { startDemoBrowser, type DemoBrowser } from './demo-browser';

let harness: Harness;
let page: Page;
let dataDir: string;
const NOW = new Date('2026-11-30T09:00:00');
const AGENCY = 'Жасөспірімдер денсаулығы орталығы, e2e (демо)';

async function login(login: string): Promise<void> {
  const form = page.getByTestId('login-form');
  await form.locator('input[name="login"]').fill(login);
  await form.locator('input[name="password"]').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('login-form').waitFor({ state: 'detached' });
}

async function relogin(who: string): Promise<void> {
  await harness.core.invoke('auth.lock', {});
  await page.reload();
  await login(who);
}

const base = () => harness.url.split('?')[0];

describe('referrals', () => {
  let caseId = '';

  let demo: DemoBrowser | undefined;
  beforeAll(async () => {
    demo = await startDemoBrowser('referrals', {
      now: NOW,
      seeders: [demoCasesSeeder, async (core, now) => seedDemoReferrals(core, now, { director: await ensureDemoDirectorSigner(core) })],
      viewport: { width: 1024, height: 768 },
    });
    ({ harness, page, dataDir } = demo);
  });
  afterAll(() => demo?.close());

  it('a referral sent with the answer due in ten days is overdue, in red, once the clock passes that date', async () => {
    await page.goto(harness.url);
    await login('psychologist');
    // an open case the psychologist leads, about one pupil, with no referral yet
    const row = harness.core.state.sqlite
      .prepare(
        `SELECT c.id FROM cases c JOIN accounts a ON a.id = c.lead_id
         WHERE a.login = 'psychologist' AND c.stage NOT IN ('closed', 'identified')
           AND (SELECT count(*) FROM case_pupils p WHERE p.case_id = c.id) = 1
           AND NOT EXISTS (SELECT 1 FROM referrals r WHERE r.case_id = c.id)
         ORDER BY c.number LIMIT 1`,
      )
      .get() as { id: string } | undefined;
    expect(row).toBeDefined();
    caseId = row!.id;
    await page.goto(`${base()}#/case?id=${caseId}`);
    const section = page.getByTestId('case-referrals');
    await section.waitFor();
    await section.getByTestId('referral-new').click();
    await page.getByTestId('referral-agency-type').click();
    await page.getByRole('option', { name: 'Психиатр' }).click();
    await page.getByTestId('referral-agency-name').fill(AGENCY);
    await page.getByTestId('referral-agency-address').fill('Алматы қ., Тест к-сі, 1 (демо)');
    await page.getByTestId('referral-reason').fill('Скрининг оң нәтиже берді; маманның бағалауы қажет (демо).');
    await page.getByTestId('referral-request').fill('Оқушыны қарап, ұсынымдар беруді сұраймыз (демо).');
    await screenshot(page, 'referrals-form-1024');
    await page.getByTestId('referral-save').click();
    const mine = section.getByTestId('referral-row').filter({ hasText: AGENCY });
    await expect.poll(() => mine.getAttribute('data-status')).toBe('draft');

    await mine.getByTestId('referral-send').click();
    await page.getByTestId('referral-send-save').click();
    await expect.poll(() => mine.getAttribute('data-status')).toBe('sent');
    expect(await mine.getByTestId('referral-overdue').count()).toBe(0);
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, 'referrals-case-sent-1024');
    expect(await englishWords(page, ['psychologist'])).toEqual([]);

    // eleven days on (the jump idle-locks the session: log in again)
    harness.platform.setNow(new Date('2026-12-11T09:00:00'));
    await relogin('psychologist');
    await page.goto(`${base()}#/work`);
    await page.getByTestId('worklists-tab-overdue').click();
    const item = page.getByTestId('worklist-row').filter({ hasText: AGENCY });
    await item.waitFor();
    expect(await item.innerText()).toContain('Жолдамаға жауап күтілуде');
    await screenshot(page, 'referrals-overdue-worklist-1024');

    await page.goto(`${base()}#/case?id=${caseId}`);
    await expect.poll(() => page.getByTestId('case-referrals').getByTestId('referral-row').filter({ hasText: AGENCY }).getByTestId('referral-overdue').count()).toBe(1);
    await page.getByTestId('case-referrals').scrollIntoViewIfNeeded();
    await screenshot(page, 'referrals-case-overdue-1024');

    await page.goto(`${base()}#/referrals`);
    await page.getByTestId('referrals-overdue-only').click();
    // this one, the demo's overdue one, and the demo's one that was due in a week (eleven days have passed)
    await expect.poll(() => page.getByTestId('referrals-list-row').count()).toBe(3);
    expect(await page.getByTestId('referrals-overdue').count()).toBe(3);
    await screenshot(page, 'referrals-screen-overdue-1024');
    expect(await englishWords(page, ['psychologist'])).toEqual([]);
  });

  it('the director signs the letter; the saved PDF verifies with pdfsig and names only that pupil', async () => {
    await relogin('director');
    await page.goto(`${base()}#/case?id=${caseId}`);
    const section = page.getByTestId('case-referrals');
    const mine = section.getByTestId('referral-row').filter({ hasText: AGENCY });
    await mine.getByTestId('referral-letter-sign').click();
    await page.getByTestId('sign-certificate').click();
    await page.getByRole('option', { name: new RegExp(DEMO_DIRECTOR.commonName.replace(/[()]/g, '.')) }).click();
    await page.getByTestId('sign-password').fill(DEMO_DIRECTOR.password);
    await page.getByTestId('sign-submit').click();
    // signed: the letter opens in the viewer and its number shows on the row
    await expect.poll(() => harness.platform.shown.length).toBe(1);
    await expect.poll(() => mine.innerText()).toMatch(/RF-\d+\/2026/);
    const out = path.join(dataDir, 'chosen', 'referral.pdf');
    harness.platform.dialogAnswers.push(out);
    await section.getByTestId('referral-letter-save').last().click();
    await expect.poll(() => fs.existsSync(out)).toBe(true);
    const pdf = fs.readFileSync(out);
    expect(pdfsig(pdf).signatures.map((s) => [s.commonName, s.validation])).toEqual([[DEMO_DIRECTOR.commonName, 'Signature is Valid.']]);
    expect(qpdfCheck(pdf).ok).toBe(true);
    const text = flat(pdfText(pdf));
    expect(text).toContain('ЖОЛДАМА');
    expect(text).toContain(AGENCY);
    const pupil = harness.core.state.sqlite
      .prepare('SELECT p.last_name AS last, p.first_name AS first FROM case_pupils cp JOIN pupils p ON p.id = cp.pupil_id WHERE cp.case_id = ?')
      .get(caseId) as { last: string; first: string };
    expect(text).toContain(`${pupil.last} ${pupil.first}`);
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, 'referrals-letter-signed-1024');
  });
});
