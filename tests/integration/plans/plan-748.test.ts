/**
 * Issue 12: School No. 96's plan is Decree 748's own items under the school's «Бекітемін». A plan made of the items
 * the seed holds must print, read back by pdftotext, like the seed's table: the same items in the same order with
 * the same words, every difference explained by a repair note of the framework data. And its rows never split.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Framework, FrameworkItem } from '../../../shared/frameworks';
import type { Plan } from '../../../shared/plans';
import { bodyRu } from '../../../electron/core/frameworks/abbreviations';
import { createTestCore, type TestCore } from '../../harness/core';
import { pageCount } from '../documents/helpers';

/** the seed copied into the repo, line numbers as in ../shared/seed (the framework's `source` fields cite them) */
const SEED = fs.readFileSync(path.resolve('tests/fixtures/seed-748-school-96.txt'), 'utf8').split('\n');

/** words (letters and digits), so that line breaks, hyphens and punctuation do not count */
const words = (s: string | null | undefined): string[] => (s ?? '').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

function indexOfRun(hay: string[], needle: string[], from = 0): number {
  if (needle.length === 0) return from;
  for (let i = from; i + needle.length <= hay.length; i++) {
    let k = 0;
    while (k < needle.length && hay[i + k] === needle[k]) k++;
    if (k === needle.length) return i;
  }
  return -1;
}

/** pdftotext -raw (content-stream order: cell after cell, row after row), one string per page */
function rawPages(pdf: Buffer): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qorgan-748-'));
  const file = path.join(dir, 'plan.pdf');
  fs.writeFileSync(file, pdf);
  try {
    const n = pageCount(pdf);
    return Array.from({ length: n }, (_, i) =>
      execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', '-f', String(i + 1), '-l', String(i + 1), file, '-'], { encoding: 'utf8' }),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const COLUMNS = [
  ['measureKk', 'measure'],
  ['completionFormKk', 'completion form'],
  ['deadlineKk', 'deadline'],
  ['responsibleKk', 'responsible'],
  ['costKk', 'cost'],
  ['fundingKk', 'funding'],
] as const;

const seedLines = (it: FrameworkItem): number[] => (it.source?.match(/\d+/g) ?? []).map(Number);

let c: TestCore;
let fw: Framework;
let plan: Plan;
let kk: Buffer;
beforeAll(async () => {
  c = await createTestCore();
  fw = await c.call('frameworks.get', { code: 'decree-748' });
  plan = await c.call('plans.create', { academicYear: 2025, from: { kind: 'framework' } });
  plan = await c.call('plans.approve', { id: plan.id, approvedOn: '2025-09-01' });
  kk = Buffer.from((await c.call('plans.previewPdf', { id: plan.id, language: 'kk' })).pdfBase64, 'base64');
  fs.mkdirSync('test-artifacts/plan748', { recursive: true });
  fs.writeFileSync('test-artifacts/plan748/plan-748-kk.pdf', kk);
});
afterAll(async () => {
  await c.cleanup();
});

describe('a plan from Decree 748, verbatim', () => {
  it('holds the decree items the seed holds, under the decree section codes and item numbers', () => {
    expect(plan.items).toHaveLength(38);
    expect(plan.items.map((i) => i.origin?.number)).toEqual(fw.items.map((i) => i.number));
    expect(plan.sections.map((s) => s.origin?.code)).toEqual(['1', '2', '2.1', '2.2', '3', '3.1', '3.2']);
    const i24 = plan.items.find((i) => i.origin?.number === '24')!;
    const f24 = fw.items.find((i) => i.number === '24')!;
    expect(i24.measureKk).toBe(f24.measureKk);
    expect(i24.costKk).toBe('4, 442 млн теңге');
    expect(i24.responsibleBodies).toEqual(['ОМ', 'ДСМ', 'ЖАО']);
    expect(i24.frameworkLinks.map((l) => l.number)).toEqual(['24']);
  });

  it('prints the seed table: every item in the seed order, each cell word for word, mismatches explained by repair notes', () => {
    const pages = rawPages(kk);
    const all = words(pages.join('\n'));
    let at = 0;
    const explained: string[] = [];
    for (const it of fw.items) {
      // 1. the PDF prints the item's row: its number, then its six cells, in order
      const row = [it.number, ...COLUMNS.flatMap(([key]) => words(it[key]))];
      const found = indexOfRun(all, row, at);
      expect(found, `item ${it.number} printed as one row after the item before it`).toBeGreaterThanOrEqual(at);
      at = found + row.length;
      // 2. each printed cell reads as in the seed's lines of this item, or a repair note names that column
      const seedWords = words(seedLines(it).map((n) => SEED[n - 1] ?? '').join(' '));
      for (const [key, name] of COLUMNS) {
        const cell = words(it[key]);
        if (cell.length === 0 || indexOfRun(seedWords, cell) !== -1) continue;
        const note = it.repaired.find((r) => r.toLowerCase().includes(name));
        expect(note, `item ${it.number}: the ${name} differs from the seed and no repair note says why`).toBeDefined();
        explained.push(`${it.number} ${name}`);
      }
    }
    for (const w of words('№ Іс-шаралар Аяқталу нысаны Орындау мерзімі Жауаптылар Болжамды шығыстар Қаржыландыру көздері')) expect(all, w).toContain(w);
    // the only difference is item 21's second paragraphs (seed line 68), joined by repair
    expect(explained).toEqual(['21 deadline', '21 responsible']);
  });

  it('prints the seed section headings where the seed has them, and the decree numbers in the № column', () => {
    const all = words(rawPages(kk).join('\n'));
    let at = 0;
    for (const line of [71, 72, 79, 93]) {
      const heading = words(SEED[line - 1]);
      const found = indexOfRun(all, heading, at);
      expect(found, `seed heading of line ${line}`).toBeGreaterThanOrEqual(at);
      at = found + heading.length;
    }
  });

  it('ends with the abbreviation note of every abbreviation the table uses, the seed note first and in its order', () => {
    const text = rawPages(kk).join('\n');
    const note = text.slice(text.indexOf('Ескертпе: аббревиатуралардың толық жазылуы'));
    const listed = [...note.matchAll(/^(\S+) – (.+?)[;.]$/gmu)].map((m) => m[1]);
    const seedNote = SEED.slice(101).flatMap((l) => (/^(\S+) – /.exec(l) ? [/^(\S+) – /.exec(l)![1]] : []));
    expect(seedNote).toHaveLength(13);
    // the seed's 13 keep their order; those it lacks are placed by the same (Kazakh alphabetical) order
    expect(listed.filter((a) => seedNote.includes(a))).toEqual(seedNote);
    for (const a of ['ЖБ', 'РБ', 'ІІМ', 'ТЖМ', 'ҰЭМ', 'ЦДИЛӨМ', 'ПМ']) expect(listed).toContain(a);
    expect(note).toContain('ІІМ – Қазақстан Республикасының Ішкі істер министрлігі.');
    expect(note).toContain('ТЖМ – Қазақстан Республикасының Төтенше жағдайлар министрлігі;');
    // ПМ's meaning is not certain: said so, not guessed
    expect(note).toContain('ПМ – толық жазылуы дереккөзде берілмеген;');
    expect(note.indexOf('ПМ –')).toBeLessThan(note.indexOf('РБ –'));
  });
});

/** Every item row's words on one page; every heading on the page of the row after it; the note with the last row. */
function checkPagination(pdf: Buffer, rows: { number: string; words: string[] }[], headings: string[][], noteHeading: string, noteLast: string) {
  const pages = rawPages(pdf).map(words);
  expect(pages.length).toBeGreaterThan(1);
  const pageOf = (run: string[]) => pages.findIndex((p) => indexOfRun(p, run) !== -1);
  const rowPages = rows.map((r) => {
    const p = pageOf(r.words);
    expect(p, `row ${r.number} is whole on one page`).toBeGreaterThanOrEqual(0);
    return p;
  });
  for (const h of headings) {
    const p = pageOf(h);
    expect(p, `heading ${h.slice(0, 4).join(' ')} printed`).toBeGreaterThanOrEqual(0);
    // the first row printed after the heading on that page (a heading never ends a page)
    const rest = pages[p]!.slice(indexOfRun(pages[p]!, h) + h.length);
    expect(rows.some((r) => indexOfRun(rest, r.words.slice(0, 3)) !== -1), `heading ${h.slice(0, 4).join(' ')} has a row under it`).toBe(true);
  }
  expect(pageOf(words(noteHeading)), 'the note starts on the page of the last row').toBe(rowPages.at(-1));
  expect(pageOf(words(noteLast)), 'the note ends on the page of the last row').toBe(rowPages.at(-1));
}

describe('pagination', () => {
  it('never splits a row, keeps headings with their first row and the note with the last row (kk)', () => {
    const rows = fw.items.map((it) => ({ number: it.number, words: [it.number, ...COLUMNS.flatMap(([key]) => words(it[key]))] }));
    const headings = plan.sections.map((s) => words(`${s.origin!.code} ${s.titleKk || s.titleRu}`));
    checkPagination(kk, rows, headings, 'Ескертпе: аббревиатуралардың толық жазылуы', 'ІІМ – Қазақстан Республикасының Ішкі істер министрлігі.');
  });
});

describe('in Russian', () => {
  let ru: Buffer;
  beforeAll(async () => {
    ru = Buffer.from((await c.call('plans.previewPdf', { id: plan.id, language: 'ru' })).pdfBase64, 'base64');
    fs.writeFileSync('test-artifacts/plan748/plan-748-ru.pdf', ru);
  });

  it('prints the Russian texts, bodies in Russian forms, the Russian note, and says the texts are translations', () => {
    const text = rawPages(ru).join('\n');
    const flat = text.replace(/\s+/g, ' ');
    const f24 = fw.items.find((i) => i.number === '24')!;
    expect(flat).toContain(f24.measureRu!.split(' ').slice(0, 5).join(' '));
    expect(flat).toContain('МП, МЗ, МИО');
    expect(flat).toContain('Примечание: расшифровка аббревиатур');
    expect(flat).toContain('МВД – Министерство внутренних дел Республики Казахстан');
    expect(flat).toContain('перевод с казахского языка');
    // the header's words whole (no word broken inside a narrow column)
    const tokens = words(text);
    for (const w of words('№ Мероприятия Форма завершения Срок исполнения Ответственные исполнители Предполагаемые расходы Источники финансирования')) {
      expect(tokens, w).toContain(w);
    }
    // no Kazakh text in the table and the notes: every cell has its Russian text (the director's name, above, is a name)
    expect(text.slice(text.indexOf('Мероприятия')).match(/[әғқңөұүһіӘҒҚҢӨҰҮҺІ]+/gu) ?? []).toEqual([]);
  });

  it('never prints Kazakh text unmarked: a cell without Russian text carries "(текст на казахском языке)"', async () => {
    const mixed = await c.call('plans.create', { academicYear: 2026, from: { kind: 'framework', numbers: ['23', '24', '53'], withTemplate: true } });
    const own = mixed.sections.find((s) => !s.origin)!;
    const added = await c.call('plans.addItem', { sectionId: own.id, fields: { measureKk: 'Мектептің өз іс-шарасы: сынып сағаты' } });
    const { otherLanguageCells } = await import('../../../shared/plans');
    expect(otherLanguageCells(added, 'ru')).toBe(1);
    const pdf = Buffer.from((await c.call('plans.previewPdf', { id: mixed.id, language: 'ru' })).pdfBase64, 'base64');
    const flat = rawPages(pdf).join('\n').replace(/\s+/g, ' ');
    expect(flat).toContain('Мектептің өз іс-шарасы: сынып сағаты (текст на казахском языке)');
    // both kinds, visibly apart: the decree's part first, the school's own after it
    const a = flat.indexOf('I. Мероприятия Комплексного плана');
    const b = flat.indexOf('II. Собственные мероприятия школы');
    expect(a).toBeGreaterThan(-1);
    expect(b).toBeGreaterThan(a);
    expect(mixed.items.filter((i) => i.origin).map((i) => i.origin!.number)).toEqual(['23', '24', '53']);
    expect(mixed.sections.filter((s) => s.origin).map((s) => s.origin!.code)).toEqual(['1', '2', '2.1', '3', '3.2']);
  });

  it('paginates the same way: no split row, headings with their rows, the note with the last row', () => {
    const rows = fw.items.map((it) => ({
      number: it.number,
      words: [it.number, ...[it.measureRu, it.completionFormRu, it.deadlineRu, bodyRu(it.responsibleKk ?? ''), it.costRu, it.fundingRu].flatMap(words)],
    }));
    const headings = plan.sections.map((s) => words(`${s.origin!.code} ${s.titleRu || s.titleKk}`));
    checkPagination(ru, rows, headings, 'Примечание: расшифровка аббревиатур', 'РБ – республиканский бюджет.');
  });
});
