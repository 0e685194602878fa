/**
 * Screenshots of every screen for people to look at (issue 15): the demo school dated by the clock (or `--date`), in
 * Chromium through the browser harness, at 1024×768 (or `--width`), in Kazakh and Russian, as the demo director and
 * psychologist. It walks every navigation entry the role sees (read from the rendered navbar, not a fixed list) and
 * the main detail screens (a pupil's card, a case, the current plan, a council meeting), and saves one PNG per screen
 * to test-artifacts/screens/<role>-<lang>-<screen>.png. Not part of `npm test`: run it when the screens change,
 * then look at the pictures.
 *
 *   npm run build:renderer && npx tsx scripts/screens.ts [--date=2026-11-30] [--width=1024] [--only=director] [--lang=ru]
 *   npx tsx scripts/screens.ts --readme     # the few README screenshots, into docs/screens/ (1366×768, kk)
 *
 * The data folder is a fresh temporary one, removed at the end; the demo's people are fake.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { createDemoSchool, DEMO_PASSWORD } from '../electron/core/demo/school';
import { demoSeeders } from './demo-seeders';
import { startHarness } from '../tests/harness/server';
import { testPlatform } from '../tests/harness/platform';
import { launchBrowser } from '../tests/e2e/util';

const ROOT = path.resolve(import.meta.dirname, '..');
const args = new Map(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k ?? '', v ?? 'true'] as const;
  }),
);
const readme = args.has('readme');
const width = Number(args.get('width') ?? (readme ? 1366 : 1024));
const dateArg = args.get('date');
const only = args.get('only');
/** kk, ru, or (by default) both sets */
const langArg = args.get('lang');
if (langArg !== undefined && langArg !== 'kk' && langArg !== 'ru') throw new Error('--lang=kk or --lang=ru');
const LANGS = (['kk', 'ru'] as const).filter((l) => !langArg || l === langArg);
const OUT = readme ? path.join(ROOT, 'docs/screens') : path.join(ROOT, 'test-artifacts/screens');

async function waitUntil(check: () => Promise<boolean>, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Until the screen's heading is there and no loader spins. */
async function settle(p: Page): Promise<void> {
  await p.locator('main h1').first().waitFor();
  await waitUntil(async () => (await p.locator('.mantine-Loader-root').count()) === 0, 'the loaders');
  await p.waitForTimeout(150); // the last transition (a fade-in) to finish, so the picture is not half-drawn
}

async function shoot(p: Page, name: string, fullPage = !readme): Promise<void> {
  fs.mkdirSync(OUT, { recursive: true });
  await p.screenshot({ path: path.join(OUT, `${name}.png`), fullPage });
  console.log(`  ${name}.png`);
}

async function login(p: Page, url: string, who: string): Promise<void> {
  await p.goto(url);
  const form = p.getByTestId('login-form');
  await form.waitFor();
  await form.locator('input[name="login"]').fill(who);
  await form.locator('input[name="password"]').fill(DEMO_PASSWORD);
  await p.getByTestId('login-submit').click();
  await p.getByTestId('lock-button').waitFor();
}

async function setLanguage(p: Page, lang: 'kk' | 'ru'): Promise<void> {
  if (((await p.locator('html').getAttribute('lang')) ?? '').startsWith(lang)) return;
  await p.getByTestId('nav-settings').click();
  await p.getByTestId('language-switch').getByText(lang === 'ru' ? 'Русский' : 'Қазақша').click();
  await waitUntil(async () => (await p.locator('html').getAttribute('lang')) === lang, 'the language');
}

/** Opens the first row matching `selector` on `route` and shoots the detail screen it leads to. */
async function detail(p: Page, url: string, route: string, selector: string, name: string): Promise<void> {
  await p.goto(`${url}#${route}`);
  await settle(p);
  const row = p.locator(selector).first();
  if ((await row.count()) === 0) {
    console.log(`  (no row for ${name} on ${route})`);
    return;
  }
  await row.click();
  await settle(p);
  await shoot(p, name);
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qorgan-screens-'));
  const platform = testPlatform(dataDir, { demo: true });
  if (dateArg) {
    const at = new Date(`${dateArg}T10:00:00+05:00`);
    if (Number.isNaN(at.getTime())) throw new Error('--date=YYYY-MM-DD');
    const offset = at.getTime() - Date.now();
    platform.now = () => new Date(Date.now() + offset);
  }
  await createDemoSchool(platform, { reset: true, seeders: demoSeeders });
  const harness = await startHarness({ dataDir, demo: true, platform });
  const browser = await launchBrowser();
  const p = browser.page;
  p.setDefaultTimeout(20_000);
  try {
    if (readme) {
      // few and small: the director's home, the plan's execution, a pupil's card (kk, 1366×768, the viewport only)
      await p.setViewportSize({ width, height: 768 });
      await login(p, harness.url, 'director');
      await setLanguage(p, 'kk');
      await p.goto(`${harness.url}#/`);
      await settle(p);
      await shoot(p, 'home');
      await detail(p, harness.url, '/plans', '[data-testid^="plan-row-"]', 'plan');
      await detail(p, harness.url, '/pupils', '[data-testid="pupil-row"]', 'pupil-card');
      return;
    }
    for (const who of ['director', 'psychologist'].filter((w) => !only || w === only)) {
      for (const lang of LANGS) {
        console.log(`${who} ${lang} ${width}×768`);
        await p.setViewportSize({ width, height: 768 });
        await login(p, harness.url, who);
        await setLanguage(p, lang);
        const tag = `${who}-${lang}`;
        const entries = await p
          .locator('nav a[data-testid^="nav-"]')
          .evaluateAll((as) => as.map((a) => ({ testId: a.getAttribute('data-testid') ?? '', href: a.getAttribute('href') ?? '' })));
        for (const e of entries) {
          await p.goto(`${harness.url}${e.href}`);
          await settle(p);
          await shoot(p, `${tag}-${e.testId.replace(/^nav-/, '').replace(/\//g, '-') || 'home'}`);
        }
        await detail(p, harness.url, '/pupils', '[data-testid="pupil-row"]', `${tag}-detail-pupil`);
        await detail(p, harness.url, '/cases', '[data-testid^="case-row-"]', `${tag}-detail-case`);
        await detail(p, harness.url, '/plans', '[data-testid^="plan-row-"]', `${tag}-detail-plan`);
        await detail(p, harness.url, '/council', '[data-testid^="council-meeting-"]', `${tag}-detail-meeting`);
        await p.getByTestId('lock-button').click();
        await p.getByTestId('login-form').waitFor();
      }
    }
  } finally {
    await browser.close();
    await harness.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
