/** `npm run samples` council files, checked the way an outsider would: pdfsig, qpdf, pdftotext. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/api';
import { seedDemoCouncil } from '../../../electron/core/council/demo';
import { createDemoSchool, type DemoResult } from '../../../electron/core/demo/school';
import { writeCouncilSamples } from '../../../scripts/samples/council';
import { ensureDemoDirectorSigner } from '../../../scripts/samples/documents';
import { tempDir } from '../../harness/core';
import { testPlatform } from '../../harness/platform';
import { flat, pdfText, pdfsig, qpdfCheck, renderPng } from '../documents/helpers';

let core: Core;
let dataDir: string;
let out: string;
let written: string[];
let demo: DemoResult;
let pupilNames: string[] = [];

beforeAll(async () => {
  dataDir = tempDir();
  out = tempDir('qorgan-samples-');
  const platform = testPlatform(dataDir);
  demo = await createDemoSchool(platform, {
    reset: true,
    pupils: 120,
    seeders: [async (c, now) => void (await seedDemoCouncil(c, now, { director: await ensureDemoDirectorSigner(c) }))],
  });
  core = createCore(platform);
  const r = await core.invoke('auth.login', { login: demo.login, password: demo.password });
  if (!r.ok) throw new Error('login');
  pupilNames = (await core.state.db.selectFrom('pupils').select(['last_name']).execute()).map((p) => p.last_name);
  written = await writeCouncilSamples({ outDir: out, core, demo });
}, 240_000);
afterAll(async () => {
  await core.dispose();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(out, { recursive: true, force: true });
});

describe('council samples', () => {
  it('minutes in kk and ru with two valid signatures made in two logins; the first revision shows one stamp', () => {
    expect(written).toEqual(['minutes-kk.pdf', 'minutes-kk-first.pdf', 'minutes-ru.pdf', 'extract-kk.pdf']);
    const kk = fs.readFileSync(path.join(out, 'minutes-kk.pdf'));
    const first = fs.readFileSync(path.join(out, 'minutes-kk-first.pdf'));
    expect(kk.subarray(0, first.length).equals(first)).toBe(true);
    expect(pdfsig(kk).signatures.map((s) => s.validation)).toEqual(['Signature is Valid.', 'Signature is Valid.']);
    expect(pdfsig(first).signatures.map((s) => s.validation)).toEqual(['Signature is Valid.']);
    expect(qpdfCheck(kk).ok).toBe(true);
    expect(flat(pdfText(first)).split('ЭЛЕКТРОНДЫҚ ЦИФРЛЫҚ ҚОЛТАҢБАМЕН ҚОЛ ҚОЙЫЛДЫ').length - 1).toBe(1);
    const text = flat(pdfText(kk));
    const order = ['ТЫҢДАЛДЫ', 'СӨЙЛЕДІ', 'ҚАУЛЫ ЕТТІ'].map((w) => text.indexOf(w));
    expect(order[0]).toBeGreaterThan(0);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    const ru = fs.readFileSync(path.join(out, 'minutes-ru.pdf'));
    expect(pdfsig(ru).signatures.map((s) => s.validation)).toEqual(['Signature is Valid.', 'Signature is Valid.']);
    expect(qpdfCheck(ru).ok).toBe(true);
    const ruText = flat(pdfText(ru));
    expect(ruText).not.toContain('г..');
    for (const w of ['ПРОТОКОЛ № 4', 'СЛУШАЛИ', 'ВЫСТУПИЛИ', 'ПОСТАНОВИЛИ', 'Председатель', 'Секретарь']) expect(ruText, w).toContain(w);
    renderPng(ru, 'council-sample-ru', [1]);
  });

  it('the extract names at most the one pupil of its item', () => {
    const pdf = fs.readFileSync(path.join(out, 'extract-kk.pdf'));
    expect(pdfsig(pdf).signatures.map((s) => s.validation)).toEqual(['Signature is Valid.']);
    const text = flat(pdfText(pdf));
    expect(text).toContain('ҮЗІНДІ');
    expect(pupilNames.filter((n) => text.includes(n)).length).toBeLessThanOrEqual(1);
  });
});
