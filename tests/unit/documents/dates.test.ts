import { describe, expect, it } from 'vitest';
import { blankDateLine, formatDate, formatDateKk, formatDateRu, formatDateTime, formatMonth } from '../../../electron/core/documents/dates';

describe('dates written the kk and ru way', () => {
  it('writes the seed decree date: "2023 жылғы 31 тамыз" / "31 августа 2023 г."', () => {
    const d = new Date(2023, 7, 31);
    expect(formatDateKk(d)).toBe('2023 жылғы 31 тамыз');
    expect(formatDateRu(d)).toBe('31 августа 2023 г.');
  });

  it('names every month', () => {
    const kk = Array.from({ length: 12 }, (_, m) => formatDateKk(new Date(2024, m, 1)).split(' ')[3]);
    expect(kk).toEqual(['қаңтар', 'ақпан', 'наурыз', 'сәуір', 'мамыр', 'маусым', 'шілде', 'тамыз', 'қыркүйек', 'қазан', 'қараша', 'желтоқсан']);
    const ru = Array.from({ length: 12 }, (_, m) => formatDateRu(new Date(2024, m, 1)).split(' ')[1]);
    expect(ru).toEqual(['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря']);
  });

  it('writes months, times and the blank date line of the approval block', () => {
    expect(formatMonth('kk', new Date(2023, 11, 5))).toBe('2023 жылғы желтоқсан');
    expect(formatMonth('ru', new Date(2023, 11, 5))).toBe('декабрь 2023 г.');
    expect(formatDateTime('kk', new Date(2026, 0, 9, 8, 5))).toBe('2026 жылғы 9 қаңтар, 08:05');
    expect(formatDate('ru', new Date(2026, 0, 9))).toBe('9 января 2026 г.');
    expect(blankDateLine('kk')).toBe('«___» ____________ 20__ ж.');
    expect(blankDateLine('ru')).toBe('«___» ____________ 20__ г.');
  });

  it('refuses an invalid date', () => {
    expect(() => formatDateKk(new Date('nonsense'))).toThrow(RangeError);
  });
});
