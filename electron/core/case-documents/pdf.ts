/**
 * The case summary and the letter to parents as official documents (kk / ru), through the documents engine: A4,
 * the app's serif, the register number in the footer, the signer's line with the stamp that appears with the
 * signature.
 *
 * The summary prints what a case file or the prevention council needs: number, dates, lead worker, form of harm,
 * stage and risk, title and summary, the pupils and their roles, the course of the case (its stage changes, from
 * the chronology), the tasks, the contacts with parents, the normal notes and the closure. It never prints a
 * confidential note (those are for the confidential compartment's holders only and are dropped before the
 * template sees them) and never the content of a screening (screenings are not part of `CaseDetail`).
 *
 * The letter names only the one pupil it is about, and not the case, its form of harm or anything recorded: it is an
 * invitation to talk (to whom, about which child, when, where, who signs), because a letter is read at home by
 * whoever opens it.
 */
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { CaseDetail, CasePupil, CaseStage, FormOfHarm, Risk } from '../../../shared/cases';
import type { SchoolProfile } from '../../../shared/school';
import { RISK_KK, RISK_RU, ROLE_KK, ROLE_RU, STAGE_KK, STAGE_RU } from '../cases/labels';
import { dataTable, officialDocument, paragraph, signatureLine, titleBlock } from '../documents/blocks';
import { formatDate } from '../documents/dates';
import type { DocLang } from '../documents/types';

type ContactMethod = CaseDetail['contacts'][number]['method'];
type ClosureReason = NonNullable<NonNullable<CaseDetail['closure']>['reason']>;

const WORDS = {
  kk: {
    summaryTitle: (n: number) => `№ ${n} жағдай (кейс) бойынша қорытынды анықтама`,
    registerTitle: (n: number) => `№ ${n} жағдай бойынша анықтама`,
    opened: 'Ашылған күні',
    lead: 'Жетекші маман',
    harm: 'Зиян түрі',
    stage: 'Қазіргі кезеңі',
    risk: 'Қауіп деңгейі (қазіргі)',
    title: 'Қысқаша атауы',
    summary: 'Сипаттамасы',
    pupils: 'Оқушылар',
    pupilHeaders: ['№', 'Аты-жөні', 'Сынып', 'Рөлі'],
    course: 'Жұмыс барысы',
    openedLine: (d: string) => `${d} — жағдай ашылды (анықталды)`,
    stageLine: (d: string, from: string, to: string) => `${d} — «${from}» кезеңінен «${to}» кезеңіне өтті`,
    riskLine: (d: string, from: string, to: string) => `${d} — қауіп деңгейі «${from}» деңгейінен «${to}» деңгейіне өзгерді`,
    closedLine: (d: string) => `${d} — жағдай жабылды`,
    tasks: 'Тапсырмалар',
    taskHeaders: ['№', 'Тапсырма', 'Мерзімі', 'Жауапты', 'Орындалды'],
    contacts: 'Ата-анамен байланыс',
    contactHeaders: ['Күні', 'Тәсілі', 'Кіммен', 'Нәтижесі'],
    notes: 'Жазбалар',
    closure: 'Жабылуы',
    reason: 'Себебі',
    outcome: 'Нәтижесі',
    closureState: { pending: 'директордың келісімін күтеді', closed: 'жабылды' },
    approvedBy: 'Келісті',
    none: 'жоқ',
    excluded: 'Құпия жазбалар мен скрининг нәтижелері бұл анықтамаға енгізілмейді.',
    drawnUp: 'Анықтаманы дайындаған',
    harmLabel: {
      physical: 'физикалық зорлық-зомбылық',
      psychological: 'психологиялық зорлық-зомбылық',
      sexual: 'жыныстық зорлық-зомбылық',
      neglect: 'қараусыз қалдыру',
      bullying: 'буллинг',
      cyberbullying: 'кибербуллинг',
      suicidal: 'суицидтік ой немесе әрекет',
      self_harm: 'аутодеструктивті мінез-құлық',
      difficult_life: 'қиын өмірлік жағдай',
      domestic: 'отбасылық-тұрмыстық зорлық-зомбылық',
    } as Record<FormOfHarm, string>,
    role: ROLE_KK,
    stageLabel: STAGE_KK,
    riskLabel: RISK_KK,
    method: { meeting: 'кездесу', phone: 'телефон', home_visit: 'үйге бару', message: 'хабарлама', letter: 'хат' } as Record<ContactMethod, string>,
    closureReason: {
      resolved: 'шешілді',
      no_concern_confirmed: 'алаңдаушылық расталмады',
      referred: 'басқа қызметке жіберілді',
      left_school: 'мектептен кетті',
      other: 'басқа',
    } as Record<ClosureReason, string>,
    // the letter
    letterTitle: 'Ата-анаға (заңды өкілге) шақыру хат',
    letterRegisterTitle: 'Ата-анаға шақыру хат',
    dear: (who: string) => `Құрметті ${who}!`,
    invite: (klass: string, pupil: string) =>
      `Сізді ${klass} сынып оқушысы ${pupil} оқуы мен мектептегі жағдайы жөнінде әңгімелесуге мектепке шақырамыз.`,
    when: 'Кездесу уақыты',
    at: (date: string, time: string) => `${date}, сағат ${time}`,
    where: 'Орны',
    move: (phone: string) =>
      phone ? `Көрсетілген уақытта келе алмасаңыз, басқа уақытты келісу үшін ${phone} нөміріне хабарласыңыз.` : 'Көрсетілген уақытта келе алмасаңыз, басқа уақытты келісу үшін мектепке хабарласыңыз.',
    thanks: 'Құрметпен,',
  },
  ru: {
    summaryTitle: (n: number) => `Сводная справка по случаю № ${n}`,
    registerTitle: (n: number) => `Справка по случаю № ${n}`,
    opened: 'Дата открытия',
    lead: 'Ведущий специалист',
    harm: 'Форма вреда',
    stage: 'Текущий этап',
    risk: 'Уровень риска (текущий)',
    title: 'Краткое название',
    summary: 'Описание',
    pupils: 'Учащиеся',
    pupilHeaders: ['№', 'Ф. И. О.', 'Класс', 'Роль'],
    course: 'Ход работы',
    openedLine: (d: string) => `${d} — случай открыт (выявлен)`,
    stageLine: (d: string, from: string, to: string) => `${d} — переход с этапа «${from}» на этап «${to}»`,
    riskLine: (d: string, from: string, to: string) => `${d} — уровень риска изменён с «${from}» на «${to}»`,
    closedLine: (d: string) => `${d} — случай закрыт`,
    tasks: 'Задачи',
    taskHeaders: ['№', 'Задача', 'Срок', 'Ответственный', 'Выполнено'],
    contacts: 'Контакты с родителями',
    contactHeaders: ['Дата', 'Способ', 'С кем', 'Итог'],
    notes: 'Записи',
    closure: 'Закрытие',
    reason: 'Причина',
    outcome: 'Итог',
    closureState: { pending: 'ожидает согласия директора', closed: 'закрыт' },
    approvedBy: 'Согласовал(а)',
    none: 'нет',
    excluded: 'Конфиденциальные записи и результаты скринингов в справку не включаются.',
    drawnUp: 'Справку составил(а)',
    harmLabel: {
      physical: 'физическое насилие',
      psychological: 'психологическое насилие',
      sexual: 'сексуальное насилие',
      neglect: 'пренебрежение нуждами ребёнка',
      bullying: 'буллинг',
      cyberbullying: 'кибербуллинг',
      suicidal: 'суицидальные мысли или попытка',
      self_harm: 'аутодеструктивное поведение',
      difficult_life: 'трудная жизненная ситуация',
      domestic: 'семейно-бытовое насилие',
    } as Record<FormOfHarm, string>,
    role: ROLE_RU,
    stageLabel: STAGE_RU,
    riskLabel: RISK_RU,
    method: { meeting: 'встреча', phone: 'телефон', home_visit: 'посещение на дому', message: 'сообщение', letter: 'письмо' } as Record<ContactMethod, string>,
    closureReason: {
      resolved: 'решён',
      no_concern_confirmed: 'опасения не подтвердились',
      referred: 'передан другой службе',
      left_school: 'выбыл из школы',
      other: 'другое',
    } as Record<ClosureReason, string>,
    letterTitle: 'Письмо-приглашение родителям (законным представителям)',
    letterRegisterTitle: 'Приглашение родителям',
    dear: (who: string) => `Уважаемый(ая) ${who}!`,
    invite: (klass: string, pupil: string) =>
      `Приглашаем Вас в школу на беседу по вопросам обучения и школьной жизни учащегося(-ейся) ${klass} класса ${pupil}.`,
    when: 'Время встречи',
    at: (date: string, time: string) => `${date}, ${time}`,
    where: 'Место',
    move: (phone: string) =>
      phone ? `Если Вы не можете прийти в указанное время, позвоните по номеру ${phone}, чтобы договориться о другом времени.` : 'Если Вы не можете прийти в указанное время, свяжитесь со школой, чтобы договориться о другом времени.',
    thanks: 'С уважением,',
  },
} as const;

export function caseSummaryRegisterTitle(lang: DocLang, number: number): string {
  return WORDS[lang].registerTitle(number);
}
export function parentLetterRegisterTitle(lang: DocLang): string {
  return WORDS[lang].letterRegisterTitle;
}

const day = (lang: DocLang, iso: string) => formatDate(lang, new Date(iso.length === 10 ? `${iso}T00:00:00` : iso));
const pupilName = (p: Pick<CasePupil, 'lastName' | 'firstName'>) => `${p.lastName} ${p.firstName}`.trim();
const klass = (p: Pick<CasePupil, 'grade' | 'classLetter'>) => `${p.grade} ${p.classLetter}`.trim();

/** A stage or risk change the chronology recorded (deduplicated: one per change, not one per pupil). */
export type CourseEvent = { at: string } & ({ kind: 'stage'; from: CaseStage; to: CaseStage } | { kind: 'risk'; from: Risk; to: Risk });

export interface CaseSummaryInput {
  lang: DocLang;
  school: Pick<SchoolProfile, 'nameKk' | 'nameRu'>;
  /** the case as a protection holder reads it; confidential notes are dropped here whatever the caller passed */
  c: CaseDetail;
  course: CourseEvent[];
  author: { name: string; position: string };
  registerNumber?: string | null;
  documentId?: string | null;
  stamps?: Content[];
}

function heading(text: string): Content {
  return { text, bold: true, margin: [0, 10, 0, 4] };
}
function line(label: string, value: string): Content {
  return { text: [{ text: `${label}: `, bold: true }, { text: value }], margin: [0, 0, 0, 3] };
}

export function caseSummaryDocument(p: CaseSummaryInput): TDocumentDefinitions {
  const w = WORDS[p.lang];
  const c = p.c;
  const notes = c.notes.filter((n) => !n.confidential && n.text !== null);
  const content: Content[] = [
    { text: p.lang === 'kk' ? p.school.nameKk : p.school.nameRu, alignment: 'center', fontSize: 11, margin: [0, 0, 0, 4] },
    titleBlock(w.summaryTitle(c.number)),
    line(w.opened, day(p.lang, c.openedAt)),
    line(w.lead, c.leadName ?? w.none),
    line(w.harm, c.formOfHarm ? w.harmLabel[c.formOfHarm] : w.none),
    line(w.stage, w.stageLabel[c.stage]),
    line(w.risk, w.riskLabel[c.risk]),
    ...(c.title ? [line(w.title, c.title)] : []),
    ...(c.summary ? [line(w.summary, c.summary)] : []),
    heading(w.pupils),
    dataTable({
      headers: [...w.pupilHeaders],
      widths: [24, '*', 60, 110],
      rows: c.pupils.map((x, i) => [String(i + 1), pupilName(x), klass(x), x.role ? w.role[x.role] : '']),
      dontBreakRows: true,
    }),
    heading(w.course),
    { text: w.openedLine(day(p.lang, c.openedAt)), margin: [0, 0, 0, 2] },
    ...p.course.map(
      (e): Content => ({
        text:
          e.kind === 'stage'
            ? w.stageLine(day(p.lang, e.at), w.stageLabel[e.from], w.stageLabel[e.to])
            : w.riskLine(day(p.lang, e.at), w.riskLabel[e.from], w.riskLabel[e.to]),
        margin: [0, 0, 0, 2],
      }),
    ),
    ...(c.closedAt ? [{ text: w.closedLine(day(p.lang, c.closedAt)), margin: [0, 0, 0, 2] } as Content] : []),
    heading(w.tasks),
    c.tasks.length
      ? dataTable({
          headers: [...w.taskHeaders],
          widths: [24, '*', 80, 100, 80],
          rows: c.tasks.map((t, i) => [String(i + 1), t.title, t.dueOn ? day(p.lang, t.dueOn) : '', t.ownerName ?? '', t.doneAt ? day(p.lang, t.doneAt) : '']),
          dontBreakRows: true,
        })
      : paragraph(w.none, { indent: false }),
    heading(w.contacts),
    c.contacts.length
      ? dataTable({
          headers: [...w.contactHeaders],
          widths: [80, 70, 110, '*'],
          rows: [...c.contacts].reverse().map((x) => [day(p.lang, x.at), w.method[x.method], x.who ?? '', x.outcome ?? '']),
          dontBreakRows: true,
        })
      : paragraph(w.none, { indent: false }),
    heading(w.notes),
    ...(notes.length
      ? [...notes].reverse().map((n): Content => ({
          text: [{ text: `${day(p.lang, n.writtenAt)}${n.authorName ? `, ${n.authorName}` : ''}: `, bold: true }, { text: n.text ?? '' }],
          margin: [0, 0, 0, 3],
        }))
      : [paragraph(w.none, { indent: false })]),
  ];
  if (c.closure) {
    content.push(heading(w.closure));
    content.push(line(w.closure, `${w.closureState[c.closure.state]}${c.closedAt ? `, ${day(p.lang, c.closedAt)}` : ''}`));
    if (c.closure.reason) content.push(line(w.reason, w.closureReason[c.closure.reason]));
    if (c.closure.outcome) content.push(line(w.outcome, c.closure.outcome));
    if (c.closure.approvedBy) content.push(line(w.approvedBy, c.closure.approvedBy));
  }
  content.push({ text: w.excluded, italics: true, fontSize: 10, margin: [0, 10, 0, 0] });
  content.push(signatureLine(`${w.drawnUp}: ${p.author.position}`, p.author.name, p.stamps?.[0]));
  return officialDocument({ lang: p.lang, title: w.registerTitle(c.number), registerNumber: p.registerNumber ?? null, documentId: p.documentId ?? null, content });
}

export interface ParentLetterInput {
  lang: DocLang;
  school: Pick<SchoolProfile, 'nameKk' | 'nameRu' | 'addressKk' | 'addressRu'>;
  pupil: Pick<CasePupil, 'lastName' | 'firstName' | 'grade' | 'classLetter'>;
  addressee: string;
  /** YYYY-MM-DDTHH:MM, the school's local time as typed */
  meetingAt: string;
  place: string;
  contactPhone: string;
  /** the day the letter is written */
  today: Date;
  signer: { name: string; position: string };
  registerNumber?: string | null;
  documentId?: string | null;
  stamps?: Content[];
}

export function parentLetterDocument(p: ParentLetterInput): TDocumentDefinitions {
  const w = WORDS[p.lang];
  const [date = '', time = ''] = p.meetingAt.split('T');
  const school = p.lang === 'kk' ? p.school.nameKk : p.school.nameRu;
  const address = p.lang === 'kk' ? p.school.addressKk : p.school.addressRu;
  const content: Content[] = [
    { text: school, alignment: 'center', bold: true, fontSize: 12 },
    ...(address ? [{ text: address, alignment: 'center' as const, fontSize: 10, margin: [0, 0, 0, 4] as [number, number, number, number] }] : []),
    { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 481, y2: 0, lineWidth: 0.6 }], margin: [0, 2, 0, 8] },
    { text: formatDate(p.lang, p.today), alignment: 'right', margin: [0, 0, 0, 10] },
    titleBlock(w.letterTitle),
    { text: w.dear(p.addressee), bold: true, alignment: 'center', margin: [0, 6, 0, 10] },
    paragraph(w.invite(klass(p.pupil), pupilName(p.pupil))),
    { text: '', margin: [0, 0, 0, 6] },
    line(w.when, w.at(formatDate(p.lang, new Date(`${date}T00:00:00`)), time)),
    line(w.where, p.place),
    { text: '', margin: [0, 0, 0, 6] },
    paragraph(w.move(p.contactPhone)),
    { text: w.thanks, margin: [0, 16, 0, 0] },
    signatureLine(p.signer.position, p.signer.name, p.stamps?.[0]),
  ];
  return officialDocument({ lang: p.lang, title: w.letterRegisterTitle, registerNumber: p.registerNumber ?? null, documentId: p.documentId ?? null, content });
}

/** The kk words the case work writes in the chronology ("№12: анықталды → бағалау") read back into their keys. */
export function parseChange<K extends string>(summary: string, words: Record<K, string>): { from: K; to: K } | null {
  const m = /:\s*(.+?)\s*→\s*(.+)$/u.exec(summary);
  if (!m?.[1] || !m[2]) return null;
  const byWord = new Map((Object.entries(words) as [K, string][]).map(([k, v]) => [v, k]));
  const from = byWord.get(m[1].trim());
  const to = byWord.get(m[2].trim());
  return from && to ? { from, to } : null;
}
