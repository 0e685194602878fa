/** The council's words the chronology uses: a hearing's line in either language (no other pupil's name in it). */
import type { DecisionType } from '../../../shared/council';
import type { Language } from '../../../shared/roles';

const TYPE_WORDS: Record<Language, Record<DecisionType, string>> = {
  kk: {
    note: 'шешім',
    register_on: 'мектепішілік есепке алу',
    register_off: 'мектепішілік есептен шығару',
    measure: 'шара тағайындау',
    referral: 'жолдама',
    invite_again: 'қайта шақыру',
  },
  ru: {
    note: 'решение',
    register_on: 'постановка на внутришкольный учёт',
    register_off: 'снятие с внутришкольного учёта',
    measure: 'назначение меры',
    referral: 'направление',
    invite_again: 'повторное приглашение',
  },
};

/** The chronology line of a hearing: no other pupil's name, only this pupil's typed decisions. */
export function hearingSummary(lang: Language, number: number, registerNumber: string, types: DecisionType[]): string {
  const kinds = [...new Set(types.filter((t) => t !== 'note'))].map((t) => TYPE_WORDS[lang][t]);
  if (lang === 'kk') {
    return `Профилактика кеңесінде қаралды (хаттама № ${number}, ${registerNumber})` + (kinds.length ? `. Қаулы: ${kinds.join(', ')}.` : '.');
  }
  return `Рассмотрен на Совете профилактики (протокол № ${number}, ${registerNumber})` + (kinds.length ? `. Решение: ${kinds.join(', ')}.` : '.');
}
