/**
 * The statistics screen's height and pictures at a given width (issue 15): the demo school dated by the clock, the
 * demo director, kk and ru, in Chromium through the browser harness. Prints the page height in px and writes
 * test-artifacts/screens/statistics-<lang>-<width>.png (the whole page) to look at.
 *
 *   npm run build:renderer && npx tsx scripts/statistics-height.ts [--width=1024]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDemoSchool, DEMO_PASSWORD } from '../electron/core/demo/school';
import { demoSeeders } from './demo-seeders';
import { startHarness } from '../tests/harness/server';
import { testPlatform } from '../tests/harness/platform';
import { axeSerious, launchBrowser } from '../tests/e2e/util';

const ROOT = path.resolve(import.meta.dirname, '..');
const widthArg = process.argv.find((a) => a.startsWith('--width='));
const width = widthArg ? Number(widthArg.slice('--width='.length)) : 1024;
const OUT = path.join(ROOT, 'test-artifacts/screens');

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qorgan-stats-height-'));
  const platform = testPlatform(dataDir, { demo: true });
  await createDemoSchool(platform, { reset: true, seeders: demoSeeders });
  const harness = await startHarness({ dataDir, demo: true, platform });
  const browser = await launchBrowser();
  const p = browser.page;
  p.setDefaultTimeout(20_000);
  try {
    await p.setViewportSize({ width, height: 768 });
    await p.goto(harness.url);
    const form = p.getByTestId('login-form');
    await form.waitFor();
    await form.locator('input[name="login"]').fill('director');
    await form.locator('input[name="password"]').fill(DEMO_PASSWORD);
    await p.getByTestId('login-submit').click();
    await p.getByTestId('lock-button').waitFor();
    fs.mkdirSync(OUT, { recursive: true });
    for (const lang of ['kk', 'ru'] as const) {
      if ((await p.locator('html').getAttribute('lang')) !== lang) {
        await p.getByTestId('nav-settings').click();
        await p.getByTestId('language-switch').getByText(lang === 'ru' ? 'Русский' : 'Қазақша').click();
        await p.waitForFunction((l) => document.documentElement.lang === l, lang);
      }
      await p.getByTestId('nav-statistics').click();
      await p.getByTestId('chart-cases-monthly').waitFor();
      await p.waitForTimeout(500);
      const height = await p.evaluate(() => document.documentElement.scrollHeight);
      console.log(`statistics ${lang} ${width}×768: page height ${height} px`);
      await p.screenshot({ path: path.join(OUT, `statistics-${lang}-${width}.png`), fullPage: true });
      await p.screenshot({ path: path.join(OUT, `statistics-${lang}-${width}-first-view.png`) });
      const violations: string[] = [];
      for (const tab of await p.locator('[data-testid^="statistics-tab-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''))) {
        await p.getByTestId(tab).click();
        await p.waitForTimeout(300);
        violations.push(...(await axeSerious(p, 'statistics-topics')));
      }
      await p.getByTestId('statistics-tab-cases').click();
      await p.getByTestId('table-toggle-cases-harm').click();
      violations.push(...(await axeSerious(p, 'statistics-topics')));
      await p.getByTestId('table-toggle-cases-harm').click();
      console.log(`  axe (serious, critical) over every tab: ${violations.length === 0 ? 'none' : violations.join('; ')}`);
    }
  } finally {
    await browser.close();
    await harness.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
