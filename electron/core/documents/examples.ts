/**
 * Example documents built only from the engine's blocks: a minutes-style document (chair and secretary sign)
 * and a plan-style table of N items. Used by the tests, the bench and `npm run samples`; real templates live with
 * their features (plans, council …).
 */
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { approvalBlock, dataTable, officialDocument, paragraph, sectionRow, signatureLine, titleBlock, type Cell } from './blocks';
import { formatDate, formatMonth } from './dates';
import type { DocLang } from './types';

/** The seed plan's title, word for word (shared/seed). */
export const SEED_PLAN_TITLE_KK =
  'Қарасақал Ерімбет атындағы №96 мектеп бойынша зорлық-зомбылық, буллинг, кибербуллинг, аутодеструктивті мінез-құлықтың, оқушы өмірінде кездесетін қиын жағдайлардың алдын алуға бағытталған бірлескен жұмыс жоспары';

export const SEED_PLAN_TITLE_RU =
  'Совместный план работы школы №96 имени Карасакала Еримбета по профилактике насилия, буллинга, кибербуллинга, аутодеструктивного поведения и трудных жизненных ситуаций учащихся';

interface Common {
  registerNumber: string | null;
  documentId?: string | null;
  stamps?: Content[];
  draft?: boolean;
}

interface MinutesItem {
  title: string;
  heard: string;
  spoke: string;
  /** decisions; `month` is the deadline month written out (relative to the meeting's date) */
  decisions: (month: (monthsAhead: number) => string) => string[];
}

const MINUTES = {
  kk: {
    school: 'Қарасақал Ерімбет атындағы №96 мектеп',
    title: (n: number) => `Профилактика кеңесі отырысының\nХАТТАМАСЫ № ${n}`,
    place: 'Түркістан қ., мектептің мәжіліс залы',
    chair: 'Төраға',
    secretary: 'Хатшы',
    present: 'Қатысқандар',
    absent: 'Қатыспағандар',
    agenda: 'КҮН ТӘРТІБІ:',
    heard: 'ТЫҢДАЛДЫ:',
    spoke: 'СӨЙЛЕДІ:',
    decided: 'ҚАУЛЫ ЕТТІ:',
    presentText: '9 адам (тізімі қоса беріледі)',
    absentText: 'жоқ',
    items: [
      {
        title: 'Оқушылар арасында буллингтің алдын алу жөніндегі І тоқсанның жұмысы туралы.',
        heard:
          'Әлеуметтік педагог Ғ.Ә. Нұрлыбекова І тоқсанда өткізілген «Қауіпсіз мектеп» іс-шаралары, ата-аналармен жиналыстар және оқушылардың сауалнамасы туралы баяндады.',
        spoke: 'Педагог-психолог Ү.Қ. Өмірзақова, сынып жетекшісі І.Һ. Ұлықпанова.',
        decisions: (month) => [
          'Ақпарат назарға алынсын.',
          'Буллингтің алдын алу жөніндегі түсіндіру жұмысы жалғастырылсын. Жауапты: әлеуметтік педагог. Мерзімі: тоқсан сайын.',
          `Сауалнамада қорқыныш сезетінін айтқан оқушылардың ата-аналарымен жеке әңгімелер өткізілсін. Жауапты: сынып жетекшілері. Мерзімі: ${month(1)}.`,
        ],
      },
      {
        title: 'Мектепішілік есепте тұрған оқушылардың жағдайы туралы.',
        heard:
          'Директордың тәрбие ісі жөніндегі орынбасары мектепішілік есепте тұрған оқушылардың сабаққа қатысуы, үлгерімі және олармен жүргізілген жеке жұмыс туралы баяндады.',
        spoke: 'Мектеп инспекторы, педагог-психолог Ү.Қ. Өмірзақова.',
        decisions: (month) => [
          'Есептегі әр оқушымен жеке жұмыс жоспары жаңартылсын. Жауапты: педагог-психолог, сынып жетекшілері. ' +
            `Мерзімі: ${month(1)}.`,
          `Есептен шығару туралы ұсыныстар келесі отырыста қаралсын. Жауапты: кеңес хатшысы. Мерзімі: ${month(2)}.`,
        ],
      },
    ] satisfies MinutesItem[],
  },
  ru: {
    school: 'Школа №96 имени Карасакала Еримбета',
    title: (n: number) => `ПРОТОКОЛ № ${n}\nзаседания Совета профилактики`,
    place: 'г. Туркестан, актовый зал школы',
    chair: 'Председатель',
    secretary: 'Секретарь',
    present: 'Присутствовали',
    absent: 'Отсутствовали',
    agenda: 'ПОВЕСТКА ДНЯ:',
    heard: 'СЛУШАЛИ:',
    spoke: 'ВЫСТУПИЛИ:',
    decided: 'ПОСТАНОВИЛИ:',
    presentText: '9 человек (список прилагается)',
    absentText: 'нет',
    items: [
      {
        title: 'О работе по профилактике буллинга среди учащихся за I четверть.',
        heard:
          'Социальный педагог Г.А. Нурлыбекова рассказала о мероприятиях «Безопасная школа», родительских собраниях и анкетировании учащихся в I четверти.',
        spoke: 'Педагог-психолог У.К. Омирзакова, классный руководитель И.Х. Улыкпанова.',
        decisions: (month) => [
          'Информацию принять к сведению.',
          'Разъяснительную работу по профилактике буллинга продолжать. Ответственный: социальный педагог. Срок: ежеквартально.',
          `Провести индивидуальные беседы с родителями учащихся, сообщивших в анкетах о страхе. Ответственные: классные руководители. Срок: ${month(1)}.`,
        ],
      },
      {
        title: 'О положении учащихся, состоящих на внутришкольном учёте.',
        heard:
          'Заместитель директора по воспитательной работе доложила о посещаемости, успеваемости учащихся, состоящих на внутришкольном учёте, и об индивидуальной работе с ними.',
        spoke: 'Школьный инспектор, педагог-психолог У.К. Омирзакова.',
        decisions: (month) => [
          `Обновить план индивидуальной работы с каждым учащимся, состоящим на учёте. Ответственные: педагог-психолог, классные руководители. Срок: ${month(1)}.`,
          `Предложения о снятии с учёта рассмотреть на следующем заседании. Ответственный: секретарь совета. Срок: ${month(2)}.`,
        ],
      },
    ] satisfies MinutesItem[],
  },
} as const;

/** Stamp slots of the minutes: by role, or as an array in the order [chair, secretary]. */
export type MinutesStamps = Content[] | { chair?: Content; secretary?: Content };

/**
 * A minutes-style document: header, agenda, for each item heard / spoke / decided, and the signature lines of
 * the chair and the secretary with their stamp slots. Deadlines are months after the meeting's date.
 */
export function exampleMinutes(
  lang: DocLang,
  o: Omit<Common, 'stamps'> & { number: number; date: Date; chairName: string; secretaryName: string; stamps?: MinutesStamps },
): TDocumentDefinitions {
  const w = MINUTES[lang];
  const month = (ahead: number) => formatMonth(lang, new Date(o.date.getFullYear(), o.date.getMonth() + ahead, 1));
  const stamps = Array.isArray(o.stamps) ? { chair: o.stamps[0], secretary: o.stamps[1] } : (o.stamps ?? {});
  const content: Content[] = [
    { text: w.school, alignment: 'center', bold: true },
    titleBlock(w.title(o.number)),
    {
      columns: [
        { text: formatDate(lang, o.date), width: '*' },
        { text: w.place, width: 'auto', alignment: 'right' },
      ],
      margin: [0, 0, 0, 10],
    },
    { text: [{ text: `${w.chair}: `, bold: true }, o.chairName] },
    { text: [{ text: `${w.secretary}: `, bold: true }, o.secretaryName] },
    { text: [{ text: `${w.present}: `, bold: true }, w.presentText] },
    { text: [{ text: `${w.absent}: `, bold: true }, w.absentText], margin: [0, 0, 0, 10] },
    { text: w.agenda, bold: true, alignment: 'center', margin: [0, 0, 0, 4] },
    { ol: w.items.map((i) => i.title), margin: [0, 0, 0, 10] },
  ];
  w.items.forEach((item, i) => {
    content.push(
      { text: `${i + 1}. ${item.title}`, bold: true, margin: [0, 6, 0, 4] },
      { text: w.heard, bold: true },
      paragraph(item.heard),
      { text: w.spoke, bold: true },
      paragraph(item.spoke),
      { text: w.decided, bold: true },
      { ol: item.decisions(month), margin: [0, 0, 0, 6] },
    );
  });
  content.push(signatureLine(w.chair, o.chairName, stamps.chair), signatureLine(w.secretary, o.secretaryName, stamps.secretary));
  return officialDocument({
    lang,
    title: w.title(o.number).replace('\n', ' '),
    registerNumber: o.registerNumber,
    documentId: o.documentId ?? null,
    draft: o.draft ?? false,
    content,
  });
}

const PLAN = {
  kk: {
    headers: ['№', 'Іс-шара', 'Аяқталу нысаны', 'Орындау мерзімі', 'Жауаптылар', 'Болжамды шығыстар', 'Қаржыландыру көздері'],
    sections: ['1. Ұйымдастыру шаралары', '2.1. Қысқа мерзімді шаралар', '2.2. Орта мерзімді шаралар'],
    measure: (i: number) =>
      `Оқушылар, педагогтер және ата-аналар арасында буллингтің, кибербуллингтің алдын алу бойынша түсіндіру жұмысы (${i}-іс-шара): әңгімелер, сынып сағаттары, «Қауіпсіз мектеп» айлығы`,
    forms: ['ақпарат', 'хаттама', 'бұйрық', 'әдістемелік ұсынымдар'],
    deadlines: ['2026 жылғы желтоқсан', 'жыл сайын маусым, желтоқсан', 'тоқсан сайын'],
    responsible: ['директордың тәрбие ісі жөніндегі орынбасары', 'педагог-психолог', 'әлеуметтік педагог, сынып жетекшілері'],
    cost: 'талап етілмейді',
    funding: ['ЖБ', 'РБ', 'бюджеттен тыс'],
  },
  ru: {
    headers: ['№', 'Мероприятие', 'Форма завершения', 'Срок исполнения', 'Ответственные', 'Предполагаемые расходы', 'Источники финансирования'],
    sections: ['1. Организационные меры', '2.1. Краткосрочные меры', '2.2. Среднесрочные меры'],
    measure: (i: number) =>
      `Разъяснительная работа среди учащихся, педагогов и родителей по профилактике буллинга и кибербуллинга (мероприятие ${i}): беседы, классные часы, месячник «Безопасная школа»`,
    forms: ['информация', 'протокол', 'приказ', 'методические рекомендации'],
    deadlines: ['декабрь 2026 г.', 'ежегодно июнь, декабрь', 'ежеквартально'],
    responsible: ['заместитель директора по воспитательной работе', 'педагог-психолог', 'социальный педагог, классные руководители'],
    cost: 'не требуется',
    funding: ['МБ', 'РБ', 'внебюджетные'],
  },
} as const;

/** A plan-style landscape document: approval block, the seed title, a table of `items` rows in three sections. */
export function examplePlan(lang: DocLang, o: Common & { items: number; approverName: string; approverPosition: string }): TDocumentDefinitions {
  const w = PLAN[lang];
  const cols = w.headers.length;
  const rows: Cell[][] = [];
  const perSection = Math.ceil(o.items / w.sections.length);
  for (let i = 1; i <= o.items; i++) {
    if ((i - 1) % perSection === 0) rows.push(sectionRow(w.sections[Math.floor((i - 1) / perSection)] ?? '', cols));
    rows.push([
      String(i),
      w.measure(i),
      w.forms[i % w.forms.length]!,
      w.deadlines[i % w.deadlines.length]!,
      w.responsible[i % w.responsible.length]!,
      w.cost,
      w.funding[i % w.funding.length]!,
    ]);
  }
  const content: Content[] = [
    approvalBlock(lang, { position: o.approverPosition, name: o.approverName, width: 270, ...(o.stamps?.[0] ? { stamp: o.stamps[0] } : {}) }),
    titleBlock(lang === 'kk' ? SEED_PLAN_TITLE_KK : SEED_PLAN_TITLE_RU),
    dataTable({
      headers: w.headers.map((h) => ({ text: h, bold: true, alignment: 'center' as const, fontSize: 10 })),
      widths: [26, '*', 85, 90, 115, 92, 90],
      rows,
      fontSize: 11,
      dontBreakRows: true,
    }),
  ];
  return officialDocument({
    lang,
    orientation: 'landscape',
    title: lang === 'kk' ? SEED_PLAN_TITLE_KK : SEED_PLAN_TITLE_RU,
    registerNumber: o.registerNumber,
    documentId: o.documentId ?? null,
    draft: o.draft ?? false,
    content,
  });
}
