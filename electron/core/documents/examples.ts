/**
 * Example documents built only from the engine's blocks: a minutes-style document (chair and secretary sign)
 * and a plan-style table of N items. Used by the tests, the bench and `npm run samples`; real templates live with
 * their features (plans, council …).
 */
import type { Column, Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { approvalBlock, dataTable, officialDocument, paragraph, sectionRow, signatureLine, titleBlock, type Cell } from './blocks';
import { formatDate } from './dates';
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
      'Оқушылар арасында буллингтің алдын алу жөніндегі І тоқсанның жұмысы туралы.',
      'Мектепішілік есепте тұрған оқушылардың жағдайы туралы.',
    ],
    heardText: 'Әлеуметтік педагог Ғ.Ә. Нұрлыбекова І тоқсанда өткізілген «Қауіпсіз мектеп» іс-шаралары, ата-аналармен жиналыстар және оқушылардың сауалнамасы туралы баяндады.',
    spokeText: 'Педагог-психолог Ү.Қ. Өмірзақова, сынып жетекшісі І.Һ. Ұлықпанова.',
    decisions: [
      'Ақпарат назарға алынсын.',
      'Буллингтің алдын алу жөніндегі түсіндіру жұмысы тоқсан сайын жалғастырылсын. Жауапты: әлеуметтік педагог. Мерзімі: тоқсан сайын.',
      'Ата-аналармен жеке әңгімелер өткізілсін. Жауапты: сынып жетекшілері. Мерзімі: 2023 жылғы желтоқсан.',
    ],
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
    items: ['О работе по профилактике буллинга среди учащихся за I четверть.', 'О положении учащихся, состоящих на внутришкольном учёте.'],
    heardText: 'Социальный педагог Г.А. Нурлыбекова рассказала о мероприятиях «Безопасная школа», родительских собраниях и анкетировании учащихся в I четверти.',
    spokeText: 'Педагог-психолог У.К. Омирзакова, классный руководитель И.Х. Улыкпанова.',
    decisions: [
      'Информацию принять к сведению.',
      'Разъяснительную работу по профилактике буллинга продолжать ежеквартально. Ответственный: социальный педагог. Срок: ежеквартально.',
      'Провести индивидуальные беседы с родителями. Ответственные: классные руководители. Срок: декабрь 2023 г.',
    ],
  },
} as const;

/** A minutes-style document: header, agenda, heard / spoke / decided, signature lines and the stamps. */
export function exampleMinutes(
  lang: DocLang,
  o: Common & { number: number; date: Date; chairName: string; secretaryName: string },
): TDocumentDefinitions {
  const w = MINUTES[lang];
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
    { ol: [...w.items], margin: [0, 0, 0, 10] },
  ];
  w.items.forEach((item, i) => {
    content.push(
      { text: `${i + 1}. ${item}`, bold: true, margin: [0, 6, 0, 4] },
      { text: w.heard, bold: true },
      paragraph(w.heardText),
      { text: w.spoke, bold: true },
      paragraph(w.spokeText),
      { text: w.decided, bold: true },
      { ol: [...w.decisions], margin: [0, 0, 0, 6] },
    );
  });
  content.push(signatureLine(w.chair, o.chairName), signatureLine(w.secretary, o.secretaryName));
  if (o.stamps && o.stamps.length > 0) {
    const row: Column[] = [];
    o.stamps.forEach((s, i) => {
      if (i > 0) row.push({ width: '*', text: '' });
      row.push({ width: 'auto', stack: [s] });
    });
    content.push({ columns: row, margin: [0, 12, 0, 0] });
  }
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
    deadlines: ['2023 жылғы желтоқсан', 'жыл сайын маусым, желтоқсан', 'тоқсан сайын'],
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
    deadlines: ['декабрь 2023 г.', 'ежегодно июнь, декабрь', 'ежеквартально'],
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
    {
      columns: [
        { width: '*', text: '' },
        { width: 270, stack: [approvalBlock(lang, { position: o.approverPosition, name: o.approverName, width: 270 }), ...(o.stamps?.slice(0, 1) ?? [])] },
      ],
    },
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
