/**
 * The reference sheet for class teachers (issue 10, item 5): any staff account, a class teacher included, reads the
 * texts and prints or saves the sheet in kk or ru; poppler finds every helpline and the checklists on at most two
 * pages; qpdf finds the file sound; the sheet holds no pupil data and is not put in the register.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createTestCore, type TestCore } from '../../harness/core';
import { flat, pageCount, pdfText, qpdfCheck, renderPng, savePdfArtifact } from '../documents/helpers';

let c: TestCore;

beforeAll(async () => {
  c = await createTestCore();
  await c.call('accounts.create', { login: 'cls', displayName: 'Сынып жетекшісі', roles: ['class_teacher'], password: 'cls password 1' });
  await c.call('accounts.create', { login: 'psy', displayName: 'Психолог', roles: ['psychologist'], password: 'psy password 1' });
  await c.call('auth.lock', {});
  await c.call('auth.login', { login: 'psy', password: 'psy password 1' });
  await c.call('pupils.create', { lastName: 'Құпиясова', firstName: 'Аружан', grade: 7, classLetter: 'Ә', instructionLanguage: 'kk' });
  await c.call('auth.lock', {});
  await c.call('auth.login', { login: 'cls', password: 'cls password 1' });
}, 60_000);
afterAll(async () => c?.cleanup());

describe('the reference sheet', () => {
  it('a class teacher reads the texts in both languages', async () => {
    const t = await c.call('reference.texts', {});
    expect(t.helplines.map((h) => h.number)).toEqual(expect.arrayContaining(['111', '150', '102', '103', '112']));
    expect(t.checklists.length).toBeGreaterThanOrEqual(8);
  });

  for (const language of ['kk', 'ru'] as const) {
    it(`prints in ${language}: every helpline, the checklists, the sources, on one or two pages`, async () => {
      const r = await c.call('reference.pdf', { language });
      const pdf = Buffer.from(r.pdfBase64, 'base64');
      savePdfArtifact(pdf, `reference-sheet-${language}`);
      renderPng(pdf, `reference-sheet-${language}`, [1, 2], 80);
      expect(qpdfCheck(pdf).ok).toBe(true);
      expect(pageCount(pdf)).toBeLessThanOrEqual(2);
      const text = flat(pdfText(pdf));
      for (const n of ['111', '150', '102', '103', '112']) expect(text).toMatch(new RegExp(`(^|\\D)${n}(\\D|$)`, 'u'));
      if (language === 'kk') {
        expect(text).toContain('Суицид қаупінің белгілері');
        expect(text).toContain('Кибербуллинг белгілері');
        expect(text).toContain('Құпия сақтаймын деп ешқашан уәде бермеңіз');
        expect(text).toContain('Балалар мен жастарға арналған ұлттық сенім телефоны');
      } else {
        expect(text).toContain('Признаки суицидального риска');
        expect(text).toContain('Признаки пренебрежения нуждами ребёнка');
        expect(text).toContain('Никогда не обещайте сохранить это в секрете');
        expect(text).toContain('Единый государственный контакт-центр по вопросам семьи, защиты прав женщин и детей');
      }
      expect(text).toContain('№ 506');
      // no pupil's data
      expect(text).not.toContain('Құпиясова');
    });
  }

  it('prints through the shell and saves where the user chooses; nothing goes to the register', async () => {
    await c.call('reference.print', { language: 'kk' });
    expect(c.platform.printed.at(-1)?.bytes).toBeGreaterThan(10_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qorgan-ref-'));
    const target = path.join(dir, 'sheet.pdf');
    c.platform.dialogAnswers.push(target);
    expect(await c.call('reference.save', { language: 'ru' })).toEqual({ saved: true });
    expect(fs.readFileSync(target).subarray(0, 5).toString()).toBe('%PDF-');
    expect(await c.call('reference.save', { language: 'ru' })).toEqual({ saved: false });
    fs.rmSync(dir, { recursive: true, force: true });
    await c.call('auth.lock', {});
    await c.call('auth.login', { login: ADMIN.login, password: ADMIN.password });
    expect((await c.call('documents.list', {})).total).toBe(0);
  });
});
