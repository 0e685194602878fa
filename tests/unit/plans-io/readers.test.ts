/**
 * The pure parts of the plan import: WordprocessingML tables (spans, vertical merges, revisions, field codes,
 * nested tables, entities), header detection and the suggested mapping, row reading, deadlines → months, the
 * responsible cell → staff roles and outside bodies.
 */
import { describe, expect, it } from 'vitest';
import { readDocumentXml } from '../../../electron/core/plans/docx-read';
import { detectHeaderRow, dueFromDeadline, readRows, splitResponsible, suggestMapping, type RawTable } from '../../../electron/core/plans/import';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const tc = (text: string, pr = '') => `<w:tc>${pr ? `<w:tcPr>${pr}</w:tcPr>` : ''}<w:p><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p></w:tc>`;
const tr = (...cells: string[]) => `<w:tr>${cells.join('')}</w:tr>`;

describe('readDocumentXml', () => {
  it('reads spans, vertical merges, skipped grid columns and the title above the table', () => {
    const xml = `<?xml version="1.0"?><w:document ${W}><w:body>
      <w:p><w:pPr><w:ind w:left="9000"/></w:pPr><w:r><w:t>«Бекітемін»</w:t></w:r></w:p>
      <w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>Жұмыс</w:t></w:r><w:r><w:t xml:space="preserve"> жоспары</w:t></w:r></w:p>
      <w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t>2025–2026 оқу жылы</w:t></w:r></w:p>
      <w:p/>
      <w:tbl><w:tblGrid/>
        ${tr('<w:trPr><w:tblHeader/></w:trPr>', tc('№'), tc('Іс-шара'), tc('Жауапты'))}
        ${tr(tc('1. Бөлім', '<w:gridSpan w:val="3"/>'))}
        ${tr(tc('1'), tc('Бірінші &amp; &lt;негізгі&gt;'), tc('ЖАО', '<w:vMerge w:val="restart"/>'))}
        ${tr(tc('2'), tc('Екінші'), tc('', '<w:vMerge/>'))}
        ${tr('<w:trPr><w:gridBefore w:val="1"/></w:trPr>', tc('Үшінші'), tc('ОМ'))}
      </w:tbl></w:body></w:document>`;
    const [t] = readDocumentXml(xml);
    expect(t!.title).toBe('Жұмыс жоспары\n2025–2026 оқу жылы');
    expect(t!.rows.map((r) => r.cells)).toEqual([
      ['№', 'Іс-шара', 'Жауапты'],
      ['1. Бөлім', '', ''],
      ['1', 'Бірінші & <негізгі>', 'ЖАО'],
      ['2', 'Екінші', 'ЖАО'],
      ['', 'Үшінші', 'ОМ'],
    ]);
    expect(t!.rows[0]!.header).toBe(true);
    expect(t!.rows[1]!.spans).toEqual([3, 0, 0]);
  });

  it('joins paragraphs and line breaks, turns tabs into spaces, and leaves out deleted text, field codes and fallbacks', () => {
    const cell = `<w:tc><w:p><w:r><w:t>бірінші</w:t></w:r><w:r><w:br/><w:t>жол</w:t></w:r></w:p>
      <w:p><w:r><w:t>екінші</w:t></w:r><w:r><w:tab/><w:t>абзац</w:t><w:noBreakHyphen/><w:t>сөз</w:t></w:r>
      <w:del><w:r><w:delText>өшірілген</w:delText></w:r></w:del>
      <w:r><w:instrText> PAGE </w:instrText></w:r>
      <mc:AlternateContent><mc:Choice><w:r><w:t>!</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>көшірме</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>
      <w:tbl><w:tr><w:tc><w:p><w:r><w:t>ішкі кесте</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p/></w:tc>`;
    const [t] = readDocumentXml(`<w:document ${W}><w:body><w:tbl><w:tr>${cell}${tc('x')}</w:tr></w:tbl></w:body></w:document>`);
    expect(t!.rows[0]!.cells).toEqual(['бірінші\nжол\nекінші абзац-сөз!\nішкі кесте', 'x']);
  });

  it('reads documents that bind WordprocessingML to a default namespace or another prefix (strict OOXML)', () => {
    const plain = `<document xmlns="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><body><tbl>
      <tr><tc><tcPr><gridSpan val="2"/></tcPr><p><r><t>1. Бөлім</t></r></p></tc></tr>
      <tr><tc><p><r><t>1</t></r></p></tc><tc><p><r><t>Іс-шара</t></r></p></tc></tr></tbl></body></document>`;
    const strict = `<x:document xmlns:x="http://purl.oclc.org/ooxml/wordprocessingml/main"><x:body><x:tbl>
      <x:tr><x:tc><x:tcPr><x:gridSpan x:val="2"/></x:tcPr><x:p><x:r><x:t>1. Бөлім</x:t></x:r></x:p></x:tc></x:tr>
      <x:tr><x:tc><x:p><x:r><x:t>1</x:t></x:r></x:p></x:tc><x:tc><x:p><x:r><x:t>Іс-шара</x:t></x:r></x:p></x:tc></x:tr></x:tbl></x:body></x:document>`;
    for (const xml of [plain, strict]) {
      const [t] = readDocumentXml(xml);
      expect(t!.rows.map((r) => [r.cells, r.spans])).toEqual([
        [['1. Бөлім', ''], [2, 0]],
        [['1', 'Іс-шара'], [1, 1]],
      ]);
    }
  });

  it('finds every top-level table, with the title of each', () => {
    const xml = `<w:document ${W}><w:body><w:tbl>${tr(tc('a'))}</w:tbl>
      <w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t>Екінші кесте</w:t></w:r></w:p>
      <w:tbl>${tr(tc('b'), tc('c'))}</w:tbl></w:body></w:document>`;
    const tables = readDocumentXml(xml);
    expect(tables.map((t) => [t.title, t.rows[0]!.cells])).toEqual([
      [null, ['a']],
      ['Екінші кесте', ['b', 'c']],
    ]);
  });
});

const table = (rows: string[][], spans?: Record<number, number[]>): RawTable => ({
  name: null,
  title: null,
  rows: rows.map((cells, i) => ({ cells, spans: spans?.[i] ?? cells.map(() => 1) })),
});

describe('header and mapping', () => {
  it('finds the header under a title row and maps Russian headers to the Russian fields', () => {
    const t = table([
      ['План работы', '', '', '', ''],
      ['№ п/п', 'Наименование мероприятия', 'Сроки', 'Ответственные', 'Форма завершения'],
      ['1', 'Классный час о буллинге', 'октябрь', 'Классные руководители', 'информация'],
    ]);
    expect(detectHeaderRow(t)).toBe(1);
    expect(suggestMapping(t, 1)).toEqual({
      language: 'ru',
      mapping: ['number', 'measureRu', 'deadlineRu', 'responsible', 'completionFormRu'],
    });
  });

  it("without a header, seven columns follow the seed's order; two measure columns split by language", () => {
    const seven = table([['1', 'Сынып сағаты', 'ақпарат', 'қазан', 'Сынып жетекшілері', 'талап етілмейді', '-']]);
    expect(detectHeaderRow(seven)).toBeNull();
    expect(suggestMapping(seven, null).mapping).toEqual(['number', 'measureKk', 'completionFormKk', 'deadlineKk', 'responsible', 'costKk', 'fundingKk']);
    const two = table([
      ['№', 'Іс-шаралар', 'Мероприятия', 'Мерзімі'],
      ['1', 'Ата-аналар жиналысы', 'Родительское собрание', 'қыркүйек'],
    ]);
    expect(suggestMapping(two, 0).mapping).toEqual(['number', 'measureKk', 'measureRu', 'deadlineKk']);
  });

  it('reads a header repeated on the next page, a Roman-numbered section and a subsection', () => {
    const t = table([
      ['№', 'Іс-шаралар', 'Мерзімі'],
      ['I. Ұйымдастыру', '', ''],
      ['1', 'Бірінші', 'қыркүйек'],
      ['№', 'Іс-шаралар', 'Мерзімі'],
      ['1.1. Қысқа мерзімді шаралар', '', ''],
      ['2', 'Екінші', 'мамыр'],
      ['2.', '', ''],
    ]);
    t.rows[6]!.spans = [3, 0, 0];
    const rows = readRows(t, 0, ['number', 'measureKk', 'deadlineKk'], 'kk');
    expect(rows.map((r) => (r.kind === 'section' ? `${r.kind}:${r.section.level}:${r.section.printedNumber}:${r.section.titleKk}` : r.kind === 'skipped' ? r.reason : r.kind))).toEqual([
      'header',
      'section:1:I:Ұйымдастыру',
      'item',
      'header',
      'section:2:1.1:Қысқа мерзімді шаралар',
      'item',
      'section:1:2:',
    ]);
  });
});

describe('deadline → months and dates', () => {
  it.each([
    ['қыркүйек', [9], []],
    ['жыл сайын маусым, желтоқсан', [6, 12], []],
    ['қыркүйекте, қаңтарда', [1, 9], []],
    ['тоқсан сайын', [3, 5, 10, 12], []],
    ['ежеквартально', [3, 5, 10, 12], []],
    ['в течение года', [], []],
    ['сентябрь, май', [5, 9], []],
    ['до 25 мая', [5], []],
    ['в марте; маршрут не месяц', [3], []],
    ['15.09.2025, 31.02.2026 және 01.03.2026', [], ['2025-09-15', '2026-03-01']],
    ['2023 жылғы желтоқсан', [12], []],
    ['2025-10-20', [], ['2025-10-20']],
  ])('%s', (text, months, dates) => {
    expect(dueFromDeadline(text)).toEqual({ dueMonths: months, dueDates: dates });
  });
});

describe('responsible cell', () => {
  it('splits staff roles (kk or ru labels) from outside bodies, without duplicates', () => {
    expect(splitResponsible('Педагог-психолог, Социальный педагог; ЖАО,\nБП (келісу бойынша), педагог-психолог, ЖАО')).toEqual({
      roles: ['psychologist', 'social_pedagogue'],
      bodies: ['ЖАО', 'БП (келісу бойынша)'],
    });
    expect(splitResponsible('  ')).toEqual({ roles: [], bodies: [] });
  });
});
