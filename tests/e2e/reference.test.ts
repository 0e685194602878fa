/**
 * The reference and the case documents in Chromium on the demo school (issue 10, item 5; issue 9, item 6): a class
 * teacher opens the reference from the concern form and prints the sheet; the psychologist opens it from a case; the
 * director signs the case summary and a letter to parents from the case's Documents section; the /reference screen.
 * Screenshots at 1024×768 (and 1366×768 for the screen).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import kk from '../../renderer/src/i18n/kk.json';
import { demoCasesSeeder } from '../../electron/core/cases/demo';
import type { Harness } from '../harness/server';
import { englishWords, screenshot, logIn } from './util';
import { startDemoBrowser, type DemoBrowser } from './demo-browser';

let harness: Harness;
let page: Page;

const poll = <T,>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 30_000, interval: 100 });
const LOGINS = ['director', 'teacher', 'secretary', 'psychologist', 'deputy', 'admin', 'socped'];
const SIGN = 'e2e signing password';

const login = (name: string) => logIn(page, name);

async function lockAndLogin(name: string) {
  await page.getByTestId('lock-button').click();
  await login(name);
}

async function shot(name: string, sizes: readonly (readonly [number, number])[] = [[1024, 768]]) {
  for (const [w, h] of sizes) {
    await page.setViewportSize({ width: w, height: h });
    await screenshot(page, `${name}-${w}`);
  }
  await page.setViewportSize({ width: 1280, height: 860 });
}

describe('the reference and the case documents in Chromium', () => {
  let demo: DemoBrowser | undefined;
  beforeAll(async () => {
    demo = await startDemoBrowser('reference', { seeders: [demoCasesSeeder] });
    ({ harness, page } = demo);
  });
  afterAll(() => demo?.close());

  it('a class teacher opens the reference from the concern form and prints it', async () => {
    onTestFailed(async () => {
      await screenshot(page, 'reference-zz-failure-1');
    });
    await page.goto(harness.url);
    await login('teacher');
    await page.goto(`${harness.url}#/concerns`);
    await page.getByTestId('concern-new').click();
    await page.getByTestId('concern-form').waitFor();
    await page.getByTestId('reference-open').click();
    const drawer = page.getByTestId('reference-content');
    await drawer.waitFor();
    for (const n of ['111', '150', '102', '103', '112']) await page.getByTestId(`helpline-${n}`).waitFor();
    const text = await drawer.innerText();
    expect(text).toContain('Балалар мен жастарға арналған ұлттық сенім телефоны');
    expect(text).toContain('Құпия сақтаймын деп ешқашан уәде бермеңіз.');
    await shot('reference-01a-teacher-drawer-top');
    await page.getByTestId('checklist-bullying').click();
    await poll(() => drawer.innerText()).toContain('Мектептен, белгілі сабақтан');
    await shot('reference-01-teacher-drawer');
    const printed = harness.platform.printed.length;
    await page.getByTestId('reference-print').click();
    await poll(() => harness.platform.printed.length).toBe(printed + 1);
    expect(harness.platform.printed.at(-1)?.bytes).toBeGreaterThan(10_000);
    await page.keyboard.press('Escape');
    await page.getByTestId('reference-content').waitFor({ state: 'detached' });
  });

  it('the psychologist opens it from a case; the director signs the case summary and a letter to parents', async () => {
    onTestFailed(async () => {
      await screenshot(page, 'reference-zz-failure-2');
    });
    const sql = () => harness.core.state.sqlite;
    await lockAndLogin('psychologist');
    const kase = sql().prepare("SELECT c.id, c.number FROM cases c WHERE c.stage = 'intervention' ORDER BY c.number LIMIT 1").get() as { id: string; number: number };
    await page.goto(`${harness.url}#/case?id=${kase.id}`);
    await page.getByTestId('case-screen').waitFor();
    await page.getByTestId('reference-open').click();
    await page.getByTestId('reference-content').waitFor();
    await page.getByTestId('checklist-suicide_risk').click();
    await shot('reference-02-case-drawer');
    await page.keyboard.press('Escape');
    await page.getByTestId('reference-content').waitFor({ state: 'detached' });
    await page.getByTestId('case-documents').waitFor();

    await lockAndLogin('director');
    await page.goto(`${harness.url}#/case?id=${kase.id}`);
    const section = page.getByTestId('case-documents');
    await section.waitFor();
    // the case summary: the director makes a certificate on the way, then signs
    await page.getByTestId('case-summary-sign').click();
    const create = page.getByTestId('cert-create-form');
    const signForm = page.getByTestId('sign-form');
    await poll(async () => (await create.count()) + (await signForm.count())).toBeGreaterThan(0);
    if ((await create.count()) > 0) {
      await create.locator('input[name="certPassword"]').fill(SIGN);
      await create.locator('input[name="certRepeat"]').fill(SIGN);
      await page.getByTestId('cert-create-submit').click();
      await signForm.waitFor();
    }
    await page.getByTestId('sign-password').fill(SIGN);
    await shot('reference-03-sign-summary');
    const shown = harness.platform.shown.length;
    await page.getByTestId('sign-submit').click();
    await poll(() => harness.platform.shown.length).toBe(shown + 1);
    await poll(() => section.getByTestId('case-documents-list').locator('tr').count()).toBe(1);
    expect(await section.innerText()).toContain(kk.documents.kind.case_summary);

    // the letter to parents: one pupil, when and where, then the signature
    await page.getByTestId('parent-letter-open').click();
    const form = page.getByTestId('letter-form');
    await form.waitFor();
    await page.getByTestId('letter-addressee').fill('Демо ата-ана');
    await page.getByTestId('date-letter-date-plus-3').click();
    await page.getByTestId('letter-time').fill('15:30');
    await page.getByTestId('letter-place').fill('мектеп, 2-қабат, психолог кабинеті');
    await shot('reference-04-letter-form');
    await page.getByTestId('letter-next').click();
    await signForm.waitFor();
    await page.getByTestId('sign-password').fill(SIGN);
    await page.getByTestId('sign-submit').click();
    await poll(() => harness.platform.shown.length).toBe(shown + 2);
    await poll(() => section.getByTestId('case-documents-list').locator('tr').count()).toBe(2);
    await shot('reference-05-case-documents');
    // register numbers are Latin by design (CS-1/2026, LT-1/2026: the same in kk and ru documents)
    expect(await englishWords(page, [...LOGINS, 'CS-', 'LT-'])).toEqual([]);
    const kinds = (sql().prepare("SELECT kind FROM documents WHERE source_type = 'case' AND source_id = ? ORDER BY rowid").all(kase.id) as { kind: string }[]).map((r) => r.kind);
    expect(kinds).toEqual(['case_summary', 'parent_letter']);
  });

  it('the reference screen in the navigation', async () => {
    await page.goto(`${harness.url}#/reference`);
    await page.getByTestId('reference-screen').waitFor();
    await page.getByTestId('helpline-111').waitFor();
    await shot('reference-06-screen', [
      [1366, 768],
      [1024, 768],
    ]);
    // in Russian, as the screen's language (switched in the settings)
    await page.goto(`${harness.url}#/settings`);
    await page.getByTestId('language-switch').getByText('Русский').click();
    await poll(() => page.locator('html').getAttribute('lang')).toBe('ru');
    await page.goto(`${harness.url}#/reference`);
    await poll(() => page.getByTestId('reference-content').innerText()).toContain('Национальный телефон доверия для детей и молодёжи');
    expect(await page.getByTestId('reference-content').innerText()).toContain('Никогда не обещайте сохранить это в секрете.');
    await shot('reference-07-screen-ru');
    const printed = harness.platform.printed.length;
    await page.getByTestId('reference-print').click();
    await poll(() => harness.platform.printed.length).toBe(printed + 1);
    await page.goto(`${harness.url}#/settings`);
    await page.getByTestId('language-switch').getByText('Қазақша').click();
    await poll(() => page.locator('html').getAttribute('lang')).toBe('kk');
  });
});
