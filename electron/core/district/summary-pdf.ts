/**
 * The district's consolidated table as a PDF (kk or ru), laid out by the documents engine (blocks.ts, render.ts):
 * the headline numbers per school and for the district, then for each table of the report its rows' totals per
 * school. Made from the merged, already suppressed reports only: a "<3" or "x" stays what the school published,
 * and a district sum with such parts is printed as a floor ("≥12").
 *
 * Not signed and not put in the register: it is the department's working copy of numbers the schools signed
 * (each school's signed file is kept as it came); the district office's install may hold no signing key at all.
 */
import type { Content } from 'pdfmake/interfaces';
import { DISTRICT_HEADLINES, districtSumText, type DistrictSummary } from '../../../shared/district';
import { TABLE_IDS, TABLE_SHAPES, type Cell } from '../../../shared/district-report';
import { dataTable, officialDocument, paragraph, titleBlock } from '../documents/blocks';
import { formatDate } from '../documents/dates';
import { renderPdf } from '../documents/render';
import { TABLE_TITLES, TEXT, word } from './labels';

type Lang = 'kk' | 'ru';
type L = Record<Lang, string>;

const HEADLINE_WORDS: Record<(typeof DISTRICT_HEADLINES)[number]['key'], L> = {
  concerns: { kk: 'Алаңдаушылық хабарламалары', ru: 'Сообщения о беспокойстве' },
  casesOpened: { kk: 'Ашылған кейстер', ru: 'Открыто случаев' },
  casesClosed: { kk: 'Жабылған кейстер', ru: 'Закрыто случаев' },
  children: { kk: 'Зардап шеккен балалар', ru: 'Пострадавшие дети' },
  registerOn: { kk: 'Есепке қойылды', ru: 'Поставлены на учёт' },
  registerOff: { kk: 'Есептен шығарылды', ru: 'Сняты с учёта' },
  registerAtEnd: { kk: 'Кезең соңында есепте', ru: 'На учёте на конец периода' },
  councilMeetings: { kk: 'Кеңес отырыстары', ru: 'Заседания совета' },
  councilDecisions: { kk: 'Кеңес шешімдері', ru: 'Решения совета' },
  referrals: { kk: 'Жолдамалар', ru: 'Направления' },
};

const WORDS = {
  title: { kk: 'Балаларды қорғау бойынша аудандық жиынтық', ru: 'Сводная таблица района по защите детей' },
  school: { kk: 'Мектеп', ru: 'Школа' },
  district: { kk: 'Аудан бойынша', ru: 'Итого по району' },
  headlines: { kk: 'Негізгі көрсеткіштер', ru: 'Основные показатели' },
  schools: { kk: 'Есебі енгізілген мектептер', ru: 'Школ, чьи отчёты загружены' },
  none: { kk: 'Бұл кезеңге енгізілген есеп жоқ.', ru: 'За этот период отчётов не загружено.' },
  floor: {
    kk: '«≥» — мектептердің «<3» немесе «x» ұяшықтары ең аз мәнімен (1 және 0) қосылды: нақты сан одан көп болуы мүмкін.',
    ru: '«≥» — ячейки школ «<3» и «x» сложены по наименьшему значению (1 и 0): настоящее число может быть больше.',
  },
  made: { kk: 'Жасалған уақыты', ru: 'Сформирован' },
} as const satisfies Record<string, L>;

export function summaryPeriodText(academicYear: number, quarter: number | null, lang: Lang): string {
  const years = `${academicYear}–${academicYear + 1} ${TEXT.year[lang]}`;
  return quarter === null ? years : `${years}, ${quarter} ${TEXT.quarter[lang]}`;
}

const SCHOOLS_PER_TABLE = 8;

const cellText = (c: Cell | undefined): string => (c === undefined ? '—' : String(c));

export async function districtSummaryPdf(s: DistrictSummary, lang: Lang, office: { nameKk: string; nameRu: string }, now: Date): Promise<Buffer> {
  const schoolName = (l: DistrictSummary['lines'][number]) => (lang === 'kk' ? l.nameKk : l.nameRu);
  const title = `${WORDS.title[lang]}: ${summaryPeriodText(s.academicYear, s.quarter, lang)}`;
  const content: Content[] = [
    titleBlock([lang === 'kk' ? office.nameKk : office.nameRu, title]),
    paragraph(`${WORDS.schools[lang]}: ${s.lines.length}. ${WORDS.made[lang]}: ${formatDate(lang, now)}.`),
    paragraph(TEXT.legend[lang]),
    paragraph(WORDS.floor[lang]),
  ];
  if (s.lines.length === 0) {
    content.push(paragraph(WORDS.none[lang], { bold: true }));
  } else {
    // at most SCHOOLS_PER_TABLE schools side by side: a larger district gets its table in parts, the district's
    // column in the last one
    const chunks: DistrictSummary['lines'][] = [];
    for (let i = 0; i < s.lines.length; i += SCHOOLS_PER_TABLE) chunks.push(s.lines.slice(i, i + SCHOOLS_PER_TABLE));
    const tables = (rows: { label: string; cell: string }[]): Content[] =>
      chunks.map((chunk, i) => {
        const last = i === chunks.length - 1;
        const n = chunk.length + 1 + (last ? 1 : 0);
        return dataTable({
          headers: ['', ...chunk.map((l) => `${schoolName(l)} (${l.schoolCode ?? ''})`), ...(last ? [WORDS.district[lang]] : [])],
          widths: ['*', ...Array.from({ length: n - 1 }, () => 62)],
          fontSize: 8,
          centredColumns: Array.from({ length: n - 1 }, (_, k) => k + 1),
          dontBreakRows: true,
          rows: rows.map((r) => [r.label, ...chunk.map((l) => cellText(l.cells[r.cell])), ...(last ? [districtSumText(s.district[r.cell])] : [])]),
        });
      });
    content.push(paragraph(WORDS.headlines[lang], { bold: true }));
    content.push(...tables(DISTRICT_HEADLINES.map((h) => ({ label: HEADLINE_WORDS[h.key][lang], cell: h.cell }))));
    for (const t of TABLE_IDS) {
      const { rows, cols } = TABLE_SHAPES[t];
      // a one-column table's row total is its only cell
      const rowId = (r: string) => (cols.length === 1 ? `${t}:${r}:${cols[0]}` : `${t}:${r}:total`);
      content.push(paragraph(TABLE_TITLES[t][lang], { bold: true }));
      content.push(...tables([...rows.map((r) => ({ label: word(r, lang), cell: rowId(r) })), { label: word('total', lang), cell: rowId('total') }]));
    }
  }
  return renderPdf(officialDocument({ lang, orientation: 'landscape', title, registerNumber: null, documentId: null, content }));
}
