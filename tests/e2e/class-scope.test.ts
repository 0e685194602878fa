/**
 * Class scope in Chromium on the demo school: the administrator adds a class to the class teacher's account in the
 * accounts screen (a mistyped class is caught before the core is asked); the class teacher then lists only the
 * pupils of their classes, with no protection column and no register filter.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import kk from '../../renderer/src/i18n/kk.json';
import type { Harness } from '../harness/server';
import { englishWords, screenshot, logIn } from './util';
import { startDemoBrowser, type DemoBrowser } from './demo-browser';

let harness: Harness;
let page: Page;

const poll = <T,>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 30_000, interval: 100 });

const login = (name: string) => logIn(page, name);

describe('class scope in Chromium', () => {
  let demo: DemoBrowser | undefined;
  beforeAll(async () => {
    demo = await startDemoBrowser('scope');
    ({ harness, page } = demo);
  });
  afterAll(() => demo?.close());

  it('the administrator ties the teacher to a class; the teacher sees only those pupils, without protection fields', async () => {
    onTestFailed(async () => {
      await screenshot(page, 'scope-zz-failure');
    });
    await page.goto(harness.url);
    await login('director');
    await page.goto(`${harness.url}#/accounts`);
    await page.getByTestId('account-menu-teacher').click();
    await page.getByRole('menuitem', { name: kk.accounts.classes }).filter({ visible: true }).click();
    const dialog = page.getByTestId('account-classes-form');
    const input = dialog.getByTestId('account-classes-input');
    // the demo teacher leads the 7th grade classes
    await poll(() => dialog.innerText()).toContain('7 Ә');
    // a mistyped class is caught on the screen
    await input.fill('сегіз');
    await input.press('Enter');
    // away from the field: its suggestions close
    await dialog.getByText(kk.accounts.classesHint).click();
    await page.getByTestId('account-classes-save').click();
    await dialog.getByText(kk.accounts.classesInvalid).waitFor();
    await input.click();
    await input.press('Backspace');
    await input.fill('8ә');
    await input.press('Enter');
    await dialog.getByText(kk.accounts.classesHint).click();
    await screenshot(page, 'scope-01-classes');
    expect(await englishWords(page, ['director', 'teacher', 'secretary', 'psychologist', 'deputy', 'admin', 'socped'])).toEqual([]);
    await page.getByTestId('account-classes-save').click();
    await poll(() => dialog.count()).toBe(0);

    const sqlite = harness.core.state.sqlite;
    const teacherId = (sqlite.prepare(`SELECT id FROM accounts WHERE login = 'teacher'`).get() as { id: string }).id;
    const stored = sqlite.prepare('SELECT grade, class_letter FROM account_classes WHERE account_id = ? ORDER BY grade, class_letter').all(teacherId) as { grade: number; class_letter: string }[];
    expect(stored.some((c) => c.grade === 8 && c.class_letter === 'Ә')).toBe(true);
    expect(stored.every((c) => c.grade === 7 || (c.grade === 8 && c.class_letter === 'Ә'))).toBe(true);
    const expected = (sqlite.prepare(`SELECT count(*) AS n FROM pupils WHERE archived = 0 AND (grade = 7 OR (grade = 8 AND class_letter = 'Ә'))`).get() as { n: number }).n;
    expect(expected).toBeGreaterThan(0);

    await page.getByTestId('lock-button').click();
    await login('teacher');
    await page.goto(`${harness.url}#/pupils`);
    const table = page.getByTestId('pupils-table');
    await poll(() => table.locator('tbody tr').count()).toBe(Math.min(expected, 50));
    const classes = await table.locator('tbody tr td:nth-child(2)').allInnerTexts();
    expect(classes.every((c) => /^7 [АӘБ]$/u.test(c.trim()) || c.trim() === '8 Ә')).toBe(true);
    const head = await table.locator('thead').innerText();
    expect(head).not.toContain(kk.pupils.family);
    expect(head).not.toContain(kk.pupils.register);
    expect(await page.getByText(kk.pupils.onRegisterOnly).count()).toBe(0);
    await screenshot(page, 'scope-02-teacher-pupils');
    expect(await englishWords(page, ['teacher'])).toEqual([]);
  });
});
