import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../../harness/core';
import { pdfText } from '../documents/helpers';

let c: TestCore;
beforeAll(async () => {
  c = await createTestCore();
});
afterAll(async () => {
  await c.cleanup();
});

describe('explore', () => {
  it('dumps', async () => {
    const plan = await c.call('plans.create', { academicYear: 2025, from: { kind: 'framework' } });
    expect(plan.items).toHaveLength(38);
    const { pdfBase64 } = await c.call('plans.previewPdf', { id: plan.id, language: 'kk' });
    const pdf = Buffer.from(pdfBase64, 'base64');
    fs.mkdirSync('test-artifacts/plan748', { recursive: true });
    fs.writeFileSync('test-artifacts/plan748/kk.pdf', pdf);
    fs.writeFileSync('test-artifacts/plan748/kk.txt', pdfText(pdf));
  });
});
