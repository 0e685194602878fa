import { describe, expect, it } from 'vitest';
import { abbreviationList, abbreviationNote, bodyRu, usesAbbreviation } from '../../../electron/core/frameworks/abbreviations';
import { builtinFrameworks } from '../../../electron/core/frameworks/builtin';

describe('the abbreviation reference list', () => {
  const list = abbreviationList();
  it('has the Kazakh and Russian form of every abbreviation Decree 748 uses, each with its source', () => {
    const decree = builtinFrameworks().find((f) => f.code === 'decree-748')!;
    const cells = decree.items.flatMap((i) => [i.responsibleKk, i.costKk, i.fundingKk, i.measureKk, i.completionFormKk]).join('\n');
    const used = list.entries.filter((e) => usesAbbreviation(cells, e.kk)).map((e) => e.kk);
    expect(used).toEqual(expect.arrayContaining(['ОМ', 'ДСМ', 'ІІМ', 'ЖАО', 'ЖБ', 'РБ', 'ТЖМ', 'ҰЭМ', 'ЦДИЛӨМ', 'ПМ']));
    for (const a of decree.abbreviations) expect(list.entries.some((e) => e.kk === a.abbr), a.abbr).toBe(true);
    for (const e of list.entries) expect(e.source.length).toBeGreaterThan(10);
    const ru = Object.fromEntries(list.entries.map((e) => [e.kk, e.ru]));
    expect(ru).toMatchObject({ ОМ: 'МП', ДСМ: 'МЗ', ІІМ: 'МВД', ЖАО: 'МИО', РБ: 'РБ', ЖБ: 'МБ', ТЖМ: 'МЧС', ҰЭМ: 'МНЭ' });
  });

  it('says where a meaning is not certain instead of guessing', () => {
    const pm = list.entries.find((e) => e.kk === 'ПМ')!;
    expect(pm).toMatchObject({ certain: false, fullKk: null, fullRu: null });
    expect(abbreviationNote('kk', ['ОМ, ПМ'])!.lines).toEqual([
      'ОМ – Қазақстан Республикасының Оқу-ағарту министрлігі;',
      'ПМ – толық жазылуы дереккөзде берілмеген.',
    ]);
  });

  it('prints bodies in their Russian forms and builds the Russian note from them', () => {
    expect(bodyRu('ОМ, ДСМ, Еңбекмині, ПМ, АҚДМ')).toBe('МП, МЗ, МТСЗН, ПМ, МИОР');
    expect(bodyRu('БП (келісу бойынша)')).toBe('ГП (по согласованию)');
    expect(bodyRu('Астана қаласының әкімдігі')).toBe('акимат города Астаны');
    expect(bodyRu('ОМ-ге ақпарат')).toBe('МП-ге ақпарат');
    const note = abbreviationNote('ru', ['МП, МЗ', 'МБ (в пределах предусмотренных бюджетных средств)'])!;
    expect(note.heading).toBe('Примечание: расшифровка аббревиатур');
    expect(note.lines).toEqual([
      'МБ – местный бюджет;',
      'МЗ – Министерство здравоохранения Республики Казахстан;',
      'МП – Министерство просвещения Республики Казахстан.',
    ]);
  });

  it('counts an abbreviation only as a whole word', () => {
    expect(usesAbbreviation('ОМ-ге ақпарат', 'ОМ')).toBe(true);
    expect(usesAbbreviation('ОМБ', 'ОМ')).toBe(false);
    expect(usesAbbreviation('ҚОМ', 'ОМ')).toBe(false);
  });
});
