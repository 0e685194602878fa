/**
 * PDF templates of the plan (seed layout: «Бекітемін» block, centred bold title, the framework's seven columns)
 * and of the quarterly report «Жоспардың орындалуы туралы ақпарат». Built from the documents engine's blocks;
 * signing and the register are the engine's (`issueDocument`).
 */
import type { Content, ContentTable, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { ExecutionStatus, Plan } from '../../../shared/plans';
import type { SchoolProfile } from '../../../shared/school';
import { approvalBlock, dataTable, keepHyphenatedWords, officialDocument, paragraph, sectionRow, signatureLine, titleBlock, type Cell } from '../documents/blocks';
import { printedPlan, type PrintedItem, type PrintedRow } from './printed';
import { formatDate } from '../documents/dates';
import { pdfHook } from '../documents/hooks';
import type { DocLang } from '../documents/types';

export interface AbbreviationRow {
  abbr: string;
  fullKk: string | null;
  fullRu: string | null;
}

const COLUMNS: Record<DocLang, string[]> = {
  kk: ['№', 'Іс-шаралар', 'Аяқталу нысаны', 'Орындау мерзімі', 'Жауаптылар', 'Болжамды шығыстар', 'Қаржыландыру көздері'],
  ru: ['№', 'Мероприятия', 'Форма завершения', 'Срок исполнения', 'Ответственные исполнители', 'Предполагаемые расходы', 'Источники финансирования'],
};
/** № | measure | form | deadline | responsible | cost | funding: the narrow cells fit their longest words ("Республикасының") */
const WIDTHS: (number | '*')[] = [24, '*', 94, 80, 100, 86, 90];
/** table body 10 pt (the header 9 pt bold): the measure column gets the width, the narrow ones fit their words */
const TABLE_PT = 10;

export function yearLine(lang: DocLang, academicYear: number): string {
  return lang === 'kk' ? `${academicYear}–${academicYear + 1} оқу жылы` : `на ${academicYear}–${academicYear + 1} учебный год`;
}

/** A local date from "YYYY-MM-DD". */
export function localDate(iso: string): Date {
  return new Date(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
}

function pick(lang: DocLang, kk: string, ru: string): string {
  const primary = lang === 'kk' ? kk : ru;
  return primary.trim() !== '' ? primary : (lang === 'kk' ? ru : kk);
}


export interface PlanPdfInput {
  lang: DocLang;
  plan: Plan;
  school: SchoolProfile;
  /** the approval of the printed revision; null prints the blank approval block (draft) */
  approval: { approverName: string; approvedOn: string; positionKk: string; positionRu: string } | null;
  /** abbreviations of the stored frameworks (those the reference list lacks are added to the note) */
  abbreviations: AbbreviationRow[];
  registerNumber?: string | null;
  documentId?: string | null;
  /** signature stamp slots (from the documents engine): the first beside «Бекітемін», any others after the table */
  stamps?: Content[];
}

export function planTitle(lang: DocLang, plan: Pick<Plan, 'titleKk' | 'titleRu'>): string {
  return pick(lang, plan.titleKk, plan.titleRu);
}

/** ids of table cells, read back by the pagination callback */
const ROW_ID = 'qorgan-plan-row-';
const NOTE_ID = 'qorgan-plan-note';
const NOTE_FIRST_ID = 'qorgan-plan-note-first';
const NOTE_LAST_ID = 'qorgan-plan-note-last';

function measureCell(r: PrintedItem): TableCell {
  const stack: Content[] = [{ text: keepHyphenatedWords(r.measure) }];
  if (r.ownMark) stack.push({ text: r.ownMark, fontSize: 9, italics: true });
  if (r.participants) stack.push({ text: r.participants, fontSize: 9, italics: true, color: '#333333' });
  if (r.link) stack.push({ text: r.link, fontSize: 9, color: '#444444' });
  return { stack };
}

/** The table body rows; the first cell of row k carries the id ROW_ID + k (and its kind) for the pagination. */
export function planTableRows(rows: PrintedRow[]): Cell[][] {
  return rows.map((r, k) => {
    if (r.kind !== 'item') {
      const cells = sectionRow(r.text, 7);
      const first = cells[0] as TableCell & { id?: string };
      first.id = `${ROW_ID}${k}-${r.kind}`;
      if (r.kind === 'part') Object.assign(first, { alignment: 'center', fillColor: '#e4e4e4' });
      return cells;
    }
    const number: TableCell & { id: string } = { text: r.number, alignment: 'center', id: `${ROW_ID}${k}-item` };
    return [number, measureCell(r), r.completionForm, r.deadline, r.responsible, r.cost, r.funding];
  });
}

interface NodeInfoLike {
  id?: string;
  pageNumbers?: number[];
  startPosition?: { pageNumber: number; top: number };
}

/**
 * The plan's table as one or more tables: a row that must start a page starts a new table (the same columns and
 * header row) with `pageBreak: 'before'`, so that nothing of the row is drawn on the page before. `splitAt(k)`
 * re-builds the nodes in place in the document's content (pdfmake lays the content out again after a
 * `pageBreakBefore` answer of true).
 */
export class SplittableTable {
  private readonly splits = new Set<number>();
  private count = 1;
  constructor(
    private readonly content: Content[],
    private readonly make: (rows: Cell[][], first: boolean) => ContentTable,
    /** fresh cell objects on every call: pdfmake marks the node it asked about with `pageBreak: 'before'` */
    private readonly rows: () => Cell[][],
    readonly rowCount: number,
    /** the first table node when it is in the content already (the copy of the definition a worker renders) */
    placed?: ContentTable,
  ) {
    if (placed) this.first = placed;
  }

  /** the first of the table's nodes in the content (null before `place`) */
  get firstNode(): ContentTable | null {
    return this.first;
  }

  /** the table nodes, put in the content at its end (call once, before the layout) */
  place(): void {
    this.content.push(...this.build());
  }

  /** Starts a new table (on a new page) at row k; false when one starts there already. */
  splitAt(k: number): boolean {
    if (k <= 0 || this.splits.has(k)) return false;
    const start = this.content.indexOf(this.first as Content);
    this.splits.add(k);
    const nodes = this.build();
    this.content.splice(start, this.count, ...nodes);
    this.count = nodes.length;
    return true;
  }

  private first: ContentTable | null = null;

  private build(): ContentTable[] {
    const rows = this.rows();
    const cuts = [0, ...[...this.splits].sort((a, b) => a - b), rows.length];
    const nodes: ContentTable[] = [];
    for (let i = 0; i + 1 < cuts.length; i++) {
      const node = this.make(rows.slice(cuts[i], cuts[i + 1]), i === 0);
      if (i > 0) Object.assign(node, { pageBreak: 'before' });
      nodes.push(node);
    }
    this.first = nodes[0] ?? null;
    return nodes;
  }
}

/**
 * The pagination rules of the plan's table, as pdfmake's `pageBreakBefore` (asked once per node after a layout;
 * answering true lays the document out again). A row that must start on the next page starts a new table there:
 * - a row that runs onto the next page starts on the next page, unless only headings precede it on its page (then it
 *   is taller than a page and may split; the header row repeats on every page);
 * - a section or part heading goes to the next page when the row after it starts there or runs onto it;
 * - the last row goes to the next page when the note below the table would start there alone.
 */
export function planPageBreaks(table: SplittableTable) {
  const rowCount = table.rowCount;
  const rowOf = (id: string | undefined) => {
    const m = id?.startsWith(ROW_ID) ? /^(\d+)-(\w+)$/.exec(id.slice(ROW_ID.length)) : null;
    return m ? { k: Number(m[1]), kind: m[2]! } : null;
  };
  const moveRow = (k: number) => table.splitAt(k);
  const cellsOf = (k: number, following: NodeInfoLike[]) => {
    const next = following.findIndex((n) => {
      const r = rowOf(n.id);
      return r !== null && r.k > k;
    });
    return next === -1 ? following.filter((n) => n.id !== NOTE_ID) : following.slice(0, next);
  };
  const runsOn = (nodes: NodeInfoLike[], page: number) => nodes.some((n) => (n.pageNumbers ?? [page]).some((p) => p > page));
  return (
    node: NodeInfoLike,
    nodes: { getFollowingNodesOnPage: () => NodeInfoLike[]; getNodesOnNextPage: () => NodeInfoLike[]; getPreviousNodesOnPage: () => NodeInfoLike[] },
  ): boolean => {
    if (node.id === NOTE_ID && node.startPosition) {
      const first = nodes.getNodesOnNextPage().find((n) => n.id === NOTE_FIRST_ID);
      return first !== undefined && !nodes.getFollowingNodesOnPage().some((n) => n.id === NOTE_FIRST_ID);
    }
    const row = rowOf(node.id);
    if (!row || !node.startPosition) return false;
    const page = node.startPosition.pageNumber;
    const onlyHeadingsBefore = !nodes.getPreviousNodesOnPage().some((n) => rowOf(n.id)?.kind === 'item');
    const following = nodes.getFollowingNodesOnPage();
    const own = [node, ...cellsOf(row.k, following)];
    if (row.kind === 'item') {
      if (runsOn(own, page) && !onlyHeadingsBefore) return moveRow(row.k);
      // the note (its heading stays with its first line) is not left apart: when its last line would be on a later
      // page, the last row goes to that page with it (unless the row is first on its page already)
      const later = [...following, ...nodes.getNodesOnNextPage()];
      const note = later.find((n) => n.id === NOTE_LAST_ID) ?? later.find((n) => n.id === NOTE_FIRST_ID);
      if (row.k === rowCount - 1 && note?.startPosition && note.startPosition.pageNumber > page) {
        return onlyHeadingsBefore ? false : moveRow(row.k);
      }
      return false;
    }
    // a heading (and the headings under it) stays with the first item row after it
    const later = [...following, ...nodes.getNodesOnNextPage()];
    const idx = later.findIndex((n) => {
      const r = rowOf(n.id);
      return r !== null && r.k > row.k && r.kind === 'item';
    });
    const first = later[idx];
    if (!first?.startPosition) return false;
    const startsLater = first.startPosition.pageNumber > page;
    const firstRunsOn = !startsLater && runsOn([first, ...cellsOf(rowOf(first.id)!.k, later.slice(idx + 1))], page);
    if ((startsLater || firstRunsOn) && !onlyHeadingsBefore) return moveRow(row.k);
    return false;
  };
}

function planTableMaker(lang: DocLang): (rows: Cell[][]) => ContentTable {
  return (rows) =>
    dataTable({
      // a fresh header per table (pdfmake keeps layout state on the nodes)
      headers: COLUMNS[lang].map((h) => ({ text: h, bold: true, alignment: 'center', fontSize: 9 })),
      widths: WIDTHS,
      rows,
      fontSize: TABLE_PT,
    });
}

/** What the plan's pagination rules need, as plain data: they are rebuilt where the render runs (documents/hooks.ts). */
export interface PlanPageBreaksArgs {
  /** the document's content array, and the table's first node in it */
  content: Content[];
  first: ContentTable;
  lang: DocLang;
  rows: PrintedRow[];
}

/** `planPageBreaks` rebuilt from its plain arguments (the factory of the 'plans.pageBreaks' pdfHook). */
export function planPageBreaksFrom(a: PlanPageBreaksArgs): ReturnType<typeof planPageBreaks> {
  return planPageBreaks(new SplittableTable(a.content, planTableMaker(a.lang), () => planTableRows(a.rows), a.rows.length, a.first));
}

/** The plan in the seed's layout, A4 landscape. */
export function planDocument(o: PlanPdfInput): TDocumentDefinitions {
  const { lang, plan, school } = o;
  const printed = printedPlan(
    lang,
    plan,
    o.abbreviations.map((a) => ({ kk: a.abbr, ru: a.abbr, fullKk: a.fullKk, fullRu: a.fullRu })),
  );
  const content: Content[] = [
    approvalBlock(lang, {
      position: o.approval ? (lang === 'kk' ? o.approval.positionKk : o.approval.positionRu) : lang === 'kk' ? school.directorPositionKk : school.directorPositionRu,
      name: o.approval?.approverName ?? school.directorName,
      date: o.approval ? localDate(o.approval.approvedOn) : null,
      width: 260,
      // the director's stamp slot beside «Бекітемін» (the stamp itself comes with the signature)
      ...(o.stamps?.[0] ? { stamp: o.stamps[0] } : {}),
    }),
    titleBlock(printed.title, { marginTop: 6 }),
    { text: printed.yearLine, alignment: 'center', fontSize: 12, margin: [0, -6, 0, 10] },
  ];
  const table = new SplittableTable(content, planTableMaker(lang), () => planTableRows(printed.rows), printed.rows.length);
  table.place();
  const notes: Content[] = [];
  if (printed.note) {
    notes.push({ text: printed.note.heading, fontSize: 10, bold: true, margin: [0, 6, 0, 2], id: NOTE_ID });
    const last = printed.note.lines.length - 1;
    printed.note.lines.forEach((line, i) =>
      notes.push({ text: line, fontSize: 10, ...(i === 0 ? { id: NOTE_FIRST_ID } : i === last ? { id: NOTE_LAST_ID } : {}) }),
    );
  }
  if (printed.translationNote) notes.push({ text: printed.translationNote, fontSize: 9.5, italics: true, margin: [0, 6, 0, 0] });
  if (plan.revision > 1) {
    notes.push({
      text: lang === 'kk' ? `${plan.revision}-редакция` : `Редакция ${plan.revision}`,
      fontSize: 9,
      color: '#444444',
      margin: [0, 6, 0, 0],
    });
  }
  content.push(...notes);
  content.push(...(o.stamps?.slice(1) ?? []));
  const dd = officialDocument({
    lang,
    orientation: 'landscape',
    title: planTitle(lang, plan),
    registerNumber: o.registerNumber ?? null,
    documentId: o.documentId ?? null,
    draft: o.approval === null,
    content,
  });
  const breaks: PlanPageBreaksArgs = { content, first: table.firstNode!, lang, rows: printed.rows };
  return { ...dd, pageBreakBefore: pdfHook('plans.pageBreaks', breaks, planPageBreaks(table)) };
}

const STATUS_WORDS: Record<DocLang, Record<ExecutionStatus | 'none', string>> = {
  kk: { done: 'орындалды', partly: 'ішінара орындалды', not_done: 'орындалмады', not_due: 'мерзімі келмеген', none: 'белгі жоқ' },
  ru: { done: 'выполнено', partly: 'выполнено частично', not_done: 'не выполнено', not_due: 'срок не наступил', none: 'нет отметки' },
};

const QUARTER_WORDS: Record<DocLang, (q: number, y: number) => string> = {
  kk: (q, y) => `${y}–${y + 1} оқу жылының ${['I', 'II', 'III', 'IV'][q - 1]} тоқсаны`,
  ru: (q, y) => `${['I', 'II', 'III', 'IV'][q - 1]} четверть ${y}–${y + 1} учебного года`,
};

export interface ReportRow {
  number: number;
  measureKk: string;
  measureRu: string;
  status: ExecutionStatus | null;
  doneText: string;
  doneOn: string | null;
  reachPupils: number;
  reachParents: number;
  reachTeachers: number;
  evidenceCount: number;
}

export interface ReportPdfInput {
  lang: DocLang;
  plan: Pick<Plan, 'titleKk' | 'titleRu' | 'academicYear' | 'revision'>;
  school: SchoolProfile;
  quarter: number;
  quarterStart: string;
  quarterEnd: string;
  rows: ReportRow[];
  issuedOn: string;
  registerNumber?: string | null;
  documentId?: string | null;
  stamps?: Content[];
}

export function reportTitle(lang: DocLang): string {
  return lang === 'kk' ? 'Жоспардың орындалуы туралы ақпарат' : 'Информация об исполнении плана';
}

/** «Жоспардың орындалуы туралы ақпарат» for one quarter, A4 landscape. */
export function reportDocument(o: ReportPdfInput): TDocumentDefinitions {
  const { lang } = o;
  const w = STATUS_WORDS[lang];
  const headers =
    lang === 'kk'
      ? ['№', 'Іс-шара', 'Орындалуы', 'Не істелді', 'Күні', 'Қамту: оқушылар / ата-аналар / педагогтер', 'Растайтын құжаттар']
      : ['№', 'Мероприятие', 'Исполнение', 'Что сделано', 'Дата', 'Охват: обучающиеся / родители / педагоги', 'Подтверждающие файлы'];
  const rows: Cell[][] = o.rows.map((r) => [
    String(r.number),
    pick(lang, r.measureKk, r.measureRu),
    w[r.status ?? 'none'],
    r.doneText,
    r.doneOn ? formatDate(lang, localDate(r.doneOn)) : '',
    `${r.reachPupils} / ${r.reachParents} / ${r.reachTeachers}`,
    r.evidenceCount > 0 ? String(r.evidenceCount) : '',
  ]);
  const count = (s: ExecutionStatus) => o.rows.filter((r) => r.status === s).length;
  const due = o.rows.filter((r) => r.status !== 'not_due').length;
  const done = count('done');
  const summary =
    lang === 'kk'
      ? `Тоқсанда орындалуы тиіс іс-шаралар: ${due}; орындалды: ${done}; ішінара: ${count('partly')}; орындалмады: ${count('not_done')}; белгі жоқ: ${o.rows.filter((r) => r.status === null).length}.`
      : `Мероприятий к исполнению в четверти: ${due}; выполнено: ${done}; частично: ${count('partly')}; не выполнено: ${count('not_done')}; без отметки: ${o.rows.filter((r) => r.status === null).length}.`;
  const reach = o.rows.reduce((a, r) => [a[0]! + r.reachPupils, a[1]! + r.reachParents, a[2]! + r.reachTeachers], [0, 0, 0]);
  const reachLine =
    lang === 'kk'
      ? `Қамтылғандар: оқушылар – ${reach[0]}, ата-аналар – ${reach[1]}, педагогтер – ${reach[2]}.`
      : `Охвачено: обучающихся – ${reach[0]}, родителей – ${reach[1]}, педагогов – ${reach[2]}.`;
  const period = `${formatDate(lang, localDate(o.quarterStart))} – ${formatDate(lang, localDate(o.quarterEnd))}`;
  const content: Content[] = [
    titleBlock([reportTitle(lang), QUARTER_WORDS[lang](o.quarter, o.plan.academicYear)], { marginTop: 0 }),
    { text: planTitle(lang, o.plan), alignment: 'center', fontSize: 11, margin: [40, -4, 40, 4] },
    { text: `${lang === 'kk' ? 'Кезең' : 'Период'}: ${period}`, alignment: 'center', fontSize: 11, margin: [0, 0, 0, 10] },
    dataTable({ headers, widths: [26, '*', 80, 170, 80, 90, 60], rows, fontSize: 10 }),
    paragraph(summary, { indent: false }),
    paragraph(reachLine, { indent: false }),
    // the director's line with the stamp slot under the name (the stamp itself comes with the signature)
    signatureLine(lang === 'kk' ? o.school.directorPositionKk : o.school.directorPositionRu, o.school.directorName, o.stamps?.[0]),
    { text: formatDate(lang, localDate(o.issuedOn)), fontSize: 11, margin: [0, 6, 0, 0] },
    ...(o.stamps?.slice(1) ?? []),
  ];
  return officialDocument({
    lang,
    orientation: 'landscape',
    title: `${reportTitle(lang)} — ${QUARTER_WORDS[lang](o.quarter, o.plan.academicYear)}`,
    registerNumber: o.registerNumber ?? null,
    documentId: o.documentId ?? null,
    content,
  });
}
