/**
 * The template of a new plan: Order No. 506 (bullying-prevention rules: the head approves the plan at the start of
 * the year; awareness work for pupils, teachers and parents at least once a quarter) and the items of Decree 748
 * that a school carries out itself. Framework links are by the framework's item number.
 */
import type { PlanItemFields, StaffRole } from '../../../shared/plans';
import type { SchoolProfile } from '../../../shared/school';

export interface TemplateItem {
  measureKk: string;
  measureRu: string;
  formKk: string;
  formRu: string;
  deadlineKk: string;
  deadlineRu: string;
  months: number[];
  roles: StaffRole[];
  bodies?: string[];
  grades?: number[];
  parents?: boolean;
  teachers?: boolean;
  /** Decree 748 item numbers */
  fw?: string[];
}

export interface TemplateSection {
  titleKk: string;
  titleRu: string;
  items: TemplateItem[];
}

const ALL_GRADES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const SENIOR = [5, 6, 7, 8, 9, 10, 11];
/** one month in each quarter: October, December, March, May */
export const EVERY_QUARTER = [10, 12, 3, 5];

export const TEMPLATE_SECTIONS: TemplateSection[] = [
  {
    titleKk: 'Жәбірлеудің (буллингтің) және кибербуллингтің алдын алу (ҚР Оқу-ағарту министрінің 2022 жылғы 21 желтоқсандағы № 506 бұйрығы)',
    titleRu: 'Профилактика буллинга и кибербуллинга (приказ Министра просвещения РК от 21 декабря 2022 года № 506)',
    items: [
      {
        measureKk: 'Оқу жылына арналған жәбірлеудің (буллингтің) алдын алу жоспарын бекіту',
        measureRu: 'Утверждение плана профилактики буллинга на учебный год',
        formKk: 'бұйрық',
        formRu: 'приказ',
        deadlineKk: 'қыркүйек',
        deadlineRu: 'сентябрь',
        months: [9],
        roles: ['director', 'deputy_director'],
      },
      {
        measureKk: 'Білім алушылар үшін буллинг пен кибербуллингтің алдын алу бойынша сынып сағаттары мен түсіндіру жұмыстары',
        measureRu: 'Классные часы и разъяснительная работа для обучающихся по профилактике буллинга и кибербуллинга',
        formKk: 'ақпарат',
        formRu: 'информация',
        deadlineKk: 'тоқсан сайын',
        deadlineRu: 'ежеквартально',
        months: EVERY_QUARTER,
        roles: ['class_teacher', 'psychologist'],
        grades: ALL_GRADES,
        fw: ['23'],
      },
      {
        measureKk: 'Педагогтерге буллингтің белгілерін ерте анықтау және әрекет ету тәртібі бойынша семинар',
        measureRu: 'Семинар для педагогов о ранних признаках буллинга и порядке реагирования',
        formKk: 'хаттама',
        formRu: 'протокол',
        deadlineKk: 'тоқсан сайын',
        deadlineRu: 'ежеквартально',
        months: EVERY_QUARTER,
        roles: ['psychologist', 'deputy_director'],
        teachers: true,
        fw: ['4'],
      },
      {
        measureKk: 'Ата-аналар жиналыстарында буллинг, кибербуллинг және балалардың қауіпсіздігі туралы ағарту жұмысы',
        measureRu: 'Просвещение родителей на родительских собраниях о буллинге, кибербуллинге и безопасности детей',
        formKk: 'хаттама',
        formRu: 'протокол',
        deadlineKk: 'тоқсан сайын',
        deadlineRu: 'ежеквартально',
        months: [9, 12, 3, 5],
        roles: ['class_teacher', 'social_pedagogue'],
        parents: true,
        fw: ['53'],
      },
      {
        measureKk: 'Профилактика кеңесінде жәбірлеу (буллинг) фактілерін қарау',
        measureRu: 'Рассмотрение фактов буллинга на совете профилактики',
        formKk: 'хаттама',
        formRu: 'протокол',
        deadlineKk: 'факт анықталған кезде',
        deadlineRu: 'по факту выявления',
        months: [],
        roles: ['council', 'deputy_director'],
        fw: ['18'],
      },
      {
        measureKk: '5–11 сынып білім алушылары арасында буллинг бойынша анонимді сауалнама жүргізу және талдау',
        measureRu: 'Анонимное анкетирование обучающихся 5–11 классов по буллингу и анализ результатов',
        formKk: 'анықтама',
        formRu: 'справка',
        deadlineKk: 'қазан, сәуір',
        deadlineRu: 'октябрь, апрель',
        months: [10, 4],
        roles: ['psychologist'],
        grades: SENIOR,
        fw: ['8'],
      },
      {
        measureKk: 'Буллингтің алдын алу бағдарламасын (KiVa тәжірибесі бойынша, «ДосболLIKE») сыныптарда іске асыру',
        measureRu: 'Реализация программы профилактики буллинга (по опыту KiVa, «ДосболLIKE») в классах',
        formKk: 'ақпарат',
        formRu: 'информация',
        deadlineKk: 'оқу жылы бойы',
        deadlineRu: 'в течение учебного года',
        months: [],
        roles: ['psychologist', 'class_teacher'],
        grades: ALL_GRADES,
        fw: ['8'],
      },
    ],
  },
  {
    titleKk: 'Зорлық-зомбылықтың алдын алу және балалардың құқықтарын қорғау',
    titleRu: 'Профилактика насилия и защита прав детей',
    items: [
      {
        measureKk: '«Жеке қауіпсіздік» тақырыбындағы сабақтарды өткізу',
        measureRu: 'Проведение уроков «Личная безопасность»',
        formKk: 'сабақ кестесі, ақпарат',
        formRu: 'расписание, информация',
        deadlineKk: 'апта сайын',
        deadlineRu: 'еженедельно',
        months: [],
        roles: ['class_teacher'],
        grades: ALL_GRADES,
        fw: ['20'],
      },
      {
        measureKk: 'Мектепішілік есептегі білім алушылармен кейс-менеджмент тетігі бойынша жұмыс',
        measureRu: 'Работа с обучающимися, состоящими на внутришкольном учёте, по механизму кейс-менеджмента',
        formKk: 'жеке көмек жоспарлары',
        formRu: 'индивидуальные планы помощи',
        deadlineKk: 'оқу жылы бойы',
        deadlineRu: 'в течение учебного года',
        months: [],
        roles: ['social_pedagogue', 'psychologist', 'class_teacher'],
        fw: ['5'],
      },
      {
        measureKk: 'Қауіп туралы сигнал беретін ым-ишаралар, белгілер мен сөздер бойынша жадынамаларды педагогтер мен ата-аналарға тарату',
        measureRu: 'Распространение среди педагогов и родителей памяток о жестах, знаках и словах, сигнализирующих об опасности',
        formKk: 'жадынамалар',
        formRu: 'памятки',
        deadlineKk: 'қыркүйек',
        deadlineRu: 'сентябрь',
        months: [9],
        roles: ['psychologist', 'social_pedagogue'],
        parents: true,
        teachers: true,
        fw: ['9', '10'],
      },
      {
        measureKk: 'Сынып ата-аналар чаттарында балалық шақтың маңызды мәселелері бойынша ақпарат тарату',
        measureRu: 'Информирование в родительских чатах классов по важным вопросам детства',
        formKk: 'ақпарат',
        formRu: 'информация',
        deadlineKk: 'ай сайын',
        deadlineRu: 'ежемесячно',
        months: [],
        roles: ['class_teacher'],
        parents: true,
        fw: ['11'],
      },
      {
        measureKk: '111 және 150 сенім телефондары туралы ақпаратты стендтерде және мектеп сайтында орналастыру',
        measureRu: 'Размещение информации о телефонах доверия 111 и 150 на стендах и сайте школы',
        formKk: 'стенд, сайттағы ақпарат',
        formRu: 'стенд, информация на сайте',
        deadlineKk: 'қыркүйек',
        deadlineRu: 'сентябрь',
        months: [9],
        roles: ['social_pedagogue'],
        grades: ALL_GRADES,
        fw: ['49'],
      },
    ],
  },
  {
    titleKk: 'Суицидтік және аутодеструктивті мінез-құлықтың алдын алу',
    titleRu: 'Профилактика суицидального и аутодеструктивного поведения',
    items: [
      {
        measureKk: '7–11 сынып білім алушыларының эмоционалдық жағдайына скрининг жүргізу (ASQ)',
        measureRu: 'Скрининг эмоционального состояния обучающихся 7–11 классов (ASQ)',
        formKk: 'анықтама',
        formRu: 'справка',
        deadlineKk: 'қазан, наурыз',
        deadlineRu: 'октябрь, март',
        months: [10, 3],
        roles: ['psychologist'],
        grades: [7, 8, 9, 10, 11],
        fw: ['25'],
      },
      {
        measureKk: 'Тәуекел тобындағы білім алушылармен жеке жұмыс және қауіпсіздік жоспарларын жасау',
        measureRu: 'Индивидуальная работа с обучающимися группы риска и составление планов безопасности',
        formKk: 'жеке жұмыс жоспарлары',
        formRu: 'планы индивидуальной работы',
        deadlineKk: 'оқу жылы бойы',
        deadlineRu: 'в течение учебного года',
        months: [],
        roles: ['psychologist', 'social_pedagogue'],
        fw: ['25', '26'],
      },
      {
        measureKk: 'Ата-аналарға өз-өзіне қол жұмсау құралдарына қол жеткізуді шектеу (шатырлар, дәрілер, орынсыз контент) туралы түсіндіру жұмысы',
        measureRu: 'Разъяснительная работа с родителями об ограничении доступа к средствам самоповреждения (крыши, лекарства, нежелательный контент)',
        formKk: 'ақпарат',
        formRu: 'информация',
        deadlineKk: 'қараша, сәуір',
        deadlineRu: 'ноябрь, апрель',
        months: [11, 4],
        roles: ['psychologist', 'class_teacher'],
        parents: true,
        fw: ['28'],
      },
    ],
  },
  {
    titleKk: 'Балалардың саламаттылығын арттыру',
    titleRu: 'Повышение благополучия детей',
    items: [
      {
        measureKk: 'Әкелер, аналар клубтарының және ата-ана қауымдастығының жұмысын ұйымдастыру',
        measureRu: 'Организация работы клубов отцов, матерей и родительского сообщества',
        formKk: 'хаттама',
        formRu: 'протокол',
        deadlineKk: 'қазан, ақпан',
        deadlineRu: 'октябрь, февраль',
        months: [10, 2],
        roles: ['deputy_director', 'parent_committee'],
        parents: true,
        fw: ['41'],
      },
      {
        measureKk: 'Білім алушыларды үйірмелер мен спорт секцияларымен (қосымша біліммен) қамту',
        measureRu: 'Охват обучающихся кружками и спортивными секциями (дополнительным образованием)',
        formKk: 'ақпарат',
        formRu: 'информация',
        deadlineKk: 'қыркүйек, қаңтар',
        deadlineRu: 'сентябрь, январь',
        months: [9, 1],
        roles: ['deputy_director', 'class_teacher'],
        grades: ALL_GRADES,
        fw: ['44'],
      },
      {
        measureKk: 'Интернеттегі қауіпсіздік апталығын өткізу',
        measureRu: 'Проведение недели безопасности в Интернете',
        formKk: 'ақпарат',
        formRu: 'информация',
        deadlineKk: 'ақпан',
        deadlineRu: 'февраль',
        months: [2],
        roles: ['deputy_director', 'subject_teachers'],
        grades: SENIOR,
        fw: ['50'],
      },
      {
        measureKk: '«Ата-ана бақылауы» бағдарламаларын қолдану бойынша ата-аналарға кеңес беру',
        measureRu: 'Консультирование родителей по использованию программ «Родительский контроль»',
        formKk: 'ақпарат',
        formRu: 'информация',
        deadlineKk: 'желтоқсан, мамыр',
        deadlineRu: 'декабрь, май',
        months: [12, 5],
        roles: ['social_pedagogue'],
        parents: true,
        fw: ['52'],
      },
      {
        measureKk: 'Қиын өмірлік жағдайдағы отбасыларды анықтау, сыныптардың әлеуметтік паспортын жасау',
        measureRu: 'Выявление семей в трудной жизненной ситуации, составление социальных паспортов классов',
        formKk: 'әлеуметтік паспорт',
        formRu: 'социальный паспорт',
        deadlineKk: 'қыркүйек',
        deadlineRu: 'сентябрь',
        months: [9],
        roles: ['social_pedagogue', 'class_teacher'],
        fw: ['5'],
      },
    ],
  },
];

/** The plan's title: for School No. 96 the kk title is the seed's title word for word. */
export function defaultTitles(school: Pick<SchoolProfile, 'nameKk' | 'nameRu'>): { titleKk: string; titleRu: string } {
  return {
    titleKk: `${school.nameKk} бойынша зорлық-зомбылық, буллинг, кибербуллинг, аутодеструктивті мінез-құлықтың, оқушы өмірінде кездесетін қиын жағдайлардың алдын алуға бағытталған бірлескен жұмыс жоспары`,
    titleRu: `Совместный план работы по профилактике насилия, буллинга, кибербуллинга, аутодеструктивного поведения и трудных жизненных ситуаций обучающихся (${school.nameRu})`,
  };
}

/** A template item as plan item fields (links resolved by the caller). */
export function templateFields(t: TemplateItem, frameworkItemIds: string[]): Partial<PlanItemFields> {
  return {
    measureKk: t.measureKk,
    measureRu: t.measureRu,
    completionFormKk: t.formKk,
    completionFormRu: t.formRu,
    deadlineKk: t.deadlineKk,
    deadlineRu: t.deadlineRu,
    dueMonths: t.months,
    dueDates: [],
    responsibleRoles: t.roles,
    responsibleBodies: t.bodies ?? [],
    targetGroup: { grades: t.grades ?? [], parents: t.parents ?? false, teachers: t.teachers ?? false },
    costKk: 'талап етілмейді',
    costRu: 'не требуется',
    fundingKk: '-',
    fundingRu: '-',
    frameworkItemIds,
  };
}
