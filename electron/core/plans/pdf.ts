/**
 * PDF templates of the plan (seed layout: «Бекітемін» block, centred bold title, the framework's seven columns)
 * and of the quarterly report «Жоспардың орындалуы туралы ақпарат». Built from the documents engine's blocks;
 * signing and the register are the engine's (`issueDocument`).
 */
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { STAFF_ROLE_LABELS, type ExecutionStatus, type Plan, type PlanItem } from '../../../shared/plans';
import type { SchoolProfile } from '../../../shared/school';
import { approvalBlock, dataTable, officialDocument, paragraph, sectionRow, signatureLine, titleBlock, type Cell } from '../documents/blocks';
import { formatDate } from '../documents/dates';
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
const WIDTHS: (number | '*')[] = [26, '*', 86, 80, 120, 84, 96];

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

export function responsibleText(lang: DocLang, it: Pick<PlanItem, 'responsibleRoles' | 'responsibleBodies'>): string {
  return [...it.responsibleRoles.map((r) => STAFF_ROLE_LABELS[r][lang]), ...it.responsibleBodies].join(', ');
}

function gradesText(lang: DocLang, grades: number[]): string {
  if (grades.length === 0) return '';
  const sorted = [...grades].sort((a, b) => a - b);
  const contiguous = sorted.every((g, i) => i === 0 || g === sorted[i - 1]! + 1);
  const list = contiguous && sorted.length > 2 ? `${sorted[0]}–${sorted.at(-1)}` : sorted.join(', ');
  return lang === 'kk' ? `${list} сынып білім алушылары` : `обучающиеся ${list} классов`;
}

export function targetText(lang: DocLang, it: Pick<PlanItem, 'targetGroup'>): string {
  const parts = [gradesText(lang, it.targetGroup.grades)];
  if (it.targetGroup.parents) parts.push(lang === 'kk' ? 'ата-аналар' : 'родители');
  if (it.targetGroup.teachers) parts.push(lang === 'kk' ? 'педагогтер' : 'педагоги');
  return parts.filter((p) => p !== '').join(', ');
}

function linkText(lang: DocLang, it: PlanItem): string {
  const decree = it.frameworkLinks.filter((l) => l.frameworkCode === 'decree-748').map((l) => l.number);
  const other = it.frameworkLinks.filter((l) => l.frameworkCode !== 'decree-748').map((l) => `${l.frameworkCode} ${l.number}`);
  const parts: string[] = [];
  if (decree.length > 0) {
    parts.push(lang === 'kk' ? `№ 748 қаулы, ${decree.join(', ')}-т.` : `пост. № 748, п. ${decree.join(', ')}`);
  }
  parts.push(...other);
  return parts.join('; ');
}

function measureCell(lang: DocLang, it: PlanItem): TableCell {
  const target = targetText(lang, it);
  const link = linkText(lang, it);
  const stack: Content[] = [{ text: pick(lang, it.measureKk, it.measureRu) }];
  if (target) stack.push({ text: (lang === 'kk' ? 'Қатысушылар: ' : 'Участники: ') + target, fontSize: 9, italics: true, color: '#333333' });
  if (link) stack.push({ text: `(${link})`, fontSize: 9, color: '#444444' });
  return { stack };
}

export function planRows(lang: DocLang, plan: Pick<Plan, 'sections' | 'items'>): Cell[][] {
  const rows: Cell[][] = [];
  const bySection = new Map<string, PlanItem[]>();
  for (const it of plan.items) {
    const list = bySection.get(it.sectionId) ?? [];
    list.push(it);
    bySection.set(it.sectionId, list);
  }
  for (const s of plan.sections) {
    const title = pick(lang, s.titleKk, s.titleRu);
    rows.push(sectionRow(`${s.number}. ${title}`.trim(), 7));
    for (const it of bySection.get(s.id) ?? []) {
      rows.push([
        String(it.number),
        measureCell(lang, it),
        pick(lang, it.completionFormKk, it.completionFormRu),
        pick(lang, it.deadlineKk, it.deadlineRu),
        responsibleText(lang, it),
        pick(lang, it.costKk, it.costRu),
        pick(lang, it.fundingKk, it.fundingRu),
      ]);
    }
  }
  return rows;
}

export interface PlanPdfInput {
  lang: DocLang;
  plan: Plan;
  school: SchoolProfile;
  /** the approval of the printed revision; null prints the blank approval block (draft) */
  approval: { approverName: string; approvedOn: string; positionKk: string; positionRu: string } | null;
  abbreviations: AbbreviationRow[];
  registerNumber?: string | null;
  documentId?: string | null;
  /** signature stamp slots (from the documents engine): the first beside «Бекітемін», any others after the table */
  stamps?: Content[];
}

export function planTitle(lang: DocLang, plan: Pick<Plan, 'titleKk' | 'titleRu'>): string {
  return pick(lang, plan.titleKk, plan.titleRu);
}

/** The plan in the seed's layout, A4 landscape. */
export function planDocument(o: PlanPdfInput): TDocumentDefinitions {
  const { lang, plan, school } = o;
  const used = new Set(plan.items.flatMap((i) => i.responsibleBodies));
  const abbr = o.abbreviations.filter((a) => used.has(a.abbr) && (lang === 'kk' ? a.fullKk : (a.fullRu ?? a.fullKk)));
  const content: Content[] = [
    approvalBlock(lang, {
      position: o.approval ? (lang === 'kk' ? o.approval.positionKk : o.approval.positionRu) : lang === 'kk' ? school.directorPositionKk : school.directorPositionRu,
      name: o.approval?.approverName ?? school.directorName,
      date: o.approval ? localDate(o.approval.approvedOn) : null,
      width: 260,
      // the director's stamp slot beside «Бекітемін» (the stamp itself comes with the signature)
      ...(o.stamps?.[0] ? { stamp: o.stamps[0] } : {}),
    }),
    titleBlock(planTitle(lang, plan), { marginTop: 6 }),
    { text: yearLine(lang, plan.academicYear), alignment: 'center', fontSize: 12, margin: [0, -6, 0, 10] },
    dataTable({
      headers: COLUMNS[lang].map((h) => ({ text: h, bold: true, alignment: 'center', fontSize: 9.5 })),
      widths: WIDTHS,
      rows: planRows(lang, plan),
      fontSize: 10.5,
    }),
  ];
  if (abbr.length > 0) {
    content.push({ text: lang === 'kk' ? 'Ескертпе: аббревиатуралардың толық жазылуы' : 'Примечание: расшифровка аббревиатур', fontSize: 10, bold: true, margin: [0, 6, 0, 2] });
    for (const a of abbr) content.push({ text: `${a.abbr} – ${lang === 'kk' ? a.fullKk : (a.fullRu ?? a.fullKk)};`, fontSize: 10 });
  }
  if (plan.revision > 1) {
    content.push({
      text: lang === 'kk' ? `${plan.revision}-редакция` : `Редакция ${plan.revision}`,
      fontSize: 9,
      color: '#444444',
      margin: [0, 6, 0, 0],
    });
  }
  content.push(...(o.stamps?.slice(1) ?? []));
  return officialDocument({
    lang,
    orientation: 'landscape',
    title: planTitle(lang, plan),
    registerNumber: o.registerNumber ?? null,
    documentId: o.documentId ?? null,
    draft: o.approval === null,
    content,
  });
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
