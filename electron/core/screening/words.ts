/**
 * The screening's chronology lines in words, in either language (chronology/render.ts calls them for the stored
 * messages). They are confidential entries: sealed in `confidential`, read by its holders only.
 */
import type { Language } from '../../../shared/roles';
import type { ScreeningResult } from '../../../shared/screening';

const RESULT: Record<Language, Record<ScreeningResult, string>> = {
  kk: { negative: 'теріс', positive: 'оң', acute: 'оң, жедел қауіп' },
  ru: { negative: 'отрицательный', positive: 'положительный', acute: 'положительный, острый риск' },
};

export function asqLine(lang: Language, caseNumber: number, result: ScreeningResult): string {
  return `№${caseNumber}: ASQ — ${RESULT[lang][result]}`;
}

export function acuteDoneLine(lang: Language, caseNumber: number): string {
  return lang === 'ru' ? `№${caseNumber}: ASQ — перечень срочных действий завершён` : `№${caseNumber}: ASQ — шұғыл әрекеттер тізімі аяқталды`;
}

export function safetyPlanLine(lang: Language, caseNumber: number, version: number): string {
  return lang === 'ru' ? `№${caseNumber}: план безопасности, версия ${version}` : `№${caseNumber}: қауіпсіздік жоспары, ${version}-нұсқа`;
}

export function safetyPlanPrintedLine(lang: Language, registerNumber: string, version: number): string {
  return lang === 'ru'
    ? `${registerNumber}: план безопасности распечатан для учащегося (версия ${version})`
    : `${registerNumber}: қауіпсіздік жоспары оқушыға басып шығарылды (${version}-нұсқа)`;
}
