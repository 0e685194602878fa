/**
 * The demo school's joint work plans (School No. 96), dated by the clock it is given, so that the demo always lives
 * in the current school year: last year's plan (the template plus the school's own items, more than 60 in all,
 * approved on 1 September, every quarter marked) and this year's plan, a copy of last year's as schools make it,
 * approved on 1 September and marked up to a week before `now`: what is past is mostly done, a few items are
 * honestly overdue, what is still ahead is not marked. Demo data only. Everything goes through the registry, as a
 * user would do it.
 *
 * `seedDemoPlans(core, now)` returns this year's plan's id (samples, tests); `demoPlansSeeder` is the same as a
 * `DemoSeeder` (electron/core/demo/school.ts) for the demo script's seeder list.
 */
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/api';
import type { ExecutionStatus, Plan, StaffRole } from '../../../shared/plans';
import type { Core } from '../api';
import type { DemoSeeder } from '../demo/school';
import { academicYearOf, dueMask, isoDate, quarterMasks } from '../../../shared/calendar';
import { EVERY_QUARTER } from './template';

async function call<M extends MethodName>(core: Core, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const r = await core.invoke(method, input);
  if (!r.ok) throw new Error(`demo plans: ${method} failed with ${r.error.code}`);
  return r.value as MethodOutput<M>;
}

/** The academic year the demo's current plan is for: the one `now` falls in (August starts a year). */
export function demoPlanYear(now: Date): number {
  return academicYearOf(isoDate(now));
}

interface Extra {
  kk: string;
  ru: string;
  formKk: string;
  formRu: string;
  dlKk: string;
  dlRu: string;
  months: number[];
  roles: StaffRole[];
  bodies?: string[];
  grades?: number[];
  parents?: boolean;
  teachers?: boolean;
  fw?: string[];
}

const G = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** The school's own items, by the template section they extend (0-based), and two sections of its own. */
const EXTRA: { section: number | { kk: string; ru: string }; items: Extra[] }[] = [
  {
    section: 0,
    items: [
      { kk: '«Буллингсіз мектеп» айлығын өткізу', ru: 'Проведение месячника «Школа без буллинга»', formKk: 'ақпарат', formRu: 'информация', dlKk: 'қараша', dlRu: 'ноябрь', months: [11], roles: ['deputy_director', 'senior_counselor'], grades: G(1, 11), fw: ['6'] },
      { kk: 'Мектептің сенім жәшігінің жұмысын ұйымдастыру және өтініштерді қарау', ru: 'Организация работы ящика доверия и рассмотрение обращений', formKk: 'журнал', formRu: 'журнал', dlKk: 'ай сайын', dlRu: 'ежемесячно', months: [], roles: ['psychologist'], grades: G(1, 11) },
      { kk: 'Медиация қызметінің (мектеп татуластыру қызметі) жұмысы', ru: 'Работа службы школьной медиации', formKk: 'хаттама', formRu: 'протокол', dlKk: 'оқу жылы бойы', dlRu: 'в течение учебного года', months: [], roles: ['psychologist', 'social_pedagogue'], grades: G(5, 11) },
      { kk: '«Кибербуллинг: қалай қорғануға болады?» тренингі', ru: 'Тренинг «Кибербуллинг: как защититься?»', formKk: 'ақпарат', formRu: 'информация', dlKk: 'желтоқсан', dlRu: 'декабрь', months: [12], roles: ['psychologist'], grades: G(7, 9), fw: ['50'] },
      { kk: 'Сыныптардағы психологиялық ахуалды зерделеу (социометрия)', ru: 'Изучение психологического климата в классах (социометрия)', formKk: 'анықтама', formRu: 'справка', dlKk: 'қараша, ақпан', dlRu: 'ноябрь, февраль', months: [11, 2], roles: ['psychologist', 'class_teacher'], grades: G(5, 11) },
      { kk: 'Буллинг жағдайларына әрекет ету алгоритмі бойынша сынып жетекшілерінің әдістемелік бірлестігі', ru: 'Методическое объединение классных руководителей по алгоритму реагирования на буллинг', formKk: 'хаттама', formRu: 'протокол', dlKk: 'қазан', dlRu: 'октябрь', months: [10], roles: ['deputy_director'], teachers: true, fw: ['4'] },
      { kk: 'Жоғары сынып оқушыларынан құралған «Достық» ерікті тобының жұмысы', ru: 'Работа волонтёрской группы старшеклассников «Дружба»', formKk: 'ақпарат', formRu: 'информация', dlKk: 'тоқсан сайын', dlRu: 'ежеквартально', months: EVERY_QUARTER, roles: ['senior_counselor'], grades: G(9, 11), fw: ['8'] },
      { kk: 'Педагогтерге арналған «Буллинг және кибербуллинг: құқықтық жауапкершілік» кеңесі', ru: 'Консультация для педагогов «Буллинг и кибербуллинг: правовая ответственность»', formKk: 'хаттама', formRu: 'протокол', dlKk: 'қаңтар', dlRu: 'январь', months: [1], roles: ['school_inspector', 'deputy_director'], teachers: true, fw: ['18'] },
    ],
  },
  {
    section: 1,
    items: [
      { kk: 'Мектеп инспекторының білім алушылармен құқықтық сауаттылық бойынша кездесулері', ru: 'Встречи школьного инспектора с обучающимися по правовой грамотности', formKk: 'ақпарат', formRu: 'информация', dlKk: 'тоқсан сайын', dlRu: 'ежеквартально', months: EVERY_QUARTER, roles: ['school_inspector'], bodies: ['ІІМ'], grades: G(5, 11), fw: ['7'] },
      { kk: '«Менің құқықтарым» апталығы (Бала құқықтарын қорғау күніне орай)', ru: 'Неделя «Мои права» (ко Дню защиты прав ребёнка)', formKk: 'ақпарат', formRu: 'информация', dlKk: 'қараша', dlRu: 'ноябрь', months: [11], roles: ['deputy_director', 'subject_teachers'], grades: G(1, 11) },
      { kk: 'Зорлық-зомбылықтың белгілерін анықтау бойынша медициналық тексерулер кезінде бақылау', ru: 'Наблюдение за признаками насилия при медицинских осмотрах', formKk: 'анықтама', formRu: 'справка', dlKk: 'қыркүйек, қаңтар', dlRu: 'сентябрь, январь', months: [9, 1], roles: ['school_nurse'], bodies: ['ДСМ'], grades: G(1, 11), fw: ['4'] },
      { kk: 'Отбасылық зорлық-зомбылықтың алдын алу бойынша ата-аналармен жеке әңгімелер', ru: 'Индивидуальные беседы с родителями о профилактике семейного насилия', formKk: 'әңгіме журналы', formRu: 'журнал бесед', dlKk: 'қажеттілігіне қарай', dlRu: 'по необходимости', months: [], roles: ['social_pedagogue', 'psychologist'], parents: true },
      { kk: 'Балаларды қоғамдық орындардағы қауіпсіздік ережелерімен таныстыру (нұсқаулықтар)', ru: 'Ознакомление детей с правилами безопасности в общественных местах (инструктажи)', formKk: 'нұсқаулық журналы', formRu: 'журнал инструктажей', dlKk: 'әр тоқсан алдында', dlRu: 'перед каждой четвертью', months: [9, 11, 1, 4], roles: ['class_teacher'], grades: G(1, 11), fw: ['49'] },
      { kk: 'Мектептегі бейнебақылау жүйесінің жұмысын тексеру', ru: 'Проверка работы системы видеонаблюдения в школе', formKk: 'акт', formRu: 'акт', dlKk: 'қыркүйек, қаңтар', dlRu: 'сентябрь, январь', months: [9, 1], roles: ['director'] },
      { kk: 'Ата-аналарға арналған «Баланың қауіпсіздігі – ата-ананың жауапкершілігі» жиналысы', ru: 'Собрание для родителей «Безопасность ребёнка – ответственность родителей»', formKk: 'хаттама', formRu: 'протокол', dlKk: 'желтоқсан', dlRu: 'декабрь', months: [12], roles: ['deputy_director', 'class_teacher'], parents: true, fw: ['53'] },
      { kk: 'КТІЖК және ювеналдық полициямен бірлескен рейдтер («Түнгі қала», «Жасөспірім»)', ru: 'Совместные рейды с КДН и ювенальной полицией («Ночной город», «Подросток»)', formKk: 'рейд актілері', formRu: 'акты рейдов', dlKk: 'тоқсан сайын', dlRu: 'ежеквартально', months: EVERY_QUARTER, roles: ['social_pedagogue', 'school_inspector'], bodies: ['ЖАО', 'ІІМ'] },
    ],
  },
  {
    section: 2,
    items: [
      { kk: 'Педагогтерге суицидтік мінез-құлықтың белгілері және алғашқы әрекет ету бойынша семинар', ru: 'Семинар для педагогов о признаках суицидального поведения и первых действиях', formKk: 'хаттама', formRu: 'протокол', dlKk: 'қараша', dlRu: 'ноябрь', months: [11], roles: ['psychologist'], teachers: true, fw: ['25'] },
      { kk: 'Емтихан алдындағы күйзелістің алдын алу бойынша 9, 11 сынып оқушыларымен тренингтер', ru: 'Тренинги для 9-х и 11-х классов по профилактике предэкзаменационного стресса', formKk: 'ақпарат', formRu: 'информация', dlKk: 'наурыз, сәуір', dlRu: 'март, апрель', months: [3, 4], roles: ['psychologist'], grades: [9, 11] },
      { kk: 'Суицидке әрекет жасаған білім алушылардың ата-аналарына психологиялық-педагогикалық көмек', ru: 'Психолого-педагогическая помощь родителям обучающихся, совершивших попытку суицида', formKk: 'жеке жұмыс жоспары', formRu: 'план индивидуальной работы', dlKk: 'жағдай туындағанда', dlRu: 'при возникновении ситуации', months: [], roles: ['psychologist'], parents: true, fw: ['27'] },
      { kk: 'Психологтың онлайн-кабинеті арқылы білім алушыларға кеңес беру', ru: 'Консультирование обучающихся через онлайн-кабинет психолога', formKk: 'ақпарат', formRu: 'информация', dlKk: 'оқу жылы бойы', dlRu: 'в течение учебного года', months: [], roles: ['psychologist'], grades: G(5, 11), fw: ['29'] },
      { kk: '«Өмір құндылығы» тақырыбында сынып сағаттары', ru: 'Классные часы на тему «Ценность жизни»', formKk: 'ақпарат', formRu: 'информация', dlKk: 'қазан, ақпан', dlRu: 'октябрь, февраль', months: [10, 2], roles: ['class_teacher'], grades: G(5, 11), fw: ['48'] },
      { kk: 'Жасөспірімдерге арналған оң көзқарасты қалыптастыратын бейнероликтерді көрсету және талқылау', ru: 'Показ и обсуждение видеороликов, формирующих позитивный взгляд на жизнь', formKk: 'ақпарат', formRu: 'информация', dlKk: 'желтоқсан, сәуір', dlRu: 'декабрь, апрель', months: [12, 4], roles: ['psychologist', 'class_teacher'], grades: G(7, 11), fw: ['48'] },
      { kk: 'Мектеп ғимаратының шатыр, жертөле есіктерінің құлыпталуын тексеру', ru: 'Проверка запертых выходов на крышу и в подвал здания школы', formKk: 'акт', formRu: 'акт', dlKk: 'тоқсан сайын', dlRu: 'ежеквартально', months: EVERY_QUARTER, roles: ['director'], fw: ['28'] },
      { kk: 'Тәуекел тобындағы білім алушыларды медициналық-психологиялық мамандарға жолдау', ru: 'Направление обучающихся группы риска к медицинским и психологическим специалистам', formKk: 'жолдама', formRu: 'направление', dlKk: 'қажеттілігіне қарай', dlRu: 'по необходимости', months: [], roles: ['psychologist', 'school_nurse'], bodies: ['ДСМ'], fw: ['26'] },
    ],
  },
  {
    section: 3,
    items: [
      { kk: 'Аналар клубының «Ана мен бала» кездесуі', ru: 'Встреча клуба матерей «Мать и дитя»', formKk: 'хаттама', formRu: 'протокол', dlKk: 'наурыз', dlRu: 'март', months: [3], roles: ['deputy_director', 'parent_committee'], parents: true, fw: ['41'] },
      { kk: 'Мектептік спорт лигасының жарыстары', ru: 'Соревнования школьной спортивной лиги', formKk: 'ақпарат', formRu: 'информация', dlKk: 'тоқсан сайын', dlRu: 'ежеквартально', months: EVERY_QUARTER, roles: ['pe_teacher'], grades: G(5, 11), fw: ['43'] },
      { kk: 'Шығармашылық байқаулар мен мәдени іс-шаралар («Таланттар шеруі»)', ru: 'Творческие конкурсы и культурные мероприятия («Парад талантов»)', formKk: 'ақпарат', formRu: 'информация', dlKk: 'желтоқсан, наурыз', dlRu: 'декабрь, март', months: [12, 3], roles: ['senior_counselor', 'subject_teachers'], grades: G(1, 11), fw: ['42'] },
      { kk: 'Мектеп кітапханасында «Қауіпсіз интернет» кітап көрмесі', ru: 'Книжная выставка «Безопасный интернет» в школьной библиотеке', formKk: 'көрме', formRu: 'выставка', dlKk: 'ақпан', dlRu: 'февраль', months: [2], roles: ['librarian'], grades: G(1, 11), fw: ['50'] },
      { kk: 'Жасөспірімдерді жазғы демалыс пен жұмыспен қамтуды ұйымдастыру', ru: 'Организация летнего отдыха и занятости подростков', formKk: 'ақпарат', formRu: 'информация', dlKk: 'мамыр', dlRu: 'май', months: [5], roles: ['deputy_director', 'social_pedagogue'], grades: G(7, 10), fw: ['45'] },
      { kk: 'Көп балалы және аз қамтылған отбасылардың балаларына қолдау көрсету (жалпыға бірдей оқыту қоры)', ru: 'Поддержка детей из многодетных и малообеспеченных семей (фонд всеобуча)', formKk: 'бұйрық', formRu: 'приказ', dlKk: 'қыркүйек, қаңтар', dlRu: 'сентябрь, январь', months: [9, 1], roles: ['social_pedagogue'], bodies: ['ЖАО'], parents: true },
    ],
  },
  {
    section: { kk: 'Құқық бұзушылықтың алдын алу және мектепішілік есеп', ru: 'Профилактика правонарушений и внутришкольный учёт' },
    items: [
      { kk: 'Профилактика кеңесінің отырыстары', ru: 'Заседания совета профилактики', formKk: 'хаттама', formRu: 'протокол', dlKk: 'ай сайын', dlRu: 'ежемесячно', months: [9, 10, 11, 12, 1, 2, 3, 4, 5], roles: ['council', 'deputy_director'], fw: ['18'] },
      { kk: 'Мектепішілік есептегі білім алушылардың тізімін нақтылау және жеке карталарын жүргізу', ru: 'Уточнение списка обучающихся на внутришкольном учёте и ведение индивидуальных карт', formKk: 'тізім, жеке карталар', formRu: 'список, индивидуальные карты', dlKk: 'қыркүйек, қаңтар', dlRu: 'сентябрь, январь', months: [9, 1], roles: ['social_pedagogue'], fw: ['5'] },
      { kk: 'Есептегі білім алушыларды үйірмелерге тарту', ru: 'Вовлечение обучающихся, состоящих на учёте, в кружки и секции', formKk: 'ақпарат', formRu: 'информация', dlKk: 'қазан', dlRu: 'октябрь', months: [10], roles: ['social_pedagogue', 'class_teacher'], fw: ['44'] },
      { kk: 'Сабаққа себепсіз келмеген білім алушылардың отбасыларына бару', ru: 'Посещение семей обучающихся, пропускающих уроки без причины', formKk: 'тұрмыс жағдайын тексеру актісі', formRu: 'акт обследования ЖБУ', dlKk: 'қажеттілігіне қарай', dlRu: 'по необходимости', months: [], roles: ['social_pedagogue', 'class_teacher'], parents: true },
      { kk: 'Есептегі білім алушылармен жұмыс нәтижелерін тоқсан сайын талдау', ru: 'Ежеквартальный анализ работы с обучающимися, состоящими на учёте', formKk: 'анықтама', formRu: 'справка', dlKk: 'тоқсан сайын', dlRu: 'ежеквартально', months: EVERY_QUARTER, roles: ['deputy_director'], fw: ['5'] },
      { kk: '«Заң және тәртіп» тақырыбында ашық сабақтар', ru: 'Открытые уроки на тему «Закон и порядок»', formKk: 'ақпарат', formRu: 'информация', dlKk: 'қаңтар', dlRu: 'январь', months: [1], roles: ['subject_teachers', 'school_inspector'], grades: G(8, 11), fw: ['7'] },
    ],
  },
  {
    section: { kk: 'Ата-аналармен және мекемелермен бірлескен жұмыс', ru: 'Совместная работа с родителями и ведомствами' },
    items: [
      { kk: 'Жалпы мектептік ата-аналар жиналысы', ru: 'Общешкольное родительское собрание', formKk: 'хаттама', formRu: 'протокол', dlKk: 'қыркүйек, мамыр', dlRu: 'сентябрь, май', months: [9, 5], roles: ['director', 'deputy_director'], parents: true, fw: ['53'] },
      { kk: '«Ата-ана мектебі» ағарту сабақтары', ru: 'Просветительские занятия «Школа родителей»', formKk: 'хаттама', formRu: 'протокол', dlKk: 'тоқсан сайын', dlRu: 'ежеквартально', months: EVERY_QUARTER, roles: ['psychologist', 'social_pedagogue'], parents: true, fw: ['53'] },
      { kk: 'Емхананың жасөспірімдер кабинетінің мамандарымен кездесулер', ru: 'Встречи со специалистами подросткового кабинета поликлиники', formKk: 'ақпарат', formRu: 'информация', dlKk: 'қараша, наурыз', dlRu: 'ноябрь, март', months: [11, 3], roles: ['school_nurse'], bodies: ['ДСМ'], grades: G(8, 11) },
      { kk: 'Аудандық білім бөліміне жоспардың орындалуы туралы ақпарат беру', ru: 'Представление информации об исполнении плана в районный отдел образования', formKk: 'ақпарат', formRu: 'информация', dlKk: 'тоқсан сайын, келесі айдың 10-на дейін', dlRu: 'ежеквартально, до 10 числа следующего месяца', months: [11, 1, 4, 6], roles: ['deputy_director'], bodies: ['ЖАО'] },
      { kk: 'Әкелер кеңесінің «Әке – бала тәрбиесінде» кездесуі', ru: 'Встреча совета отцов «Роль отца в воспитании»', formKk: 'хаттама', formRu: 'протокол', dlKk: 'ақпан', dlRu: 'февраль', months: [2], roles: ['deputy_director', 'parent_committee'], parents: true, fw: ['41'] },
    ],
  },
];

const DONE_TEXT: Record<string, string> = {
  хаттама: 'Өткізілді, хаттама толтырылды',
  анықтама: 'Жүргізілді, анықтама жасалды',
  ақпарат: 'Өткізілді, ақпарат дайындалды',
};

/** A deterministic sequence for the demo marks. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** As a `DemoSeeder` for createDemoSchool's `seeders` list. */
export const demoPlansSeeder: DemoSeeder = async (core, now) => {
  await seedDemoPlans(core, now);
};

/** How long before `now` the demo's marks stop: the office marks what was done up to last week. */
export const DEMO_MARKS_LAG_DAYS = 7;

const pad = (n: number) => String(n).padStart(2, '0');

/** The ISO date `days` before `date` (calendar arithmetic on the date alone). */
function daysBefore(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/**
 * Adds the demo plans unless this year's plan exists; returns this year's plan's id either way. `now` is the
 * demo's clock (the platform's), so the same code builds the demo for any date.
 */
export async function seedDemoPlans(core: Core, now: Date): Promise<string> {
  const year = demoPlanYear(now);
  const today = isoDate(now);
  const existing = await call(core, 'plans.list', { academicYear: year });
  if (existing[0]) return existing[0].id;

  // last year's plan, carried out to the end (marks for all four quarters)
  const previous = (await call(core, 'plans.list', { academicYear: year - 1 }))[0];
  let lastYear: Plan;
  if (previous) lastYear = await call(core, 'plans.get', { id: previous.id });
  else {
    lastYear = await buildPlan(core, year - 1);
    lastYear = await call(core, 'plans.approve', { id: lastYear.id, approvedOn: `${year - 1}-09-01` });
    await markPlan(core, lastYear, `${year}-07-01`, rng(95));
  }

  // this year's plan: a copy of last year's, approved when classes start (or today, if the demo is made in August)
  let plan = await call(core, 'plans.create', { academicYear: year, from: { kind: 'copy', planId: lastYear.id } });
  const approvedOn = `${year}-09-01` < today ? `${year}-09-01` : today;
  plan = await call(core, 'plans.approve', { id: plan.id, approvedOn });
  await markPlan(core, plan, today, rng(96));
  return plan.id;
}

/** The template plus the school's own items and sections, as a draft for `academicYear`. */
async function buildPlan(core: Core, academicYear: number): Promise<Plan> {
  let plan: Plan = await call(core, 'plans.create', { academicYear, from: { kind: 'template' } });
  const fw = await call(core, 'frameworks.get', { code: 'decree-748' });
  const byNumber = new Map(fw.items.map((i) => [i.number, i.id]));
  const topSections = plan.sections.filter((s) => s.parentId === null);
  for (const block of EXTRA) {
    let sectionId: string;
    if (typeof block.section === 'number') sectionId = topSections[block.section]!.id;
    else {
      plan = await call(core, 'plans.addSection', { planId: plan.id, titleKk: block.section.kk, titleRu: block.section.ru });
      sectionId = plan.sections.at(-1)!.id;
    }
    for (const x of block.items) {
      plan = await call(core, 'plans.addItem', {
        sectionId,
        fields: {
          measureKk: x.kk,
          measureRu: x.ru,
          completionFormKk: x.formKk,
          completionFormRu: x.formRu,
          deadlineKk: x.dlKk,
          deadlineRu: x.dlRu,
          dueMonths: x.months,
          responsibleRoles: x.roles,
          responsibleBodies: x.bodies ?? [],
          targetGroup: { grades: x.grades ?? [], parents: x.parents ?? false, teachers: x.teachers ?? false },
          costKk: x.bodies?.includes('ЖАО') ? 'көзделген қаражат шегінде' : 'талап етілмейді',
          costRu: x.bodies?.includes('ЖАО') ? 'в пределах предусмотренных средств' : 'не требуется',
          fundingKk: x.bodies?.includes('ЖАО') ? 'ЖБ' : '-',
          fundingRu: x.bodies?.includes('ЖАО') ? 'МБ' : '-',
          frameworkItemIds: (x.fw ?? []).map((n) => byNumber.get(n)).filter((v): v is string => v !== undefined),
        },
      });
    }
  }
  return plan;
}

/** Months of a quarter's mask in school-year order (September first). */
function quarterMonths(mask: number): number[] {
  return [9, 10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8].filter((m) => (mask & (1 << (m - 1))) !== 0);
}

/**
 * Execution marks of a plan as of `today`: for every quarter that has started, each item due in it gets the day it
 * was carried out (in its own month of the quarter, or any month of it for an item due throughout the year); what
 * falls within the last week or later is not marked yet. Of the rest about nine in ten are done, some partly, and a
 * few were not done or never marked — in a quarter that has ended those are the honest overdue ones.
 */
async function markPlan(core: Core, plan: Plan, today: string, random: () => number): Promise<void> {
  const cal = await call(core, 'plans.calendar', { academicYear: plan.academicYear });
  const masks = quarterMasks(cal);
  const cutoff = daysBefore(today, DEMO_MARKS_LAG_DAYS);
  for (const [qi, range] of cal.quarters.entries()) {
    if (range.start > cutoff) break;
    const quarter = qi + 1;
    const months = quarterMonths(masks[qi]!);
    for (const it of plan.items) {
      const itemMask = dueMask(it);
      const own = months.filter((m) => (itemMask & (1 << (m - 1))) !== 0);
      if (itemMask !== 0 && own.length === 0) continue;
      const choices = own.length > 0 ? own : months;
      const month = choices[Math.floor(random() * choices.length)]!;
      const y = month >= 8 ? plan.academicYear : plan.academicYear + 1;
      let doneOn = `${y}-${pad(month)}-${pad(3 + Math.floor(random() * 23))}`;
      if (doneOn < range.start) doneOn = range.start;
      if (doneOn > range.end) doneOn = range.end;
      const roll = random();
      if (doneOn > cutoff) continue; // not carried out yet
      if (roll >= 0.98) continue; // forgotten: never marked
      const status: ExecutionStatus = roll < 0.88 ? 'done' : roll < 0.96 ? 'partly' : 'not_done';
      const pupils = it.targetGroup.grades.length > 0 ? Math.round(it.targetGroup.grades.length * (60 + random() * 20)) : 0;
      await call(core, 'plans.setExecution', {
        itemId: it.id,
        quarter,
        status,
        doneText:
          status === 'not_done'
            ? 'Келесі тоқсанға ауыстырылды'
            : status === 'partly'
              ? 'Ішінара өткізілді, жалғасады'
              : (DONE_TEXT[it.completionFormKk] ?? 'Орындалды'),
        doneOn: status === 'not_done' ? null : doneOn,
        reachPupils: status === 'not_done' ? 0 : pupils,
        reachParents: status !== 'not_done' && it.targetGroup.parents ? Math.round(80 + random() * 200) : 0,
        reachTeachers: status !== 'not_done' && it.targetGroup.teachers ? Math.round(20 + random() * 25) : 0,
      });
    }
  }
}
