/**
 * The demo school's intra-school register: eight plainly fake registrations of demo pupils (surnames «Мысалов»,
 * «Сынақова» …), dated relative to the clock — some reviews due, some not yet, two pupils already taken off —
 * each with an individual prevention plan (measures done, open and overdue), and two registers held elsewhere.
 * Everything goes through the registry, as a user would do it (the director is logged in).
 */
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/api';
import { isoDate } from '../../../shared/calendar';
import type { ReviewOutcome } from '../../../shared/register';
import type { Core } from '../api';
import type { DemoSeeder } from '../demo/school';

async function call<M extends MethodName>(core: Core, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const r = await core.invoke(method, input);
  if (!r.ok) throw new Error(`demo register: ${method} failed with ${r.error.code}`);
  return r.value as MethodOutput<M>;
}

function shift(now: Date, days: number): string {
  const d = new Date(now.getTime());
  d.setDate(d.getDate() + days);
  return isoDate(d);
}

interface Demo {
  /** days before today the pupil was put on */
  onAgo: number;
  body: 'council' | 'director';
  grounds: string[];
  notes: string;
  curator: 'psychologist' | 'socped';
  /** the next review, days from today (negative: overdue, i.e. due) */
  reviewIn: number;
  reviews: { ago: number; outcome: ReviewOutcome; note: string }[];
  measures: { kk: string; who: 'psychologist' | 'socped' | 'teacher' | string; dueIn: number; doneAgo?: number; result?: string }[];
  /** taken off this many days ago */
  offAgo?: number;
  external?: { body: 'juvenile_police' | 'kdn'; fromAgo: number; toAgo?: number };
}

const DEMOS: Demo[] = [
  {
    onAgo: 100, body: 'council', grounds: ['systematic_absence'], notes: 'Демо: сабаққа жиі себепсіз келмейді', curator: 'socped', reviewIn: -8,
    reviews: [],
    measures: [
      { kk: 'Ата-анамен жеке әңгіме, сабаққа қатысу бойынша келісім', who: 'socped', dueIn: -80, doneAgo: 85, result: 'Келісім жасалды' },
      { kk: 'Сабаққа қатысуды апта сайын бақылау', who: 'teacher', dueIn: 20 },
      { kk: 'Отбасына бару, тұрмыс жағдайын зерделеу', who: 'socped', dueIn: -5 },
    ],
  },
  {
    onAgo: 70, body: 'council', grounds: ['bullying', 'school_rules'], notes: 'Демо: сыныптасына қатысты жүйелі қорлау', curator: 'psychologist', reviewIn: 20,
    reviews: [],
    measures: [
      { kk: 'Психологпен жеке кеңес (апта сайын, 6 рет)', who: 'psychologist', dueIn: 10 },
      { kk: 'Жазбаша міндеттеме алу, ата-анасын хабардар ету', who: 'socped', dueIn: -60, doneAgo: 66, result: 'Міндеттеме алынды' },
      { kk: '«Буллингсіз мектеп» тренингіне қатысу', who: 'psychologist', dueIn: 25 },
    ],
  },
  {
    onAgo: 190, body: 'council', grounds: ['offence'], notes: 'Демо: ұсақ бұзақылық', curator: 'socped', reviewIn: -2,
    reviews: [{ ago: 95, outcome: 'no_change', note: 'Демо: жағдай өзгермеді' }],
    measures: [
      { kk: 'Мектеп инспекторымен профилактикалық әңгіме', who: 'Мектеп инспекторы (демо)', dueIn: -150, doneAgo: 160, result: 'Әңгіме өткізілді' },
      { kk: 'Спорт секциясына тарту', who: 'teacher', dueIn: 15 },
    ],
    external: { body: 'juvenile_police', fromAgo: 200 },
  },
  {
    onAgo: 40, body: 'director', grounds: ['family_danger'], notes: 'Демо: отбасы әлеуметтік қауіпті жағдайда', curator: 'socped', reviewIn: 50,
    reviews: [],
    measures: [
      { kk: 'Отбасына әлеуметтік-педагогикалық сүйемелдеу', who: 'socped', dueIn: 60 },
      { kk: 'Тегін ыстық тамаққа өтініш беру', who: 'socped', dueIn: -30, doneAgo: 35, result: 'Тамақпен қамтылды' },
    ],
    external: { body: 'kdn', fromAgo: 45 },
  },
  {
    onAgo: 130, body: 'council', grounds: ['substances'], notes: 'Демо: темекі шегу фактісі', curator: 'psychologist', reviewIn: 0,
    reviews: [{ ago: 38, outcome: 'improved', note: 'Демо: жағдайы жақсаруда' }],
    measures: [
      { kk: 'Салауатты өмір салты бойынша жеке сабақ', who: 'psychologist', dueIn: -3 },
      { kk: 'Ата-анамен бірлескен кездесу', who: 'socped', dueIn: 12 },
    ],
  },
  {
    onAgo: 20, body: 'council', grounds: ['running_away'], notes: 'Демо: үйден бір рет кетіп қалған', curator: 'psychologist', reviewIn: 70,
    reviews: [],
    measures: [
      { kk: 'Қауіпсіздік жоспарын бірге құру', who: 'psychologist', dueIn: 3 },
      { kk: 'Сынып жетекшісінің күнделікті байланысы', who: 'teacher', dueIn: 30 },
    ],
  },
  {
    onAgo: 260, body: 'council', grounds: ['systematic_absence'], notes: 'Демо: сабақ босату', curator: 'socped', reviewIn: 0,
    reviews: [{ ago: 170, outcome: 'improved', note: 'Демо: қатысуы жақсарды' }, { ago: 80, outcome: 'ready_to_take_off', note: 'Демо: есептен шығаруға ұсынылады' }],
    measures: [{ kk: 'Қатысуды бақылау', who: 'teacher', dueIn: -100, doneAgo: 90, result: 'Қатысуы тұрақты' }],
    offAgo: 60,
  },
  {
    onAgo: 300, body: 'director', grounds: ['school_rules'], notes: 'Демо: тәртіп бұзу', curator: 'psychologist', reviewIn: 0,
    reviews: [{ ago: 200, outcome: 'improved', note: 'Демо: тәртібі түзелді' }],
    measures: [{ kk: 'Медиация қызметінің отырысы', who: 'psychologist', dueIn: -250, doneAgo: 255, result: 'Татуласу келісімі' }],
    offAgo: 150,
  },
];

export async function seedDemoRegister(core: Core, now: Date): Promise<string[]> {
  const grounds = await call(core, 'register.grounds', {});
  const byCode = new Map(grounds.map((g) => [g.code, g.id]));
  const staff = await call(core, 'register.staff', {});
  const accounts = await call(core, 'accounts.list', {});
  const idOf = (login: string) => {
    const a = accounts.find((x) => x.login === login);
    return a && staff.some((s) => s.id === a.id) ? a.id : null;
  };
  const pupils = (await call(core, 'pupils.list', { pageSize: 200, page: 0 })).items.filter((p) => p.grade >= 5);
  const created: string[] = [];
  for (const [i, d] of DEMOS.entries()) {
    const pupil = pupils[(i * 17 + 3) % pupils.length];
    if (!pupil) break;
    const groundIds = d.grounds.map((c) => byCode.get(c)).filter((x): x is string => x !== undefined);
    let entry = await call(core, 'register.putOn', {
      pupilId: pupil.id,
      decision: { number: `${i + 1}`, date: shift(now, -d.onAgo), body: d.body },
      groundIds,
      notes: d.notes,
      curatorId: idOf(d.curator),
    });
    for (const r of d.reviews) {
      entry = await call(core, 'register.review', { entryId: entry.id, version: entry.version, reviewedOn: shift(now, -r.ago), outcome: r.outcome, note: r.note });
    }
    for (const m of d.measures) {
      const account = ['psychologist', 'socped', 'teacher'].includes(m.who) ? idOf(m.who) : null;
      entry = await call(core, 'register.saveMeasure', {
        entryId: entry.id,
        what: m.kk,
        responsibleId: account,
        responsibleText: account ? '' : m.who,
        dueOn: shift(now, m.dueIn),
        doneOn: m.doneAgo === undefined ? null : shift(now, -m.doneAgo),
        result: m.result ?? '',
      });
    }
    if (d.offAgo !== undefined) {
      await call(core, 'register.takeOff', { entryId: entry.id, version: entry.version, decision: { number: `${i + 20}`, date: shift(now, -d.offAgo), body: d.body }, reason: 'Демо: жағдайы түзелді' });
    } else if (d.reviewIn !== 0 || d.reviews.length === 0) {
      // set the next review where the story wants it (due, or ahead)
      entry = await call(core, 'register.update', {
        entryId: entry.id,
        version: entry.version,
        decision: entry.on,
        groundIds,
        notes: d.notes,
        curatorId: entry.curatorId,
        reviewMonths: entry.reviewMonths,
        nextReviewOn: shift(now, d.reviewIn),
      });
    }
    if (d.external) {
      await call(core, 'register.saveExternal', {
        pupilId: pupil.id,
        body: d.external.body,
        fromDate: shift(now, -d.external.fromAgo),
        toDate: d.external.toAgo === undefined ? null : shift(now, -d.external.toAgo),
        note: 'Демо',
      });
    }
    created.push(entry.id);
  }
  return created;
}

export const demoRegisterSeeder: DemoSeeder = async (core, now) => {
  await seedDemoRegister(core, now);
};
