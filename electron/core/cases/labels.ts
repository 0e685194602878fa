/**
 * Words for the chronology summaries the case work writes (sealed with the entry). They are written in Kazakh, the
 * school's first language; the card shows the entry's kind translated in either language beside them.
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

export const STAGE_KK: Record<CaseStage, string> = {
  identified: 'анықталды',
  assessment: 'бағалау',
  plan: 'жоспар',
  intervention: 'араласу',
  monitoring: 'мониторинг',
  closed: 'жабылды',
};

export const RISK_KK: Record<Risk, string> = { none: 'қауіп жоқ', low: 'төмен', medium: 'орташа', high: 'жоғары', acute: 'өткір' };
