/**
 * The bullying flow in Chromium on the demo school (issue 10, "Done when"): the psychologist starts the flow on a
 * bullying case → the talk with the targeted pupil → both initiators' written commitments → the parents informed →
 * a follow-up in the past is refused on its field → the clock moves ten days on and the follow-up shows as due →
 * "continued" escalates the case → the council secretary sees it proposed for the next meeting's agenda. The demo's
 * own flows (mid-flow, and cyberbullying with its evidence) are looked at too. Screenshots at 1024×768.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import kk from '../../renderer/src/i18n/kk.json';
import type { BullyingFlow } from '../../shared/bullying';
import type { AgendaProposal, MeetingSummary } from '../../shared/council';
import type { CaseDetail, CasePage } from '../../shared/cases';
import type { PupilPage } from '../../shared/pupils';
import { demoBullyingSeeder } from '../../electron/core/bullying/demo';
import { seedDemoCouncil } from '../../electron/core/council/demo';
import type { Harness } from '../harness/server';
import { englishWords, screenshot, logIn, axeSerious } from './util';
import { startDemoBrowser, type DemoBrowser } from './demo-browser';

let harness: Harness;
let page: Page;
let planned = '';

const NOW = new Date('2026-11-30T09:00:00');
const poll = <T,>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 30_000, interval: 100 });
// the logins, the image formats a screenshot may have, and the council minutes' number
// prefix (a council measure on the demo case is a task «… (хаттама MN-1/2026)»)
const LOGINS = ['director', 'teacher', 'secretary', 'psychologist', 'deputy', 'admin', 'socped', 'PNG', 'JPEG', 'GIF', 'WebP', 'MN'];

const login = (name: string) => logIn(page, name);

/** After a jump of the clock the session has idle-locked: reload and log in again. */
async function relogin(name: string) {
  await harness.core.invoke('auth.lock', {});
  await page.reload();
  await login(name);
}

async function invoke<T>(method: string, input: unknown): Promise<T> {
  const r = await harness.core.invoke(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.code}`);
  return r.value as T;
}

async function shot(name: string) {
  await page.setViewportSize({ width: 1024, height: 768 });
  await screenshot(page, `${name}-1024`);
  await page.setViewportSize({ width: 1280, height: 860 });
}

function steps() {
  return page.getByTestId('bullying-section').getByTestId('bullying-step');
}

/** Opens the form of the open step number `n` (in the list as shown) and saves it after `fill`. */
async function record(kind: string, fill: (form: ReturnType<Page['getByTestId']>) => Promise<void>) {
  const step = page.locator(`[data-testid="bullying-step"][data-kind="${kind}"]:not([data-status="done"]):not([data-status="skipped"])`).first();
  await step.getByTestId('bullying-step-record').click();
  const form = step.getByTestId('bullying-record-form');
  await fill(form);
  const before = await page.locator(`[data-testid="bullying-step"][data-kind="${kind}"][data-status="done"]`).count();
  await form.getByTestId('bullying-form-save').click();
  await poll(() => page.locator(`[data-testid="bullying-step"][data-kind="${kind}"][data-status="done"]`).count()).toBe(before + 1);
}

describe('the bullying flow in Chromium', () => {
  let demo: DemoBrowser | undefined;
  beforeAll(async () => {
    demo = await startDemoBrowser('bullying', {
      now: NOW,
      seeders: [
        demoBullyingSeeder,
        async (core, now) => {
          planned = (await seedDemoCouncil(core, now)).planned;
        },
      ],
      viewport: { width: 1280, height: 860 },
    });
    ({ harness, page } = demo);
  }, 240_000);
  afterAll(() => demo?.close());

  it('the demo flows: mid-flow with an overdue step, and cyberbullying with its evidence', async () => {
    onTestFailed(async () => {
      await screenshot(page, 'bullying-zz-failure-demo');
    });
    await page.goto(harness.url);
    await login('psychologist');
    const cases = await invoke<CasePage>('cases.list', { search: 'демо' });
    for (const item of cases.items) {
      const f = await invoke<BullyingFlow | null>('bullying.get', { caseId: item.id });
      if (!f) continue;
      await page.goto(`${harness.url}#/case?id=${item.id}`);
      await page.getByTestId('bullying-section').waitFor();
      await poll(() => steps().count()).toBe(f.steps.length);
      if (f.cyber) {
        await page.getByTestId('bullying-evidence').scrollIntoViewIfNeeded();
        await page.getByTestId('screenshot-open').click();
        await page.getByTestId('screenshot-image').waitFor();
        await shot('bullying-03-cyber-screenshot');
        await page.keyboard.press('Escape');
        await page.getByTestId('bullying-evidence').scrollIntoViewIfNeeded();
        await shot('bullying-02-cyber-evidence');
      } else {
        // the overdue step is marked in red, and said in words
        const overdue = page.locator('[data-testid="bullying-step"][data-status="overdue"]');
        await poll(() => overdue.count()).toBe(1);
        expect(await overdue.innerText()).toContain(kk.bullying.status.overdue);
        expect(await page.getByTestId('bullying-skip-reason').innerText()).toContain('іссапарда');
        await page.getByTestId('bullying-section').scrollIntoViewIfNeeded();
        await shot('bullying-01-mid-flow');
        // (the cyberbullying case holds what the user typed: account names and links in Latin letters)
        expect(await englishWords(page, LOGINS)).toEqual([]);
        // accessible, with a step's form open too (the overdue red passes contrast)
        expect(await axeSerious(page, 'bullying-section')).toEqual([]);
        await overdue.getByTestId('bullying-step-record').click();
        await overdue.getByTestId('bullying-record-form').waitFor();
        expect(await axeSerious(page, 'bullying-section')).toEqual([]);
      }
    }
  });

  it('talk → two commitments → parents → follow-up at +10 days → "continued" → proposed to the council', async () => {
    onTestFailed(async () => {
      await screenshot(page, 'bullying-zz-failure-flow');
    });
    // a new bullying case about three 5th-graders: one targeted, two initiators (arranged through the registry)
    const pupils = (await invoke<PupilPage>('pupils.list', { pageSize: 200 })).items.filter((p) => p.grade === 5).slice(0, 3);
    expect(pupils).toHaveLength(3);
    const kase = await invoke<CaseDetail>('cases.create', {
      title: 'Дәліздегі буллинг (e2e)',
      formOfHarm: 'bullying',
      risk: 'medium',
      pupils: [
        { pupilId: pupils[0]!.id, role: 'targeted' },
        { pupilId: pupils[1]!.id, role: 'initiator' },
        { pupilId: pupils[2]!.id, role: 'initiator' },
      ],
    });
    await page.goto(`${harness.url}#/case?id=${kase.id}`);
    await page.getByTestId('bullying-start').click();
    await poll(() => steps().count()).toBe(7);

    // 1. the talk with the targeted pupil, the same day
    await record('target_talk', async (form) => {
      await form.getByTestId('bullying-summary').fill('Оқушы үш рет итерілгенін айтты; қауіпсіз ересек — сынып жетекшісі (e2e).');
    });
    // 2. each initiator, with a written commitment
    for (const words of ['Енді итермеймін, мазақтамаймын (e2e-1).', 'Сыныптасымды кемсітпеймін (e2e-2).']) {
      await record('initiator_talk', async (form) => {
        await form.getByTestId('bullying-commitment').fill(words);
      });
    }
    // 3. the parents of each pupil: who, how, when
    for (const who of ['Анасы (e2e)', 'Әкесі (e2e)', 'Атасы (e2e)']) {
      await record('parents', async (form) => {
        await form.getByTestId('bullying-who').fill(who);
        await form.getByTestId('bullying-told').fill('Жағдай және мектептің қадамдары туралы айтылды (e2e).');
      });
    }
    let f = (await invoke<BullyingFlow | null>('bullying.get', { caseId: kase.id }))!;
    expect(f.steps.filter((s) => s.kind === 'initiator_talk').map((s) => s.record?.kind === 'initiator_talk' && s.record.commitment)).toEqual([
      'Енді итермеймін, мазақтамаймын (e2e-1).',
      'Сыныптасымды кемсітпеймін (e2e-2).',
    ]);
    const followUp = page.locator('[data-testid="bullying-step"][data-kind="follow_up"]');
    expect(await followUp.getByTestId('bullying-step-due').innerText()).toContain('10.12.2026');

    // 4. a follow-up date in the past is refused, on the field, in Kazakh
    await page.getByTestId('date-bullying-follow-up').fill('20.11.2026');
    await page.getByTestId('bullying-schedule').click();
    await poll(() => page.getByTestId('bullying-error-on').innerText()).toBe(kk.errors.bullying.date_in_past);
    await page.getByTestId('bullying-error-on').scrollIntoViewIfNeeded();
    await shot('bullying-04-talks-done-and-date-refused');

    // 5. ten days on: the follow-up is due today (not overdue), on the psychologist's work list
    harness.platform.setNow(new Date('2026-12-10T09:00:00'));
    await relogin('psychologist');
    await page.goto(`${harness.url}#/case?id=${kase.id}`);
    await page.getByTestId('bullying-section').waitFor();
    await poll(() => followUp.getAttribute('data-status')).toBe('open');
    const work = await invoke<{ items: { id: string }[] }>('worklists.list', { list: 'due_soon', scope: 'mine' });
    f = (await invoke<BullyingFlow | null>('bullying.get', { caseId: kase.id }))!;
    expect(f.today).toBe('2026-12-10');
    expect(work.items.some((i) => i.id === f.steps.find((s) => s.kind === 'follow_up')?.taskId)).toBe(true);

    // 6. "continued": the case goes to the council
    await record('follow_up', async (form) => {
      await form.getByTestId('bullying-outcome').getByText(kk.bullying.outcome.continued).click();
      await form.getByTestId('bullying-notes').fill('Үзілісте қайтадан итерген (e2e).');
    });
    const escalation = page.getByTestId('bullying-escalation');
    await poll(() => escalation.count()).toBe(1);
    expect(await escalation.innerText()).toContain(kk.bullying.awaitingAgenda);
    await escalation.scrollIntoViewIfNeeded();
    await shot('bullying-05-continued-escalated');
    expect(await englishWords(page, LOGINS)).toEqual([]);

    // 7. the council secretary sees both initiators proposed for the next meeting's agenda
    await page.getByTestId('lock-button').click();
    await login('secretary');
    const meeting = (await invoke<MeetingSummary[]>('council.meetings.list', { academicYear: 2026 })).find((m) => m.id === planned)!;
    expect(meeting.date >= '2026-12-10').toBe(true);
    const proposals = (await invoke<AgendaProposal[]>('council.agenda.proposals', { meetingId: planned })).filter((p) => p.sourceType === 'bullying_escalation');
    expect(proposals.map((p) => p.pupilId).sort()).toEqual([pupils[1]!.id, pupils[2]!.id].sort());
    await page.goto(`${harness.url}#/council/meeting?id=${planned}`);
    const panel = page.getByTestId('agenda-proposals');
    await poll(() => panel.innerText()).toContain(`${pupils[1]!.lastName} ${pupils[1]!.firstName}`);
    expect(await panel.innerText()).toContain('буллинг');
    expect(await panel.innerText()).not.toContain('қайтадан итерген');
    await panel.scrollIntoViewIfNeeded();
    await shot('bullying-06-council-proposals');
  });
  it('the director sets the school’s timing: a step turned off, the follow-up after 14 days', async () => {
    onTestFailed(async () => {
      await screenshot(page, 'bullying-zz-failure-settings');
    });
    await page.getByTestId('lock-button').click();
    await login('director');
    const cases = await invoke<CasePage>('cases.list', { search: 'демо' });
    await page.goto(`${harness.url}#/case?id=${cases.items[0]!.id}`);
    await page.getByTestId('bullying-settings-open').click();
    const modal = page.getByTestId('bullying-settings');
    await modal.waitFor();
    await modal.getByLabel(kk.bullying.kind.platform_report).uncheck();
    await modal.getByTestId('bullying-offset-follow_up').fill('14');
    await shot('bullying-07-settings');
    await modal.getByTestId('bullying-settings-save').click();
    await modal.waitFor({ state: 'detached' });
    const s = await invoke<{ follow_up: { offsetDays: number }; platform_report: { enabled: boolean } }>('bullying.settings', {});
    expect(s.follow_up.offsetDays).toBe(14);
    expect(s.platform_report.enabled).toBe(false);
  });
});
