/**
 * The prevention council in Chromium on the demo school (issue 11, "Done when"): the secretary opens the next
 * meeting and accepts the proposed agenda — a pupil whose register review falls due and a pupil of a bullying case
 * escalated to the council (seeded through the bullying flow's own methods) — records the hearing and the decisions
 * (take off the register; a measure with a deadline), saves the attendance and issues the minutes with her
 * signature; the meeting locks. The director logs in later and co-signs from his home screen. The PDF holds two
 * valid signatures, its first revision one stamp only, ТЫҢДАЛДЫ / СӨЙЛЕДІ / ҚАУЛЫ ЕТТІ in order; the pupil is off the
 * register with the minutes as the decision, the measure is a task on the case; the extract names no other pupil.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CHAIR_SIGNING_PASSWORD, DEMO_SECRETARY_SIGNING_PASSWORD, seedDemoCouncil } from '../../electron/core/council/demo';
import { createDemoSchool, DEMO_PASSWORD } from '../../electron/core/demo/school';
import { academicYearOf, isoDate } from '../../shared/calendar';
import type { Core } from '../../electron/core/api';
import { flat, pageCount, pdfText, pdfsig, renderPng, savePdfArtifact } from '../integration/documents/helpers';
import { startHarness, type Harness } from '../harness/server';
import { testPlatform } from '../harness/platform';
import { englishWords, launchBrowser, screenshot, type Browser } from './util';

let harness: Harness;
let browser: Browser;
let page: Page;
let dataDir: string;
let planned = '';
/** what the setup seeded for the "Done when": the pupil whose review is due, the bullying case and its pupils */
const seeded = { reviewPupil: '', reviewName: '', caseId: '', target: '', targetName: '', initiatorName: '', invitedName: '', year: 0 };
const STAMP = 'ЭЛЕКТРОНДЫҚ ЦИФРЛЫҚ ҚОЛТАҢБАМЕН ҚОЛ ҚОЙЫЛДЫ';
/** badges print in capitals (CSS): compare their text in lower case */
const lower = async (p: Promise<string>) => (await p).toLocaleLowerCase('kk');

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

async function ok<T>(p: Promise<{ ok: true; value: unknown } | { ok: false; error: { code: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(r.error.code);
  return r.value as T;
}

/**
 * After the demo council: a pupil put on the register whose first review falls on the planned meeting's date, and a
 * bullying case (target and initiator) whose flow the psychologist starts and escalates to the council for the
 * target — both through the registry, in the psychologist's login, dated by the core's clock.
 */
async function seedDoneWhen(core: Core, now: Date): Promise<void> {
  const meeting = await ok<{ date: string }>(core.invoke('council.meetings.get', { id: planned }));
  await ok(core.invoke('auth.lock', {}));
  await ok(core.invoke('auth.login', { login: 'psychologist', password: DEMO_PASSWORD }));
  const rows = await core.state.db.selectFrom('pupils').select(['id', 'last_name', 'first_name']).where('grade', '>=', 6).where('archived', '=', 0).orderBy('last_name').limit(6).execute();
  const [invited, , review, target, initiator] = rows;
  if (!invited || !review || !target || !initiator) throw new Error('demo pupils missing');
  const name = (p: { last_name: string; first_name: string }) => `${p.last_name} ${p.first_name}`;
  Object.assign(seeded, { reviewPupil: review.id, reviewName: name(review), target: target.id, targetName: name(target), initiatorName: name(initiator), invitedName: name(invited) });
  seeded.year = academicYearOf(isoDate(now));
  const grounds = await ok<{ id: string }[]>(core.invoke('register.grounds', {}));
  const decided = isoDate(new Date(now.getTime() - 50 * 86_400_000));
  await ok(core.invoke('register.putOn', { pupilId: review.id, decision: { number: '14', date: decided, body: 'director' }, groundIds: [grounds[0]!.id], firstReviewOn: meeting.date }));
  const kase = await ok<{ id: string; version: number }>(
    core.invoke('cases.create', { title: 'Үзіліс кезіндегі қорлау', formOfHarm: 'bullying', risk: 'medium', pupils: [{ pupilId: target.id, role: 'targeted' }, { pupilId: initiator.id, role: 'initiator' }] }),
  );
  seeded.caseId = kase.id;
  await ok(core.invoke('bullying.start', { caseId: kase.id, version: kase.version }));
  const { version } = await ok<{ version: number }>(core.invoke('cases.get', { id: kase.id }));
  await ok(core.invoke('bullying.escalate', { caseId: kase.id, version, reason: 'Қорлау бақылау әңгімесінен кейін де жалғасты.', pupilIds: [target.id] }));
  await ok(core.invoke('auth.lock', {}));
  await ok(core.invoke('auth.login', { login: 'director', password: DEMO_PASSWORD }));
}

describe('council screens', () => {
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qorgan-e2e-council-'));
    await createDemoSchool(testPlatform(dataDir), {
      reset: true,
      pupils: 40,
      seeders: [
        async (core, now) => {
          planned = (await seedDemoCouncil(core, now)).planned;
          await seedDoneWhen(core, now);
        },
      ],
    });
    harness = await startHarness({ dataDir, demo: true });
    browser = await launchBrowser();
    page = browser.page;
    page.setDefaultTimeout(20_000);
    await page.goto(harness.url);
    await login('secretary');
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('the secretary sees the year’s meetings and the council’s members', async () => {
    await page.goto(`${harness.url}#/council`);
    await page.getByTestId('council-meeting-3').waitFor();
    expect(await lower(page.getByTestId('council-meeting-1').innerText())).toContain('қол қойылған');
    expect(await lower(page.getByTestId('council-meeting-2').innerText())).toContain('төрағаның қолын күтуде');
    await screenshot(page, 'council-meetings');
    expect(await englishWords(page, ['secretary'])).toEqual([]);
    await page.getByTestId('council-tab-members').click();
    await page.getByText('Б.Тұрсынов (демо)').waitFor();
    await screenshot(page, 'council-members');
  });

  it('accepts the proposed agenda (a review due, an escalated bullying case), records the hearing and decisions, issues and signs', async () => {
    await page.goto(`${harness.url}#/council/meeting?id=${planned}`);
    await page.getByTestId('agenda-item-2').waitFor();
    expect(await lower(page.getByTestId('meeting-status').innerText())).toContain('жоспарланған');
    const proposals = page.getByTestId('agenda-proposals');
    await proposals.waitFor();
    const offered = await proposals.innerText();
    expect(offered).toContain(seeded.reviewName);
    expect(offered).toContain(seeded.targetName);
    expect(offered).not.toContain(seeded.initiatorName);
    await page.getByTestId('proposal-accept-0').click();
    await page.getByTestId('agenda-item-3').waitFor();
    await page.getByTestId('proposal-accept-0').click();
    await page.getByTestId('agenda-item-4').waitFor();
    expect(await page.getByTestId('item-title-3').inputValue()).toContain(seeded.reviewName);
    expect(await page.getByTestId('item-title-4').inputValue()).toContain(seeded.targetName);
    await page.getByTestId('attendance-save').click();

    // 3: the register review — taken off the register
    await page.getByTestId('item-heard-3').fill('Әлеуметтік педагог оқушының тоқсандағы оң өзгерістері туралы баяндады.');
    await page.getByTestId('item-spoke-3').fill('Сынып жетекшісі, мектеп инспекторы.');
    await page.getByTestId('decision-add-3').click();
    await page.getByTestId('decision-type-3-1').click();
    await page.getByRole('option', { name: 'Мектепішілік есептен шығару' }).click();
    await page.getByTestId('decision-text-3-1').fill('Оқушы мектепішілік есептен шығарылсын.');
    await page.getByTestId('decision-responsible-3-1').fill('әлеуметтік педагог');
    await page.getByTestId('item-save-3').click();
    await expect.poll(() => page.getByTestId('decision-type-3-1').inputValue()).toBe('Мектепішілік есептен шығару');
    // 4: the bullying case — a measure with a deadline
    await page.getByTestId('item-heard-4').fill('Педагог-психолог буллинг фактісі бойынша жүргізілген әңгімелер туралы баяндады.');
    await page.getByTestId('item-spoke-4').fill('Директордың тәрбие ісі жөніндегі орынбасары.');
    await page.getByTestId('decision-add-4').click();
    await page.getByTestId('decision-type-4-1').click();
    await page.getByRole('option', { name: 'Шара тағайындау' }).click();
    await page.getByTestId('decision-text-4-1').fill('Педагог-психологпен аптасына бір рет жеке кездесу өткізілсін.');
    await page.getByTestId('decision-responsible-4-1').fill('педагог-психолог');
    await page.getByTestId('decision-deadline-4-1').fill(`${seeded.year + 1}-05-22`);
    await page.getByTestId('item-save-4').click();
    await expect.poll(() => page.getByTestId('decision-type-4-1').inputValue()).toBe('Шара тағайындау');
    await page.getByText('Сақталды').first().waitFor();
    await screenshot(page, 'council-meeting-hearing');
    expect(await englishWords(page, ['secretary'])).toEqual([]);

    await page.getByTestId('minutes-issue').click();
    await page.getByTestId('minutes-password').fill(DEMO_SECRETARY_SIGNING_PASSWORD);
    await page.getByTestId('minutes-sign').click();
    await expect.poll(() => lower(page.getByTestId('meeting-status').innerText())).toContain('төрағаның қолын күтуде');
    await page.getByTestId('decision-4-1').waitFor();
    expect(await page.getByTestId('item-save-4').count()).toBe(0);
    await screenshot(page, 'council-meeting-issued');
    // the secretary's revision: her signature and her stamp only
    const first = await minutesPdf();
    firstRevision = first;
    expect(pdfsig(first).signatures.map((s) => s.validation)).toEqual(['Signature is Valid.']);
    expect(flat(pdfText(first)).split(STAMP).length - 1).toBe(1);
  });

  it('the director co-signs from his home screen; the decisions take effect with the minutes as their ground', async () => {
    await login('director');
    await page.goto(`${harness.url}#/`);
    const alert = page.getByTestId('home-awaiting-signature');
    await alert.waitFor();
    const row = alert.getByTestId('home-awaiting-row').filter({ hasText: 'хаттамасы № 3' });
    await row.getByTestId('home-cosign').click();
    await page.getByTestId('cosign-password').fill(DEMO_CHAIR_SIGNING_PASSWORD);
    await screenshot(page, 'council-home-cosign');
    await page.getByTestId('cosign-submit').click();
    await expect.poll(() => row.count()).toBe(0);

    await page.goto(`${harness.url}#/council/meeting?id=${planned}`);
    await expect.poll(() => lower(page.getByTestId('meeting-status').innerText())).toContain('қол қойылған');
    expect(await lower(page.getByTestId('effect-3-1').innerText())).toBe('күшіне енді');
    expect(await lower(page.getByTestId('effect-4-1').innerText())).toBe('күшіне енді');
    await screenshot(page, 'council-meeting-signed');

    const final = await minutesPdf();
    expect(final.subarray(0, firstRevision.length).equals(firstRevision)).toBe(true);
    expect(pdfsig(final).signatures.map((s) => s.validation)).toEqual(['Signature is Valid.', 'Signature is Valid.']);
    const text = flat(pdfText(final));
    expect(text.split(STAMP).length - 1).toBe(2);
    // the register item's three blocks, in order (an item where nobody spoke prints no СӨЙЛЕДІ)
    const heard = text.lastIndexOf('ТЫҢДАЛДЫ', text.indexOf('оң өзгерістері'));
    const spoke = text.indexOf('СӨЙЛЕДІ', heard);
    const decided = text.indexOf('ҚАУЛЫ ЕТТІ', heard);
    expect(heard).toBeGreaterThan(0);
    expect(text.indexOf('оң өзгерістері')).toBeLessThan(spoke);
    expect(spoke).toBeGreaterThan(heard);
    expect(decided).toBeGreaterThan(spoke);
    expect(text.indexOf('Оқушы мектепішілік есептен шығарылсын.', decided)).toBeGreaterThan(decided);
    expect(text).toContain(`Мерзімі: ${seeded.year + 1} жылғы 22 мамыр`);
    savePdfArtifact(final, 'council-e2e-minutes');
    renderPng(final, 'council-e2e-minutes', Array.from({ length: pageCount(final) }, (_, i) => i + 1));

    // off the register, the signed minutes as the decision; the measure a task on the bullying case
    const doc = await ok<{ registerNumber: string; id: string }[]>(harness.core.invoke('documents.awaitingMine', {}));
    expect(doc).toEqual([expect.objectContaining({ title: expect.stringContaining('хаттамасы № 2') })]);
    const registerNumber = (await harness.core.state.db.selectFrom('documents').select('register_number').where('id', '=', minutesId).executeTakeFirstOrThrow()).register_number;
    const reg = await ok<{ entries: { off: { number: string; body: string } | null }[] }>(harness.core.invoke('register.forPupil', { pupilId: seeded.reviewPupil }));
    expect(reg.entries.map((e) => e.off)).toEqual([expect.objectContaining({ number: registerNumber, body: 'council' })]);
    const kase = await ok<{ tasks: { title: string; dueOn: string | null }[] }>(harness.core.invoke('cases.get', { id: seeded.caseId }));
    expect(kase.tasks.filter((t) => t.title.includes(registerNumber)).map((t) => t.dueOn)).toEqual([`${seeded.year + 1}-05-22`]);
  });

  it('the secretary issues an extract of the bullying item: it names no other pupil', async () => {
    await login('secretary');
    await page.goto(`${harness.url}#/council/meeting?id=${planned}`);
    await page.getByTestId('extract-4').click();
    await page.getByTestId('minutes-password').fill(DEMO_SECRETARY_SIGNING_PASSWORD);
    await page.getByTestId('minutes-sign').click();
    await expect.poll(async () => (await extracts()).length).toBe(1);
    const [extract] = await extracts();
    const pdf = Buffer.from((await ok<{ base64: string }>(harness.core.invoke('documents.pdf', { id: extract!.id }))).base64, 'base64');
    expect(pdfsig(pdf).signatures.map((s) => s.validation)).toEqual(['Signature is Valid.']);
    const text = flat(pdfText(pdf));
    expect(text).toContain('ҮЗІНДІ');
    expect(text).toContain(seeded.targetName);
    for (const other of [seeded.initiatorName, seeded.reviewName, seeded.invitedName]) expect(text, other).not.toContain(other);
    savePdfArtifact(pdf, 'council-e2e-extract');
    renderPng(pdf, 'council-e2e-extract', [1]);
  });
});

let firstRevision: Buffer = Buffer.alloc(0);
let minutesId = '';

async function minutesPdf(): Promise<Buffer> {
  const got = await ok<{ documentId: string }>(harness.core.invoke('council.meetings.get', { id: planned }));
  minutesId = got.documentId;
  return Buffer.from((await ok<{ base64: string }>(harness.core.invoke('documents.pdf', { id: minutesId }))).base64, 'base64');
}

async function extracts(): Promise<{ id: string; title: string }[]> {
  const list = await ok<{ items: { id: string; title: string }[] }>(harness.core.invoke('documents.list', {}));
  return list.items.filter((d) => d.title.includes('ҮЗІНДІ') && d.title.includes('№ 3'));
}
