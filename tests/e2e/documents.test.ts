/**
 * Documents screens in Chromium on the demo school: the register lists and searches the issued documents, the
 * verify screen checks a picked PDF (unchanged: both signatures intact and by the school's keys; one byte changed:
 * broken; a revision signed by a certificate forged with the director's serial and name: an unknown signer), and the keys
 * screen lists the signing certificates and refuses a wrong .p12 password with a translated message. Minutes the
 * secretary signed wait for the chair: the director sees them on the home screen and co-signs them in the register.
 * Last, a retired key: the register and verification say retired.
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
import { exampleMinutes } from '../../electron/core/documents/examples';
import { issueDocument } from '../../electron/core/documents/issue';
import { pdfsig } from '../integration/documents/helpers';
import type { Account } from '../../shared/accounts';
import type { SigningCertificate } from '../../shared/documents';
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
    await addDocumentSamples(outDir, harness.core, { login: 'director', password: DEMO_PASSWORD });
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
    await expect.poll(() => page.getByTestId('certificates-import-password-error').innerText()).toBe(kk.errors.documents.wrong_p12_password);
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

  it('the chair sees minutes awaiting his signature on the home screen and co-signs them in the register', async () => {
    const core = harness.core;
    const directorId = core.state.session!.accountId;
    const accounts = await core.invoke('accounts.list', {});
    const certs = await core.invoke('documents.certificates.list', {});
    if (!accounts.ok || !certs.ok) throw new Error('arrange failed');
    const secretaryId = (accounts.value as Account[]).find((a) => a.login === 'secretary')!.id;
    const secretaryCert = (certs.value as SigningCertificate[]).find((c) => c.subjectName === DEMO_SECRETARY.commonName)!;
    // the secretary's turn (made in the core, as her own login would): issued with her signature, the chair's later
    const now = new Date();
    const issued = await core.state.db.transaction().execute((trx) =>
      issueDocument(
        { db: trx, now, session: { accountId: secretaryId } },
        {
          kind: 'minutes',
          lang: 'kk',
          title: 'Профилактика кеңесі отырысының хаттамасы № 2 (демо)',
          signers: [{ certificateId: secretaryCert.id, password: DEMO_SECRETARY.password }],
          later: [{ role: 'chair', roleLabel: 'Төраға', accountId: directorId }],
          build: ({ registerNumber, documentId, stamps }) =>
            exampleMinutes('kk', { number: 2, date: now, chairName: 'М.Қаншев', secretaryName: 'Ә.Сейітова', registerNumber, documentId, stamps: { secretary: stamps[0], chair: stamps[1] } }),
        },
      ),
    );
    await page.goto(`${harness.url}#/`);
    const alert = page.getByTestId('home-awaiting-signature');
    await alert.waitFor();
    expect(await alert.innerText()).toContain(issued.document.registerNumber);
    await screenshot(page, 'documents-home-awaiting');
    await page.goto(`${harness.url}#/documents`);
    await page.getByTestId('documents-cosign').first().waitFor();
    await screenshot(page, 'documents-awaiting-row');
    await page.goto(`${harness.url}#/documents`);
    const row = page.getByTestId('documents-row').filter({ hasText: issued.document.registerNumber });
    await expect.poll(() => row.getByTestId('documents-awaiting').textContent()).toContain('Төраға');
    await row.getByTestId('documents-cosign').click();
    await page.getByTestId('cosign-certificate').click();
    await page.getByRole('option', { name: new RegExp(DEMO_DIRECTOR.commonName.replace(/[()]/g, '.')) }).click();
    await page.getByTestId('cosign-password').fill('not the password');
    await page.getByTestId('cosign-submit').click();
    await expect.poll(() => page.getByTestId('cosign-password-error').innerText()).toBe(kk.errors.documents.wrong_p12_password);
    await screenshot(page, 'documents-cosign-wrong-password');
    await page.getByTestId('cosign-password').fill(DEMO_DIRECTOR.password);
    await page.getByTestId('cosign-submit').click();
    await expect.poll(() => row.getByTestId('documents-awaiting').count()).toBe(0);
    await expect.poll(() => row.innerText()).toContain(DEMO_DIRECTOR.commonName);
    await screenshot(page, 'documents-cosigned');
    const pdf = await core.invoke('documents.pdf', { id: issued.document.id });
    if (!pdf.ok) throw new Error('no pdf');
    const bytes = Buffer.from((pdf.value as { base64: string }).base64, 'base64');
    expect(bytes.subarray(0, issued.pdf.length).equals(issued.pdf)).toBe(true);
    expect(pdfsig(bytes).signatures.map((x) => [x.commonName, x.validation])).toEqual([
      [DEMO_SECRETARY.commonName, 'Signature is Valid.'],
      [DEMO_DIRECTOR.commonName, 'Signature is Valid.'],
    ]);
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
    // the secretary signs first, the director (whose key was retired above) co-signs second
    expect(await page.getByTestId('verify-trust').evaluateAll((els) => els.map((e) => e.getAttribute('data-trust')))).toEqual(['school', 'school_retired']);
    await screenshot(page, 'documents-verify-retired');
  });
});
