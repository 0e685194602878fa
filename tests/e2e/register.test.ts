/**
 * The intra-school register in Chromium on the demo school: the social pedagogue sees who is on the register with
 * the due reviews marked, puts a pupil on (decision, grounds) → the first review falls a quarter later → with the
 * clock moved past it, the review shows as due → takes the pupil off; the class teacher has no register at all.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pupil, PupilPage } from '../../shared/pupils';
import type { RegisterList } from '../../shared/register';
import { DEMO_PASSWORD } from '../../electron/core/demo/school';
import { demoRegisterSeeder } from '../../electron/core/register/demo';
import type { Harness } from '../harness/server';
import { englishWords, screenshot } from './util';
import { startDemoBrowser, type DemoBrowser } from './demo-browser';

let harness: Harness;
let page: Page;
const NOW = new Date('2026-11-30T09:00:00');

async function login(login: string): Promise<void> {
  const form = page.getByTestId('login-form');
  await form.locator('input[name="login"]').fill(login);
  await form.locator('input[name="password"]').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('login-form').waitFor({ state: 'detached' });
}

async function list(): Promise<RegisterList> {
  const r = await harness.core.invoke('register.list', {});
  if (!r.ok) throw new Error(r.error.code);
  return r.value as RegisterList;
}

describe('register screen', () => {
  let demo: DemoBrowser | undefined;
  beforeAll(async () => {
    demo = await startDemoBrowser('register', { now: NOW, seeders: [demoRegisterSeeder], viewport: { width: 1366, height: 768 } });
    ({ harness, page } = demo);
  });
  afterAll(() => demo?.close());

  it('puts a pupil on, shows the review as due once the clock passes it, takes the pupil off', async () => {
    await page.goto(harness.url);
    await login('socped');
    await page.goto(`${harness.url.split('?')[0]}#/register`);
    const table = page.getByTestId('register-table');
    await expect.poll(() => table.getByTestId('register-row').count(), { timeout: 30_000 }).toBe(6);
    expect(await table.getByTestId('review-due').count()).toBe(2);
    await screenshot(page, 'register-list-1366');
    expect(await englishWords(page, ['socped'])).toEqual([]);

    // a pupil not on the register
    const pupils = await harness.core.invoke('pupils.list', { pageSize: 200 });
    const free = (pupils.ok ? (pupils.value as PupilPage).items : []).find((p: Pupil) => p.onRegister === false && p.grade >= 5)!;
    await page.getByTestId('register-put-on-new').click();
    await page.getByTestId('register-pupil-search').fill(free.lastName);
    await page.getByTestId('register-pupil').click();
    await page.getByRole('option', { name: new RegExp(`${free.lastName} ${free.firstName} — ${free.grade} ${free.classLetter}`) }).first().click();
    await page.getByTestId('register-on-number').fill('42');
    await page.getByTestId('register-grounds').click();
    await page.getByRole('option', { name: /Буллингке/ }).click();
    await page.keyboard.press('Escape');
    await screenshot(page, 'register-put-on-1366');
    await page.getByTestId('register-put-on-save').click();
    await expect.poll(async () => (await list()).items.length).toBe(7);
    const mine = (await list()).items.find((i) => i.pupilId === free.id)!;
    expect(mine).toMatchObject({ on: { number: '42', date: '2026-11-30', body: 'council' }, nextReviewOn: '2027-02-28', reviewDue: false });
    const row = table.getByTestId('register-row').filter({ hasText: `${free.lastName} ${free.firstName}` });
    await expect.poll(() => row.innerText()).toContain('28.02.2027');
    expect(await row.getByTestId('review-due').count()).toBe(0);

    // three months on: the review is due (the jump idle-locks the session: log in again)
    harness.platform.setNow(new Date('2027-03-01T09:00:00'));
    await harness.core.invoke('auth.lock', {});
    await page.reload();
    await login('socped');
    await page.goto(`${harness.url.split('?')[0]}#/register`);
    await expect.poll(() => row.getByTestId('review-due').count(), { timeout: 30_000 }).toBe(1);
    expect((await list()).items.find((i) => i.pupilId === free.id)?.reviewDue).toBe(true);
    await screenshot(page, 'register-due-1366');
    await page.setViewportSize({ width: 1024, height: 768 });
    await screenshot(page, 'register-due-1024');
    await page.setViewportSize({ width: 1366, height: 768 });

    // open it and take the pupil off
    await row.click();
    await page.getByTestId('register-open-entry').waitFor();
    // let the drawer finish sliding in
    await page.waitForTimeout(600);
    await screenshot(page, 'register-pupil-drawer-1366');
    await page.getByTestId('register-take-off').click();
    await page.getByTestId('register-off-number').fill('43');
    await page.getByTestId('register-take-off-save').click();
    await expect.poll(async () => (await list()).items.some((i) => i.pupilId === free.id)).toBe(false);
    const after = await harness.core.invoke('pupils.get', { id: free.id });
    expect(after.ok && (after.value as Pupil).onRegister).toBe(false);
    await page.getByTestId('pupil-register').getByText(/42/).first().waitFor();
  });

  it('the class teacher has no register in the navigation and cannot open it', async () => {
    await harness.core.invoke('auth.lock', {});
    await page.reload();
    await login('teacher');
    expect(await page.getByText('Мектепішілік есеп').count()).toBe(0);
    const r = await harness.core.invoke('register.list', {});
    expect(r.ok ? null : r.error.code).toBe('auth.forbidden');
  });
});
