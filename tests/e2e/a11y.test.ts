/**
 * Accessibility and layout walk (issue 15): the demo school, dated today, in Chromium. For each role and language
 * it walks every entry of the navigation (read from the rendered navbar, not a fixed list), the plan screen's tabs
 * and the pupil form, and runs axe-core (WCAG 2.1 A/AA rules): no serious or critical violation. At 1024×768 the
 * header's controls (lock button, demo badge, name, roles) are not clipped. Keyboard: the skip link, plan and
 * pupil rows reached with Tab and opened with Enter. Screenshots go to test-artifacts/e2e/a11y-*.png.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoSchool, DEMO_PASSWORD } from '../../electron/core/demo/school';
import { demoSeeders } from '../../scripts/demo-seeders';
import { startHarness, type Harness } from '../harness/server';
import { testPlatform } from '../harness/platform';
import { launchBrowser, screenshot, type Browser } from './util';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  screen: string;
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

let harness: Harness;
let browser: Browser;
let page: Page;
let dataDir: string;

async function login(p: Page, who: string): Promise<void> {
  await p.goto(harness.url);
  const form = p.getByTestId('login-form');
  await Promise.race([form.waitFor(), p.getByTestId('lock-button').waitFor()]);
  if (await p.getByTestId('lock-button').isVisible()) await logout(p); // left logged in by a failed test
  await form.locator('input[name="login"]').fill(who);
  await form.locator('input[name="password"]').fill(DEMO_PASSWORD);
  await p.getByTestId('login-submit').click();
  await p.getByTestId('lock-button').waitFor();
}

async function logout(p: Page): Promise<void> {
  await p.getByTestId('lock-button').click();
  await p.getByTestId('login-form').waitFor();
}

/** Waits until no loader spins and the screen's heading is there. */
async function settle(p: Page): Promise<void> {
  await p.locator('main h1').first().waitFor();
  await expect.poll(() => p.locator('.mantine-Loader-root').count(), { timeout: 20_000 }).toBe(0);
  await p.waitForTimeout(150);
}

/** axe-core over the page: serious and critical violations only. */
async function axe(p: Page, screen: string): Promise<Violation[]> {
  const has = await p.evaluate(() => typeof (globalThis as { axe?: unknown }).axe !== 'undefined');
  if (!has) await p.evaluate(AXE_SOURCE);
  const results = await p.evaluate(async () => {
    const a = (globalThis as unknown as { axe: { run(ctx: unknown, o: unknown): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[] }> } }).axe;
    const r = await a.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact ?? '', help: v.help, targets: v.nodes.slice(0, 5).map((n) => `${JSON.stringify(n.target)} ${(n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 160)}`) }));
  });
  return results.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ screen, ...v }));
}

/** The navigation entries of the logged-in role, as the navbar shows them. */
async function navEntries(p: Page): Promise<{ testId: string; href: string }[]> {
  return p.locator('nav a[data-testid^="nav-"]').evaluateAll((as) =>
    as.map((a) => ({ testId: a.getAttribute('data-testid') ?? '', href: a.getAttribute('href') ?? '' })),
  );
}

/** Walks every screen of the role: axe on each, the plan screen's tabs, the pupil form; screenshots. */
async function walk(p: Page, tag: string): Promise<Violation[]> {
  const out: Violation[] = [];
  for (const entry of await navEntries(p)) {
    await p.goto(`${harness.url}${entry.href}`);
    await settle(p);
    expect(await p.locator('main h1').count(), `${entry.testId}: one h1`).toBe(1);
    out.push(...(await axe(p, entry.testId)));
    await screenshot(p, `a11y-${tag}-${entry.testId.replace(/\//g, '-')}`);
    if (entry.testId === 'nav-plans') {
      const row = p.locator('[data-testid^="plan-row-"]').first();
      if ((await row.count()) > 0) {
        await row.click();
        await settle(p);
        for (const tab of await p.getByRole('tab').all()) {
          await tab.click();
          await settle(p);
          const name = (await tab.getAttribute('data-testid')) ?? (await tab.innerText());
          out.push(...(await axe(p, `plan-tab-${name}`)));
          await screenshot(p, `a11y-${tag}-plan-${name}`);
        }
      }
    }
  }
  return out;
}

/**
 * Header controls whose text is cut (scrollWidth beyond the box) or that stick out of the window: the lock button,
 * the demo badge, the account's name.
 */
async function clippedInHeader(p: Page): Promise<string[]> {
  return p.evaluate(() => {
    const out: string[] = [];
    const ids = ['lock-button', 'demo-badge', 'session-name'];
    for (const id of ids) {
      const el = document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
      if (!el || el.offsetParent === null) continue;
      const r = el.getBoundingClientRect();
      if (r.right > window.innerWidth || r.left < 0) out.push(`${id}: outside the window`);
      const boxes = [el, ...el.querySelectorAll<HTMLElement>('*')];
      for (const b of boxes) if (b.offsetParent !== null && b.scrollWidth > b.clientWidth + 1) out.push(`${id}: text cut (${b.className})`);
    }
    return out;
  });
}

function report(v: Violation[]): string {
  return v.map((x) => `${x.screen}: ${x.id} (${x.impact}) ${x.help} @ ${x.targets.join(' ')}`).join('\n');
}

describe('accessibility walk over the demo school', () => {
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qorgan-e2e-a11y-'));
    await createDemoSchool(testPlatform(dataDir), { reset: true, seeders: demoSeeders });
    harness = await startHarness({ dataDir, demo: true });
    browser = await launchBrowser();
    page = browser.page;
    page.setDefaultTimeout(20_000);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  for (const [who, lang, width] of [
    ['director', 'kk', 1366],
    ['psychologist', 'ru', 1366],
    ['director', 'ru', 1024],
    ['psychologist', 'kk', 1024],
    ['teacher', 'ru', 1024],
  ] as const) {
    it(`${who} in ${lang} at ${width}×768: no serious or critical axe violation on any screen, nothing cut in the header`, async () => {
      await page.setViewportSize({ width, height: 768 });
      await login(page, who);
      await setLanguage(page, lang);
      expect(await clippedInHeader(page)).toEqual([]);
      const v = await walk(page, `${who}-${lang}-${width}`);
      // a modal (the pupil form) and the paged list's arrows
      await page.goto(`${harness.url}#/pupils`);
      await settle(page);
      if (await page.getByTestId('pupil-add').count()) {
        await page.getByTestId('pupil-add').click();
        await page.getByRole('dialog').waitFor();
        v.push(...(await axe(page, 'pupil-form')));
        await screenshot(page, `a11y-${who}-${lang}-${width}-pupil-form`);
        await page.keyboard.press('Escape');
        await page.getByRole('dialog').waitFor({ state: 'detached' });
      }
      // the director's retention list (records past their retention date)
      if (await page.getByTestId('retention-open').count()) {
        await page.getByTestId('retention-open').click();
        await page.getByTestId('retention-count').waitFor();
        v.push(...(await axe(page, 'retention')));
        await page.keyboard.press('Escape');
        await page.getByRole('dialog').waitFor({ state: 'detached' });
      }
      await logout(page);
      expect(report(v)).toBe('');
    }, 300_000);
  }

  it('keyboard: the skip link comes first, plan and pupil rows open with Enter', async () => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await login(page, 'psychologist');
    await page.goto(`${harness.url}#/plans`);
    await settle(page);
    await page.locator('body').focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className ?? '')).toContain('qorgan-skip-link');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main-content');
    // Tab from the top of the content reaches the first plan row's link; Enter opens the plan
    const link = page.locator('[data-testid^="plan-row-"] a').first();
    let reached = false;
    for (let i = 0; i < 30 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await link.evaluate((el) => el === document.activeElement);
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/^#\/plan\?id=/);
    // the approved plan tells the psychologist what they can do with it, not to start a revision they cannot start
    await page.getByTestId('plan-locked-hint').waitFor();
    expect(await page.getByTestId('plan-locked-hint').locator('button').count()).toBe(0);

    await page.goto(`${harness.url}#/pupils`);
    await settle(page);
    const first = page.getByTestId('pupil-open').first();
    await first.focus();
    expect(await first.evaluate((el) => getComputedStyle(el).outlineStyle === 'none')).toBe(false);
    // Enter opens the pupil's card
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/^#\/pupil\?id=/);
    await page.getByTestId('pupil-card').waitFor();
    await logout(page);
  }, 120_000);
});

/** The account's language, set on the settings screen (remembered for the account). */
async function setLanguage(p: Page, lang: 'kk' | 'ru'): Promise<void> {
  const current = (await p.locator('html').getAttribute('lang')) ?? '';
  if (current.startsWith(lang)) return;
  await p.getByTestId('nav-settings').click();
  await p.getByTestId('language-switch').getByText(lang === 'ru' ? 'Русский' : 'Қазақша').click();
  await expect.poll(() => p.locator('html').getAttribute('lang')).toBe(lang);
}
