/**
 * The demo school's concerns and cases (demo data only, plainly fake: the pupils are the demo's "Мысалов",
 * "Сынақова" …, the texts say "демо"). Everything goes through the registry as the people would do it:
 *
 * - the demo class teacher logs five concerns about pupils of the 7th grade;
 * - the demo psychologist triages three of them (two into cases, one with no action; two stay in the inbox) and
 *   works 40 cases in every stage and risk: tasks (some overdue, some due this week) owned by the psychologist, the
 *   social pedagogue and the class teacher, notes (some confidential: the psychologist holds that key), contacts with
 *   parents, closures;
 * - the director is logged in again at the end (the seeders after this one expect it).
 *
 * Dates follow the clock: due dates around today; the cases' opening dates are spread over the current school year
 * (set directly on the plain `opened_at` column afterwards — the registry writes "now", a demo needs a history).
 */
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/api';
import { CASE_STAGES, FORMS_OF_HARM, RISK_LEVELS, type CaseStage, type FormOfHarm, type InvolvedPupil, type Risk } from '../../../shared/cases';
import type { Core } from '../api';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seededRandom, type DemoSeeder } from '../demo/school';

async function call<M extends MethodName>(core: Core, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const r = await core.invoke(method, input);
  if (!r.ok) throw new Error(`demo cases: ${method} failed with ${r.error.code}`);
  return r.value as MethodOutput<M>;
}

async function loginAs(core: Core, login: string): Promise<void> {
  await call(core, 'auth.lock', {});
  await call(core, 'auth.login', { login, password: DEMO_PASSWORD });
}

function day(now: Date, offset: number): string {
  return new Date(now.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
}

const TITLES: Record<FormOfHarm, string[]> = {
  bullying: ['Үзілістегі буллинг (демо)', 'Сыныптағы кемсіту (демо)', 'Асханадағы қорлау (демо)'],
  cyberbullying: ['Сынып чатындағы кибербуллинг (демо)', 'Әлеуметтік желідегі мазақ (демо)'],
  physical: ['Спорт залындағы төбелес (демо)', 'Дәліздегі итеру (демо)'],
  psychological: ['Қорқыту мен қысым (демо)'],
  sexual: ['Шекарадан аттау туралы белгі (демо)'],
  neglect: ['Тамақтану мен киім жетіспеушілігі (демо)', 'Жиі сабақтан қалу (демо)'],
  suicidal: ['Суицид қаупі скринингінің оң нәтижесі (демо)'],
  self_harm: ['Өзіне зиян келтіру белгілері (демо)'],
  difficult_life: ['Отбасындағы қиын жағдай (демо)', 'Ата-анасы шетелде жұмыста (демо)'],
  domestic: ['Үйдегі дау-жанжал туралы айтты (демо)'],
};

const NOTES = [
  'Оқушымен жеке әңгіме өткізілді; жағдайды өз сөзімен айтып берді (демо).',
  'Сынып жетекшісімен кеңестік; бақылау жалғасады (демо).',
  'Келесі кездесу бір аптадан кейін жоспарланды (демо).',
];
const CONFIDENTIAL = 'Құпия жазба: психологиялық диагностика нәтижелері (демо).';
const TASKS = ['Зардап шегушімен жеке әңгіме (демо)', 'Ата-анамен кездесу (демо)', 'Сынып сағаты «Достық» (демо)', 'Қайталама әңгіме, 2 аптадан кейін (демо)', 'Социометрия нәтижелерін талдау (демо)'];

export const demoCasesSeeder: DemoSeeder = async (core, now) => {
  const rand = seededRandom(748);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)] as T;
  const pupils = await core.state.db.selectFrom('pupils').select(['id', 'grade']).where('archived', '=', 0).orderBy('grade').orderBy('last_name').execute();
  const seventh = pupils.filter((p) => p.grade === 7);
  if (pupils.length < 6 || seventh.length < 6) return;
  const accounts = await core.state.db.selectFrom('accounts').select(['id', 'login']).execute();
  const idOf = (login: string) => accounts.find((a) => a.login === login)?.id ?? null;
  const psy = idOf('psychologist');
  const socped = idOf('socped');
  const teacher = idOf('teacher');
  if (!psy || !socped || !teacher || !DEMO_ACCOUNTS.some((a) => a.login === 'psychologist')) return;

  // the class teacher's concerns
  await loginAs(core, 'teacher');
  const concerns: string[] = [];
  const concernTexts: [FormOfHarm, string][] = [
    ['bullying', 'Үзіліс кезінде екі оқушы бір баланың сөмкесін тартып алып, мазақ етті; бала жылап кетті (демо).'],
    ['cyberbullying', 'Сынып чатында бір оқушының суретін мазақ жазулармен таратып жатыр (демо).'],
    ['neglect', 'Оқушы үш күн қатарынан таңғы асқа келмей, аш екенін айтты (демо).'],
    ['physical', 'Дене шынықтыру сабағынан кейін шешінетін бөлмеде төбелес болды (демо).'],
    ['difficult_life', 'Оқушы әкесі ауруханада жатқанын, үйде жалғыз қалатынын айтты (демо).'],
  ];
  for (const [i, [harm, what]] of concernTexts.entries()) {
    const a = seventh[i * 3 % seventh.length]!;
    const b = seventh[(i * 3 + 1) % seventh.length]!;
    const involved: InvolvedPupil[] = harm === 'bullying' || harm === 'cyberbullying' || harm === 'physical'
      ? [{ pupilId: a.id, role: 'targeted' }, { pupilId: b.id, role: 'initiator' }]
      : [{ pupilId: a.id, role: 'targeted' }];
    const c = await call(core, 'concerns.log', { what, where: 'Мектеп (демо)', occurredAt: day(now, -i), formOfHarm: harm, pupils: involved });
    concerns.push(c.id);
  }

  await loginAs(core, 'psychologist');
  await call(core, 'concerns.triage', { action: 'new_case', id: concerns[0]!, answer: 'Кейс ашылды, психолог айналысады. Рақмет! (демо)', risk: 'medium', title: '7-сынып: үзілістегі буллинг (демо)', leadId: psy });
  await call(core, 'concerns.triage', { action: 'new_case', id: concerns[1]!, answer: 'Кейс ашылды, әлеуметтік педагогпен бірге айналысамыз (демо).', risk: 'high', title: '7-сынып: чаттағы кибербуллинг (демо)', leadId: psy });
  await call(core, 'concerns.triage', { action: 'no_action', id: concerns[3]!, answer: 'Тексерілді: ойын кезіндегі жарақатсыз жағдай, ата-аналар хабардар (демо).' });

  // 40 cases: every stage × every risk at least once
  const stages: CaseStage[] = [...CASE_STAGES];
  const risks: Risk[] = [...RISK_LEVELS];
  for (let n = 0; n < 38; n++) {
    const stage = stages[n % stages.length]!;
    const risk = risks[Math.floor(n / stages.length) % risks.length] ?? pick(risks);
    const harm = FORMS_OF_HARM[n % FORMS_OF_HARM.length]!;
    const p1 = pick(pupils);
    const p2 = pick(pupils.filter((p) => p.id !== p1.id));
    const involved: InvolvedPupil[] = harm === 'bullying' || harm === 'cyberbullying' ? [{ pupilId: p1.id, role: 'targeted' }, { pupilId: p2.id, role: 'initiator' }] : [{ pupilId: p1.id, role: 'targeted' }];
    const lead = n % 3 === 2 ? socped : psy;
    let c = await call(core, 'cases.create', { title: pick(TITLES[harm]), summary: 'Демо кейс: мәтін ойдан шығарылған.', formOfHarm: harm, risk, leadId: lead, pupils: involved });
    const target = stage === 'closed' ? 'monitoring' : stage;
    if (target !== 'identified') c = await call(core, 'cases.update', { id: c.id, version: c.version, stage: target });
    c = await call(core, 'cases.addNote', { caseId: c.id, version: c.version, text: pick(NOTES) });
    if (n % 4 === 0) c = await call(core, 'cases.addNote', { caseId: c.id, version: c.version, text: CONFIDENTIAL, confidential: true });
    if (stage !== 'identified') {
      c = await call(core, 'cases.addContact', { caseId: c.id, version: c.version, at: day(now, -((n % 20) + 1)), method: n % 2 ? 'phone' : 'meeting', pupilId: p1.id, who: n % 2 ? 'Анасы (демо)' : 'Әкесі (демо)', outcome: 'Хабардар етілді, бірлескен әрекетке келісті (демо).' });
    }
    if (stage !== 'closed') {
      const owner = n % 5 === 0 ? teacher : n % 5 === 1 ? socped : psy;
      // due dates around today: some overdue, some this week, some later
      c = await call(core, 'cases.addTask', { caseId: c.id, version: c.version, title: pick(TASKS), dueOn: day(now, (n % 9) - 3), ownerId: owner });
      if (n % 3 === 0) c = await call(core, 'cases.addTask', { caseId: c.id, version: c.version, title: pick(TASKS), dueOn: day(now, 14 + (n % 10)), ownerId: psy });
    } else {
      c = await call(core, 'cases.close', { id: c.id, version: c.version, reason: n % 2 ? 'resolved' : 'no_concern_confirmed', outcome: 'Жағдай шешілді; мониторинг аяқталды (демо).' });
    }
    // a history over the school year (since 1 September): the plain opening date only
    const opened = new Date(Math.max(now.getTime() - (n * 2 + 1) * 86_400_000, Date.UTC(now.getUTCMonth() >= 8 ? now.getUTCFullYear() : now.getUTCFullYear() - 1, 8, 1)));
    await core.state.db.updateTable('cases').set({ opened_at: opened.toISOString() }).where('id', '=', c.id).execute();
  }
  await loginAs(core, 'director');
};
