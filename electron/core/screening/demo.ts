/**
 * The demo school's screenings (demo data only, plainly fake), through the registry as the demo psychologist:
 * - on an open "suicidal" case: a positive, non-acute ASQ with its full-assessment task (due the next day);
 * - on an open "self-harm" case (or another open case): an acute ASQ whose checklist was answered line by line and
 *   closed, and the pupil's safety plan (two versions, the second written with the pupil).
 * Times follow the clock (this morning, local time). The director is logged in again at the end.
 */
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/api';
import type { CaseDetail } from '../../../shared/cases';
import type { Core } from '../api';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, type DemoSeeder } from '../demo/school';

async function call<M extends MethodName>(core: Core, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const r = await core.invoke(method, input);
  if (!r.ok) throw new Error(`demo screening: ${method} failed with ${r.error.code}`);
  return r.value as MethodOutput<M>;
}

async function loginAs(core: Core, login: string): Promise<void> {
  await call(core, 'auth.lock', {});
  await call(core, 'auth.login', { login, password: DEMO_PASSWORD });
}

/** the local wall-clock time `minutes` before `now`, as YYYY-MM-DDTHH:MM */
function localAt(now: Date, minutes: number): string {
  const d = new Date(now.getTime() - minutes * 60_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

async function openCases(core: Core): Promise<CaseDetail[]> {
  const page = await call(core, 'cases.list', { stages: ['identified', 'assessment', 'plan', 'intervention', 'monitoring'], pageSize: 200 });
  const out: CaseDetail[] = [];
  for (const item of page.items) out.push(await call(core, 'cases.get', { id: item.id }));
  return out;
}

export const demoScreeningSeeder: DemoSeeder = async (core, now) => {
  if (!DEMO_ACCOUNTS.some((a) => a.login === 'psychologist')) return;
  await loginAs(core, 'psychologist');
  const cases = await openCases(core);
  const suicidal = cases.find((c) => c.formOfHarm === 'suicidal');
  const acuteCase = cases.find((c) => c.formOfHarm === 'self_harm' && c.id !== suicidal?.id) ?? cases.find((c) => c.id !== suicidal?.id && c.formOfHarm === 'psychological');
  if (!suicidal || !acuteCase) {
    await loginAs(core, 'director');
    return;
  }

  // a positive, non-acute screen: the full assessment is a task due within 24 hours
  await call(core, 'screening.record', {
    caseId: suicidal.id,
    caseVersion: suicidal.version,
    pupilId: suicidal.pupils[0]!.pupilId,
    askedAt: localAt(now, 180),
    answers: { q1: 'yes', q2: 'no', q3: 'no', q4: 'no', q5: 'no' },
    notes: 'Соңғы апталарда көңіл-күйі төмен, ұйқысы нашар; қазір қауіп жоқ екенін айтты (демо).',
  });

  // an acute screen: the checklist answered and closed, then the safety plan written with the pupil
  const pupilId = acuteCase.pupils[0]!.pupilId;
  let s = await call(core, 'screening.record', {
    caseId: acuteCase.id,
    caseVersion: acuteCase.version,
    pupilId,
    askedAt: localAt(now, 120),
    answers: { q1: 'yes', q2: 'yes', q3: 'yes', q4: 'no', q5: 'yes' },
    notes: 'Оқушы психолог кабинетінде сынып жетекшісімен бірге қалды (демо).',
  });
  const answers: [MethodInput<'screening.answerLine'>, number][] = [
    [{ id: s.id, version: 0, line: 'not_alone', state: 'done', at: localAt(now, 119), note: 'Психолог пен сынып жетекшісі қасында (демо)' }, 0],
    [{ id: s.id, version: 0, line: 'director', state: 'done', at: localAt(now, 115) }, 0],
    [{ id: s.id, version: 0, line: 'parents', state: 'done', at: localAt(now, 110), note: 'Анасы телефон арқылы; 30 минутта келді (демо)' }, 0],
    [{ id: s.id, version: 0, line: 'referral', state: 'done', at: localAt(now, 90), note: 'Балалар психиатрына шұғыл жолдама (демо)' }, 0],
    [{ id: s.id, version: 0, line: 'emergency', state: 'not_done', reason: 'Қажет болмады: анасы баланы бірден дәрігерге алып барды (демо)' }, 0],
  ];
  for (const [input] of answers) s = await call(core, 'screening.answerLine', { ...input, version: s.version });
  await call(core, 'screening.closeChecklist', { id: s.id, version: s.version });
  const steps = {
    warningSigns: ['Ешкіммен сөйлескім келмейді', 'Түнде ұйықтай алмаймын'],
    coping: ['Музыка тыңдаймын', 'Сурет саламын', 'Терең дем аламын'],
    distractions: ['Әпкеммен серуендеймін', 'Спорт секциясы'],
    helpers: ['Анам', 'Әпкем', 'Сынып жетекшісі'],
    professionals: ['Мектеп психологы, 204-кабинет'],
    environment: ['Дәрілерді анам сақтайды'],
  };
  const v1 = await call(core, 'safetyPlan.save', { caseId: acuteCase.id, pupilId, baseVersion: 0, withPupil: false, steps: { ...steps, environment: [] } });
  await call(core, 'safetyPlan.save', { caseId: acuteCase.id, pupilId, baseVersion: v1.version, withPupil: true, steps });
  await loginAs(core, 'director');
};
