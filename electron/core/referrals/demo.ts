/**
 * The demo school's referrals (demo data only, plainly fake: the agencies' names and the texts say "демо"). Made
 * through the registry as the people would: the demo psychologist drafts referrals on open cases they lead and
 * moves them through every state — a draft to send, one sent whose answer date has passed (on the overdue list),
 * one waiting within its date, one accepted, one done, one withdrawn; the director signs the letter of the
 * overdue one when a signer is given. Dates follow the clock. The director is logged in again at the end.
 */
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/api';
import type { SignerInput } from '../../../shared/documents';
import { addDaysIso, type AgencyType } from '../../../shared/referrals';
import { isoDate } from '../../../shared/calendar';
import type { Core } from '../api';
import { DEMO_PASSWORD } from '../demo/school';

async function call<M extends MethodName>(core: Core, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const r = await core.invoke(method, input);
  if (!r.ok) throw new Error(`demo referrals: ${method} failed with ${r.error.code}`);
  return r.value as MethodOutput<M>;
}

async function loginAs(core: Core, login: string): Promise<void> {
  await call(core, 'auth.lock', {});
  await call(core, 'auth.login', { login, password: DEMO_PASSWORD });
}

interface DemoReferral {
  agencyType: AgencyType;
  name: string;
  address: string;
  reason: string;
  request: string;
  /** what becomes of it, relative to today */
  state: 'draft' | 'overdue' | 'waiting' | 'accepted' | 'done' | 'withdrawn';
}

const REFERRALS: DemoReferral[] = [
  {
    agencyType: 'juvenile_police',
    name: 'Әуезов аудандық полиция басқармасының ювеналды полиция бөлімі (демо)',
    address: 'Алматы қ., Жандосов к-сі, 1 (демо)',
    reason: 'Оқушы екі рет үйден кетіп, түнді белгісіз жерде өткізген (демо).',
    request: 'Отбасымен профилактикалық әңгіме жүргізіп, нәтижесі туралы хабарлауды сұраймыз (демо).',
    state: 'overdue',
  },
  {
    agencyType: 'guardianship',
    name: 'Әуезов ауданының қорғаншылық және қамқоршылық бөлімі (демо)',
    address: 'Алматы қ., Абай даңғылы, 150 (демо)',
    reason: 'Ата-анасы шетелде жұмыста, бала туысының қарауында; құжаттары ресімделмеген (демо).',
    request: 'Тұрмыстық-әлеуметтік жағдайын тексеруді сұраймыз (демо).',
    state: 'draft',
  },
  {
    agencyType: 'psych_support',
    name: 'Жасөспірімдерге психологиялық қолдау орталығы (демо)',
    address: 'Алматы қ., Төле би к-сі, 100 (демо)',
    reason: 'Буллингтен кейін мазасыздық белгілері сақталып отыр (демо).',
    request: 'Оқушыға жеке психологиялық кеңес беруді сұраймыз (демо).',
    state: 'waiting',
  },
  {
    agencyType: 'psychiatrist',
    name: 'Қалалық психикалық денсаулық орталығы, балалар бөлімі (демо)',
    address: 'Алматы қ., Құрманғазы к-сі, 50 (демо)',
    reason: 'Скринингтің оң нәтижесі; маманның бағалауы қажет (демо).',
    request: 'Оқушыны қарап, ұсынымдар беруді сұраймыз (демо).',
    state: 'accepted',
  },
  {
    agencyType: 'social_services',
    name: 'Аудандық жұмыспен қамту және әлеуметтік бағдарламалар бөлімі (демо)',
    address: 'Алматы қ., Сейфуллин даңғылы, 20 (демо)',
    reason: 'Көп балалы отбасы, табысы аз; бала мектепке қысқы киімсіз келеді (демо).',
    request: 'Әлеуметтік көмек тағайындау мүмкіндігін қарауды сұраймыз (демо).',
    state: 'done',
  },
  {
    agencyType: 'narcologist',
    name: 'Қалалық наркология орталығы (демо)',
    address: 'Алматы қ., Райымбек даңғылы, 5 (демо)',
    reason: 'Темекі және электрондық темекі тұтыну белгілері (демо).',
    request: 'Профилактикалық кеңес беруді сұраймыз (демо).',
    state: 'withdrawn',
  },
];

export async function seedDemoReferrals(core: Core, now: Date, options: { director?: SignerInput } = {}): Promise<void> {
  const today = isoDate(now);
  const psy = await core.state.db.selectFrom('accounts').select('id').where('login', '=', 'psychologist').executeTakeFirst();
  if (!psy) return;
  // open cases the demo psychologist leads, each with the pupil it is about (the targeted pupil, or the first)
  const cases = await core.state.db
    .selectFrom('cases')
    .innerJoin('case_pupils', 'case_pupils.case_id', 'cases.id')
    .select(['cases.id', 'case_pupils.pupil_id'])
    .where('cases.lead_id', '=', psy.id)
    .where('cases.stage', 'in', ['assessment', 'plan', 'intervention', 'monitoring'])
    .orderBy('cases.number')
    .execute();
  const seen = new Set<string>();
  const targets = cases.filter((c) => (seen.has(c.id) ? false : (seen.add(c.id), true)));
  if (targets.length === 0) return;

  await loginAs(core, 'psychologist');
  const made: { id: string; state: DemoReferral['state'] }[] = [];
  for (const [i, d] of REFERRALS.entries()) {
    const t = targets[i % targets.length]!;
    const r = await call(core, 'referrals.create', {
      caseId: t.id,
      pupilId: t.pupil_id,
      agencyType: d.agencyType,
      agency: { name: d.name, address: d.address },
      reason: d.reason,
      request: d.request,
      sendBy: addDaysIso(today, 2),
    });
    made.push({ id: r.id, state: d.state });
  }
  if (options.director) {
    const overdue = made.find((m) => m.state === 'overdue');
    if (overdue) {
      await loginAs(core, 'director');
      await call(core, 'referrals.letter', { id: overdue.id, language: 'kk', signer: options.director });
      await loginAs(core, 'psychologist');
    }
  }
  for (const m of made) {
    const r = await call(core, 'referrals.get', { id: m.id });
    if (m.state === 'draft') continue;
    if (m.state === 'withdrawn') {
      await call(core, 'referrals.setStatus', { id: r.id, version: r.version, status: 'withdrawn' });
      continue;
    }
    // sent two weeks ago; the overdue one was due four days ago, the others answer within their date
    const sentOn = addDaysIso(today, m.state === 'waiting' ? -3 : -14);
    const answerDueOn = m.state === 'overdue' ? addDaysIso(today, -4) : m.state === 'waiting' ? addDaysIso(today, 7) : addDaysIso(today, -2);
    const sent = await call(core, 'referrals.send', { id: r.id, version: r.version, sentOn, answerDueOn });
    if (m.state === 'accepted') {
      await call(core, 'referrals.setStatus', { id: sent.id, version: sent.version, status: 'accepted', answer: 'Қабылдау 2 аптадан кейінге белгіленді (демо).', answeredOn: addDaysIso(today, -6) });
    } else if (m.state === 'done') {
      await call(core, 'referrals.setStatus', { id: sent.id, version: sent.version, status: 'done', answer: 'Отбасына біржолғы әлеуметтік көмек тағайындалды (демо).', answeredOn: addDaysIso(today, -5) });
    }
  }
  await loginAs(core, 'director');
}
