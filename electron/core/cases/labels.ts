/**
 * Words of the case work in the core, in both languages: a concern's form of harm and the pupil's role, the stages
 * and risk levels (chronology/render.ts puts a stage or
 * risk change into words in the reader's language; the case summary PDF prints them in its own).
 */
import type { CaseStage, FormOfHarm, PupilRole, Risk } from '../../../shared/cases';

export const HARM_KK: Record<FormOfHarm, string> = {
  physical: 'Физикалық зорлық-зомбылық',
  psychological: 'Психологиялық зорлық-зомбылық',
  sexual: 'Жыныстық зорлық-зомбылық',
  neglect: 'Қараусыз қалдыру',
  bullying: 'Буллинг',
  cyberbullying: 'Кибербуллинг',
  suicidal: 'Суицидтік ой немесе әрекет',
  self_harm: 'Аутодеструктивті мінез-құлық',
  difficult_life: 'Қиын өмірлік жағдай',
  domestic: 'Отбасылық-тұрмыстық зорлық-зомбылық',
};

export const ROLE_KK: Record<PupilRole, string> = { targeted: 'зардап шегуші', initiator: 'бастамашы', witness: 'куә' };

export const HARM_RU: Record<FormOfHarm, string> = {
  physical: 'Физическое насилие',
  psychological: 'Психологическое насилие',
  sexual: 'Сексуальное насилие',
  neglect: 'Пренебрежение нуждами ребёнка',
  bullying: 'Буллинг',
  cyberbullying: 'Кибербуллинг',
  suicidal: 'Суицидальные мысли или попытка',
  self_harm: 'Аутодеструктивное поведение',
  difficult_life: 'Трудная жизненная ситуация',
  domestic: 'Семейно-бытовое насилие',
};

export const ROLE_RU: Record<PupilRole, string> = { targeted: 'пострадавший', initiator: 'инициатор', witness: 'свидетель' };

export const STAGE_KK: Record<CaseStage, string> = {
  identified: 'анықталды',
  assessment: 'бағалау',
  plan: 'жоспар',
  intervention: 'араласу',
  monitoring: 'мониторинг',
  closed: 'жабылды',
};

export const RISK_KK: Record<Risk, string> = { none: 'қауіп жоқ', low: 'төмен', medium: 'орташа', high: 'жоғары', acute: 'өткір' };

export const STAGE_RU: Record<CaseStage, string> = {
  identified: 'выявлен',
  assessment: 'оценка',
  plan: 'план',
  intervention: 'вмешательство',
  monitoring: 'мониторинг',
  closed: 'закрыт',
};

export const RISK_RU: Record<Risk, string> = { none: 'нет риска', low: 'низкий', medium: 'средний', high: 'высокий', acute: 'острый' };
