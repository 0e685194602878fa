/**
 * Concerns → cases in Chromium on the demo school (issue 9, "Done when"): the class teacher logs a bullying concern
 * about three pupils in roles → the psychologist makes it a case and adds a task due in 10 days, owned by the class
 * teacher → the class teacher cannot open the case (refused by the core, audited as denied) but sees the task and the
 * answer → every case view is in the audit log. Screenshots at 1366×768 and 1024×768.
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
const WHAT = 'Үзілісте екі оқушы бір баланы итеріп, сөмкесін лақтырды; үшінші оқушы көріп тұрды (e2e тест).';

const login = (name: string) => logIn(page, name);

async function lockAndLogin(name: string) {
  await page.getByTestId('lock-button').click();
  await login(name);
}

async function choose(testId: string, option: string) {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function shots(name: string) {
  for (const [w, h] of [
    [1366, 768],
    [1024, 768],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await screenshot(page, `${name}-${w}`);
  }
  await page.setViewportSize({ width: 1280, height: 860 });
}

function inDays(n: number): { iso: string; dotted: string } {
  const d = new Date(Date.now() + n * 86_400_000);
  const local = new Date(d.toLocaleString('en-US', { timeZone: 'Asia/Almaty' }));
  const iso = `${local.getFullYear()}-${String(local.getMonth() + 1).padStart(2, '0')}-${String(local.getDate()).padStart(2, '0')}`;
  return { iso, dotted: iso.split('-').reverse().join('.') };
}

describe('concerns and cases in Chromium', () => {
  let demo: DemoBrowser | undefined;
  beforeAll(async () => {
    demo = await startDemoBrowser('cases', { seeders: [demoCasesSeeder] });
    ({ harness, page } = demo);
  });
  afterAll(() => demo?.close());

  it('a class teacher’s concern becomes a case with a task; the teacher sees the task and the answer, not the case', async () => {
    onTestFailed(async () => {
      await screenshot(page, 'cases-zz-failure');
    });
    // the DB is open only while someone is logged in
    const sql = () => harness.core.state.sqlite;
    const accountId = (login: string) => (sql().prepare('SELECT id FROM accounts WHERE login = ?').get(login) as { id: string }).id;

    // 1. the class teacher logs a bullying concern about three pupils of their class, in three roles
    await page.goto(harness.url);
    await login('teacher');
    await page.goto(`${harness.url}#/concerns`);
    await page.getByTestId('concern-new').click();
    await page.getByTestId('concern-what').fill(WHAT);
    await page.getByTestId('concern-time').fill('10:40');
    await page.getByTestId('concern-where').fill('Екінші қабат');
    await choose('concern-harm', kk.cases.harm.bullying);
    const picker = page.getByTestId('pupil-picker');
    // three pupils of the teacher's classes, found by name (the demo's surnames: Мысалов, Сынақова …)
    let picked = 0;
    for (const prefix of ['Мыс', 'Сын', 'Үлгі', 'Демо', 'Тәж']) {
      if (picked === 3) break;
      await picker.fill(prefix);
      const option = page.getByRole('option').first();
      const none = page.getByText(kk.cases.noPupilFound);
      await poll(async () => (await option.count()) + (await none.count())).toBeGreaterThan(0);
      if ((await option.count()) === 0) continue;
      expect(await option.innerText()).toContain(prefix);
      await option.click();
      picked++;
      await poll(() => page.getByTestId('picked-pupils').locator('tr').count()).toBe(picked);
    }
    expect(picked).toBe(3);
    await choose('picked-role-1', kk.cases.role.initiator);
    await poll(() => page.getByTestId('picked-role-0').inputValue()).toBe(kk.cases.role.targeted);
    await poll(() => page.getByTestId('picked-role-2').inputValue()).toBe(kk.cases.role.witness);
    await shots('cases-01-teacher-concern-form');
    expect(await englishWords(page, LOGINS)).toEqual([]);
    await page.getByTestId('concern-submit').click();
    await page.getByTestId('concern-form').waitFor({ state: 'detached' });
    const number = (sql().prepare('SELECT max(number) AS n FROM concerns').get() as { n: number }).n;
    const mine = page.getByTestId('my-concerns');
    await poll(() => mine.innerText()).toContain(kk.cases.concernStatus.awaiting);
    // the content is nowhere in the clear in the DB row
    const row = sql().prepare('SELECT * FROM concerns WHERE number = ?').get(number) as Record<string, unknown>;
    expect(JSON.stringify(row)).not.toContain('сөмкесін');

    // 2. the psychologist triages it into a new case
    await lockAndLogin('psychologist');
    await page.goto(`${harness.url}#/concerns/inbox`);
    await page.getByTestId(`concern-row-${number}`).click();
    const detail = page.getByTestId('concern-detail');
    await poll(() => detail.innerText()).toContain('сөмкесін');
    const text = await detail.innerText();
    for (const r of ['targeted', 'initiator', 'witness'] as const) expect(text).toContain(kk.cases.role[r]);
    await page.getByTestId('triage-title').fill('7-сынып: үзілістегі буллинг (e2e)');
    await choose('triage-risk', kk.cases.risk.high);
    await page.getByTestId('triage-answer').fill('Кейс ашылды, психолог айналысады. Рақмет!');
    await shots('cases-02-psychologist-triage');
    await page.getByTestId('triage-submit').click();
    await page.getByTestId('case-screen').waitFor();
    const caseId = new URL(page.url().replace('#', '')).searchParams.get('id') ?? '';
    expect(caseId).toMatch(/^[0-9a-f-]{36}$/u);
    await poll(() => page.getByTestId('case-pupils').locator('tr').count()).toBe(3);

    // 3. a task due in 10 days, owned by the class teacher
    await page.getByTestId('task-title').fill('Сынып сағатын өткізу (e2e)');
    await page.getByTestId('date-task-due-plus-10').click();
    const due = inDays(10);
    await poll(() => page.getByTestId('date-task-due').inputValue()).toBe(due.dotted);
    await choose('task-owner', 'Сынып жетекшісі (демо)');
    await page.getByTestId('task-add').click();
    const task = page.getByTestId('case-task');
    await poll(() => task.count()).toBe(1);
    expect(await task.innerText()).toContain(due.dotted);
    const stored = sql().prepare('SELECT due_on, owner_id FROM case_tasks WHERE case_id = ?').get(caseId) as { due_on: string; owner_id: string };
    expect(stored).toEqual({ due_on: due.iso, owner_id: accountId('teacher') });
    await shots('cases-03-case-screen');
    expect(await englishWords(page, LOGINS)).toEqual([]);

    // the case list: ordered by risk, the new case among the high ones
    await page.goto(`${harness.url}#/cases`);
    const table = page.getByTestId('cases-table');
    await table.waitFor();
    const risks = await table.locator('tbody tr td:nth-child(2)').allInnerTexts();
    const order = ['acute', 'high', 'medium', 'low', 'none'].map((r) => kk.cases.risk[r as keyof typeof kk.cases.risk]);
    const ranks = risks.map((r) => order.indexOf(r.trim()));
    expect(ranks.every((r, i) => r >= 0 && (i === 0 || r >= ranks[i - 1]!))).toBe(true);
    await shots('cases-04-case-list');
    expect(await englishWords(page, LOGINS)).toEqual([]);

    // 4. the class teacher cannot open the case: refused by the core and audited as denied; the task shows
    await lockAndLogin('teacher');
    const before = (sql().prepare('SELECT max(id) AS n FROM audit_log').get() as { n: number }).n;
    await page.goto(`${harness.url}#/case?id=${caseId}`);
    const refused = page.getByTestId('case-forbidden');
    await refused.waitFor();
    await poll(() => refused.innerText()).toContain('Сынып сағатын өткізу (e2e)');
    expect(await page.getByTestId('case-screen').count()).toBe(0);
    const denied = sql()
      .prepare(`SELECT account_id, outcome FROM audit_log WHERE id > ? AND action = 'cases.get'`)
      .all(before) as { account_id: string; outcome: string }[];
    expect(denied).toEqual([{ account_id: accountId('teacher'), outcome: 'denied' }]);
    await shots('cases-05-teacher-refused');
    await page.goto(`${harness.url}#/concerns`);
    await poll(() => page.getByTestId('my-concerns').innerText()).toContain('Кейс ашылды, психолог айналысады. Рақмет!');
    await poll(() => page.getByTestId('my-tasks').innerText()).toContain('Сынып сағатын өткізу (e2e)');
    expect(await page.getByTestId('my-concerns').innerText()).not.toContain('сөмкесін');
    await shots('cases-06-teacher-my-concerns');
    expect(await englishWords(page, LOGINS)).toEqual([]);

    // 5. every view of the case is in the audit log (sensitive reads), by the psychologist
    const views = sql()
      .prepare(`SELECT account_id, outcome FROM audit_log WHERE action = 'cases.get' AND entity_id = ? AND outcome = 'ok'`)
      .all(caseId) as { account_id: string }[];
    expect(views.length).toBeGreaterThan(0);
    expect(new Set(views.map((v) => v.account_id))).toEqual(new Set([accountId('psychologist')]));
  });
});
