/**
 * The reference sheet for class teachers (kk or ru): the emergency numbers and helplines first, what to do and what
 * never to do, then the danger-sign checklists in two columns, and the sources in small print — two A4 pages at
 * most, in the app's document font. It holds no pupil data and is not a registered document: any staff account
 * prints or saves it.
 */
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { ReferenceTexts } from '../../../shared/reference';
import type { SchoolProfile } from '../../../shared/school';
import { formatDate } from '../documents/dates';
import { FONT_FAMILY } from '../documents/fonts';
import { pdfHook } from '../documents/hooks';
import { layout } from '../documents/layouts';
import { renderPdf } from '../documents/render';
import type { DocLang } from '../documents/types';

const WORDS = {
  kk: {
    title: 'Балаға қауіп төнгенін байқасаңыз: белгілер, әрекет, сенім телефондары',
    sub: 'Сынып жетекшісіне арналған жадынама',
    phones: 'Шұғыл нөмірлер және сенім телефондары',
    never: 'Ешқашан',
    signs: 'Қауіп белгілері',
    sources: 'Дереккөздер',
    reviewed: (d: string) => `Мәтіндер тексерілген күн: ${d}. Қорған бағдарламасынан басып шығарылды.`,
    fileName: 'anyqtama-kk.pdf',
    page: (n: number, of: number) => `${n}-бет, барлығы ${of}`,
  },
  ru: {
    title: 'Если вы заметили, что ребёнку угрожает опасность: признаки, действия, телефоны доверия',
    sub: 'Памятка для классного руководителя',
    phones: 'Экстренные номера и телефоны доверия',
    never: 'Никогда',
    signs: 'Признаки опасности',
    sources: 'Источники',
    reviewed: (d: string) => `Тексты проверены: ${d}. Напечатано из программы Қорған.`,
    fileName: 'spravka-ru.pdf',
    page: (n: number, of: number) => `Страница ${n} из ${of}`,
  },
} as const;

export function referenceSheetFileName(lang: DocLang): string {
  return WORDS[lang].fileName;
}

const ACCENT = '#8a1c1c';
const MUTED = '#444444';

export function referenceSheetDocument(texts: ReferenceTexts, lang: DocLang, school: Pick<SchoolProfile, 'nameKk' | 'nameRu'> | null): TDocumentDefinitions {
  const w = WORDS[lang];
  const phoneRows = texts.helplines.map((h): TableCell[] => [
    { text: h.number, fontSize: 18, bold: true, color: h.emergency ? ACCENT : '#000000', margin: [0, 1, 0, 0] as [number, number, number, number] },
    {
      stack: [
        { text: h.name[lang], bold: true },
        { text: `${h.what[lang]}. ${h.how[lang]}.`, color: MUTED },
      ],
    },
  ]);
  const steps = texts.teacherSteps;
  const checklistBlock = (i: number): TableCell => {
    const c = texts.checklists[i];
    if (!c) return { text: '' };
    return {
      stack: [
        { text: c.title[lang], bold: true, color: ACCENT, margin: [0, 0, 0, 1] },
        { text: c.lead[lang], italics: true, color: MUTED, margin: [0, 0, 0, 1] },
        { ul: c.signs.map((s) => s[lang]) },
      ],
    };
  };
  // the checklists two by two in a borderless table: rows break across pages cleanly (columns do not)
  const pairs: TableCell[][] = [];
  for (let i = 0; i < texts.checklists.length; i += 2) pairs.push([checklistBlock(i), checklistBlock(i + 1)]);
  const schoolName = school ? (lang === 'kk' ? school.nameKk : school.nameRu) : '';
  const content: Content[] = [
    ...(schoolName ? [{ text: schoolName, alignment: 'center' as const, fontSize: 9, color: MUTED }] : []),
    { text: w.title, alignment: 'center', bold: true, fontSize: 13, margin: [0, 2, 0, 0] },
    { text: w.sub, alignment: 'center', fontSize: 10, color: MUTED, margin: [0, 0, 0, 6] },
    { text: w.phones, bold: true, fontSize: 11, margin: [0, 0, 0, 2] },
    {
      table: { widths: [38, '*'], body: phoneRows },
      layout: layout('qorgan-reference-phones'),
      margin: [0, 0, 0, 6],
    },
    {
      columns: [
        {
          width: '*',
          stack: [
            { text: steps.title[lang], bold: true, fontSize: 11, margin: [0, 0, 0, 1] },
            { text: steps.lead[lang], italics: true, color: MUTED, margin: [0, 0, 0, 2] },
            { ol: steps.steps.map((s) => s[lang]) },
          ],
        },
        {
          width: '*',
          stack: [
            { text: w.never, bold: true, fontSize: 11, color: ACCENT, margin: [0, 0, 0, 2] },
            { ul: steps.never.map((s) => s[lang]) },
          ],
        },
      ],
      columnGap: 14,
      margin: [0, 0, 0, 8],
    },
    { text: w.signs, bold: true, fontSize: 11, margin: [0, 0, 0, 3] },
    {
      table: { widths: ['*', '*'], body: pairs },
      layout: layout('qorgan-reference-pairs'),
    },
    { text: w.sources, bold: true, fontSize: 8, margin: [0, 6, 0, 1] },
    {
      ol: texts.sources.map((s) => `${s.organisation}. ${s.document}${s.year ? ` (${s.year})` : ''}${s.url ? `. ${s.url}` : ''}`),
      fontSize: 6,
      color: MUTED,
    },
    { text: w.reviewed(formatDate(lang, new Date(`${texts.reviewedOn}T00:00:00`))), fontSize: 6.5, color: MUTED, margin: [0, 3, 0, 0] },
  ];
  return {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: [36, 30, 36, 30],
    info: { title: w.title, author: 'Qorgan', creator: 'Qorgan', producer: 'Qorgan' },
    defaultStyle: { font: FONT_FAMILY, fontSize: 8, lineHeight: 1.02 },
    footer: pdfHook('reference.footer', { lang }, referenceFooter({ lang })),
    content,
  };
}

/** The sheet's footer, "2-бет, барлығы 3" (a pdfHook: documents/hooks.ts). */
export function referenceFooter(a: { lang: DocLang }): (page: number, pages: number) => Content {
  const w = WORDS[a.lang];
  return (page, pages) => ({ text: w.page(page, pages), alignment: 'right', fontSize: 7, color: MUTED, margin: [36, 10, 36, 0] });
}

export async function renderReferenceSheet(texts: ReferenceTexts, lang: DocLang, school: Pick<SchoolProfile, 'nameKk' | 'nameRu'> | null): Promise<Buffer> {
  return renderPdf(referenceSheetDocument(texts, lang, school));
}
