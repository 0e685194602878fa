/**
 * The annual joint plan in a real browser (Debian Chromium) on the real core through the harness:
 * framework browser (Decree 748, abbreviations) → new plan from the template → add an item linked to Decree 748
 * item 8 (the KiVa-based programme) → «Бекітемін» → create the director's certificate and sign → save the PDF
 * through the save dialog. The saved file is read with poppler: `pdftotext` holds «Бекітемін», the director's
 * name and the new item; `pdfsig` says the signature is valid. Screenshots of every screen go to
 * test-artifacts/e2e/plans-*.png.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import kk from '../../renderer/src/i18n/kk.json';
import ru from '../../renderer/src/i18n/ru.json';
import type { Framework } from '../../shared/frameworks';
import type { Plan } from '../../shared/plans';
import { startHarness, type Harness } from '../harness/server';
import { ARTIFACTS_DIR, englishWords, FAKE, launchBrowser, screenshot, type Browser } from './util';

const DIRECTOR = { login: 'aigerim.testova', displayName: FAKE.director.displayName, password: 'Жоспар-құпия-сөз-1' };
const CERT_PASSWORD = 'қол-қою-құпия-сөзі-7';
const MEASURE_KK = 'Буллингтің алдын алу бағдарламасы бойынша тестілік сабақтар';
const MEASURE_RU = 'Тестовые занятия по программе профилактики буллинга';
/** Latin words the interface may show: the user's login, a file format */
const ALLOWED = [DIRECTOR.login, 'JSON'];

let harness: Harness;
let browser: Browser;
let page: Page;
let dataDir: string;
let outDir: string;

/** Latin names inside the framework's and the template's own text (TikTok, KiVa, ASQ …): data, not interface */
let dataWords: string[] = [];

/** a screenshot (the whole page, or only the window when the page scrolled to show something) + the no-English check */
async function shot(name: string, options: { viewport?: boolean } = {}) {
  // let dialogs finish their opening transition
  await page.waitForTimeout(400);
  if (options.viewport) {
    fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, `plans-${name}.png`) });
  } else {
    // a whole-page picture from the top (the app bar is fixed: a scrolled page would show it mid-picture)
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, `plans-${name}`);
  }
  expect(await englishWords(page, [...ALLOWED, ...dataWords])).toEqual([]);
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('annual joint plan in Chromium', () => {
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qorgan-e2e-plans-'));
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qorgan-e2e-plans-out-'));
    harness = await startHarness({ dataDir });
    // the school is set up through the core (the first-run wizard has its own scenario); the director logs in below
    const setup = await harness.core.invoke('auth.setup', {
      language: 'kk',
      school: {
        nameKk: FAKE.school.nameKk,
        nameRu: FAKE.school.nameRu,
        number: FAKE.school.number,
        namedAfterKk: FAKE.school.namedAfterKk,
        namedAfterRu: FAKE.school.namedAfterRu,
        addressKk: FAKE.school.addressKk,
        addressRu: FAKE.school.addressRu,
        districtDepartmentKk: FAKE.school.districtDepartmentKk,
        districtDepartmentRu: FAKE.school.districtDepartmentRu,
        directorName: FAKE.school.directorName,
        directorPositionKk: FAKE.school.directorPositionKk,
        directorPositionRu: FAKE.school.directorPositionRu,
      },
      account: { ...DIRECTOR, roles: ['director', 'administrator'] },
    });
    expect(setup.ok).toBe(true);
    expect((await harness.core.invoke('auth.confirmRecoveryStored', {})).ok).toBe(true);
    const fw = await harness.core.invoke('frameworks.get', { code: 'decree-748' });
    if (!fw.ok) throw new Error(`frameworks.get: ${fw.error.code}`);
    // only the text the browser shows (never the editor's notes)
    const f = fw.value as Framework;
    const shown = [
      ...f.items.flatMap((i) => [i.measureKk, i.measureRu, i.completionFormKk, i.completionFormRu, i.deadlineKk, i.deadlineRu, i.responsibleKk, i.costKk, i.fundingKk]),
      ...f.sections.flatMap((x) => [x.titleKk, x.titleRu]),
      ...f.abbreviations.flatMap((x) => [x.fullKk, x.fullRu]),
    ].join(' ');
    dataWords = [...new Set(shown.match(/[A-Za-z]{2,}/g) ?? [])].filter((w) => w.length >= 4);
    expect((await harness.core.invoke('auth.lock', {})).ok).toBe(true);
    browser = await launchBrowser();
    page = browser.page;
    page.setDefaultTimeout(30_000);
  });

  afterAll(async () => {
    await browser?.close();
    await harness?.close();
    for (const d of [dataDir, outDir]) if (d) fs.rmSync(d, { recursive: true, force: true });
  });

  it('template plan → item linked to Decree 748 item 8 → approve → sign → PDF with a valid signature', async () => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    try {
      await page.goto(harness.url);
      const form = page.getByTestId('login-form');
      await form.locator('input[name="login"]').fill(DIRECTOR.login);
      await form.locator('input[name="password"]').fill(DIRECTOR.password);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('session-name').waitFor();

      // 1. the framework browser: Decree 748 with its own item numbers, every column, abbreviations as tooltips
      await page.getByTestId('nav-frameworks').click();
      await page.getByTestId('framework-items').waitFor();
      const item8 = page.getByTestId('fw-item-8');
      await item8.waitFor();
      expect(await item8.innerText()).toContain('KiVa');
      expect(await page.getByTestId('framework-items').locator('thead').innerText()).toContain('Қаржыландыру көздері');
      await item8.locator('abbr[data-abbr="ЖАО"]').hover();
      await page.getByText('жергілікті атқарушы органдар', { exact: true }).first().waitFor();
      await shot('01-framework-tooltip', { viewport: true });
      await page.mouse.move(0, 0);
      await page.evaluate(() => window.scrollTo(0, 0));
      await shot('01-framework', { viewport: true });
      await page.getByTestId('framework-search').fill('KiVa');
      await expect.poll(() => page.getByTestId('framework-items').locator('tbody tr[data-testid^="fw-item-"]').count()).toBe(1);
      await page.getByTestId('framework-tabs').getByText(kk.frameworks.abbreviations.split(' ')[0]!).click();
      await page.getByTestId('framework-abbreviations').waitFor();
      await shot('02-framework-abbreviations');

      // 2. plans list (empty) → a new plan from the template
      await page.getByTestId('nav-plans').click();
      await page.getByTestId('plans-empty').waitFor();
      await page.getByTestId('plan-new').click();
      await page.getByTestId('plan-new-form').waitFor();
      await shot('03-new-plan', { viewport: true });
      // "from a framework": Decree 748's own items; "carried out locally" narrows the choice (then back to the template)
      await page.getByTestId('plan-source-framework').click();
      await page.getByTestId('plan-framework-picker').waitFor();
      await page.getByTestId('plan-framework-item-53').waitFor();
      const decreeItems = await page.locator('[data-testid^="plan-framework-item-"]').count();
      expect(decreeItems).toBe(38);
      await page.getByTestId('plan-framework-local').click();
      await expect.poll(() => page.locator('[data-testid^="plan-framework-item-"]').count()).toBeLessThan(decreeItems);
      await shot('03-new-plan-framework', { viewport: true });
      await page.getByTestId('plan-framework-local').click();
      await page.getByTestId('plan-source-template').click();
      await page.getByTestId('plan-new-submit').click();
      await page.getByTestId('plan-screen').waitFor();
      await page.getByTestId('item-row-1').waitFor();
      expect(await page.getByTestId('plan-status').first().innerText()).toBe(kk.plans.status.draft);
      const planId = new URL(page.url()).hash.match(/id=([0-9a-f-]{36})/)?.[1] ?? '';
      const created = await harness.core.invoke('plans.get', { id: planId });
      if (!created.ok) throw new Error(`plans.get: ${created.error.code}`);
      const planText = (created.value as Plan).items
        .flatMap((i) => [i.measureKk, i.measureRu, i.completionFormKk, i.completionFormRu, i.deadlineKk, i.deadlineRu, i.costKk, i.costRu, i.fundingKk, i.fundingRu])
        .join(' ');
      dataWords.push(...new Set(planText.match(/[A-Za-z]{3,}/g) ?? []));
      await shot('04-editor-template');

      // 3. add an item to section 1 and link it to Decree 748 item 8 through the picker
      const count = async () => Number((await page.getByTestId('plan-item-count').innerText()).replace(/\D/g, ''));
      const itemsBefore = await count();
      expect(itemsBefore).toBeGreaterThan(5);
      await page.getByTestId('section-add-item-1').click();
      const edit = page.getByTestId('item-edit-form');
      await edit.waitFor();
      await edit.locator('textarea[name="measureKk"]').fill(MEASURE_KK);
      await edit.locator('textarea[name="measureRu"]').fill(MEASURE_RU);
      await edit.locator('input[name="completionFormKk"]').fill('ақпарат');
      await edit.locator('input[name="deadlineKk"]').fill('тоқсан сайын');
      await page.getByTestId('item-link-open').click();
      const picker = page.getByTestId('framework-picker');
      await picker.waitFor();
      await page.getByTestId('framework-picker-search').fill('8');
      await page.getByTestId('picker-item-8').waitFor();
      await expect.poll(() => picker.locator('[data-testid^="picker-item-"]').count()).toBe(1);
      await page.getByTestId('picker-item-8').click();
      await shot('05-framework-picker', { viewport: true });
      await page.getByTestId('framework-picker-done').click();
      await page.getByTestId('item-link-8').waitFor();
      await shot('06-item-edit');
      await page.getByTestId('item-save').click();
      await edit.waitFor({ state: 'detached' });
      const newRow = page.locator('[data-testid^="item-row-"]', { hasText: MEASURE_KK });
      await newRow.waitFor();
      expect(await newRow.innerText()).toContain(kk.plans.linkLabel.replace('{{number}}', '8'));
      expect(await count()).toBe(itemsBefore + 1);
      await shot('07-editor-item-added');

      // reorder: the new item (last of section 1) moves up one place and takes the number before it
      const numberOf = async () => Number((await newRow.getAttribute('data-testid'))!.replace('item-row-', ''));
      const placed = await numberOf();
      await newRow.getByRole('button', { name: kk.plans.editor.moveUp }).click();
      await expect.poll(numberOf).toBe(placed - 1);
      await newRow.getByRole('button', { name: kk.plans.editor.moveDown }).click();
      await expect.poll(numberOf).toBe(placed);
      // a section: added at the end, named, then removed
      await page.getByTestId('plan-add-section').click();
      await page.getByTestId('section-title-kk').fill('Уақытша бөлім');
      await page.getByTestId('section-title-ru').fill('Временный раздел');
      await page.getByTestId('section-save').click();
      const tempSection = page.locator('[data-testid^="section-row-"]', { hasText: 'Уақытша бөлім' });
      await tempSection.waitFor();
      const sections = async () => ((await harness.core.invoke('plans.get', { id: planId })) as { ok: true; value: Plan }).value.sections.length;
      const sectionsWithTemp = await sections();
      await tempSection.getByRole('button', { name: kk.plans.editor.deleteSection }).click();
      await page.getByRole('button', { name: kk.plans.editor.delete, exact: true }).click();
      await tempSection.waitFor({ state: 'detached' });
      expect(await sections()).toBe(sectionsWithTemp - 1);

      // 4. «Бекітемін»: the director approves; the plan is locked
      await page.getByTestId('tab-approval').click();
      await page.getByTestId('approval-panel').waitFor();
      await page.getByTestId('plan-approve').click();
      await page.getByTestId('approve-form').waitFor();
      expect(await page.getByTestId('approve-form').innerText()).toContain('Бекітемін');
      expect(await page.getByTestId('approve-form').locator('input[name="approverName"]').inputValue()).toBe(FAKE.school.directorName);
      await shot('08-approve', { viewport: true });
      await page.getByTestId('plan-approve-confirm').click();
      await page.getByTestId('approve-form').waitFor({ state: 'detached' });
      await expect.poll(() => page.getByTestId('plan-status').first().innerText()).toBe(kk.plans.status.approved);
      expect(await page.getByTestId('approval-line').innerText()).toContain(FAKE.school.directorName);
      // the editor is locked now
      await page.getByTestId('tab-plan').click();
      await page.getByTestId('plan-editor').waitFor();
      expect(await page.getByTestId('section-add-item-1').count()).toBe(0);
      expect(await page.locator('[data-testid^="item-edit-"]').count()).toBe(0);
      await page.getByTestId('tab-approval').click();

      // 5. sign: the school has no certificate yet → the director creates one, then signs the kk PDF
      await page.getByTestId('plan-sign').click();
      const cert = page.getByTestId('cert-create-form');
      await cert.waitFor();
      await expect.poll(() => cert.locator('input[name="certName"]').inputValue()).toBe(FAKE.school.directorName);
      await cert.locator('input[name="certPassword"]').fill(CERT_PASSWORD);
      await cert.locator('input[name="certRepeat"]').fill(CERT_PASSWORD);
      await shot('09-certificate', { viewport: true });
      await page.getByTestId('cert-create-submit').click();
      await page.getByTestId('sign-form').waitFor({ timeout: 60_000 });
      await shot('10-sign', { viewport: true });
      await page.getByTestId('sign-submit').click();
      const signed = page.getByTestId('plan-signed');
      await signed.waitFor({ timeout: 60_000 });
      const registerNumber = (await signed.innerText()).match(/[A-Z]{2}-\d+\/\d{4}/)?.[0];
      expect(registerNumber).toBeDefined();
      // the register number's prefix is Latin by design (the same in kk and ru documents)
      dataWords.push(registerNumber ?? '');
      await shot('11-signed');

      // 6. export: the save dialog answers with a path in a temp folder
      const pdfPath = path.join(outDir, 'жоспар-kk.pdf');
      harness.platform.dialogAnswers.push(pdfPath);
      await page.getByTestId('plan-signed-save').click();
      await expect.poll(() => fs.existsSync(pdfPath) && fs.statSync(pdfPath).size > 1000, { timeout: 30_000 }).toBe(true);

      const text = squash(execFileSync('pdftotext', ['-enc', 'UTF-8', pdfPath, '-'], { encoding: 'utf8' }));
      expect(text).toContain('Бекітемін');
      expect(text).toContain(FAKE.school.directorName);
      expect(text).toContain(MEASURE_KK);
      // kept for looking at: the PDF and its first page as PNG
      fs.copyFileSync(pdfPath, path.join(ARTIFACTS_DIR, 'plans-signed-kk.pdf'));
      execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '2', pdfPath, path.join(ARTIFACTS_DIR, 'plans-signed-kk-page')]);
      const sig = execFileSync('pdfsig', [pdfPath], { encoding: 'utf8' });
      expect(sig).toContain('Signature is Valid');
      expect(sig).not.toMatch(/Signature is Invalid|Digest Mismatch/i);

      // the signed document opens in the app's PDF viewer (the harness records what the shell would show)
      const shownBefore = harness.platform.shown.length;
      await page.getByTestId('plan-signed-open').click();
      await expect.poll(() => harness.platform.shown.length).toBe(shownBefore + 1);
      expect(Buffer.from(harness.platform.shown.at(-1)!.pdf).equals(fs.readFileSync(pdfPath))).toBe(true);
      // an unsigned preview in Russian: the draft layout with «Утверждаю»
      await page.getByTestId('plan-preview-ru').click();
      // a render of the whole plan in the PDF worker: seconds on a loaded machine, not the poll's default 1 s
      await expect.poll(() => harness.platform.shown.length, { timeout: 30_000 }).toBe(shownBefore + 2);
      const previewPath = path.join(outDir, 'preview-ru.pdf');
      fs.writeFileSync(previewPath, harness.platform.shown.at(-1)!.pdf);
      expect(squash(execFileSync('pdftotext', ['-enc', 'UTF-8', previewPath, '-'], { encoding: 'utf8' }))).toContain('Утверждаю');

      // the history lists the signed document of the approved revision
      await page.getByTestId('approval-history').getByText(registerNumber ?? '-').waitFor();
      await shot('12-approval-history');

      // 7. a Word copy, saved where the user chooses
      const docxPath = path.join(outDir, 'бірлескен-жоспар.docx');
      harness.platform.dialogAnswers.push(docxPath);
      await page.getByTestId('plan-save-docx').click();
      await expect.poll(() => fs.existsSync(docxPath) && fs.statSync(docxPath).size > 1000, { timeout: 30_000 }).toBe(true);
      expect(fs.readFileSync(docxPath).subarray(0, 2).toString('latin1')).toBe('PK');

      // 8. execution and quarterly reports screens of the approved plan
      await page.getByTestId('tab-execution').click();
      await page.getByTestId('exec-table').waitFor();
      await page.getByTestId('section-progress').waitFor();
      // the new item falls due every quarter: mark it done with reach and an evidence file
      const execRow = page.locator('[data-testid^="exec-row-"]', { hasText: MEASURE_KK });
      await execRow.locator('[data-testid^="exec-mark-"]').click();
      const mark = page.getByTestId('mark-form');
      await mark.waitFor();
      await mark.locator('textarea[name="doneText"]').fill('5–9 сыныптарда 4 сабақ өтті');
      await mark.getByLabel(kk.plans.exec.reachPupils).fill('96');
      // a file over the limit is refused with the limit named, before anything is sent
      await mark.locator('input[type="file"]').setInputFiles({ name: 'үлкен-фото.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(11 * 1024 * 1024, 1) });
      await expect.poll(() => page.getByTestId('evidence-error').innerText()).toContain('10');
      await mark.locator('input[type="file"]').setInputFiles({ name: 'хаттама.pdf', mimeType: 'application/pdf', buffer: Buffer.from('сабақтың хаттамасы', 'utf8') });
      await mark.getByText('хаттама.pdf').waitFor();
      dataWords.push('хаттама.pdf'); // a file name the user chose
      await shot('13a-execution-mark', { viewport: true });
      await page.getByTestId('mark-save').click();
      await mark.waitFor({ state: 'detached' });
      await expect.poll(() => execRow.innerText()).toContain(kk.plans.exec.statuses.done);
      expect(await execRow.innerText()).toContain(kk.plans.exec.filesN.replace('{{n}}', '1'));
      await shot('13-execution');
      // the quarters' dates, which decide what is due and overdue
      await page.getByTestId('calendar-open').click();
      await page.getByTestId('calendar-form').waitFor();
      await shot('13b-calendar', { viewport: true });
      await page.getByTestId('calendar-form').getByRole('button', { name: kk.common.cancel }).click();
      await page.getByTestId('calendar-form').waitFor({ state: 'detached' });
      await page.getByTestId('tab-reports').click();
      await page.getByTestId('reports-panel').waitFor();
      await shot('14-reports');
      // the quarter just marked (the current one): its report, signed, with the item marked done
      const quarterNow = Number(await page.getByTestId('report-quarter').locator('input:checked').getAttribute('value'));
      expect(quarterNow).toBeGreaterThanOrEqual(1);
      await page.getByTestId('report-issue').click();
      await page.getByTestId('sign-form').waitFor();
      await page.getByTestId('sign-password').fill(CERT_PASSWORD);
      await page.getByTestId('sign-submit').click();
      const issuedReport = page.getByTestId('report-issued');
      await issuedReport.waitFor({ timeout: 60_000 });
      const reportNumber = (await issuedReport.innerText()).match(/[A-Z]{2}-\d+\/\d{4}/)?.[0];
      expect(reportNumber).toBeDefined();
      dataWords.push(reportNumber ?? '');
      const reportPath = path.join(outDir, 'есеп.pdf');
      harness.platform.dialogAnswers.push(reportPath);
      await page.getByTestId('report-issued-save').click();
      await expect.poll(() => fs.existsSync(reportPath) && fs.statSync(reportPath).size > 1000, { timeout: 30_000 }).toBe(true);
      const reportText = squash(execFileSync('pdftotext', ['-enc', 'UTF-8', reportPath, '-'], { encoding: 'utf8' }));
      expect(reportText).toContain('Жоспардың орындалуы туралы ақпарат');
      expect(reportText).toContain('5–9 сыныптарда 4 сабақ өтті');
      expect(execFileSync('pdfsig', [reportPath], { encoding: 'utf8' })).toContain('Signature is Valid');
      await shot('14a-report-issued');

      // 9. a change after approval: revision 2 with the list of what changed, approved again
      await page.getByTestId('tab-approval').click();
      await page.getByTestId('plan-start-revision').click();
      await expect.poll(() => page.getByTestId('plan-status').first().innerText()).toBe(kk.plans.status.revision);
      await page.getByTestId('tab-plan').click();
      const revRow = page.locator('[data-testid^="item-row-"]', { hasText: MEASURE_KK });
      await revRow.locator('[data-testid^="item-edit-"]').click();
      const revEdit = page.getByTestId('item-edit-form');
      await revEdit.locator('input[name="deadlineKk"]').fill('қазан, наурыз');
      await page.getByTestId('item-save').click();
      await revEdit.waitFor({ state: 'detached' });
      await page.getByTestId('tab-approval').click();
      const changes = page.getByTestId('plan-changes');
      await changes.waitFor();
      expect(await changes.innerText()).toContain(kk.plans.fields.deadlineKk);
      await shot('15a-revision-changes');
      await page.getByTestId('plan-approve').click();
      await page.getByTestId('plan-approve-confirm').click();
      await expect.poll(() => page.getByTestId('plan-status').first().innerText()).toBe(
        `${kk.plans.status.approved} · ${kk.plans.status.revisionN.replace('{{n}}', '2')}`,
      );
      await expect.poll(() => page.getByTestId('approval-history').innerText()).toContain(kk.plans.approval.historyItem.split(',')[0]!.replace('{{n}}', '2'));
      expect(await page.getByTestId('approval-history').innerText()).toContain(kk.plans.fields.deadlineKk);
      await shot('15b-revision-approved');

      // 10. the plans list shows the approved plan
      await page.getByTestId('nav-plans').click();
      await page.getByTestId('plans-table').waitFor();
      await expect.poll(() => page.getByTestId('plans-table').innerText()).toContain(kk.plans.status.approved);
      await shot('15-plans-list');

      // 11. the Word copy imports back: every row read, the same number of items, into a new plan
      await page.getByTestId('plan-import-open').click();
      const importer = page.getByTestId('plan-import');
      await importer.waitFor();
      await importer.locator('input[type="file"]').setInputFiles(docxPath);
      await importer.getByTestId('import-counts').waitFor();
      const counts = await importer.getByTestId('import-counts').innerText();
      expect(counts).toContain(`іс-шаралар: ${itemsBefore + 1}`);
      expect(await importer.getByTestId('import-row-problem').count()).toBe(0);
      await shot('16-import-preview', { viewport: true });
      await page.getByTestId('plan-import-commit').click();
      await importer.waitFor({ state: 'detached' });
      await page.getByTestId('plan-screen').waitFor();
      await expect.poll(count).toBe(itemsBefore + 1);
      await page.locator('[data-testid^="item-row-"]', { hasText: MEASURE_KK }).waitFor();
      await shot('17-imported-plan');
      // 12. a framework from Excel: Decree 748 exported as a workbook comes back under another code
      // saved from the framework view with «save as Excel» (the save dialog answers with a path)
      const xlsxPath = path.join(outDir, 'құжат.xlsx');
      await page.getByTestId('nav-frameworks').click();
      harness.platform.dialogAnswers.push(xlsxPath);
      await page.getByTestId('framework-save-xlsx').click();
      await expect.poll(() => fs.existsSync(xlsxPath)).toBe(true);
      await page.getByTestId('framework-xlsx-open').click();
      const fxi = page.getByTestId('framework-xlsx-import');
      await fxi.waitFor();
      await fxi.locator('input[type="file"]').setInputFiles(xlsxPath);
      await fxi.getByText(kk.plansIo.frameworkImport.summary.split(':')[0]!).waitFor();
      await fxi.getByLabel(kk.frameworks.xlsx.code).fill('e2e-decree-copy');
      await shot('19-framework-xlsx', { viewport: true });
      await fxi.getByRole('button', { name: kk.frameworks.xlsx.import }).click();
      await fxi.waitFor({ state: 'detached' });
      await page.getByTestId('framework-switch').waitFor();
      await page.getByTestId('fw-item-8').waitFor();

      await page.getByTestId('nav-settings').click();
      await page.getByTestId('language-switch').getByText('Русский').click();
      await expect.poll(() => page.getByTestId('nav-plans').innerText()).toBe(ru.nav.plans);
      await page.getByTestId('nav-plans').click();
      await page.locator('[data-testid^="plan-row-"]').first().click();
      await page.getByTestId('item-row-1').waitFor();
      await shot('18-editor-ru');
      // a smaller screen: the table wraps its text instead of running off the page
      await page.setViewportSize({ width: 1024, height: 768 });
      await page.getByTestId('item-row-1').waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
      await shot('20-editor-ru-1024', { viewport: true });
      await page.setViewportSize({ width: 1280, height: 860 });
      await page.getByTestId('nav-frameworks').click();
      await page.getByTestId('framework-items').waitFor();
      await page.getByTestId('fw-item-8').waitFor();
      expect(await page.getByTestId('framework-items').locator('thead').innerText()).toContain('Источники финансирования');
      await shot('21-framework-ru', { viewport: true });

      expect(errors).toEqual([]);
    } catch (e) {
      await screenshot(page, 'plans-zz-failure').catch(() => undefined);
      throw e;
    }
  });
});
