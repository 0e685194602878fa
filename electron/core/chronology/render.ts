/**
 * A chronology summary in the reader's language: a stored message (messages.ts) is put into words here, a written
 * line is returned as it was written. The card's `chronology.list` reads in the session's language; a document that
 * quotes the chronology passes its own (the case summary reads the stage and risk changes from the messages).
 */
import type { ChronologyKind } from '../../../shared/chronology';
import type { AgencyType } from '../../../shared/referrals';
import type { Language } from '../../../shared/roles';
import { hearingSummary } from '../council/words';
import { RISK_KK, RISK_RU, STAGE_KK, STAGE_RU } from '../cases/labels';
import { AGENCY_KK } from '../referrals/queries';
import { externalLine, measureLine, offLine, onLine, reviewLine } from '../register/queries';
import { decodeMessage, type ChronologyMessage } from './messages';

const AGENCY_RU: Record<AgencyType, string> = {
  juvenile_police: 'ювенальная полиция',
  psychiatrist: 'психиатр',
  narcologist: 'нарколог',
  guardianship: 'органы опеки',
  psych_support: 'центр психологической поддержки',
  social_services: 'социальная служба',
  helpline_111: 'контакт-центр 111',
  helpline_150: 'телефон доверия 150',
};

function agency(lang: Language, type: AgencyType | null, name: string | null): string {
  const t = type ? (lang === 'ru' ? AGENCY_RU : AGENCY_KK)[type] : '—';
  return name ? `${t} (${name})` : t;
}

/** One message in words. */
function messageText(m: ChronologyMessage, lang: Language): string {
  switch (m.key) {
    case 'case_stage': {
      const words = lang === 'ru' ? STAGE_RU : STAGE_KK;
      return `№${m.case}: ${words[m.from]} → ${words[m.to]}`;
    }
    case 'case_risk': {
      const words = lang === 'ru' ? RISK_RU : RISK_KK;
      return `№${m.case}: ${words[m.from]} → ${words[m.to]}`;
    }
    case 'hearing':
      return hearingSummary(lang, m.minutes, m.registerNumber, m.decisions);
    case 'referral_sent':
      return lang === 'ru'
        ? `Направление (дело №${m.case}): ${agency(lang, m.agencyType, m.agencyName)} — отправлено; срок ответа ${m.answerDueOn}.`
        : `Жолдама (іс №${m.case}): ${agency(lang, m.agencyType, m.agencyName)} — жіберілді; жауап мерзімі ${m.answerDueOn}.`;
    case 'register_on':
      return onLine(m.decision, m.grounds, lang);
    case 'register_off':
      return offLine(m.decision, lang);
    case 'register_review':
      return reviewLine(m.outcome, m.next, lang);
    case 'register_external':
      return externalLine(m.body, m.from, m.to, lang);
    case 'prevention_plan':
      return measureLine(m.what, m.dueOn, m.doneOn, lang);
  }
}

/** The summary as the reader reads it: null stays null (no key), a message in `lang`, a written line unchanged. */
export function summaryText(kind: ChronologyKind, stored: string | null, lang: Language): string | null {
  if (stored === null) return null;
  const m = decodeMessage(kind, stored);
  return m ? messageText(m, lang) : stored;
}
