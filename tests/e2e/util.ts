/**
 * e2e helpers: Debian's Chromium through playwright-core (no browser download), a fresh profile per run, the
 * screenshots folder, and the clearly fake names the foundation scenario types in (exported so that the leak
 * checks can search the data folder for them).
 */
import fs from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../electron/core/demo/school';

export const ARTIFACTS_DIR = path.resolve(import.meta.dirname, '../../test-artifacts/e2e');

/** Every person's and school's name the foundation scenario creates. Distinctive, so a byte search cannot miss. */
export const FAKE = {
  school: {
    nameKk: 'Жалғантау ауылының Сынақбаев атындағы №777 тестілік мектебі',
    nameRu: 'Тестовая школа №777 имени Сынакбаева села Жалгантау',
    number: '777',
    namedAfterKk: 'Сынақбаев Тестбай',
    namedAfterRu: 'Сынакбаев Тестбай',
    addressKk: 'Жалғантау ауылы, Ойдан шығарылған көшесі, 13',
    addressRu: 'село Жалгантау, улица Вымышленная, 13',
    districtDepartmentKk: 'Жалғантау ауданының тестілік білім бөлімі',
    districtDepartmentRu: 'Тестовый отдел образования района Жалгантау',
    directorName: 'Тестова Айгерім Жалғанқызы',
    directorPositionKk: '№777 тестілік мектеп директоры',
    directorPositionRu: 'Директор тестовой школы №777',
  },
  director: { login: 'aigerim.testova', displayName: 'Тестова Айгерім Жалғанқызы', password: 'Алғашқы-құпия-сөз-1' },
  recoveredPassword: 'Қалпына-келтірілген-2',
  teacher: { login: 'erlan.synakov', displayName: 'Сынақов Ерлан Тестұлы', password: 'Мұғалім-құпия-сөз-3' },
} as const;

/** The strings that must never appear in the data folder, logs or temp files in the clear. */
export function fakeNeedles(): string[] {
  const s = FAKE.school;
  return [
    s.nameKk,
    s.nameRu,
    s.namedAfterKk,
    s.addressKk,
    s.addressRu,
    s.districtDepartmentKk,
    s.directorName,
    FAKE.teacher.displayName,
    'Жалғантау',
    'Жалгантау',
    'Сынақов',
    'Тестова',
  ];
}

/** `process.env.CHROMIUM_PATH`, else `chromium` found on the PATH. */
export function chromiumPath(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return fromEnv;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, 'chromium');
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  throw new Error('Chromium not found: install Debian chromium or set CHROMIUM_PATH');
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Launches Chromium with a fresh profile (removed on close). */
export async function launchBrowser(options: { lang?: string } = {}): Promise<Browser> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'qorgan-e2e-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 860 },
    locale: options.lang ?? 'kk-KZ',
    timezoneId: 'Asia/Almaty',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Fills the login form (the demo password unless told) and waits until the session's name shows in the header. */
export async function logIn(page: Page, login: string, password: string = DEMO_PASSWORD): Promise<void> {
  const form = page.getByTestId('login-form');
  await form.waitFor();
  await form.locator('input[name="login"]').fill(login);
  await form.locator('input[name="password"]').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('session-name').waitFor();
}

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core (WCAG 2.1 A/AA) over one element: its serious and critical violations, as the a11y walk counts them. */
export async function axeSerious(page: Page, testId: string): Promise<string[]> {
  if (!(await page.evaluate(() => typeof (globalThis as { axe?: unknown }).axe !== 'undefined'))) await page.evaluate(AXE_SOURCE);
  const found = await page.getByTestId(testId).evaluate(async (el) => {
    const a = (globalThis as unknown as { axe: { run(ctx: unknown, o: unknown): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const r = await a.run(el, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact ?? '', targets: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)) }));
  });
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${testId}: ${v.id} ${v.targets.join(' ')}`);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Latin words a Kazakh or Russian UI legitimately shows: key names, file formats, product names. */
export const ALLOWED_LATIN = ['Ctrl+L', 'PDF', 'Word', 'Excel', 'DOCX', 'XLSX', 'docx', 'xlsx', 'JSON', 'json', 'USB'];

/**
 * Latin words in the visible text, except the ones a user typed (logins) and ALLOWED_LATIN: the UI must show no
 * English (an untranslated i18n key such as `nav.plansHint` shows up here too).
 */
export async function englishWords(page: Page, allowed: readonly string[] = []): Promise<string[]> {
  let text = await page.locator('body').innerText();
  for (const a of [...allowed, ...ALLOWED_LATIN]) text = text.split(a).join(' ');
  return text.match(/[A-Za-z]{2,}/g) ?? [];
}

/** Files under `dir` (recursively) whose bytes contain any needle (UTF-8). */
export function filesContaining(dir: string, needles: readonly string[]): { file: string; needle: string }[] {
  const hits: { file: string; needle: string }[] = [];
  const bufs = needles.map((n) => ({ n, b: Buffer.from(n, 'utf8') }));
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.isFile()) {
        const data = fs.readFileSync(p);
        for (const { n, b } of bufs) if (data.includes(b)) hits.push({ file: p, needle: n });
      }
    }
  };
  walk(dir);
  return hits;
}
