/**
 * ЖСН / ИИН: 12 digits — YYMMDD, a century-and-sex digit (1/2 = 1800s, 3/4 = 1900s, 5/6 = 2000s; odd male, even
 * female), four digits, a check digit: Σ digit×weight (weights 1..11) mod 11; if 10, weights 3..11,1,2; if again
 * 10, the number is invalid.
 */
export interface IinInfo {
  birthDate: string; // YYYY-MM-DD
  sex: 'm' | 'f';
}

const W1 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const W2 = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

export function iinCheckDigit(first11: string): number | null {
  const d = [...first11].map(Number);
  const sum = (w: number[]) => d.reduce((s, x, i) => s + x * (w[i] ?? 0), 0) % 11;
  let c = sum(W1);
  if (c === 10) c = sum(W2);
  return c === 10 ? null : c;
}

export type IinProblem = 'format' | 'date' | 'century' | 'checksum';

export function parseIin(iin: string): { ok: true; info: IinInfo } | { ok: false; problem: IinProblem } {
  if (!/^\d{12}$/.test(iin)) return { ok: false, problem: 'format' };
  const cs = Number(iin[6]);
  const century = cs === 1 || cs === 2 ? 1800 : cs === 3 || cs === 4 ? 1900 : cs === 5 || cs === 6 ? 2000 : null;
  if (century === null) return { ok: false, problem: 'century' };
  const year = century + Number(iin.slice(0, 2));
  const month = Number(iin.slice(2, 4));
  const day = Number(iin.slice(4, 6));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return { ok: false, problem: 'date' };
  }
  const check = iinCheckDigit(iin.slice(0, 11));
  if (check === null || check !== Number(iin[11])) return { ok: false, problem: 'checksum' };
  return {
    ok: true,
    info: { birthDate: `${year}-${iin.slice(2, 4)}-${iin.slice(4, 6)}`, sex: cs % 2 === 1 ? 'm' : 'f' },
  };
}

/** Builds a valid IIN from a birth date, sex and a 4-digit serial (demo data, tests). Null if no check digit exists. */
export function makeIin(birthDate: string, sex: 'm' | 'f', serial: number): string | null {
  const [y, m, d] = birthDate.split('-');
  if (!y || !m || !d) return null;
  const year = Number(y);
  const base = year >= 2000 ? 5 : year >= 1900 ? 3 : 1;
  const cs = base + (sex === 'f' ? 1 : 0);
  const first11 = `${y.slice(2)}${m}${d}${cs}${String(serial).padStart(4, '0')}`;
  const check = iinCheckDigit(first11);
  return check === null ? null : first11 + String(check);
}
