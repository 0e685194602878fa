/**
 * ASQ screening in Chromium on the demo school (issue 10, "Done when"): the psychologist screens a pupil of a
 * two-pupil case; "yes" to the acuity question with two questions unanswered does not save without a reason; the
 * acute checklist (red border, full width) stays until every line is answered — done with a time, or not done with
 * a reason — and closed; then the safety plan is written and printed for the pupil: pdftotext holds 111 and 150 and
 * not the other pupil of the case. Screenshots at 1024×768 of the checklist and the plan.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import kk from '../../renderer/src/i18n/kk.json';
import { demoCasesSeeder } from '../../electron/core/cases/demo';
import type { Harness } from '../harness/server';
import { flat, pageCount, pdfText } from '../integration/documents/helpers';
import { ARTIFACTS_DIR, englishWords, screenshot, logIn, axeSerious } from './util';
import { startDemoBrowser, type DemoBrowser } from './demo-browser';


let harness: Harness;
let page: Page;

const poll = <T,>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 30_000, interval: 100 });
const LOGINS = ['director', 'teacher', 'secretary', 'psychologist', 'deputy', 'admin', 'socped'];
const LINES = ['not_alone', 'director', 'parents', 'referral', 'emergency'] as const;

const login = (name: string) => logIn(page, name);

/** What the user sees at 1024×768 with `testId` scrolled into view (the shared helper shoots the full page). */
async function viewShot(testId: string, name: string) {
  await page.setViewportSize({ width: 1024, height: 768 });
  // below the sticky header
  await page.getByTestId(testId).evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 80));
  await page.waitForTimeout(100);
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`) });
}

async function answerAsq(q: string, label: string) {
  await page.getByTestId(`asq-${q}`).getByText(label, { exact: true }).click();
}

describe('ASQ screening and the safety plan in Chromium', () => {
  let demo: DemoBrowser | undefined;
  beforeAll(async () => {
    demo = await startDemoBrowser('screening', { seeders: [demoCasesSeeder] });
    ({ harness, page } = demo);
  });
  afterAll(() => demo?.close());

  it('an acute ASQ walks the checklist and prints the safety plan (111 and 150, no other pupil)', async () => {
    onTestFailed(async () => {
      await screenshot(page, 'screening-zz-failure');
    });
    await page.goto(harness.url);
    await login('psychologist');
    const sql = () => harness.core.state.sqlite;
    // an open case with two pupils: the sheet of one must not carry the other
    const kase = sql()
      .prepare(
        `SELECT c.id FROM cases c WHERE c.stage NOT IN ('closed') AND (SELECT count(*) FROM case_pupils p WHERE p.case_id = c.id) = 2 ORDER BY c.number LIMIT 1`,
      )
      .get() as { id: string };
    const pupils = sql()
      .prepare('SELECT p.id, p.last_name, p.first_name FROM case_pupils cp JOIN pupils p ON p.id = cp.pupil_id WHERE cp.case_id = ? ORDER BY p.last_name')
      .all(kase.id) as { id: string; last_name: string; first_name: string }[];
    expect(pupils).toHaveLength(2);
    const [screened, other] = pupils as [(typeof pupils)[0], (typeof pupils)[0]];
    await page.goto(`${harness.url}#/case?id=${kase.id}`);
    await page.getByTestId('screening-section').waitFor();

    // 1. the screen: "yes" to 1 and 3 and to the acuity question, 2 and 4 unanswered
    await page.getByTestId('screening-start').click();
    await page.getByTestId('screening-pupil').click();
    await page.getByRole('option', { name: `${screened.last_name} ${screened.first_name}`, exact: true }).click();
    await answerAsq('q1', kk.screening.answer.yes);
    await answerAsq('q3', kk.screening.answer.yes);
    await answerAsq('q5', kk.screening.answer.yes);
    await poll(() => page.getByTestId('screening-preview').innerText()).toBe(kk.screening.result.acute);
    // half answered: no save without the reason
    await poll(() => page.getByTestId('screening-save').isDisabled()).toBe(true);
    await page.getByTestId('screening-reason').fill('2 және 4-сұрақтарға жауап беруге дайын емес еді (e2e)');
    await poll(() => page.getByTestId('screening-save').isDisabled()).toBe(false);
    expect(await englishWords(page, [...LOGINS, 'ASQ', 'NIMH'])).toEqual([]);
    await viewShot('screening-form', 'screening-00-asq-form-1024');
    expect(await axeSerious(page, 'screening-form')).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.getByTestId('screening-save').click();

    // 2. the acute checklist: full width, red border, cannot be closed until each line is answered
    const panel = page.getByTestId('acute-checklist');
    await panel.waitFor();
    const border = await panel.evaluate((el) => getComputedStyle(el).borderTopColor);
    expect(border).toMatch(/^rgb\(/u);
    expect(border).not.toBe('rgb(0, 0, 0)');
    await poll(() => page.getByTestId('acute-close').isDisabled()).toBe(true);
    await viewShot('acute-checklist', 'screening-01-acute-checklist-1024');
    expect(await axeSerious(page, 'acute-checklist')).toEqual([]);
    for (const line of LINES) {
      await page.getByTestId(`acute-answer-${line}`).click();
      if (line === 'emergency') {
        await page.getByTestId(`acute-state-${line}`).getByText(kk.screening.acute.notDone, { exact: true }).click();
        await poll(() => page.getByTestId(`acute-save-${line}`).isDisabled()).toBe(true);
        await page.getByTestId(`acute-text-${line}`).fill('Қажет болмады: анасы баланы дәрігерге алып барды (e2e)');
      } else if (line === 'parents') {
        await page.getByTestId(`acute-text-${line}`).fill('Анасына телефон арқылы (e2e)');
      }
      await page.getByTestId(`acute-save-${line}`).click();
      await poll(() => page.getByTestId(`acute-line-${line}`).innerText()).not.toContain(kk.screening.acute.unanswered);
    }
    await poll(() => page.getByTestId('acute-left').innerText()).toBe(kk.screening.acute.left.replace('{{n}}', '0'));
    await viewShot('acute-checklist', 'screening-02-acute-answered-1024');
    await page.getByTestId('acute-close').click();
    await page.getByTestId('acute-checklist').waitFor({ state: 'detached' });
    await poll(() => page.getByTestId('screening-list').innerText()).toContain(kk.screening.acute.closed.split(':')[0]!);
    // the case's risk became acute
    expect((sql().prepare('SELECT risk FROM cases WHERE id = ?').get(kase.id) as { risk: string }).risk).toBe('acute');
    // nothing of the screen in the window title
    expect(await page.title()).not.toMatch(/ASQ|скрининг|жедел|қауіп/iu);

    // 3. the safety plan, written with the pupil, printed for the pupil
    await page.setViewportSize({ width: 1280, height: 860 });
    // the plan opens on the pupil screened last
    await poll(() => page.getByTestId('plan-pupil').inputValue()).toBe(`${screened.last_name} ${screened.first_name}`);
    await page.getByTestId('plan-edit').click();
    const lines: Record<string, string> = {
      warningSigns: 'Ешкіммен сөйлескім келмейді\nТүнде ұйықтай алмаймын',
      coping: 'Музыка тыңдаймын\nСурет саламын',
      distractions: 'Әпкеммен серуендеймін',
      helpers: 'Анам\nСынып жетекшісі',
      professionals: 'Мектеп психологы, 204-кабинет',
      environment: 'Дәрілерді анам сақтайды',
    };
    for (const [k, v] of Object.entries(lines)) await page.getByTestId(`plan-step-${k}`).fill(v);
    await viewShot('plan-editor', 'screening-03-plan-editor-1024');
    await page.getByTestId('plan-save').click();
    await poll(() => page.getByTestId('plan-version').innerText()).toContain('1');
    await page.getByTestId('plan-print-kk').click();
    await page.getByTestId('plan-printed').waitFor();
    await poll(() => page.getByTestId('plan-print-kk').getAttribute('data-loading')).toBeNull();
    await viewShot('safety-plan', 'screening-04-plan-printed-1024');
    expect(await axeSerious(page, 'screening-section')).toEqual([]);
    // the register number's prefix is Latin by design ("PS-1/2026", like every register number)
    expect(await englishWords(page, [...LOGINS, 'ASQ', 'NIMH', 'PS-'])).toEqual([]);

    const doc = sql().prepare("SELECT id FROM documents WHERE kind = 'safety_plan' ORDER BY created_at DESC LIMIT 1").get() as { id: string };
    const pdf = await harness.core.invoke('documents.pdf', { id: doc.id });
    if (!pdf.ok) throw new Error(`no pdf: ${pdf.error.code}`);
    const bytes = Buffer.from((pdf.value as { base64: string }).base64, 'base64');
    expect(pageCount(bytes)).toBe(1);
    const text = flat(pdfText(bytes));
    expect(text).toContain('111');
    expect(text).toContain('150');
    expect(text).toContain(`${screened.first_name} ${screened.last_name}`);
    expect(text).not.toContain(other.last_name);
  });
});
