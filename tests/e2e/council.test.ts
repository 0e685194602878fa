/**
 * The prevention council in Chromium on the demo school (issue 11): the secretary opens the next meeting, whose
 * agenda holds the proposals she accepted (the pupil the council invited again), records the hearing and a measure
 * with a deadline, saves the attendance, and issues the minutes with her signature; the meeting locks. The director
 * logs in later, sees the minutes on his home screen and co-signs them in the register; the meeting shows signed,
 * with each typed decision's effect. The PDF holds two valid signatures and ТЫҢДАЛДЫ / СӨЙЛЕДІ / ҚАУЛЫ ЕТТІ in order.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CHAIR_SIGNING_PASSWORD, DEMO_SECRETARY_SIGNING_PASSWORD, seedDemoCouncil } from '../../electron/core/council/demo';
import { createDemoSchool, DEMO_PASSWORD } from '../../electron/core/demo/school';
import { flat, pdfText, pdfsig } from '../integration/documents/helpers';
import { startHarness, type Harness } from '../harness/server';
import { testPlatform } from '../harness/platform';
import { englishWords, launchBrowser, screenshot, type Browser } from './util';

let harness: Harness;
let browser: Browser;
let page: Page;
let dataDir: string;
let planned = '';
/** badges print in capitals (CSS): compare their text in lower case */
const lower = async (p: Promise<string>) => (await p).toLocaleLowerCase('kk');

async function login(who: string): Promise<void> {
  const lock = page.getByTestId('lock-button');
  if (await lock.count()) await lock.click();
  const form = page.getByTestId('login-form');
  await form.waitFor();
  await form.locator('input[name="login"]').fill(who);
  await form.locator('input[name="password"]').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('login-form').waitFor({ state: 'detached' });
}

describe('council screens', () => {
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qorgan-e2e-council-'));
    await createDemoSchool(testPlatform(dataDir), {
      reset: true,
      pupils: 120,
      seeders: [
        async (core, now) => {
          planned = (await seedDemoCouncil(core, now)).planned;
        },
      ],
    });
    harness = await startHarness({ dataDir, demo: true });
    browser = await launchBrowser();
    page = browser.page;
    page.setDefaultTimeout(20_000);
    await page.goto(harness.url);
    await login('secretary');
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('the secretary sees the year’s meetings and the council’s members', async () => {
    await page.goto(`${harness.url}#/council`);
    await page.getByTestId('council-meeting-3').waitFor();
    expect(await lower(page.getByTestId('council-meeting-1').innerText())).toContain('қол қойылған');
    expect(await lower(page.getByTestId('council-meeting-2').innerText())).toContain('төрағаның қолын күтуде');
    await screenshot(page, 'council-meetings');
    expect(await englishWords(page, ['secretary'])).toEqual([]);
    await page.getByTestId('council-tab-members').click();
    await page.getByText('Б.Тұрсынов (демо)').waitFor();
    await screenshot(page, 'council-members');
  });

  it('records the hearing and a measure with a deadline, then issues and signs the minutes', async () => {
    await page.goto(`${harness.url}#/council/meeting?id=${planned}`);
    await page.getByTestId('agenda-item-1').waitFor();
    expect(await lower(page.getByTestId('meeting-status').innerText())).toContain('жоспарланған');
    await page.getByTestId('attendance-save').click();
    await page.getByTestId('item-heard-1').fill('Сынып жетекшісі оқушының соңғы айдағы сабаққа қатысуы туралы баяндады.');
    await page.getByTestId('item-spoke-1').fill('Педагог-психолог, мектеп инспекторы.');
    await page.getByTestId('decision-add-1').click();
    await page.getByTestId('decision-type-1-1').click();
    await page.getByRole('option', { name: 'Шара тағайындау' }).click();
    await page.getByTestId('decision-text-1-1').fill('Педагог-психологпен аптасына бір рет жеке кездесу өткізілсін.');
    await page.getByTestId('decision-responsible-1-1').fill('педагог-психолог');
    await page.getByTestId('decision-deadline-1-1').fill('2027-02-26');
    await page.getByTestId('item-save-1').click();
    await expect.poll(() => page.getByTestId('decision-type-1-1').inputValue()).toBe('Шара тағайындау');
    await page.getByText('Сақталды').first().waitFor();
    await screenshot(page, 'council-meeting-hearing');
    expect(await englishWords(page, ['secretary'])).toEqual([]);

    await page.getByTestId('minutes-issue').click();
    await page.getByTestId('minutes-password').fill(DEMO_SECRETARY_SIGNING_PASSWORD);
    await page.getByTestId('minutes-sign').click();
    await expect.poll(() => lower(page.getByTestId('meeting-status').innerText())).toContain('төрағаның қолын күтуде');
    await page.getByTestId('decision-1-1').waitFor();
    expect(await page.getByTestId('item-save-1').count()).toBe(0);
    await screenshot(page, 'council-meeting-issued');
  });

  it('the director co-signs from his own login; the meeting is signed and its decisions show their effect', async () => {
    await login('director');
    await page.goto(`${harness.url}#/`);
    const alert = page.getByTestId('home-awaiting-signature');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('хаттамасы № 3');
    await screenshot(page, 'council-home-awaiting');
    await page.goto(`${harness.url}#/documents`);
    const row = page.getByTestId('documents-row').filter({ hasText: 'хаттамасы № 3' });
    await row.getByTestId('documents-cosign').click();
    await page.getByTestId('cosign-password').fill(DEMO_CHAIR_SIGNING_PASSWORD);
    await page.getByTestId('cosign-submit').click();
    await expect.poll(() => row.getByTestId('documents-awaiting').count()).toBe(0);

    await page.goto(`${harness.url}#/council/meeting?id=${planned}`);
    await expect.poll(() => lower(page.getByTestId('meeting-status').innerText())).toContain('қол қойылған');
    expect(await lower(page.getByTestId('effect-1-1').innerText())).toBe('қолмен орындалады');
    await screenshot(page, 'council-meeting-signed');

    const got = await harness.core.invoke('council.meetings.get', { id: planned });
    if (!got.ok) throw new Error('no meeting');
    const documentId = (got.value as { documentId: string }).documentId;
    const pdf = await harness.core.invoke('documents.pdf', { id: documentId });
    if (!pdf.ok) throw new Error('no pdf');
    const bytes = Buffer.from((pdf.value as { base64: string }).base64, 'base64');
    expect(pdfsig(bytes).signatures.map((s) => s.validation)).toEqual(['Signature is Valid.', 'Signature is Valid.']);
    const text = flat(pdfText(bytes));
    const order = ['ТЫҢДАЛДЫ', 'СӨЙЛЕДІ', 'ҚАУЛЫ ЕТТІ'].map((w) => text.indexOf(w));
    expect(order[0]).toBeGreaterThan(0);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(text).toContain('Мерзімі: 2027 жылғы 26 ақпан');
  });
});
