/**
 * Documents screens in Chromium on the demo school: the register lists and searches the issued documents, the
 * verify screen checks a picked PDF (unchanged: both signatures intact and by the school's keys; one byte changed:
 * broken; a revision signed by a certificate forged with the director's serial and name: an unknown signer), and the keys
 * screen lists the signing certificates and refuses a wrong .p12 password with a translated message.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoSchool, DEMO_PASSWORD } from '../../electron/core/demo/school';
import { loadP12 } from '../../electron/core/documents/certificates';
import { signPdf } from '../../electron/core/documents/sign';
import { checkSignatures } from '../../electron/core/documents/verify';
import { addDocumentSamples, DEMO_DIRECTOR, DEMO_SECRETARY } from '../../scripts/samples/documents';
import { startHarness, type Harness } from '../harness/server';
import { testPlatform } from '../harness/platform';
import kk from '../../renderer/src/i18n/kk.json';
import { englishWords, launchBrowser, screenshot, type Browser } from './util';

let harness: Harness;
let browser: Browser;
let page: Page;
let dataDir: string;
let outDir: string;

describe('documents screens', () => {
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qorgan-e2e-docs-'));
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qorgan-e2e-docs-out-'));
    await createDemoSchool(testPlatform(dataDir), { reset: true });
    harness = await startHarness({ dataDir, demo: true });
    browser = await launchBrowser();
    page = browser.page;
    page.setDefaultTimeout(20_000);
    await page.goto(harness.url);
    const form = page.getByTestId('login-form');
    await form.locator('input[name="login"]').fill('director');
    await form.locator('input[name="password"]').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-form').waitFor({ state: 'detached' });
    await addDocumentSamples(outDir, harness.core);
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(outDir, { recursive: true, force: true });
  });

  it('lists and searches the register', async () => {
    await page.goto(`${harness.url}#/documents`);
    const rows = page.getByTestId('documents-row');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(1);
    await expect.poll(() => page.getByTestId('documents-table').innerText()).toContain(DEMO_DIRECTOR.commonName);
    await screenshot(page, 'documents-register');
    expect(await englishWords(page, ['director', 'MN'])).toEqual([]);
    await page.getByTestId('documents-search').fill('хаттамасы');
    await expect.poll(() => rows.count()).toBe(1);
    // «open» shows the register copy in the shell's PDF window (recorded by the harness platform), audited
    const shownBefore = harness.platform.shown.length;
    await page.getByTestId('documents-open').click();
    await expect.poll(() => harness.platform.shown.length).toBe(shownBefore + 1);
    expect(Buffer.from(harness.platform.shown.at(-1)!.pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const views = await harness.core.invoke('audit.list', { action: 'documents.open' });
    expect(views.ok && (views.value as { total: number }).total).toBe(1);
    await page.getByTestId('documents-search').fill('жоқ құжат');
    await expect.poll(() => rows.count()).toBe(0);
  });

  it('verifies a picked PDF: unchanged and in the register, then one changed byte', async () => {
    await page.goto(`${harness.url}#/documents/verify`);
    const pdf = fs.readFileSync(path.join(outDir, 'two-signatures.pdf'));
    await page.locator('input[type="file"]').setInputFiles({ name: 'two-signatures.pdf', mimeType: 'application/pdf', buffer: pdf });
    await page.getByTestId('verify-register-exact').waitFor();
    await expect.poll(() => page.getByTestId('verify-signature').count()).toBe(2);
    const text = await page.getByTestId('documents-verify-result').innerText();
    expect(text).toContain(DEMO_DIRECTOR.commonName);
    expect(text).toContain(DEMO_SECRETARY.commonName);
    expect(await page.getByTestId('verify-verdict').getAttribute('data-verdict')).toBe('school');
    expect(await page.getByTestId('verify-trust').evaluateAll((els) => els.map((e) => e.getAttribute('data-trust')))).toEqual(['school', 'school']);
    await screenshot(page, 'documents-verify-ok');
    const bad = Buffer.from(pdf);
    bad[800] = bad[800]! ^ 0x04;
    await page.locator('input[type="file"]').setInputFiles({ name: 'changed.pdf', mimeType: 'application/pdf', buffer: bad });
    await page.getByTestId('verify-register-changed').waitFor();
    await screenshot(page, 'documents-verify-changed');
    await page.locator('input[type="file"]').setInputFiles({ name: 'note.pdf', mimeType: 'application/pdf', buffer: Buffer.from('not a pdf') });
    await page.getByTestId('error-alert').waitFor();
  });

  it('a revision signed by a certificate forged with the director serial and name: unknown signer, in red', async () => {
    const pdf = fs.readFileSync(path.join(outDir, 'two-signatures.pdf'));
    const chair = checkSignatures(pdf)[0]!;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qorgan-e2e-forge-'));
    let forged: Buffer;
    try {
      const subj = `/CN=${chair.signerName}/title=${chair.position}/O=${chair.organization}/C=KZ`;
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-utf8', '-days', '30', '-set_serial', `0x${chair.serialHex}`, '-subj', subj, '-keyout', `${dir}/k`, '-out', `${dir}/c`], { stdio: 'pipe' });
      execFileSync('openssl', ['pkcs12', '-export', '-inkey', `${dir}/k`, '-in', `${dir}/c`, '-out', `${dir}/p`, '-passout', 'pass:forger'], { stdio: 'pipe' });
      const signer = loadP12(fs.readFileSync(`${dir}/p`), 'forger');
      forged = await signPdf(pdf, signer, { page: 1, rect: [300, 60, 560, 140], signingTime: new Date(), name: chair.signerName, reason: 'x' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    await page.goto(`${harness.url}#/documents/verify`);
    await page.locator('input[type="file"]').setInputFiles({ name: 'forged.pdf', mimeType: 'application/pdf', buffer: forged });
    await page.getByTestId('verify-register-extended').waitFor();
    await expect.poll(() => page.getByTestId('verify-signature').count()).toBe(3);
    expect(await page.getByTestId('verify-verdict').getAttribute('data-verdict')).toBe('unknown_signer');
    expect(await page.getByTestId('verify-trust').evaluateAll((els) => els.map((e) => e.getAttribute('data-trust')))).toEqual(['school', 'school', 'unknown']);
    const third = page.getByTestId('verify-signature').nth(2);
    expect(await third.innerText()).toContain(chair.signerName);
    await screenshot(page, 'documents-verify-forged');
  });

  it('lists the signing keys and refuses a wrong .p12 password', async () => {
    await page.goto(`${harness.url}#/documents/certificates`);
    await expect.poll(() => page.getByTestId('certificates-row').count()).toBe(2);
    await screenshot(page, 'documents-certificates');
    await page.getByTestId('certificates-import').click();
    await page.locator('.mantine-Modal-content input[type="file"]').setInputFiles({
      name: 'signer.p12',
      mimeType: 'application/x-pkcs12',
      buffer: fs.readFileSync(path.join(outDir, 'signer.p12')),
    });
    await page.locator('.mantine-Modal-content input[type="password"]').fill('not-the-password');
    await page.locator('.mantine-Modal-content button:not([disabled])').last().click();
    await page.locator('.mantine-Modal-content [data-testid="error-alert"]').waitFor();
    await screenshot(page, 'documents-certificates-wrong-password');
    // the right password: the name in the file («Қаншев М. (демо)») is not the account's («М.Қаншев») → only the
    // director may confirm it is their own; confirmed, the import reaches the duplicate check (this key is stored)
    await page.locator('.mantine-Modal-content input[type="password"]').fill(DEMO_DIRECTOR.password);
    await page.locator('.mantine-Modal-content button:not([disabled])').last().click();
    const confirm = page.getByTestId('certificates-import-confirm');
    await confirm.waitFor();
    expect(await page.locator('.mantine-Modal-content [data-testid="error-alert"]').innerText()).toContain(kk.errors.documents.certificate_name_mismatch.slice(0, 30));
    await confirm.locator('input[type="checkbox"]').check();
    await screenshot(page, 'documents-certificates-confirm-name');
    await page.locator('.mantine-Modal-content button:not([disabled])').last().click();
    await expect.poll(() => page.locator('.mantine-Modal-content [data-testid="error-alert"]').innerText()).toBe(kk.errors.conflict);
    await page.keyboard.press('Escape');
  });

  it('a retired key: the register marks its signer retired, verification says retired, not current', async () => {
    await page.goto(`${harness.url}#/documents/certificates`);
    await page.keyboard.press('Escape');
    const row = page.getByTestId('certificates-row').filter({ hasText: DEMO_DIRECTOR.commonName });
    await row.getByRole('button').click();
    await expect.poll(() => page.getByTestId('certificates-row').count()).toBe(1);
    await page.goto(`${harness.url}#/documents`);
    await expect.poll(() => page.getByTestId('documents-signer-retired').count()).toBeGreaterThanOrEqual(1);
    await page.goto(`${harness.url}#/documents/verify`);
    const pdf = fs.readFileSync(path.join(outDir, 'two-signatures.pdf'));
    await page.locator('input[type="file"]').setInputFiles({ name: 'two-signatures.pdf', mimeType: 'application/pdf', buffer: pdf });
    await page.getByTestId('verify-register-exact').waitFor();
    await expect.poll(() => page.getByTestId('verify-verdict').getAttribute('data-verdict')).toBe('school_retired');
    expect(await page.getByTestId('verify-trust').evaluateAll((els) => els.map((e) => e.getAttribute('data-trust')))).toEqual(['school_retired', 'school']);
    await screenshot(page, 'documents-verify-retired');
  });
});
