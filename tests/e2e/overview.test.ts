/**
 * The home per role and the statistics screen in Chromium on the demo school (issue 14): the director's home shows
 * the demo data's counts — open cases by risk, the school's overdue work, the plan's sections, the council's next
 * meeting — each checked against SQL on the same DB before the app starts; the class teacher's home shows their
 * concerns and tasks and nothing of the cases; the statistics screen draws its charts with kk and ru labels (a
 * screenshot of each, looked at), the numbers match `statistics.get`, and the workbook is saved where chosen.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoDate, academicYearOf } from '../../shared/calendar';
import type { Statistics } from '../../shared/statistics';
import { createCore } from '../../electron/core/api';
import { demoCasesSeeder } from '../../electron/core/cases/demo';
import { seedDemoCouncil } from '../../electron/core/council/demo';
import { createDemoSchool, DEMO_PASSWORD } from '../../electron/core/demo/school';
import { seedDemoPlans } from '../../electron/core/plans/demo';
import { demoRegisterSeeder } from '../../electron/core/register/demo';
import { demoStatisticsSeeder } from '../../electron/core/statistics/demo';
import { districtReportsDue } from '../../electron/core/district/reminder';
import { openEnvelope } from '../../electron/core/district/report';
import { DEMO_DIRECTOR, ensureDemoDirectorSigner } from '../../scripts/samples/documents';
import type { DistrictReportDue } from '../../shared/district-school';
import { workCounts } from '../../electron/core/worklists/lists';
import kk from '../../renderer/src/i18n/kk.json';
import ru from '../../renderer/src/i18n/ru.json';
import { startHarness, type Harness } from '../harness/server';
import { testPlatform } from '../harness/platform';
import { englishWords, launchBrowser, screenshot, type Browser } from './util';

let harness: Harness;
let browser: Browser;
let page: Page;
let dataDir: string;
const expected = {
  risk: {} as Record<string, number>,
  overdue: 0,
  sections: 0,
  nextMeeting: null as number | null,
  teacherAwaiting: 0,
  teacherAnswered: 0,
  stats: null as Statistics | null,
  districtDue: [] as DistrictReportDue[],
};

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
/** One topic of the statistics, whole: a viewport tall enough that the sticky header does not cover it. */
async function topicShot(topic: string, name: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 3600 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.getByTestId(`topic-${topic}`).screenshot({ path: path.resolve(import.meta.dirname, `../../test-artifacts/e2e/${name}.png`) });
  await page.setViewportSize({ width: 1280, height: 860 });
}
const text = async (id: string) => (await page.getByTestId(id).innerText()).trim();

describe('home and statistics screens', () => {
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qorgan-e2e-overview-'));
    const platform = testPlatform(dataDir);
    await createDemoSchool(platform, {
      reset: true,
      pupils: 150,
      seeders: [
        async (c, n) => {
          await seedDemoPlans(c, n);
        },
        demoRegisterSeeder,
        demoCasesSeeder,
        async (c, n) => {
          await seedDemoCouncil(c, n);
        },
        demoStatisticsSeeder,
      ],
    });
    // the expected numbers, straight from the DB (SQL on the plain columns) before the app opens it
    const core = createCore(platform);
    const r = await core.invoke('auth.login', { login: 'director', password: DEMO_PASSWORD });
    if (!r.ok) throw new Error(r.error.code);
    const sqlite = core.state.sqlite;
    for (const row of sqlite.prepare("SELECT risk, count(*) AS n FROM cases WHERE stage != 'closed' GROUP BY risk").all() as { risk: string; n: number }[]) {
      expected.risk[row.risk] = row.n;
    }
    expected.overdue = (await workCounts(core.state.db, { ownerId: null, now: new Date(), keys: core.state })).overdue;
    const today = isoDate(new Date());
    const year = academicYearOf(today);
    const plan = sqlite.prepare("SELECT id FROM plans WHERE academic_year = ? ORDER BY status = 'approved' DESC, updated_at DESC LIMIT 1").get(year) as { id: string };
    expected.sections = (sqlite.prepare('SELECT count(*) AS n FROM plan_sections WHERE plan_id = ? AND parent_id IS NULL').get(plan.id) as { n: number }).n;
    const next = sqlite.prepare("SELECT number FROM council_meetings WHERE status = 'planned' AND date >= ? ORDER BY date, time LIMIT 1").get(today) as { number: number } | undefined;
    expected.nextMeeting = next?.number ?? null;
    const teacher = (sqlite.prepare("SELECT id FROM accounts WHERE login = 'teacher'").get() as { id: string }).id;
    expected.teacherAwaiting = (sqlite.prepare("SELECT count(*) AS n FROM concerns WHERE author_id = ? AND status = 'awaiting'").get(teacher) as { n: number }).n;
    expected.teacherAnswered = (sqlite.prepare("SELECT count(*) AS n FROM concerns WHERE author_id = ? AND status != 'awaiting'").get(teacher) as { n: number }).n;
    const s = await core.invoke('statistics.get', { period: { kind: 'year', academicYear: year } });
    if (!s.ok) throw new Error(s.error.code);
    expected.stats = s.value as Statistics;
    // the district report's reminder depends on the day the test runs (1st–10th due, after overdue, none in summer)
    expected.districtDue = await districtReportsDue(core.state.db, today);
    await ensureDemoDirectorSigner(core);
    await core.dispose();

    harness = await startHarness({ dataDir, demo: true });
    browser = await launchBrowser();
    page = browser.page;
    page.setDefaultTimeout(20_000);
    await page.goto(harness.url);
    await login('director');
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("the director's home shows the demo school's counts", async () => {
    await page.goto(`${harness.url}#/`);
    await page.getByTestId('home-block-casesByRisk').waitFor();
    const open = Object.values(expected.risk).reduce((a, n) => a + n, 0);
    expect(open).toBeGreaterThan(0);
    expect(await text('home-cases-open')).toBe(String(open));
    for (const risk of ['acute', 'high', 'medium', 'low', 'none']) expect(await text(`home-cases-risk-${risk}`), risk).toBe(String(expected.risk[risk] ?? 0));
    expect(expected.overdue).toBeGreaterThan(0);
    expect(await text('home-school-overdue')).toBe(String(expected.overdue));
    expect(await page.getByTestId('home-plan-section').count()).toBe(expected.sections);
    if (expected.nextMeeting !== null) expect(await text('home-council-next')).toContain(`№ ${expected.nextMeeting}`);
    const districtBlock = page.getByTestId('home-block-districtReport');
    expect(await districtBlock.count()).toBe(expected.districtDue.length > 0 ? 1 : 0);
    for (const state of ['due', 'overdue'] as const) {
      expect(await page.getByTestId(`home-district-${state}`).count(), state).toBe(expected.districtDue.filter((d) => d.state === state).length);
    }
    await screenshot(page, 'overview-home-director-kk');
    const body = await page.locator('body').innerText();
    // MN-…: the register number of a document awaiting the director's signature (the documents register's own prefix)
    const latin = await englishWords(page, ['director', 'MN']);
    expect(latin, latin.map((w) => body.slice(Math.max(0, body.indexOf(w) - 60), body.indexOf(w) + 20)).join(' | ')).toEqual([]);
  });

  it('the statistics screen: charts with kk labels, the numbers of statistics.get, each chart’s table one click away', async () => {
    const s = expected.stats!;
    await page.getByTestId('nav-statistics').click();
    await page.getByTestId('chart-cases-monthly').waitFor();
    expect(await text('stat-cases-opened')).toBe(String(s.cases.opened));
    expect(await text('stat-cases-closed')).toBe(String(s.cases.closed));
    expect(await text('stat-concerns-logged')).toBe(String(s.concerns.logged));
    expect(await text('stat-register-on')).toBe(String(s.register.on));
    expect(await text('stat-council-meetings')).toBe(String(s.council.meetings));
    expect(await text('total-cases-harm')).toBe(String(s.cases.opened));
    // the charts are drawn (SVG), labelled in Kazakh
    expect(await page.getByTestId('chart-cases-harm').locator('svg .recharts-bar-rectangle').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('chart-cases-monthly').locator('svg .recharts-line').count()).toBe(2);
    expect(await page.getByTestId('chart-cases-risk').locator('svg .recharts-pie-sector').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('chart-cases-harm').innerText()).toContain(kk.cases.harm.bullying);
    expect(await page.getByTestId('table-cases-monthly').innerText()).toContain(kk.plans.months.m10);
    expect(await englishWords(page)).toEqual([]);
    await screenshot(page, 'overview-statistics-kk');
    await topicShot('cases', 'overview-statistics-cases-kk');
    // a chart's table is one click away, in place of the chart, and back
    const toggle = page.getByTestId('table-toggle-cases-harm');
    const hiddenTable = page.locator('.mantine-VisuallyHidden-root [data-testid="table-cases-harm"]');
    expect(await hiddenTable.count()).toBe(1);
    await toggle.click();
    await expect.poll(() => hiddenTable.count()).toBe(0);
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByTestId('chart-cases-harm').locator('.recharts-wrapper').count()).toBe(0);
    await toggle.click();
    await page.getByTestId('chart-cases-harm').locator('svg .recharts-bar-rectangle').first().waitFor();
    // the subjects are tabs: the register's charts replace the cases'
    await page.getByTestId('statistics-tab-register').click();
    await page.getByTestId('chart-register-monthly').waitFor();
    expect(await page.getByTestId('chart-cases-monthly').count()).toBe(0);
    expect(await text('stat-register-on')).toBe(String(s.register.on));
    await page.getByTestId('statistics-tab-cases').click();
    await page.getByTestId('chart-cases-monthly').waitFor();
  });

  it('the district report: issued and signed on the statistics screen, its signed JSON saved where chosen', async () => {
    const section = page.getByTestId('district-report-section');
    await section.waitFor();
    if (expected.districtDue.length > 0) expect(await section.getByTestId('district-due-alert').count()).toBe(1);
    await section.getByTestId('district-school-code').fill('960000000096');
    await section.getByTestId('district-issue').click();
    await page.getByTestId('sign-password').fill(DEMO_DIRECTOR.password);
    await page.getByTestId('sign-submit').click();
    const row = section.getByTestId('district-report-row');
    await row.waitFor({ timeout: 60_000 });
    await section.screenshot({ path: path.resolve(import.meta.dirname, '../../test-artifacts/e2e/district-report-issued-kk.png') });
    const target = path.join(dataDir, 'saved', 'аудандық-есеп.json');
    harness.platform.dialogAnswers.push(target);
    await row.getByTestId('district-save-json').click();
    await expect.poll(() => fs.existsSync(target)).toBe(true);
    await expect.poll(() => openEnvelope(fs.readFileSync(target)).signature.intact).toBe(true);
    // DR-…: the register number of the signed PDF (the documents register's own prefix)
    expect(await englishWords(page, ['DR'])).toEqual([]);
  });

  it('a quarter: the period changes, the numbers follow', async () => {
    await page.getByTestId('statistics-kind').getByText(kk.statistics.periodKinds.quarter).click();
    await page.getByTestId('statistics-quarter').getByText(kk.statistics.quarterN.replace('{{n}}', '1')).click();
    await expect.poll(() => text('statistics-range')).toMatch(/-09-01/u);
    const opened = Number(await text('stat-cases-opened'));
    expect(opened).toBeLessThanOrEqual(expected.stats!.cases.opened);
  });

  it('the same screen in Russian', async () => {
    // the account's language is set on the settings screen
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('language-switch').getByText('Русский').click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('ru');
    await page.getByTestId('nav-statistics').click();
    await page.getByText(ru.statistics.topics.cases, { exact: true }).waitFor();
    await page.getByTestId('chart-cases-monthly').waitFor();
    expect(await page.getByTestId('chart-cases-harm').innerText()).toContain(ru.cases.harm.bullying);
    expect(await page.getByTestId('table-cases-monthly').innerText()).toContain(ru.plans.months.m10);
    expect(await text('stat-cases-opened')).toBe(String(expected.stats!.cases.opened));
    // the district report issued above is listed by its register number («DR-1/2026»)
    expect(await englishWords(page, ['DR'])).toEqual([]);
    await screenshot(page, 'overview-statistics-ru');
    await topicShot('cases', 'overview-statistics-cases-ru');
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('language-switch').getByText('Қазақша').click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('kk');
  });

  it("the class teacher's home: their concerns and tasks, no cases, no statistics", async () => {
    await login('teacher');
    await page.goto(`${harness.url}#/`);
    await page.getByTestId('home-block-myConcerns').waitFor();
    expect(await text('home-concerns-awaiting')).toBe(String(expected.teacherAwaiting));
    expect(await text('home-concerns-answered')).toBe(String(expected.teacherAnswered));
    await page.getByTestId('home-block-myWork').waitFor();
    expect(await page.getByTestId('home-block-casesByRisk').count()).toBe(0);
    expect(await page.getByTestId('nav-statistics').count()).toBe(0);
    await screenshot(page, 'overview-home-teacher-kk');
  });
});
