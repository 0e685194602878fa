/**
 * The minutes (хаттама / протокол) of a council meeting, as docs/DOMAIN.md "Minutes" lays them out: school,
 * "ХАТТАМА № N", date and place; chair and secretary; present and absent (names, or a head count with the list
 * attached when more than 10 are present); the agenda; per item ТЫҢДАЛДЫ / СЛУШАЛИ, СӨЙЛЕДІ / ВЫСТУПИЛИ and
 * ҚАУЛЫ ЕТТІ / ПОСТАНОВИЛИ with numbered decisions (responsible, deadline); the chair's and the secretary's
 * signature lines, each with its stamp slot (the stamp appears with its signature, never before).
 */
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { AgendaItem, AttendanceEntry } from '../../../shared/council';
import { keepHyphenatedWords, officialDocument, paragraph, signatureLine, titleBlock } from '../documents/blocks';
import { formatDate } from '../documents/dates';
import type { DocLang } from '../documents/types';

export const MINUTES_WORDS = {
  kk: {
    title: (n: number) => `Профилактика кеңесі отырысының\nХАТТАМАСЫ № ${n}`,
    chair: 'Төраға',
    secretary: 'Хатшы',
    present: 'Қатысқандар',
    absent: 'Қатыспағандар',
    invited: 'Шақырылғандар',
    agenda: 'КҮН ТӘРТІБІ:',
    heard: 'ТЫҢДАЛДЫ:',
    spoke: 'СӨЙЛЕДІ:',
    decided: 'ҚАУЛЫ ЕТТІ:',
    nobody: 'жоқ',
    count: (n: number) => `${n} адам (тізімі қоса беріледі)`,
    responsible: 'Жауапты',
    deadline: 'Мерзімі',
    grounds: 'Есепке қою негіздемелері',
    firstReview: 'Бірінші қарау',
    annex: 'Отырысқа қатысқандардың тізімі',
    time: 'Уақыты',
    place: 'Өтетін орны',
    extractTitle: (n: number) => `Профилактика кеңесі отырысының № ${n} хаттамасынан\nҮЗІНДІ`,
    extractPresent: (n: number) => `${n} адам`,
    extractAgenda: 'Күн тәртібінің мәселесі:',
    extractTrue: 'Үзінді дұрыс.',
  },
  ru: {
    title: (n: number) => `ПРОТОКОЛ № ${n}\nзаседания Совета профилактики`,
    chair: 'Председатель',
    secretary: 'Секретарь',
    present: 'Присутствовали',
    absent: 'Отсутствовали',
    invited: 'Приглашённые',
    agenda: 'ПОВЕСТКА ДНЯ:',
    heard: 'СЛУШАЛИ:',
    spoke: 'ВЫСТУПИЛИ:',
    decided: 'ПОСТАНОВИЛИ:',
    nobody: 'нет',
    count: (n: number) => `${n} человек (список прилагается)`,
    responsible: 'Ответственный',
    deadline: 'Срок',
    grounds: 'Основания постановки на учёт',
    firstReview: 'Первый пересмотр',
    annex: 'Список присутствовавших на заседании',
    time: 'Время',
    place: 'Место проведения',
    extractTitle: (n: number) => `ВЫПИСКА\nиз протокола № ${n} заседания Совета профилактики`,
    extractPresent: (n: number) => `${n} чел.`,
    extractAgenda: 'Вопрос повестки дня:',
    extractTrue: 'Выписка верна.',
  },
} as const;

/** More present than this: the minutes print a head count and attach the list (DOMAIN.md). */
export const PRESENT_LIST_LIMIT = 10;

export interface MinutesData {
  lang: DocLang;
  schoolName: string;
  number: number;
  date: Date;
  time: string;
  place: string;
  chair: { name: string; position: string };
  secretary: { name: string; position: string };
  attendance: AttendanceEntry[];
  agenda: AgendaItem[];
  registerNumber: string | null;
  documentId: string | null;
  /** [secretary, chair]: the secretary signs first */
  stamps?: Content[];
  draft?: boolean;
  /** register ground id → its label in the document's language (a put-on decision prints its grounds) */
  groundLabels?: ReadonlyMap<string, string>;
}

function person(a: AttendanceEntry): string {
  const name = a.name ?? '';
  return a.roleText ? `${name} — ${a.roleText}` : name;
}

function decisionText(m: { lang: DocLang; groundLabels?: ReadonlyMap<string, string> | undefined }, d: AgendaItem['decisions'][number]): string {
  const lang = m.lang;
  const w = MINUTES_WORDS[lang];
  const parts = [d.text ?? ''];
  if (d.type === 'register_on' && d.groundIds && d.groundIds.length > 0) {
    const labels = d.groundIds.map((g) => m.groundLabels?.get(g)).filter((l): l is string => !!l);
    if (labels.length > 0) parts.push(`${w.grounds}: ${labels.join('; ')}.`);
  }
  if (d.type === 'register_on' && d.firstReviewOn) {
    const date = formatDate(lang, new Date(`${d.firstReviewOn}T12:00:00`));
    parts.push(`${w.firstReview}: ${date}${date.endsWith('.') ? '' : '.'}`);
  }
  if (d.responsible) parts.push(`${w.responsible}: ${d.responsible}.`);
  if (d.deadline) {
    const date = formatDate(lang, new Date(`${d.deadline}T12:00:00`));
    // "… 2027 г." already ends with its full stop
    parts.push(`${w.deadline}: ${date}${date.endsWith('.') ? '' : '.'}`);
  }
  return parts.join(' ');
}

export function minutesDocument(m: MinutesData): TDocumentDefinitions {
  const w = MINUTES_WORDS[m.lang];
  const present = m.attendance.filter((a) => a.present);
  const absent = m.attendance.filter((a) => !a.present && a.kind === 'member');
  const presentMembers = present.filter((a) => a.kind === 'member');
  const invited = present.filter((a) => a.kind !== 'member');
  const longList = present.length > PRESENT_LIST_LIMIT;
  const content: Content[] = [
    { text: m.schoolName, alignment: 'center', bold: true },
    titleBlock(w.title(m.number)),
    {
      columns: [
        { text: `${formatDate(m.lang, m.date)}, ${m.time}`, width: '*' },
        { text: m.place, width: 'auto', alignment: 'right' },
      ],
      margin: [0, 0, 0, 10],
    },
    { text: [{ text: `${w.chair}: `, bold: true }, `${m.chair.name}, ${m.chair.position}`] },
    { text: [{ text: `${w.secretary}: `, bold: true }, `${m.secretary.name}, ${m.secretary.position}`] },
    {
      text: [
        { text: `${w.present}: `, bold: true },
        longList ? w.count(present.length) : presentMembers.length ? presentMembers.map(person).join('; ') : w.nobody,
      ],
    },
  ];
  if (!longList && invited.length) content.push({ text: [{ text: `${w.invited}: `, bold: true }, invited.map(person).join('; ')] });
  content.push(
    {
      text: [
        { text: `${w.absent}: `, bold: true },
        absent.length ? absent.map((a) => (a.reason ? `${person(a)} (${a.reason})` : person(a))).join('; ') : w.nobody,
      ],
      margin: [0, 0, 0, 10],
    },
    { text: w.agenda, bold: true, alignment: 'center', margin: [0, 0, 0, 4] },
    { ol: m.agenda.map((i) => i.title ?? ''), margin: [0, 0, 0, 10] },
  );
  for (const item of m.agenda) {
    content.push({ text: `${item.number}. ${item.title ?? ''}`, bold: true, margin: [0, 6, 0, 4] }, { text: w.heard, bold: true }, paragraph(item.heard || '—'));
    if (item.spoke) content.push({ text: w.spoke, bold: true }, paragraph(item.spoke));
    content.push(
      { text: w.decided, bold: true },
      item.decisions.length
        ? { ol: item.decisions.map((d) => decisionText(m, d)), margin: [0, 0, 0, 6] }
        : paragraph('—'),
    );
  }
  const stamps = m.stamps ?? [];
  content.push(
    { text: '', margin: [0, 12, 0, 0] },
    signatureLine(w.chair, m.chair.name, stamps[1]),
    signatureLine(w.secretary, m.secretary.name, stamps[0]),
  );
  if (longList) {
    content.push(
      { text: w.annex, bold: true, alignment: 'center', pageBreak: 'before', margin: [0, 0, 0, 8] },
      { ol: present.map(person) },
    );
  }
  return officialDocument({
    lang: m.lang,
    title: w.title(m.number).replace('\n', ' '),
    registerNumber: m.registerNumber,
    documentId: m.documentId,
    draft: m.draft ?? false,
    content,
  });
}

export interface ExtractData {
  lang: DocLang;
  schoolName: string;
  number: number;
  date: Date;
  time: string;
  place: string;
  chair: { name: string; position: string };
  secretary: { name: string; position: string };
  /** head count only: the names of guests (parents, pupils) of other items never go into an extract */
  presentCount: number;
  item: AgendaItem;
  registerNumber: string | null;
  documentId: string | null;
  stamps?: Content[];
  groundLabels?: ReadonlyMap<string, string>;
}

/**
 * An extract (хаттамадан үзінді / выписка из протокола) for a parent or an agency: the heading of the minutes,
 * one agenda item with its hearing and decisions — no other item, no attendee's name but the officers' — and
 * the secretary's signature under "Үзінді дұрыс" / "Выписка верна".
 */
export function extractDocument(m: ExtractData): TDocumentDefinitions {
  const w = MINUTES_WORDS[m.lang];
  const item = m.item;
  const content: Content[] = [
    { text: m.schoolName, alignment: 'center', bold: true },
    titleBlock(w.extractTitle(m.number)),
    {
      columns: [
        { text: `${formatDate(m.lang, m.date)}, ${m.time}`, width: '*' },
        { text: m.place, width: 'auto', alignment: 'right' },
      ],
      margin: [0, 0, 0, 10],
    },
    { text: [{ text: `${w.chair}: `, bold: true }, `${m.chair.name}, ${m.chair.position}`] },
    { text: [{ text: `${w.secretary}: `, bold: true }, `${m.secretary.name}, ${m.secretary.position}`] },
    { text: [{ text: `${w.present}: `, bold: true }, w.extractPresent(m.presentCount)], margin: [0, 0, 0, 10] },
    { text: w.extractAgenda, bold: true },
    { text: `${item.number}. ${item.title ?? ''}`, bold: true, margin: [0, 4, 0, 6] },
    { text: w.heard, bold: true },
    paragraph(item.heard || '—'),
  ];
  if (item.spoke) content.push({ text: w.spoke, bold: true }, paragraph(item.spoke));
  content.push(
    { text: w.decided, bold: true },
    item.decisions.length ? { ol: item.decisions.map((d) => decisionText(m, d)), margin: [0, 0, 0, 6] } : paragraph('—'),
    { text: w.extractTrue, margin: [0, 12, 0, 0] },
    signatureLine(w.secretary, m.secretary.name, m.stamps?.[0]),
  );
  return officialDocument({
    lang: m.lang,
    title: w.extractTitle(m.number).replace('\n', ' '),
    registerNumber: m.registerNumber,
    documentId: m.documentId,
    content,
  });
}

const INVITATION_WORDS = {
  kk: {
    title: 'ШАҚЫРУ',
    to: (pupil: string) => `${pupil} оқушының ата-анасына (заңды өкіліне)`,
    dear: 'Құрметті ата-ана!',
    body: 'Сізді мектептің профилактика кеңесінің отырысына шақырамыз.',
    date: 'Күні',
    time: 'Уақыты',
    place: 'Өтетін орны',
    reason: 'Қаралатын мәселе',
    closing: 'Қатысуыңызды сұраймыз. Келе алмасаңыз, мектепке алдын ала хабарлаңыз.',
  },
  ru: {
    title: 'ПРИГЛАШЕНИЕ',
    to: (pupil: string) => `Родителю (законному представителю) учащегося ${pupil}`,
    dear: 'Уважаемый родитель!',
    body: 'Приглашаем Вас на заседание Совета профилактики школы.',
    date: 'Дата',
    time: 'Время',
    place: 'Место',
    reason: 'Вопрос',
    closing: 'Просим Вас прийти. Если Вы не сможете, сообщите, пожалуйста, в школу заранее.',
  },
} as const;

export interface InvitationData {
  lang: DocLang;
  schoolName: string;
  /** the invited pupil's name and class, e.g. "Әлімов Арман (8 А)" */
  pupil: string;
  date: Date;
  time: string;
  place: string;
  /** the reason in neutral words, as the secretary wrote it */
  reason: string;
  secretary: { name: string; position: string };
  registerNumber: string | null;
  documentId: string | null;
  stamps?: Content[];
}

/** An invitation to a parent: date, time, place and the reason in neutral words; signed by the secretary. */
export function invitationDocument(m: InvitationData): TDocumentDefinitions {
  const w = INVITATION_WORDS[m.lang];
  const row = (label: string, value: string): Content => ({ text: [{ text: `${label}: `, bold: true }, value], margin: [35, 0, 0, 2] });
  return officialDocument({
    lang: m.lang,
    title: w.title,
    registerNumber: m.registerNumber,
    documentId: m.documentId,
    content: [
      { text: m.schoolName, alignment: 'center', bold: true },
      { text: keepHyphenatedWords(w.to(m.pupil)), alignment: 'right', margin: [200, 12, 0, 0] },
      titleBlock(w.title),
      { text: w.dear, alignment: 'center', margin: [0, 0, 0, 8] },
      paragraph(w.body),
      row(w.date, formatDate(m.lang, m.date)),
      row(w.time, m.time),
      row(w.place, m.place),
      row(w.reason, m.reason),
      { text: '', margin: [0, 6, 0, 0] },
      paragraph(w.closing),
      { text: '', margin: [0, 12, 0, 0] },
      signatureLine(m.secretary.position, m.secretary.name, m.stamps?.[0]),
    ],
  });
}
