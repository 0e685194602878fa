/**
 * The bullying flow's chronology lines in words, in either language (chronology/render.ts calls `bullyingLine` for
 * the stored messages). What a worker wrote (a talk's summary, a commitment, what the parents were told, a reason)
 * is quoted as written.
 */
import type { BullyingStepKind, FollowUpOutcome } from '../../../shared/bullying';
import type { CONTACT_METHODS } from '../../../shared/cases';
import type { Language } from '../../../shared/roles';
import type { ChronologyMessage } from '../chronology/messages';

const STEP: Record<Language, Record<BullyingStepKind, string>> = {
  kk: {
    target_talk: 'зардап шеккен оқушымен әңгіме',
    initiator_talk: 'бастамашымен жеке әңгіме',
    parents: 'ата-ананы хабардар ету',
    platform_report: 'платформаға хабарлау',
    follow_up: 'қайталама әңгіме',
    monitoring: 'бақылау',
  },
  ru: {
    target_talk: 'беседа с пострадавшим учащимся',
    initiator_talk: 'индивидуальная беседа с инициатором',
    parents: 'информирование родителей',
    platform_report: 'сообщение платформе',
    follow_up: 'повторная беседа',
    monitoring: 'наблюдение',
  },
};

const OUTCOME: Record<Language, Record<FollowUpOutcome, string>> = {
  kk: { decreased: 'азайды', continued: 'жалғасуда', stopped: 'тоқтады' },
  ru: { decreased: 'уменьшилось', continued: 'продолжается', stopped: 'прекратилось' },
};

const METHOD: Record<Language, Record<ContactMethod, string>> = {
  kk: { meeting: 'кездесу', phone: 'телефон', home_visit: 'үйге бару', message: 'хабарлама', letter: 'хат' },
  ru: { meeting: 'встреча', phone: 'телефон', home_visit: 'посещение на дому', message: 'сообщение', letter: 'письмо' },
};

type ContactMethod = (typeof CONTACT_METHODS)[number];
type BullyingMessage = Extract<ChronologyMessage, { key: `bullying_${string}` }>;

/** One line of the flow, after the case number. */
function body(m: BullyingMessage, lang: Language): string {
  const ru = lang === 'ru';
  switch (m.key) {
    case 'bullying_started':
      return ru
        ? `начаты меры по ${m.cyber ? 'кибербуллингу' : 'буллингу'} (шагов: ${m.steps})`
        : `${m.cyber ? 'кибербуллинг' : 'буллинг'} бойынша іс-шаралар басталды (${m.steps} қадам)`;
    case 'bullying_escalated':
      return ru ? 'передано на рассмотрение совета профилактики' : 'профилактика кеңесінің қарауына жіберілді';
    case 'bullying_talk':
      return `${STEP[lang].target_talk}: ${m.text}`;
    case 'bullying_commitment':
      return `${STEP[lang].initiator_talk}; ${ru ? 'письменное обязательство' : 'жазбаша міндеттеме'}: ${m.text}`;
    case 'bullying_parents':
      return `${ru ? 'родители проинформированы' : 'ата-анасы хабардар етілді'} (${m.who}, ${METHOD[lang][m.method]}): ${m.text}`;
    case 'bullying_platform':
      return `${ru ? 'сообщено платформе' : 'платформаға хабарланды'} (${m.platform})`;
    case 'bullying_follow_up':
      return `${STEP[lang].follow_up}, ${ru ? 'результат' : 'нәтижесі'}: ${OUTCOME[lang][m.outcome]}`;
    case 'bullying_monitoring':
      return ru ? 'проведено наблюдение' : `${STEP.kk.monitoring} жүргізілді`;
    case 'bullying_skipped':
      return `«${STEP[lang][m.step]}» ${ru ? 'не проведено' : 'өткізілмеді'}: ${m.text}`;
  }
}

export function bullyingLine(m: BullyingMessage, lang: Language): string {
  return `№${m.case}: ${body(m, lang)}`;
}
