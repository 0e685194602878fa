import { describe, expect, it } from 'vitest';
import { iinCheckDigit, makeIin, parseIin } from '../../shared/iin';

describe('IIN (ЖСН / ИИН)', () => {
  it('derives birth date and sex from a valid IIN', () => {
    const iin = makeIin('2012-03-15', 'f', 1234)!;
    expect(iin).toMatch(/^1203156\d{5}$/);
    expect(parseIin(iin)).toEqual({ ok: true, info: { birthDate: '2012-03-15', sex: 'f' } });
    const boy = makeIin('1987-11-02', 'm', 42)!;
    expect(boy.slice(6, 7)).toBe('3');
    expect(parseIin(boy)).toEqual({ ok: true, info: { birthDate: '1987-11-02', sex: 'm' } });
  });

  it('computes the check digit with the first weights, and the second when the first give 10', () => {
    // 11 digits chosen so that Σ d×(1..11) mod 11 = 10: the second weights decide
    const digits = '00000000001';
    expect([...digits].map(Number).reduce((s, d, i) => s + d * (i + 1), 0) % 11).toBe(0);
    let found: string | null = null;
    for (let serial = 0; serial < 10000 && !found; serial++) {
      const first11 = `120315${5}${String(serial).padStart(4, '0')}`;
      const s1 = [...first11].map(Number).reduce((s, d, i) => s + d * (i + 1), 0) % 11;
      if (s1 === 10) found = first11;
    }
    expect(found).not.toBeNull();
    const w2 = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];
    const s2 = [...found!].map(Number).reduce((s, d, i) => s + d * w2[i]!, 0) % 11;
    expect(iinCheckDigit(found!)).toBe(s2 === 10 ? null : s2);
  });

  it('rejects wrong length, letters, impossible dates, a bad century digit and a wrong check digit', () => {
    const good = makeIin('2010-01-31', 'm', 7)!;
    expect(parseIin(good.slice(0, 11))).toEqual({ ok: false, problem: 'format' });
    expect(parseIin('12031a612345')).toEqual({ ok: false, problem: 'format' });
    expect(parseIin('100230512345')).toEqual({ ok: false, problem: 'date' }); // 30 February
    expect(parseIin('100131912345')).toEqual({ ok: false, problem: 'century' });
    const wrong = good.slice(0, 11) + String((Number(good[11]) + 1) % 10);
    expect(parseIin(wrong)).toEqual({ ok: false, problem: 'checksum' });
  });
});
