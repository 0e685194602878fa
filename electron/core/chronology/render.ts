/**
 * A chronology summary in the reader's language: a stored message (messages.ts) is put into words here, a written
 * line is returned as it was written. The card's `chronology.list` reads in the session's language; a document that
 * quotes the chronology passes its own (the case summary reads the stage and risk changes from the messages).
 */
import type { ChronologyKind } from '../../../shared/chronology';
import type { Language } from '../../../shared/roles';
import { bullyingLine } from '../bullying/words';
import { hearingSummary } from '../council/words';
import { guardianLine } from '../guardians/words';
import { HARM_KK, HARM_RU, RISK_KK, RISK_RU, ROLE_KK, ROLE_RU, STAGE_KK, STAGE_RU } from '../cases/labels';
import { sentLine, updateLine } from '../referrals/words';
import { externalLine, measureLine, offLine, onLine, reviewLine } from '../register/queries';
import { acuteDoneLine, asqLine, safetyPlanLine, safetyPlanPrintedLine } from '../screening/words';
import { decodeMessage, type ChronologyMessage } from './messages';

const ARCHIVED: Record<Language, Record<Extract<ChronologyMessage, { key: 'pupil_archived' }>['reason'], string>> = {
  kk: { transferred: 'Басқа мектепке кетті', graduated: 'Мектепті бітірді', other: 'Мектептен шықты', restored: 'Мұрағаттан қайтарылды' },
  ru: { transferred: 'Выбыл в другую школу', graduated: 'Окончил школу', other: 'Выбыл', restored: 'Возвращён из архива' },
};

/** One message in words. */
function messageText(m: ChronologyMessage, lang: Language): string {
  switch (m.key) {
    case 'pupil_archived':
      return ARCHIVED[lang][m.reason];
    case 'concern':
      return lang === 'ru' ? `${HARM_RU[m.harm]} (${ROLE_RU[m.role]}): ${m.what}` : `${HARM_KK[m.harm]} (${ROLE_KK[m.role]}): ${m.what}`;
    case 'guardian':
      return guardianLine(lang, m);
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
      return sentLine(lang, m);
    case 'referral_update':
      return updateLine(lang, m);
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
    case 'asq':
      return asqLine(lang, m.case, m.result);
    case 'asq_acute_done':
      return acuteDoneLine(lang, m.case);
    case 'safety_plan':
      return safetyPlanLine(lang, m.case, m.version);
    case 'safety_plan_printed':
      return safetyPlanPrintedLine(lang, m.registerNumber, m.version);
    case 'bullying_started':
    case 'bullying_escalated':
    case 'bullying_talk':
    case 'bullying_commitment':
    case 'bullying_parents':
    case 'bullying_platform':
    case 'bullying_follow_up':
    case 'bullying_monitoring':
    case 'bullying_skipped':
      return bullyingLine(m, lang);
  }
}

/** The summary as the reader reads it: null stays null (no key), a message in `lang`, a written line unchanged. */
export function summaryText(kind: ChronologyKind, stored: string | null, lang: Language): string | null {
  if (stored === null) return null;
  const m = decodeMessage(kind, stored);
  return m ? messageText(m, lang) : stored;
}
