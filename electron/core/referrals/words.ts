/**
 * A referral's chronology lines in words, in either language (chronology/render.ts calls them for the stored
 * messages `referral_sent` and `referral_update`). The agency's own name is quoted as written.
 */
import type { AgencyType, ReferralStatus } from '../../../shared/referrals';
import type { Language } from '../../../shared/roles';

const AGENCY: Record<Language, Record<AgencyType, string>> = {
  kk: {
    juvenile_police: 'ювеналды полиция',
    psychiatrist: 'психиатр',
    narcologist: 'нарколог',
    guardianship: 'қорғаншылық және қамқоршылық органы',
    psych_support: 'психологиялық қолдау орталығы',
    social_services: 'әлеуметтік қызмет',
    helpline_111: '111 байланыс орталығы',
    helpline_150: '150 сенім телефоны',
  },
  ru: {
    juvenile_police: 'ювенальная полиция',
    psychiatrist: 'психиатр',
    narcologist: 'нарколог',
    guardianship: 'органы опеки',
    psych_support: 'центр психологической поддержки',
    social_services: 'социальная служба',
    helpline_111: 'контакт-центр 111',
    helpline_150: 'телефон доверия 150',
  },
};

const STATUS: Record<Language, Record<ReferralStatus, string>> = {
  kk: { draft: 'жобасы жасалды', sent: 'жіберілді', accepted: 'қабылданды', rejected: 'қабылданбады', done: 'орындалды', withdrawn: 'кері қайтарылды' },
  ru: { draft: 'проект подготовлен', sent: 'отправлено', accepted: 'принято', rejected: 'отклонено', done: 'выполнено', withdrawn: 'отозвано' },
};

interface Agency {
  case: number;
  agencyType: AgencyType | null;
  agencyName: string | null;
}

function agency(lang: Language, m: Agency): string {
  const t = m.agencyType ? AGENCY[lang][m.agencyType] : '—';
  return m.agencyName ? `${t} (${m.agencyName})` : t;
}

function head(lang: Language, m: Agency): string {
  return lang === 'ru' ? `Направление (дело №${m.case}): ${agency(lang, m)}` : `Жолдама (іс №${m.case}): ${agency(lang, m)}`;
}

/** Sent, with the date the answer is due. */
export function sentLine(lang: Language, m: Agency & { answerDueOn: string }): string {
  return lang === 'ru'
    ? `${head(lang, m)} — ${STATUS.ru.sent}; срок ответа ${m.answerDueOn}.`
    : `${head(lang, m)} — ${STATUS.kk.sent}; жауап мерзімі ${m.answerDueOn}.`;
}

/**
 * Drafted (the text is the reason), moved to a status (the text, if any, is the agency's answer), or — status null —
 * the agency's answer recorded.
 */
export function updateLine(lang: Language, m: Agency & { status: ReferralStatus | null; text: string }): string {
  if (m.status === null) {
    return lang === 'ru'
      ? `Ответ на направление (дело №${m.case}): ${agency(lang, m)}. ${m.text}`
      : `Жолдамаға жауап (іс №${m.case}): ${agency(lang, m)}. ${m.text}`;
  }
  const line = `${head(lang, m)} — ${STATUS[lang][m.status]}.`;
  if (!m.text) return line;
  if (m.status === 'draft') return `${line} ${m.text}`;
  return `${line} ${lang === 'ru' ? 'Ответ' : 'Жауап'}: ${m.text}`;
}
