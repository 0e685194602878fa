/**
 * The demo school's prevention council in the current academic year (dated relative to the clock): the members
 * (director as chair, the council secretary, deputy, psychologist, social pedagogue, and three outside members),
 * and three meetings — one signed by the secretary and co-signed by the chair (its decisions in effect), one
 * issued and waiting for the chair's signature (on the director's home screen), one planned with its agenda
 * accepted from the proposals. Demo data only; everything goes through the registry in the right logins.
 */
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/api';
import { academicYearOf, isoDate } from '../../../shared/calendar';
import type { SignerInput } from '../../../shared/documents';
import type { Core } from '../api';
import { DEMO_PASSWORD } from '../demo/school';
import { pupilProtected } from '../pupils/protected';

async function call<M extends MethodName>(core: Core, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const r = await core.invoke(method, input);
  if (!r.ok) throw new Error(`demo council: ${method} failed with ${r.error.code}`);
  return r.value as MethodOutput<M>;
}

/** The signing password of the director's certificate the seeder makes when none is given (demo only). */
export const DEMO_CHAIR_SIGNING_PASSWORD = 'qorgan-demo-director-council';

/** The demo secretary's signing password (demo only). */
export const DEMO_SECRETARY_SIGNING_PASSWORD = 'qorgan-demo-council-96';

async function loginAs(core: Core, login: string): Promise<void> {
  if (core.state.session) await call(core, 'auth.lock', {});
  await call(core, 'auth.login', { login, password: DEMO_PASSWORD });
}

function addDays(d: Date, days: number): Date {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + days, 12);
}

/** A date of the academic year, `days` from now, kept inside the year (1 September … 25 May). */
function inYear(now: Date, year: number, days: number): string {
  const d = isoDate(addDays(now, days));
  const first = `${year}-09-05`;
  const last = `${year + 1}-05-20`;
  return d < first ? first : d > last ? last : d;
}

export interface DemoCouncilOptions {
  /** the director's certificate (the demo's one key for plans and minutes); created when absent */
  director?: SignerInput;
  /** the director's login (default 'director'); the seeder ends logged in as the director */
  directorLogin?: string;
}

/** Seeds the council of the current year; returns the ids of the three meetings. */
export async function seedDemoCouncil(core: Core, now: Date, options: DemoCouncilOptions = {}): Promise<{ signed: string; awaiting: string; planned: string }> {
  const directorLogin = options.directorLogin ?? 'director';
  const year = academicYearOf(isoDate(now));
  const byLogin = async (login: string) => {
    const all = await call(core, 'accounts.list', {});
    const a = all.find((x) => x.login === login);
    if (!a) throw new Error(`demo council: no demo account ${login}`);
    return a.id;
  };
  const director = options.director ?? {
    certificateId: (await call(core, 'documents.certificates.create', { position: 'Мектеп директоры', organization: 'Қарасақал Ерімбет атындағы №96 мектеп (демо)', password: DEMO_CHAIR_SIGNING_PASSWORD })).id,
    password: DEMO_CHAIR_SIGNING_PASSWORD,
  };

  const add = async (accountId: string | null, name: string, positionKk: string, positionRu: string) =>
    (await call(core, 'council.members.save', { academicYear: year, accountId, name, positionKk, positionRu })).id;
  const chair = await add(await byLogin(directorLogin), 'М.Қаншев', 'мектеп директоры, кеңес төрағасы', 'директор школы, председатель совета');
  const secretary = await add(await byLogin('secretary'), 'Ә.Сейітова (демо)', 'кеңес хатшысы', 'секретарь совета');
  const deputy = await add(await byLogin('deputy'), 'Г.Оразбаева (демо)', 'директордың тәрбие ісі жөніндегі орынбасары', 'заместитель директора по ВР');
  const psych = await add(await byLogin('psychologist'), 'Ү.Өмірзақова (демо)', 'педагог-психолог', 'педагог-психолог');
  const socped = await add(await byLogin('socped'), 'Ғ.Нұрлыбекова (демо)', 'әлеуметтік педагог', 'социальный педагог');
  const inspector = await add(null, 'Б.Тұрсынов (демо)', 'ювеналды полицияның мектеп инспекторы', 'школьный инспектор ювенальной полиции');
  const parents = await add(null, 'С.Жақыпова (демо)', 'ата-аналар комитетінің төрағасы', 'председатель родительского комитета');
  const nurse = await add(null, 'Д.Әбенова (демо)', 'мектептің медицина қызметкері', 'медицинский работник школы');
  await call(core, 'council.officers.set', { academicYear: year, chairMemberId: chair, secretaryMemberId: secretary });

  // two pupils of the demo: one on the intra-school register (the director's session holds the protection key)
  const rows = await core.state.db.selectFrom('pupils').select(['id', 'on_register_enc', 'grade']).where('grade', '>=', 6).where('archived', '=', 0).orderBy('last_name').limit(400).execute();
  const onRegister = rows.filter((r) => pupilProtected.read(core.state, r.id, { family_status_enc: null, on_register_enc: r.on_register_enc }).on_register_enc === true);
  const pupilA = onRegister[0]?.id ?? rows[0]?.id ?? null;
  const pupilB = onRegister[1]?.id ?? null;

  const everyone = [chair, secretary, deputy, psych, socped, inspector, parents, nurse];
  const attendance = (absent: Record<string, string>, guests: { kind: 'parent' | 'pupil' | 'guest'; name: string; roleText: string }[]) => [
    ...everyone.map((memberId) => ({ kind: 'member' as const, memberId, present: !(memberId in absent), reason: absent[memberId] ?? '' })),
    ...guests.map((g) => ({ ...g, present: true })),
  ];

  await loginAs(core, 'secretary');
  const secretarySigner: SignerInput = {
    certificateId: (await call(core, 'documents.certificates.create', { position: 'Профилактика кеңесінің хатшысы', organization: 'Қарасақал Ерімбет атындағы №96 мектеп (демо)', password: DEMO_SECRETARY_SIGNING_PASSWORD })).id,
    password: DEMO_SECRETARY_SIGNING_PASSWORD,
  };

  // 1. a past meeting, signed by both
  const m1 = await call(core, 'council.meetings.create', { academicYear: year, date: inYear(now, year, -56), time: '15:00', place: 'Мектептің мәжіліс залы' });
  await call(core, 'council.attendance.save', { meetingId: m1.id, entries: attendance({ [nurse]: 'ауырып қалды' }, pupilA ? [{ kind: 'parent', name: 'Ата-ана (демо)', roleText: 'оқушының анасы' }] : []) });
  const i1 = await call(core, 'council.agenda.add', { meetingId: m1.id, title: 'Оқушылар арасында буллингтің алдын алу жөніндегі І тоқсанның жұмысы туралы' });
  await call(core, 'council.agenda.saveItem', {
    itemId: i1.id,
    title: i1.title ?? '',
    heard: 'Әлеуметтік педагог Ғ.Нұрлыбекова І тоқсанда өткізілген «Қауіпсіз мектеп» іс-шаралары мен оқушылар сауалнамасының қорытындысы туралы баяндады.',
    spoke: 'Педагог-психолог Ү.Өмірзақова, ата-аналар комитетінің төрағасы С.Жақыпова.',
    decisions: [
      { type: 'note', text: 'Ақпарат назарға алынсын.' },
      { type: 'note', text: 'Буллингтің алдын алу жөніндегі түсіндіру жұмысы жалғастырылсын.', responsible: 'әлеуметтік педагог', deadline: inYear(now, year, 30) },
    ],
  });
  if (pupilA) {
    const i2 = await call(core, 'council.agenda.add', { meetingId: m1.id, title: 'Мектепішілік есепте тұрған оқушының сабаққа қатысуы мен тәртібі туралы', pupilId: pupilA });
    await call(core, 'council.agenda.saveItem', {
      itemId: i2.id,
      title: i2.title ?? '',
      pupilId: pupilA,
      heard: 'Сынып жетекшісі оқушының тоқсандағы сабаққа қатысуы, үлгерімі және онымен жүргізілген жеке жұмыс туралы баяндады.',
      spoke: 'Мектеп инспекторы Б.Тұрсынов, оқушының анасы.',
      decisions: [
        { type: 'measure', pupilId: pupilA, text: 'Педагог-психологпен айына екі рет жеке кездесу өткізілсін.', responsible: 'педагог-психолог', deadline: inYear(now, year, 60) },
        { type: 'invite_again', pupilId: pupilA, text: 'Оқушы мен анасы келесі отырысқа қайта шақырылсын.', responsible: 'кеңес хатшысы' },
      ],
    });
  }
  const doc1 = await call(core, 'council.minutes.issue', { meetingId: m1.id, lang: 'kk', signer: secretarySigner });

  // 2. last week's meeting: issued and signed by the secretary, waiting for the chair
  const m2 = await call(core, 'council.meetings.create', { academicYear: year, date: inYear(now, year, -7), time: '15:30', place: 'Мектептің мәжіліс залы' });
  await call(core, 'council.attendance.save', { meetingId: m2.id, entries: attendance({ [parents]: 'іссапарда' }, []) });
  const i3 = await call(core, 'council.agenda.add', { meetingId: m2.id, title: 'Кибербуллингтің алдын алу бойынша 7–9 сыныптардағы тренингтердің қорытындысы туралы' });
  await call(core, 'council.agenda.saveItem', {
    itemId: i3.id,
    title: i3.title ?? '',
    heard: 'Педагог-психолог Ү.Өмірзақова 7–9 сыныптарда өткізілген «Кибербуллинг: қалай қорғануға болады?» тренингтері туралы баяндады.',
    spoke: 'Директордың тәрбие ісі жөніндегі орынбасары Г.Оразбаева.',
    decisions: [{ type: 'note', text: 'Тренингтер 5–6 сыныптарда да өткізілсін.', responsible: 'педагог-психолог', deadline: inYear(now, year, 45) }],
  });
  if (pupilB) {
    const i4 = await call(core, 'council.agenda.add', { meetingId: m2.id, title: 'Оқушыны мектепішілік есептен шығару туралы ұсыныс', pupilId: pupilB });
    await call(core, 'council.agenda.saveItem', {
      itemId: i4.id,
      title: i4.title ?? '',
      pupilId: pupilB,
      heard: 'Әлеуметтік педагог оқушының соңғы екі тоқсандағы оң өзгерістері туралы баяндады.',
      spoke: 'Сынып жетекшісі.',
      decisions: [{ type: 'register_off', pupilId: pupilB, text: 'Оқушы мектепішілік есептен шығарылсын.', responsible: 'әлеуметтік педагог' }],
    });
  }
  await call(core, 'council.minutes.issue', { meetingId: m2.id, lang: 'kk', signer: secretarySigner });

  // the chair co-signs the first minutes from his own login
  await loginAs(core, directorLogin);
  await call(core, 'documents.cosign', { id: doc1.id, signer: director });

  // 3. the next meeting, planned, with the proposals accepted
  await loginAs(core, 'secretary');
  const m3 = await call(core, 'council.meetings.create', { academicYear: year, date: inYear(now, year, 14), time: '15:00', place: 'Мектептің мәжіліс залы' });
  for (const p of await call(core, 'council.agenda.proposals', { meetingId: m3.id })) {
    await call(core, 'council.agenda.add', { meetingId: m3.id, source: { type: p.sourceType, id: p.sourceId }, title: p.titleKk, pupilId: p.pupilId });
  }
  await call(core, 'council.agenda.add', { meetingId: m3.id, title: 'ІІ тоқсандағы профилактикалық жұмыстың қорытындысы туралы' });
  await loginAs(core, directorLogin);
  return { signed: m1.id, awaiting: m2.id, planned: m3.id };
}
