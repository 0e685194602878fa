/**
 * Lock first (issue 13, item 1): the PDF of a document is laid out in a worker thread (documents/render.ts), so a
 * lock asked for while a 200-item plan is being signed does not wait for pdfmake: the render is stopped, the sign
 * call answers `documents.cancelled` and unwinds (its transaction rolls back: no register row, no number used), and
 * the lock goes through. The figures (how many ms) are the bench's (`npm run bench -- process`); this test asserts
 * the order of events and what is left behind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../../shared/plans';
import { configureRendering, runningParses } from '../../../electron/core/workers/run';
import { examplePlan } from '../../../electron/core/documents/examples';
import { renderPdf } from '../../../electron/core/documents/render';
import { AppError } from '../../../electron/core/errors';
import { ADMIN, createTestCore, type TestCore } from '../../harness/core';
import kk from '../../../renderer/src/i18n/kk.json';
import ru from '../../../renderer/src/i18n/ru.json';
import { flat, pdfsig, pdfText } from './helpers';

const ITEMS = 200;

let c: TestCore;
let plan: Plan;
let signer: { certificateId: string; password: string };

function itemCount(p: Plan): number {
  return p.items.length;
}

beforeAll(async () => {
  c = await createTestCore();
  await c.call('accounts.update', { id: c.state.session!.accountId, displayName: 'Қаншев Марат' });
  const cert = await c.call('documents.certificates.create', { position: '№96 мектеп директоры', organization: '№96 мектеп', password: 'signing password 1' });
  signer = { certificateId: cert.id, password: 'signing password 1' };
  plan = await c.call('plans.create', { academicYear: 2026, from: { kind: 'template' } });
  const section = plan.sections[0]!.id;
  for (let i = itemCount(plan); i < ITEMS; i++) {
    plan = await c.call('plans.addItem', {
      sectionId: section,
      fields: {
        measureKk: `Сынып сағаты: қауіпсіз мектеп, ${i + 1}-тақырып — оқушылармен әңгіме және жаднама тарату`,
        measureRu: `Классный час: безопасная школа, тема ${i + 1} — беседа с учащимися и раздача памяток`,
        responsibleBodies: ['ЖАО'],
      },
    });
  }
  expect(itemCount(plan)).toBeGreaterThanOrEqual(ITEMS);
  plan = await c.call('plans.approve', { id: plan.id, approvedOn: '2026-09-01' });
}, 240_000);

afterAll(async () => {
  await c.cleanup();
});

async function untilRendering(): Promise<void> {
  for (let i = 0; i < 3000 && runningParses() === 0; i++) await new Promise((r) => setTimeout(r, 5));
}

describe('Ctrl+L while a 200-item plan is being signed', () => {
  it('the lock goes first: the render stops, the sign call answers documents.cancelled, nothing is registered', async () => {
    const before = await c.call('documents.list', { kind: 'plan' });
    const order: string[] = [];
    const sign = c.try('plans.signPdf', { id: plan.id, language: 'kk', signer }).then((r) => {
      order.push('sign');
      return r;
    });
    // the signer's key is opened and the number taken on the core's thread; then pdfmake runs in the worker
    await untilRendering();
    expect(runningParses()).toBe(1);
    await new Promise((r) => setTimeout(r, 50));
    const lock = c.try('auth.lock', {}).then((r) => {
      order.push('lock');
      return r;
    });
    const [signed, locked] = await Promise.all([sign, lock]);
    expect(locked.ok).toBe(true);
    // the lock did not wait for the layout: it stopped the render, the sign call unwound (cancelled, its transaction
    // rolled back) and the lock ran right after it — in the registry's order, which keeps one writer at a time and
    // never closes the DB under a handler
    expect(signed.ok ? null : signed.error.code).toBe('documents.cancelled');
    expect(order).toEqual(['sign', 'lock']);
    expect(runningParses()).toBe(0);
    expect((kk.errors.documents as Record<string, string>).cancelled).toBeTruthy();
    expect((ru.errors.documents as Record<string, string>).cancelled).toBeTruthy();
    expect((await c.call('auth.status', {})).state).toBe('locked');

    // nothing half-written: the register holds what it held, and the number was not used up
    await c.call('auth.login', { login: ADMIN.login, password: ADMIN.password });
    expect(await c.call('documents.list', { kind: 'plan' })).toEqual(before);

    // signing works again after the login, with the number the cancelled call would have had
    const ok = await c.call('plans.signPdf', { id: plan.id, language: 'kk', signer });
    const pdf = Buffer.from(ok.pdfBase64, 'base64');
    expect(pdfsig(pdf).signatures[0]!.validation).toBe('Signature is Valid.');
    expect(flat(pdfText(pdf))).toContain(`қауіпсіз мектеп, ${ITEMS}-тақырып`);
    const after = await c.call('documents.list', { kind: 'plan' });
    expect(after.total).toBe(before.total + 1);
    expect(ok.registerNumber).toMatch(/^PL-1\//);
  }, 120_000);
});

describe('the render worker\'s limits', () => {
  it('a render that runs out of time is stopped: documents.render_failed; the next render works', async () => {
    const plan = (items: number) => examplePlan('kk', { items, approverName: 'М.Қаншев', approverPosition: 'директор', registerNumber: 'PL-1/2026', documentId: 'x', stamps: [] });
    configureRendering({ timeoutMs: 100 });
    try {
      const e = await renderPdf(plan(200)).then(() => null, (x: unknown) => x);
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('documents.render_failed');
      expect(runningParses()).toBe(0);
    } finally {
      configureRendering(null);
    }
    // the worker it stopped is gone; the next render starts a fresh one
    const pdf = await renderPdf(plan(3));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  }, 60_000);
});
