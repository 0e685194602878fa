/**
 * Dates written the way Kazakh and Russian office documents write them.
 *
 * kk: "2023 жылғы 31 тамыз"; ru: "31 августа 2023 г.". The calendar date is taken in the machine's local time zone
 * (the app runs on the school's PC in Kazakhstan); pass a Date.
 */
import type { DocLang } from './types';

/** Kazakh month names (nominative, lower case), January first. */
export const KK_MONTHS = [
  'қаңтар',
  'ақпан',
  'наурыз',
  'сәуір',
  'мамыр',
  'маусым',
  'шілде',
  'тамыз',
  'қыркүйек',
  'қазан',
  'қараша',
  'желтоқсан',
] as const;

/** Russian month names in the genitive ("31 августа"), January first. */
export const RU_MONTHS_GENITIVE = [
  'января',
  'февраля',
  'марта',
  'апреля',
  'мая',
  'июня',
  'июля',
  'августа',
  'сентября',
  'октября',
  'ноября',
  'декабря',
] as const;

/** Russian month names in the nominative ("август 2023 г."), January first. */
export const RU_MONTHS_NOMINATIVE = [
  'январь',
  'февраль',
  'март',
  'апрель',
  'май',
  'июнь',
  'июль',
  'август',
  'сентябрь',
  'октябрь',
  'ноябрь',
  'декабрь',
] as const;

function parts(d: Date): { y: number; m: number; day: number } {
  if (Number.isNaN(d.getTime())) throw new RangeError('invalid date');
  return { y: d.getFullYear(), m: d.getMonth(), day: d.getDate() };
}

/** "2023 жылғы 31 тамыз" */
export function formatDateKk(d: Date): string {
  const { y, m, day } = parts(d);
  return `${y} жылғы ${day} ${KK_MONTHS[m]}`;
}

/** "31 августа 2023 г." */
export function formatDateRu(d: Date): string {
  const { y, m, day } = parts(d);
  return `${day} ${RU_MONTHS_GENITIVE[m]} ${y} г.`;
}

/** The document date in the given language. */
export function formatDate(lang: DocLang, d: Date): string {
  return lang === 'kk' ? formatDateKk(d) : formatDateRu(d);
}

/** "2023 жылғы желтоқсан" / "декабрь 2023 г." — a deadline given as a month. */
export function formatMonth(lang: DocLang, d: Date): string {
  const { y, m } = parts(d);
  return lang === 'kk' ? `${y} жылғы ${KK_MONTHS[m]}` : `${RU_MONTHS_NOMINATIVE[m]} ${y} г.`;
}

/** "2023 жылғы 31 тамыз, 14:05" / "31 августа 2023 г., 14:05" — used in signature stamps. */
export function formatDateTime(lang: DocLang, d: Date): string {
  const hh = String(d.getHours()).padStart(2, '0');
  const mm = String(d.getMinutes()).padStart(2, '0');
  return `${formatDate(lang, d)}, ${hh}:${mm}`;
}

/** «31» тамыз 2023 ж. style is not used: the approval block prints a blank line to fill in by hand, or the full date. */
export function blankDateLine(lang: DocLang): string {
  return lang === 'kk' ? '«___» ____________ 20__ ж.' : '«___» ____________ 20__ г.';
}
