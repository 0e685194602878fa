/**
 * Accessibility and layout walk (issue 15): the demo school, dated today, in Chromium, over the FULL matrix: every
 * role × kk/ru × 1366/1024. For each of the seven roles, one login, then each language in turn (switched on the
 * settings screen, without reload or re-login), and in it every screen, each checked at 1366×768 and then, the
 * viewport resized without navigating, at 1024×768 (or the other way round): every entry of the navigation (read
 * from the rendered navbar, not a fixed list), the plan screen's tabs, a case screen with its sections (a bullying
 * case: every case section shows on it), the pupil card of that case's pupil with its sections, and the modals (the
 * pupil form, the retention list). On every one of them, at both widths:
 * - axe-core (WCAG 2.1 A/AA and best practice): no serious or critical violation;
 * - one h1, and the window title names the screen (`<h1> — Қорған`);
 * - no text cut (overflow hidden/ellipsis/line clamp with its content beyond the box) unless hovering it shows a
 *   tooltip with the whole text.
 * Keyboard: the skip link, plan and pupil rows reached with Tab and opened with Enter, the help drawer opened from its
 * button and closed with Esc. Screenshots of a sample per combination (home, the case screen; the class teacher's
 * pupil card) go to test-artifacts/e2e/a11y-<role>-<lang>-<width>-*.png.
 *
 * Keeping it within the CI budget without dropping coverage (the numbers are printed at the end as `a11y walk:`):
 * - axe runs only the rules that can report a serious or critical impact, listed from axe-core's own rule metadata
 *   at runtime (a rule's impact and its checks' impacts), within the WCAG 2.1 A/AA + best-practice tags;
 * - axe is not run again over a `main` that was already checked: the key is a hash of the width, the language, the
 *   main element's width, the classes and styles of its ancestors and its whole serialized DOM (tags, every attribute
 *   with the generated ids renumbered in order, form values, the focused element, the text). Same DOM, same styles
 *   and same box → axe cannot find anything new inside it (it reads nothing else, the mouse is parked away from the
 *   content first so no hover state differs). The rest of the page (header, navbar, title, lang: what differs by role)
 *   is then still checked with `exclude: main`, and the rules that look across the whole document (duplicate ids,
 *   bypass, accesskeys: those whose checks aggregate) over the whole document every time. Modals are always checked;
 * - the roles are walked in two lanes side by side (`it.concurrent`; each lane its own harness on its own copy of the
 *   demo school — the app is one session at a time — and its own Chromium), a role waiting for a free lane.
 */
import crypto from 'node:crypto';
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
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

type Lang = 'kk' | 'ru';
type Width = 1366 | 1024;

interface Violation {
  screen: string;
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/**
 * Two lanes walk the roles side by side (a lane: its own harness — a core on its own copy of the demo school, the
 * app being one session at a time — and its own Chromium): on two cores the walk takes about two thirds of the time
 * of one lane. The first lane's page also runs the keyboard test.
 */
interface Lane {
  harness: Harness;
  browser: Browser;
  page: Page;
  dataDir: string;
}
const lanes: Lane[] = [];
let harness: Harness;
let page: Page;
/** the harness URL of each lane's page */
const urlOf = new Map<Page, string>();
const base = (p: Page): string => {
  const url = urlOf.get(p);
  if (!url) throw new Error('a page of no lane');
  return url;
};
/** Lanes free to walk a role; a role test waits for one (first come, first served). */
const idle: Lane[] = [];
const waiting: ((lane: Lane) => void)[] = [];
async function withLane<T>(fn: (lane: Lane) => Promise<T>): Promise<T> {
  const lane = idle.shift() ?? (await new Promise<Lane>((resolve) => waiting.push(resolve)));
  try {
    return await fn(lane);
  } finally {
    const next = waiting.shift();
    if (next) next(lane);
    else idle.push(lane);
  }
}

/** What the walk did, printed at the end (and asserted: every combination walked). */
const stats = { screens: 0, axeFull: 0, axeShellOnly: 0, mainReused: 0, modals: 0, ms: { axe: 0, clip: 0 } };
const combosWalked = new Set<string>();
/** hashes of the `main` elements already checked by axe, and of the rest of the page */
const mainsSeen = new Set<string>();
const shellsSeen = new Set<string>();

async function login(p: Page, who: string): Promise<void> {
  await p.goto(base(p));
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
  await p.waitForFunction(() => document.querySelector('.mantine-Loader-root') === null, undefined, { polling: 'raf', timeout: 20_000 });
}

interface AxeRaw {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}
interface AxeApi {
  run(ctx: unknown, o: unknown): Promise<{ violations: AxeRaw[] }>;
  _audit: {
    rules: { id: string; enabled: boolean; impact?: string; tags: string[]; any: (string | { id: string })[]; all: (string | { id: string })[]; none: (string | { id: string })[] }[];
    data: { checks: Record<string, { impact?: string } | undefined> };
    checks: Record<string, { after?: unknown } | undefined>;
  };
}

/**
 * Loads axe-core into the page once and lists, from its own metadata, the rules the walk runs: enabled, not
 * experimental, within AXE_TAGS, and able to report serious or critical (the rule's impact or any of its checks').
 * `aggregate` are those among them whose checks look across the whole document (an `after` step).
 */
async function loadAxe(p: Page): Promise<void> {
  const has = await p.evaluate(() => typeof (globalThis as { axe?: unknown }).axe !== 'undefined');
  if (has) return;
  await p.evaluate(AXE_SOURCE);
  await p.evaluate((tags) => {
    const g = globalThis as unknown as { axe: AxeApi; __qorganAxeRules?: { all: string[]; aggregate: string[] } };
    const a = g.axe;
    const severe = new Set(['serious', 'critical']);
    const all: string[] = [];
    const aggregate: string[] = [];
    for (const r of a._audit.rules) {
      if (!r.enabled || r.tags.includes('experimental') || !r.tags.some((t) => tags.includes(t))) continue;
      const checks = [...r.any, ...r.all, ...r.none].map((c) => (typeof c === 'string' ? c : c.id));
      const impacts = [r.impact, ...checks.map((c) => a._audit.data.checks[c]?.impact)];
      if (!impacts.some((i) => i !== undefined && severe.has(i))) continue;
      all.push(r.id);
      if (checks.some((c) => a._audit.checks[c]?.after)) aggregate.push(r.id);
    }
    g.__qorganAxeRules = { all, aggregate };
  }, AXE_TAGS);
}

/** One axe run: `scope` the whole page, the page without main, or only the whole-document rules over the page. */
async function axeRun(p: Page, screen: string, scope: 'page' | 'shell' | 'aggregate'): Promise<Violation[]> {
  const started = Date.now();
  const found = await p.evaluate(async (s) => {
    const g = globalThis as unknown as { axe: AxeApi; __qorganAxeRules: { all: string[]; aggregate: string[] } };
    const ctx = s === 'shell' ? { exclude: [['main']] } : document;
    const values = s === 'aggregate' ? g.__qorganAxeRules.aggregate : g.__qorganAxeRules.all;
    const r = await g.axe.run(ctx, { runOnly: { type: 'rule', values }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? '',
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => `${JSON.stringify(n.target)} ${(n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 160)}`),
    }));
  }, scope);
  stats.ms.axe += Date.now() - started;
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ screen, ...v }));
}

/**
 * The keys of the page as axe sees it: `main` (see the header: width, language, main's box, its ancestors' classes
 * and styles, its serialized DOM) and the rest of the page (the same for everything outside main, plus the title).
 */
async function pageKeys(p: Page): Promise<{ main: string; shell: string }> {
  const { mainText, shellText } = await p.evaluate(() => {
    const main = document.querySelector('main');
    const ids = new Map<string, string>();
    for (const el of document.querySelectorAll('[id]')) if (!ids.has(el.id)) ids.set(el.id, `#${ids.size}`);
    const attr = (v: string) => v.split(/(\s+)/).map((t) => ids.get(t) ?? t).join('');
    const ser = (node: Node, out: string[], skip: Element | null) => {
      if (node.nodeType === Node.TEXT_NODE) {
        out.push(JSON.stringify(node.nodeValue ?? ''));
        return;
      }
      if (!(node instanceof Element)) return;
      if (node === skip) {
        out.push('<main/>');
        return;
      }
      out.push(`<${node.tagName}`);
      for (const a of node.attributes) out.push(` ${a.name}=${JSON.stringify(a.name === 'id' ? attr(a.value) : attr(a.value))}`);
      if (node instanceof HTMLInputElement || node instanceof HTMLTextAreaElement || node instanceof HTMLSelectElement) out.push(` value=${JSON.stringify(node.value)}`);
      if (node instanceof HTMLInputElement) out.push(` checked=${node.checked}`);
      if (node === document.activeElement) out.push(' *focus');
      out.push('>');
      for (const c of node.childNodes) ser(c, out, skip);
      out.push(`</${node.tagName}>`);
    };
    const m: string[] = [String(window.innerWidth), document.documentElement.lang];
    if (main) {
      m.push(`${main.clientWidth}x${main.clientHeight}`);
      for (let a = main.parentElement; a; a = a.parentElement) m.push(`${a.tagName}.${a.className}[${a.getAttribute('style') ?? ''}]`);
      ser(main, m, null);
    }
    const s: string[] = [String(window.innerWidth), document.title];
    ser(document.documentElement, s, main);
    return { mainText: m.join(''), shellText: s.join('') };
  });
  const h = (t: string) => crypto.createHash('sha256').update(t).digest('hex');
  return { main: h(mainText), shell: h(shellText) };
}

/**
 * axe over the page as it is now, skipping what provably cannot differ (see the header). `always` for modals and
 * drawers (they live outside main, in a portal).
 */
async function axe(p: Page, screen: string, always = false): Promise<Violation[]> {
  await loadAxe(p);
  await p.mouse.move(0, 0); // no hover state in the content
  if (always) {
    stats.axeFull++;
    stats.modals++;
    return axeRun(p, screen, 'page');
  }
  const keys = await pageKeys(p);
  if (!mainsSeen.has(keys.main)) {
    mainsSeen.add(keys.main);
    shellsSeen.add(keys.shell);
    stats.axeFull++;
    return axeRun(p, screen, 'page');
  }
  stats.mainReused++;
  const out: Violation[] = [];
  if (!shellsSeen.has(keys.shell)) {
    shellsSeen.add(keys.shell);
    stats.axeShellOnly++;
    out.push(...(await axeRun(p, screen, 'shell')));
  }
  out.push(...(await axeRun(p, screen, 'aggregate')));
  return out;
}

/**
 * Text that is cut: an element that hides its overflow (overflow hidden/clip, an ellipsis or a line clamp) while its
 * content is wider or taller than its box. Visually hidden text (1 px boxes, clip) is meant for screen readers, not
 * cut. Each one found is hovered: if a tooltip then shows its whole text, it is not counted.
 */
async function clippedText(p: Page, screen: string, root = 'body'): Promise<string[]> {
  const started = Date.now();
  const cut = await p.evaluate((rootSelector) => {
    const out: { i: number; text: string; what: string }[] = [];
    let i = 0;
    for (const el of document.querySelector(rootSelector)?.querySelectorAll<HTMLElement>('*') ?? []) {
      if (el.offsetParent === null && getComputedStyle(el).position !== 'fixed') continue;
      const text = (el.innerText ?? '').trim();
      if (!text) continue;
      const cs = getComputedStyle(el);
      if (el.clientWidth <= 1 || el.clientHeight <= 1 || (cs.clip !== 'auto' && cs.clip !== '') || cs.clipPath !== 'none') continue;
      const hidesX = cs.overflowX === 'hidden' || cs.overflowX === 'clip' || cs.textOverflow === 'ellipsis';
      const hidesY = cs.overflowY === 'hidden' || cs.overflowY === 'clip';
      const clamp = cs.getPropertyValue('-webkit-line-clamp');
      const wide = hidesX && el.scrollWidth > el.clientWidth + 1;
      const tall = hidesY && el.scrollHeight > el.clientHeight + 1 && ((clamp !== '' && clamp !== 'none') || el.clientHeight < 64);
      if (!wide && !tall) continue;
      // text inside a scrolling area is not cut, it scrolls
      let scrolls = false;
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        const s = getComputedStyle(a);
        if (['auto', 'scroll'].includes(s.overflowX) || ['auto', 'scroll'].includes(s.overflowY)) scrolls = true;
      }
      if (scrolls && !wide) continue;
      el.setAttribute('data-a11y-cut', String(i));
      out.push({ i: i++, text: text.slice(0, 200), what: `${el.tagName.toLowerCase()}.${String(el.className).split(' ')[0]}${el.dataset.testid ? `[${el.dataset.testid}]` : ''}` });
    }
    return out;
  }, root);
  const found: string[] = [];
  for (const c of cut) {
    const el = p.locator(`[data-a11y-cut="${c.i}"]`);
    const titled = await el.evaluate((e) => {
      for (let a: Element | null = e; a && a !== document.body; a = a.parentElement) if (a.getAttribute('title')) return true;
      return false;
    });
    let tooltip = titled;
    if (!tooltip) {
      await el.hover({ force: true }).catch(() => undefined);
      const first = c.text.split('\n')[0]?.slice(0, 40) ?? '';
      tooltip = await p
        .getByRole('tooltip')
        .filter({ hasText: first })
        .first()
        .waitFor({ timeout: 1_500 })
        .then(() => true, () => false);
      await p.mouse.move(0, 0);
    }
    if (!tooltip) found.push(`${screen}: ${c.what} «${c.text.slice(0, 60)}» cut without a tooltip`);
  }
  await p.evaluate(() => document.querySelectorAll('[data-a11y-cut]').forEach((e) => e.removeAttribute('data-a11y-cut')));
  stats.ms.clip += Date.now() - started;
  return found;
}

/** The checks on every screen: one h1, the title naming it, axe, nothing cut. */
async function checkScreen(p: Page, screen: string, problems: string[], violations: Violation[]): Promise<void> {
  stats.screens++;
  const h1 = p.locator('h1');
  const count = await h1.count();
  if (count !== 1) problems.push(`${screen}: ${count} h1`);
  else {
    const heading = (await h1.innerText()).trim();
    const title = await p.title();
    if (!heading || !title.startsWith(`${heading} — `)) problems.push(`${screen}: the title «${title}» does not name «${heading}»`);
  }
  violations.push(...(await axe(p, screen)));
  problems.push(...(await clippedText(p, screen)));
}

/** The navigation entries of the logged-in role, as the navbar shows them. */
async function navEntries(p: Page): Promise<{ testId: string; href: string }[]> {
  return p.locator('nav a[data-testid^="nav-"]').evaluateAll((as) =>
    as.map((a) => ({ testId: a.getAttribute('data-testid') ?? '', href: a.getAttribute('href') ?? '' })),
  );
}

const WIDTHS: readonly Width[] = [1366, 1024];

/**
 * The checks of one screen at both widths: at the current width, then the viewport resized to the other (no
 * navigation, no reload: the same screen laid out again). `modal`: the open dialog, checked whole by axe every time
 * and for cut text inside it (the page behind is under the overlay). `shot`: a screenshot at each width.
 */
async function atBothWidths(p: Page, who: string, lang: Lang, screen: string, problems: string[], v: Violation[], opts: { modal?: boolean; shot?: string } = {}): Promise<void> {
  const now = (p.viewportSize()?.width ?? 1366) as Width;
  for (const width of [now, ...WIDTHS.filter((w) => w !== now)]) {
    if (width !== now) {
      await p.setViewportSize({ width, height: 768 });
      await p.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      await settle(p);
    }
    const tag = `${who}-${lang}-${width}`;
    if (opts.modal) {
      stats.screens++;
      v.push(...(await axe(p, `${tag} ${screen}`, true)));
      problems.push(...(await clippedText(p, `${tag} ${screen}`, '[role="dialog"]')));
    } else await checkScreen(p, `${tag} ${screen}`, problems, v);
    if (opts.shot) await screenshot(p, `a11y-${tag}-${opts.shot}`);
  }
}

/** Every screen of the role in one language, each at both widths (see the header). */
async function walk(p: Page, who: string, lang: Lang, problems: string[], v: Violation[]): Promise<void> {
  const both = (screen: string, opts?: { modal?: boolean; shot?: string }) => atBothWidths(p, who, lang, screen, problems, v, opts);
  const entries = await navEntries(p);
  if (entries.length < 2) throw new Error(`${who} ${lang}: the navigation has ${entries.length} entries`);
  for (const entry of entries) {
    await p.goto(`${base(p)}${entry.href}`);
    await settle(p);
    await both(entry.testId, entry.testId === 'nav-home' ? { shot: 'home' } : {});
  }
  const has = (id: string) => entries.some((e) => e.testId === id);
  // the plan screen and each of its tabs
  if (has('nav-plans')) {
    await p.goto(`${base(p)}#/plans`);
    await settle(p);
    const row = p.locator('[data-testid^="plan-row-"] a').first();
    if ((await row.count()) > 0) {
      await row.click();
      await settle(p);
      const tabs = await p.getByRole('tab').all();
      for (const [i, tab] of tabs.entries()) {
        const name = (await tab.getAttribute('data-testid')) ?? `tab${i}`;
        await tab.click();
        await settle(p);
        await both(`plan ${name}`);
      }
    }
  }
  // a case with every section (a bullying case shows them all), then the card of its first pupil
  if (has('nav-cases')) {
    await p.goto(`${base(p)}#/cases`);
    await settle(p);
    const rows = p.locator('[data-testid^="case-row-"]');
    const bullying = rows.filter({ hasText: /буллинг/i }).first();
    const row = (await bullying.count()) > 0 ? bullying : rows.first();
    if ((await row.count()) > 0) {
      await row.click();
      await p.getByTestId('case-screen').waitFor();
      await settle(p);
      await both('case', { shot: 'case' });
      const pupil = p.locator('main a[href^="#/pupil?id="]').first();
      if ((await pupil.count()) > 0) {
        await pupil.click();
        await p.getByTestId('pupil-card').waitFor();
        await settle(p);
        await both('pupil card');
      }
    }
  }
  // the pupil card of a role that reads pupils but not cases (the class teacher), from the list
  if (has('nav-pupils') && !has('nav-cases')) {
    await p.goto(`${base(p)}#/pupils`);
    await settle(p);
    const open = p.getByTestId('pupil-open').first();
    if ((await open.count()) > 0) {
      await open.click();
      await p.getByTestId('pupil-card').waitFor();
      await settle(p);
      await both('pupil card', { shot: 'pupil-card' });
    }
  }
  // the modals: the pupil form, the director's retention list (records past their retention date)
  if (has('nav-pupils')) {
    await p.goto(`${base(p)}#/pupils`);
    await settle(p);
    for (const [button, name, ready] of [
      ['pupil-add', 'pupil form', null],
      ['retention-open', 'retention', 'retention-count'],
    ] as const) {
      if ((await p.getByTestId(button).count()) === 0) continue;
      await p.getByTestId(button).click();
      const dialog = p.getByRole('dialog');
      await dialog.waitFor();
      if (ready) await p.getByTestId(ready).waitFor();
      // axe only once the modal has faded in: mid-transition its text is half-transparent
      await dialog.evaluate((el) => Promise.all(el.getAnimations({ subtree: true }).map((a) => a.finished)));
      await both(name, { modal: true });
      await p.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
    }
  }
}

function report(v: Violation[]): string {
  return v.map((x) => `${x.screen}: ${x.id} (${x.impact}) ${x.help} @ ${x.targets.join(' ')}`).join('\n');
}

const ROLES = ['director', 'psychologist', 'deputy', 'socped', 'secretary', 'teacher', 'admin'] as const;
const LANGS: readonly Lang[] = ['kk', 'ru'];

describe('accessibility walk over the demo school', () => {
  beforeAll(async () => {
    const first = fs.mkdtempSync(path.join(os.tmpdir(), 'qorgan-e2e-a11y-'));
    await createDemoSchool(testPlatform(first), { reset: true, seeders: demoSeeders });
    // the second lane's school: a copy of the first, made while no core has it open
    const second = fs.mkdtempSync(path.join(os.tmpdir(), 'qorgan-e2e-a11y-'));
    fs.cpSync(first, second, { recursive: true });
    for (const dir of [first, second]) {
      const h = await startHarness({ dataDir: dir, demo: true });
      const b = await launchBrowser();
      b.page.setDefaultTimeout(30_000);
      urlOf.set(b.page, h.url);
      lanes.push({ harness: h, browser: b, page: b.page, dataDir: dir });
    }
    idle.push(...lanes);
    harness = lanes[0]!.harness;
    page = lanes[0]!.page;
  }, 300_000);
  afterAll(async () => {
    console.log(
      `a11y walk: ${combosWalked.size} role×language×width combinations, ${stats.screens} screens + ${stats.modals} modals; ` +
        `axe over the whole page ${stats.axeFull}×, main already checked ${stats.mainReused}× (the rest of the page checked again ${stats.axeShellOnly}×); ` +
        `axe ${Math.round(stats.ms.axe / 1000)} s, cut-text check ${Math.round(stats.ms.clip / 1000)} s (summed over ${lanes.length} lanes)`,
    );
    for (const lane of lanes) {
      await lane.browser.close();
      await lane.harness.close();
      fs.rmSync(lane.dataDir, { recursive: true, force: true });
    }
  });

  for (const who of ROLES) {
    it.concurrent(`${who}: every screen, tab, section and modal in kk and ru at 1366×768 and 1024×768`, async ({ expect: expectHere }) => {
      await withLane(async ({ page: p }) => {
        const problems: string[] = [];
        const v: Violation[] = [];
        await p.setViewportSize({ width: 1366, height: 768 });
        await login(p, who);
        for (const lang of LANGS) {
          await setLanguage(p, lang);
          await walk(p, who, lang, problems, v);
          for (const width of WIDTHS) combosWalked.add(`${who}|${lang}|${width}`);
        }
        await logout(p);
        expectHere({ problems, axe: report(v) }).toEqual({ problems: [], axe: '' });
      });
    }, 900_000);
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

    // the help: a named button, Enter opens the drawer with this screen's help, axe finds nothing, Esc closes it
    // and the focus goes back to the button
    const help = page.getByTestId('help-button');
    expect(await help.getAttribute('aria-label')).toBeTruthy();
    await help.focus();
    await page.keyboard.press('Enter');
    const drawer = page.getByRole('dialog');
    await drawer.waitFor();
    await drawer.getByTestId('first-day-guides').waitFor();
    // axe only once the drawer has slid in: mid-transition its text is half-transparent and fails the contrast rule
    await drawer.evaluate((el) => Promise.all(el.getAnimations({ subtree: true }).map((a) => a.finished)));
    await expect.poll(() => drawer.evaluate((el) => getComputedStyle(el).opacity)).toBe('1');
    expect(await drawer.getByRole('heading', { level: 2 }).innerText()).toContain(await page.locator('main h1').innerText());
    expect(await drawer.getAttribute('aria-labelledby')).toBeTruthy();
    expect(await drawer.getByRole('heading', { level: 3 }).count()).toBe(3);
    expect(report(await axe(page, 'help-drawer', true))).toBe('');
    await screenshot(page, 'a11y-psychologist-help-drawer');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });
    await expect.poll(() => help.evaluate((el) => el === document.activeElement)).toBe(true);
    await logout(page);
  }, 120_000);

  it('walked every role in both languages at both widths', () => {
    expect(combosWalked.size).toBe(ROLES.length * LANGS.length * WIDTHS.length);
  });
});

/** The account's language, set on the settings screen (remembered for the account). */
async function setLanguage(p: Page, lang: 'kk' | 'ru'): Promise<void> {
  const current = (await p.locator('html').getAttribute('lang')) ?? '';
  if (current.startsWith(lang)) return;
  await p.getByTestId('nav-settings').click();
  await p.getByTestId('language-switch').getByText(lang === 'ru' ? 'Русский' : 'Қазақша').click();
  // no expect.poll here: the role tests run concurrently, and vitest's global expect belongs to one test at a time
  await p.waitForFunction((l) => document.documentElement.lang === l, lang, { timeout: 20_000 });
}
