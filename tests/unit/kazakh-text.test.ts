import { describe, expect, it } from 'vitest';
import { collatorFor, compareKk, foldForSearch, KK_ALPHABET, kkSortKey, nameMatches, parseNameQuery } from '../../shared/kazakh-text';

describe('the Kazakh alphabet order', () => {
  it('has the 42 letters, and the sort key keeps their order, case-insensitive', () => {
    expect(KK_ALPHABET).toHaveLength(42);
    const shuffled = [...KK_ALPHABET].reverse().map((l, i) => (i % 2 ? l.toLowerCase() : l));
    expect(shuffled.sort(compareKk).map((l) => l.toUpperCase())).toEqual([...KK_ALPHABET]);
    expect(kkSortKey('әлихан')).toBe(kkSortKey('ӘЛИХАН'));
  });

  it('agrees with ICU (Intl.Collator kk) on the alphabet and on names', () => {
    const icu = new Intl.Collator('kk', { sensitivity: 'base' });
    expect(icu.resolvedOptions().locale).toBe('kk');
    const names = ['Дәулет', 'Әлихан', 'Арман', 'Ғабит', 'Габдуллин', 'Қасым', 'Касым', 'Ұлпан', 'Үмбет', 'Уәли', 'Інжу', 'Ыбырай', 'Иван', 'Өмір', 'Оспан', 'Һади', 'Хасен', 'Ңа', 'Нұр', 'Яна', 'Эльвира', 'Юлия', 'Шолпан', 'Щукин'];
    expect([...names].sort(compareKk)).toEqual([...names].sort(icu.compare));
    expect([...KK_ALPHABET].reverse().sort(icu.compare)).toEqual([...KK_ALPHABET]);
  });

  it('puts class letters 1 А, 1 Ә, 1 Б and keeps Russian names in the Russian order', () => {
    expect(['Б', 'Ә', 'А'].sort(compareKk)).toEqual(['А', 'Ә', 'Б']);
    const ru = ['Яковлев', 'Ершов', 'Борисов', 'Щукин', 'Шаров', 'Эйхе', 'Юдин', 'Абрамов', 'Ъ', 'Ы'];
    expect([...ru].sort(compareKk)).toEqual([...ru].sort(new Intl.Collator('ru').compare));
    // the one difference: Russian sorts Ё with Е, Kazakh (and the SQL order) as a letter of its own after Е
    expect(['Ёлкин', 'Ершов'].sort(compareKk)).toEqual(['Ершов', 'Ёлкин']);
  });

  it('gives the screens an ICU collator for kk and ru', () => {
    expect(['Б', 'Ә', 'А'].sort(collatorFor('kk'))).toEqual(['А', 'Ә', 'Б']);
    expect(['Дәулет', 'Әлихан'].sort(collatorFor('kk'))).toEqual(['Әлихан', 'Дәулет']);
    expect(['10 А', '9 А', '1 А'].sort(collatorFor('ru'))).toEqual(['1 А', '9 А', '10 А']);
  });
});

describe('search folding', () => {
  it('folds the letters people swap and Latin spellings to one skeleton', () => {
    const same = [
      ['Әлихан', 'Алихан', 'Alikhan', 'Älihan', 'Alihan'],
      ['Сезім', 'Сезим', 'Sezim'],
      ['Нұрсұлтан', 'Нурсултан', 'Nursultan', 'Nūrsūltan'],
      ['Аружан', 'Aruzhan', 'Arujan'],
      ['Айбек', 'Aybek', 'Aibek', 'Aıbek'],
      ['Ерасыл', 'Yerasyl', 'Erasyl'],
      ['Өмір', 'Омир', 'Ömir', 'Omir'],
      ['Сынақова', 'Synaqova', 'Synakova', 'Синакова'],
      ['Шолпан', 'Sholpan', 'Şolpan'],
      ['Жансая', 'Zhansaya', 'Jansaya'],
      ['Мөлдір', 'Moldir', 'Möldir'],
      ['Һади', 'Хади', 'Hadi', 'Khadi'],
      ['Ғабит', 'Габит', 'Gabit', 'Ğabit', 'Ǵabit'],
      ['Аңсар', 'Ансар', 'Ansar', 'Ańsar'],
    ];
    for (const group of same) {
      const folded = group.map(foldForSearch);
      expect(new Set(folded).size, group.join(' ')).toBe(1);
    }
  });

  it('turns punctuation into spaces and keeps digits', () => {
    expect(foldForSearch('Әлі-Хан')).toBe('али хан');
    expect(foldForSearch('7 «Ә»')).toBe('7  а ');
  });

  it('splits a query into folded words and an IIN prefix', () => {
    expect(parseNameQuery('  Сезім  ')).toEqual({ words: ['сезим'], iinPrefix: null });
    expect(parseNameQuery('130504 мысал')).toEqual({ words: ['мисал'], iinPrefix: '130504' });
    expect(parseNameQuery('"*( )')).toEqual({ words: [], iinPrefix: null });
    expect(nameMatches('Мысалов Әлихан', parseNameQuery('алих салов').words)).toBe(true);
    expect(nameMatches('Мысалов Әлихан', parseNameQuery('Дәулет').words)).toBe(false);
  });
});
