/**
 * The plan as it prints, shared by the PDF, the DOCX and the XLSX (so the three are level): the lines above the
 * table, the table's rows in the seed's seven columns, the abbreviation note and the translation note.
 *
 * - A framework's own section prints with the framework's code ("2.1. Қысқа мерзімді шаралар"), a framework's own
 *   item with the framework's number ("24"); the school's own sections and items with the plan's numbers.
 * - A plan with both kinds prints them as two parts with their own headings, and a school's own item placed in a
 *   framework section is marked as the school's.
 * - A cell without text in the document's language prints the other language's text with a visible note
 *   ("(текст на казахском языке)"), never unmarked; responsible bodies print in the document's language's forms.
 */
import { STAFF_ROLE_LABELS, type Plan, type PlanItem, type PlanSection } from '../../../shared/plans';
import { abbreviationNote, bodyRu, type AbbreviationNote, type NoteEntry } from '../frameworks/abbreviations';

export type PrintLang = 'kk' | 'ru';

export interface PrintedItem {
  kind: 'item';
  /** the framework's number for a framework item, the plan's number otherwise */
  number: string;
  measure: string;
  /** "Қатысушылар: 5–11 сынып білім алушылары, ата-аналар" or '' */
  participants: string;
  /** "(№ 748 қаулы, 8-т.)" or '' */
  link: string;
  /** "(мектептің іс-шарасы)" for a school's own item inside a framework section, else '' */
  ownMark: string;
  completionForm: string;
  deadline: string;
  responsible: string;
  cost: string;
  funding: string;
}

export type PrintedRow = { kind: 'part'; text: string } | { kind: 'section'; level: 1 | 2; text: string } | PrintedItem;

export interface PrintedPlan {
  title: string;
  /** "2025–2026 оқу жылы" */
  yearLine: string;
  rows: PrintedRow[];
  note: AbbreviationNote | null;
  /** said under the table when Russian framework texts are translations, else null */
  translationNote: string | null;
  /** cells printed in the other language (marked) */
  otherLanguageCells: number;
}

const WORDS = {
  kk: {
    other: '(мәтін орыс тілінде)',
    participants: 'Қатысушылар: ',
    own: '(мектептің іс-шарасы)',
    partFramework: (code: string) => (code === 'decree-748' ? 'I. ҚР Үкіметінің 2023 жылғы 31 тамыздағы № 748 қаулысымен бекітілген Кешенді жоспардың іс-шаралары' : `I. Ұлттық жоспардың іс-шаралары (${code})`),
    partOwn: 'II. Мектептің өз іс-шаралары',
    year: (y: number) => `${y}–${y + 1} оқу жылы`,
  },
  ru: {
    other: '(текст на казахском языке)',
    participants: 'Участники: ',
    own: '(мероприятие школы)',
    partFramework: (code: string) => (code === 'decree-748' ? 'I. Мероприятия Комплексного плана, утверждённого постановлением Правительства РК от 31 августа 2023 года № 748' : `I. Мероприятия национального плана (${code})`),
    partOwn: 'II. Собственные мероприятия школы',
    year: (y: number) => `на ${y}–${y + 1} учебный год`,
  },
} as const;

export const TRANSLATION_NOTE_RU =
  'Тексты пунктов постановления № 748 на русском языке — перевод с казахского языка, выполненный для Qorgan; официальный русский текст постановления с ним не сверялся.';

/** The text in the document's language; else the other language's text, marked; else ''. */
export function printedText(lang: PrintLang, kk: string, ru: string): { text: string; other: boolean } {
  const [own, other] = lang === 'kk' ? [kk, ru] : [ru, kk];
  if (own.trim() !== '') return { text: own.trim(), other: false };
  if (other.trim() !== '') return { text: `${other.trim()} ${WORDS[lang].other}`, other: true };
  return { text: '', other: false };
}

export function responsibleFor(lang: PrintLang, it: Pick<PlanItem, 'responsibleRoles' | 'responsibleBodies'>): string {
  const bodies = lang === 'ru' ? it.responsibleBodies.map(bodyRu) : it.responsibleBodies;
  return [...it.responsibleRoles.map((r) => STAFF_ROLE_LABELS[r][lang]), ...bodies].join(', ');
}

function gradesText(lang: PrintLang, grades: number[]): string {
  if (grades.length === 0) return '';
  const sorted = [...grades].sort((a, b) => a - b);
  const contiguous = sorted.every((g, i) => i === 0 || g === sorted[i - 1]! + 1);
  const list = contiguous && sorted.length > 2 ? `${sorted[0]}–${sorted.at(-1)}` : sorted.join(', ');
  return lang === 'kk' ? `${list} сынып білім алушылары` : `обучающиеся ${list} классов`;
}

export function targetFor(lang: PrintLang, it: Pick<PlanItem, 'targetGroup'>): string {
  const parts = [gradesText(lang, it.targetGroup.grades)];
  if (it.targetGroup.parents) parts.push(lang === 'kk' ? 'ата-аналар' : 'родители');
  if (it.targetGroup.teachers) parts.push(lang === 'kk' ? 'педагогтер' : 'педагоги');
  return parts.filter((p) => p !== '').join(', ');
}

function linkFor(lang: PrintLang, it: PlanItem): string {
  const links = it.frameworkLinks.filter((l) => l.frameworkItemId !== it.origin?.frameworkItemId);
  const decree = links.filter((l) => l.frameworkCode === 'decree-748').map((l) => l.number);
  const other = links.filter((l) => l.frameworkCode !== 'decree-748').map((l) => `${l.frameworkCode} ${l.number}`);
  const parts: string[] = [];
  if (decree.length > 0) parts.push(lang === 'kk' ? `№ 748 қаулы, ${decree.join(', ')}-т.` : `пост. № 748, п. ${decree.join(', ')}`);
  parts.push(...other);
  return parts.length > 0 ? `(${parts.join('; ')})` : '';
}

/** The plan in print order, in one language. `extra` adds abbreviations of imported frameworks to the note. */
export function printedPlan(
  lang: PrintLang,
  plan: Pick<Plan, 'titleKk' | 'titleRu' | 'academicYear' | 'sections' | 'items'>,
  extra: readonly NoteEntry[] = [],
): PrintedPlan {
  const w = WORDS[lang];
  let other = 0;
  const txt = (kk: string, ru: string) => {
    const r = printedText(lang, kk, ru);
    if (r.other) other++;
    return r.text;
  };
  const bySection = new Map<string, PlanItem[]>();
  for (const it of plan.items) {
    const list = bySection.get(it.sectionId) ?? [];
    list.push(it);
    bySection.set(it.sectionId, list);
  }
  const isFramework = (s: PlanSection) => Boolean(s.origin);
  const mixed = plan.sections.some(isFramework) && plan.sections.some((s) => !isFramework(s) && (bySection.get(s.id)?.length ?? 0) > 0);
  const rows: PrintedRow[] = [];
  let part: 'framework' | 'own' | null = null;
  let translated = false;
  for (const s of plan.sections) {
    const kind = isFramework(s) ? 'framework' : 'own';
    if (mixed && kind !== part) {
      rows.push({ kind: 'part', text: kind === 'framework' ? w.partFramework(s.origin?.frameworkCode ?? '') : w.partOwn });
      part = kind;
    }
    const title = txt(s.titleKk, s.titleRu);
    rows.push({ kind: 'section', level: s.parentId === null ? 1 : 2, text: `${s.origin?.code ?? s.number}. ${title}`.trim() });
    for (const it of (bySection.get(s.id) ?? []).sort((a, b) => a.number - b.number)) {
      if (it.origin?.ruSource === 'translation') translated = true;
      rows.push({
        kind: 'item',
        number: it.origin?.number ?? String(it.number),
        measure: txt(it.measureKk, it.measureRu),
        participants: targetFor(lang, it) ? w.participants + targetFor(lang, it) : '',
        link: linkFor(lang, it),
        ownMark: kind === 'framework' && !it.origin ? w.own : '',
        completionForm: txt(it.completionFormKk, it.completionFormRu),
        deadline: txt(it.deadlineKk, it.deadlineRu),
        responsible: responsibleFor(lang, it),
        cost: txt(it.costKk, it.costRu),
        funding: txt(it.fundingKk, it.fundingRu),
      });
    }
  }
  const texts = rows.flatMap((r) =>
    r.kind === 'item' ? [r.measure, r.completionForm, r.deadline, r.responsible, r.cost, r.funding] : [r.text],
  );
  return {
    title: txt(plan.titleKk, plan.titleRu),
    yearLine: w.year(plan.academicYear),
    rows,
    note: abbreviationNote(lang, texts, extra),
    translationNote: lang === 'ru' && translated ? TRANSLATION_NOTE_RU : null,
    otherLanguageCells: other,
  };
}

/** The seven cells of an item as plain text (DOCX/XLSX), the measure with its participants, link and mark lines. */
export function itemTexts(r: PrintedItem): string[] {
  const measure = [r.measure, r.ownMark, r.participants, r.link].filter((x) => x !== '').join('\n');
  return [r.number, measure, r.completionForm, r.deadline, r.responsible, r.cost, r.funding];
}

const EXTRA_LINE = [
  /^\((мектептің іс-шарасы|мероприятие школы)\)$/,
  /^(Қатысушылар|Участники): /,
  /^\((№ 748 қаулы|пост\. № 748)[^)]*\)$/,
];

/**
 * The measure of a measure cell read back from a DOCX/XLSX that Qorgan wrote: the small lines it adds under the
 * measure (school's mark, participants, decree reference) are left out; they come back from the hidden plan data.
 */
export function measureOfCell(text: string): string {
  const lines = text.split('\n');
  while (lines.length > 1 && EXTRA_LINE.some((re) => re.test((lines.at(-1) ?? '').trim()))) lines.pop();
  return lines.join('\n').trim();
}
