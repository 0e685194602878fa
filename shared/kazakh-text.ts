/**
 * Kazakh text rules shared by the core (SQL functions registered on the connection, electron/core/db/functions.ts)
 * and the screens: the Kazakh alphabet order for sorting names and class letters, and the folding behind forgiving
 * name search.
 *
 * Sorting. The Kazakh Cyrillic alphabet (42 letters) keeps the Russian letters in their Russian order and puts each
 * Kazakh letter after its nearest one (Ә after А, Ғ after Г, Қ after К, Ң after Н, Ө after О, Ұ Ү after У, Һ after
 * Х, І after Ы). ICU's `Intl.Collator('kk')` has the same order (a unit test holds the two together); `kkSortKey`
 * is that order as a plain string the DB can compare byte by byte (SQLite's own order puts Ә, Ғ, Қ … after Я).
 * Russian names sort the same in both alphabets, so one SQL order serves both languages.
 *
 * Search. People type names as they can: и for і, а for ә, о for ө, у for ү/ұ, к for қ, г for ғ, н for ң, х for
 * һ, Latin spellings (Alikhan, Äliхan, Aruzhan, Arujan, Nursultan, Synaqov). `foldForSearch` brings all of them to
 * one plain Cyrillic skeleton; a name matches when every word typed is found anywhere inside it (not only at word
 * starts). A word of digits is an IIN prefix.
 */

/** The Kazakh Cyrillic alphabet, in order. */
export const KK_ALPHABET = [
  'А', 'Ә', 'Б', 'В', 'Г', 'Ғ', 'Д', 'Е', 'Ё', 'Ж', 'З', 'И', 'Й', 'К', 'Қ', 'Л', 'М', 'Н', 'Ң', 'О', 'Ө', 'П', 'Р',
  'С', 'Т', 'У', 'Ұ', 'Ү', 'Ф', 'Х', 'Һ', 'Ц', 'Ч', 'Ш', 'Щ', 'Ъ', 'Ы', 'І', 'Ь', 'Э', 'Ю', 'Я',
] as const;

const RANK = new Map<string, number>(KK_ALPHABET.map((l, i) => [l, i]));
/** Alphabet letters sort after digits, spaces, punctuation and Latin letters, before any other script. */
const LETTER_BASE = 0x0400;
const OTHER_SHIFT = 0x1000;

/**
 * A key whose plain (code point / UTF-8 byte) order is the Kazakh alphabet order, case-insensitive: compare keys,
 * then the texts themselves to break ties.
 */
export function kkSortKey(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC').toLocaleUpperCase('kk')) {
    const rank = RANK.get(ch);
    if (rank !== undefined) out += String.fromCharCode(LETTER_BASE + rank);
    else {
      const cp = ch.codePointAt(0) ?? 0;
      out += cp < LETTER_BASE ? ch : String.fromCodePoint(cp + OTHER_SHIFT);
    }
  }
  return out;
}

/** Compares two texts in the Kazakh alphabet order (ties: the plain texts). */
export function compareKk(a: string, b: string): number {
  const ka = kkSortKey(a);
  const kb = kkSortKey(b);
  if (ka !== kb) return ka < kb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A collator for the screens: ICU's for the language when the runtime has it (Chromium and Node ship kk and ru),
 * else the explicit Kazakh alphabet.
 */
export function collatorFor(lang: 'kk' | 'ru'): (a: string, b: string) => number {
  try {
    const c = new Intl.Collator(lang, { sensitivity: 'base', numeric: true });
    if (c.resolvedOptions().locale.startsWith(lang)) return (a, b) => c.compare(a, b);
  } catch {
    // no ICU data for the language: the explicit alphabet below
  }
  return compareKk;
}

/** Kazakh and Russian letters people swap for each other, folded to one. */
const CYRILLIC_FOLD: Record<string, string> = {
  ә: 'а',
  і: 'и',
  ы: 'и',
  й: 'и',
  ө: 'о',
  ү: 'у',
  ұ: 'у',
  қ: 'к',
  ғ: 'г',
  ң: 'н',
  һ: 'х',
  ё: 'е',
  э: 'е',
  щ: 'ш',
  ъ: '',
  ь: '',
  я: 'иа',
  ю: 'иу',
};

/** Latin letter groups (Kazakh Latin of 2018/2021, Russian-style and English-style spellings), longest first. */
const LATIN_GROUPS: [string, string][] = [
  ['shch', 'ш'],
  ['sh', 'ш'],
  ['ch', 'ч'],
  ['zh', 'ж'],
  ['kh', 'х'],
  ['ts', 'ц'],
  ['ye', 'е'],
  ['yo', 'е'],
];

const LATIN_ONE: Record<string, string> = {
  a: 'а', ä: 'а', á: 'а', b: 'б', c: 'ц', ç: 'ч', d: 'д', e: 'е', é: 'е', f: 'ф', g: 'г', ğ: 'г', ǵ: 'г', h: 'х',
  i: 'и', ı: 'и', ì: 'и', í: 'и', j: 'ж', k: 'к', l: 'л', m: 'м', n: 'н', ñ: 'н', ń: 'н', o: 'о', ö: 'о', ó: 'о',
  p: 'п', q: 'к', r: 'р', s: 'с', ş: 'ш', t: 'т', u: 'у', ü: 'у', ú: 'у', ū: 'у', v: 'в', w: 'у', x: 'х', y: 'и',
  ý: 'и', z: 'з',
};

/**
 * The search skeleton of a text: lower case, Latin spellings written in Cyrillic, the letters people swap folded
 * to one, anything that is not a letter or digit turned into a space (so words stay apart). Apply it to both the
 * name and what was typed.
 */
export function foldForSearch(text: string): string {
  const lower = text.normalize('NFC').toLocaleLowerCase('kk');
  let out = '';
  let i = 0;
  outer: while (i < lower.length) {
    const ch = lower[i]!;
    if (ch >= 'a' && ch <= 'z') {
      for (const [from, to] of LATIN_GROUPS) {
        if (lower.startsWith(from, i)) {
          out += to;
          i += from.length;
          continue outer;
        }
      }
    }
    const latin = LATIN_ONE[ch];
    if (latin !== undefined) out += latin;
    else {
      const folded = CYRILLIC_FOLD[ch];
      if (folded !== undefined) out += folded;
      else if (/[\p{L}\p{N}]/u.test(ch)) out += ch;
      else out += ' ';
    }
    i += 1;
  }
  return out;
}

export interface NameQuery {
  /** folded words, each to be found inside the name */
  words: string[];
  /** digits typed: the start of an IIN */
  iinPrefix: string | null;
}

/** What a person typed in a name/IIN search box, split into folded name words and an IIN prefix (at most 6 words). */
export function parseNameQuery(text: string): NameQuery {
  const raw = text.split(/\s+/u).filter((w) => w.length > 0).slice(0, 6);
  const digits = raw.filter((w) => /^\d+$/u.test(w));
  const words = raw
    .filter((w) => !/^\d+$/u.test(w))
    .flatMap((w) => foldForSearch(w).split(' '))
    .filter((w) => w.length > 0);
  return { words, iinPrefix: digits.length > 0 ? digits.join('').slice(0, 12) : null };
}

/** Whether a name (its parts joined) holds every folded word. */
export function nameMatches(fullName: string, words: readonly string[]): boolean {
  if (words.length === 0) return true;
  const folded = foldForSearch(fullName);
  return words.every((w) => folded.includes(w));
}
