import { describe, expect, it } from 'vitest';
import { frameworkFileSchema } from '../../../shared/frameworks';
import { builtinFrameworks } from '../../../electron/core/frameworks/builtin';
import raw from '../../../electron/core/frameworks/data/decree-748.json';

const decree = builtinFrameworks().find((f) => f.code === 'decree-748')!;
const item = (n: string) => {
  const found = decree.items.find((i) => i.number === n);
  if (!found) throw new Error(`item ${n} missing`);
  return found;
};

describe('Decree 748 rebuilt from the seed', () => {
  it('passes the framework file schema (the same check an imported file gets)', () => {
    expect(frameworkFileSchema.safeParse(raw).success).toBe(true);
    // revision 2 added the Russian texts (translations, marked) and the full names of ІІМ, ТЖМ, ҰЭМ, ЦДИЛӨМ
    expect(decree.revision).toBe(2);
    expect(decree.issuedOn).toBe('2023-08-31');
    expect(decree.issuedNumber).toBe('748');
  });

  it('keeps the decree item numbers, only those the seed holds, in the right sections', () => {
    const bySection: Record<string, string[]> = {};
    for (const i of decree.items) (bySection[i.section] ??= []).push(i.number);
    expect(bySection).toEqual({
      '1': ['4', '5', '6', '7', '8', '9', '10', '11', '16', '17', '18', '19', '20', '21', '22', '23'],
      '2.1': ['24', '25', '26', '27', '28', '29'],
      '2.2': ['30'],
      '3.1': ['39', '40', '41', '42', '43', '44', '45', '46', '47'],
      '3.2': ['48', '49', '50', '51', '52', '53'],
    });
    // items absent from the seed are not invented
    for (const n of ['1', '2', '3', '12', '13', '14', '15', '31', '35', '38']) {
      expect(decree.items.some((i) => i.number === n)).toBe(false);
    }
  });

  it('has the seed section titles and leaves the ones it lacks empty', () => {
    const s = Object.fromEntries(decree.sections.map((x) => [x.code, x]));
    expect(s['2']!.titleKk).toBe('Балалардың суицидтік және аутоагрессивті мінез-құлқының профилактикасы және оны түзету');
    expect(s['2.1']!.titleKk).toBe('Қысқа мерзімді шаралар');
    expect(s['2.2']!.titleKk).toBe('Орта мерзімді шаралар');
    expect(s['3.2']!.titleKk).toBe('Орта мерзімді шаралар');
    expect(s['3.1']!.titleKk).toBeNull();
    expect(s['1']!.titleKk).toBeNull();
    expect(s['2.1']!.parent).toBe('2');
  });

  it('moves the completion form and the other cells of items 4–11 down to their own measure', () => {
    expect(item('4').completionFormKk).toBe('бірлескен бұйрық');
    expect(item('4').responsibleKk).toBe('ОМ, ДСМ, Еңбекмині, ПМ, АҚДМ');
    expect(item('5').completionFormKk).toBe('бұйрық');
    // item 6's campaign sits on item 5's line in the seed
    expect(item('6').measureKk).toContain('ұлттық акпараттық науқан');
    expect(item('6').completionFormKk).toBe('акпараттық науқан');
    expect(item('6').deadlineKk).toBe('жыл сайын желтоқсан');
    expect(item('7').completionFormKk).toBe('тәрбие жұмысы бағдарламасы');
    expect(item('8').measureKk).toContain('KiVa');
    expect(item('8').completionFormKk).toBe('балаларды жәбірлеудің (буллингтің) профилактикасы жөніндегі бағдарлама');
    expect(item('8').fundingKk).toBe('РБ (көзделген бюджет қаражаты шегінде)');
    expect(item('9').completionFormKk).toBe('бірыңғай тізбе');
    expect(item('10').completionFormKk).toBe('жадынамалар, әдістемелік ұсынымдар');
    expect(item('10').responsibleKk).toBe('ОМ, ПМ, ДСМ, ТЖМ, ЖАО');
    expect(item('11').completionFormKk).toBe('мессенджердегі ата-аналар чаты (арнасы)');
    for (const n of ['4', '5', '6', '7', '8', '9', '10', '11']) expect(item(n).repaired.length).toBeGreaterThan(0);
  });

  it('restores the lost first digit of section 3.1 and shifts its cells the same way', () => {
    expect(item('39').measureKk).toBe('Қазақстан Республикасында GlobalKidsonline зерттеуін жүргізу (қазақстандық балалардың онлайн-ортадағы тәжірибесін зерделеу)');
    expect(item('39').completionFormKk).toBe('зерттеу нәтижелері');
    expect(item('39').costKk).toBe('44, 429 млн теңге');
    expect(item('40').measureKk).toBe('Тәрбие жұмысын ұйымдастыру мәселесі бойынша әдістемелік ұсыным әзірлеу');
    expect(item('40').completionFormKk).toBe('әдістемелік ұсыным');
    expect(item('46').completionFormKk).toBe('кездесулер хаттамасы');
    expect(item('47').measureKk).toContain('BalaQorgau');
    expect(item('47').completionFormKk).toBe('Қазақстан Республикасының Үкіметіне ұсыныстар');
    expect(item('47').deadlineKk).toBe('2023 жылғы қазан');
    expect(item('41').repaired.some((r) => r.includes('"1"'))).toBe(true);
  });

  it('keeps cells that need no repair and leaves missing ones empty', () => {
    expect(item('16').responsibleKk).toBe('ҚСЖАК (келісу бойынша)');
    expect(item('18').deadlineKk).toBe('2024 жылғы қаңтар');
    expect(item('21').responsibleKk).toBe('ИИДМ, ОМ, ҰЭМ, Астана қаласының әкімдігі');
    expect(item('22').deadlineKk).toBeNull();
    expect(item('24').costKk).toBe('4, 442 млн теңге');
    expect(item('24').deadlineKk).toBeNull();
    expect(item('53').deadlineKk).toBe('жыл сайын қыркүйек, желтоқсан, наурыз, маусым');
    expect(item('53').fundingKk).toBe('-');
    // the official Russian text was not at hand: every Russian text is a translation, marked as such
    expect(decree.items.every((i) => i.measureRu !== null && i.ruSource === 'translation')).toBe(true);
    expect(decree.items.every((i) => (i.deadlineRu === null) === (i.deadlineKk === null))).toBe(true);
    expect(item('24').costRu).toBe('4,442 млн тенге');
    expect(item('19').fundingRu).toBe('МБ (в пределах предусмотренных бюджетных средств)');
  });

  it('lists the abbreviations with their full names, and marks those the seed does not expand', () => {
    const a = Object.fromEntries(decree.abbreviations.map((x) => [x.abbr, x]));
    expect(a['ОМ']!.fullKk).toBe('Қазақстан Республикасының Оқу-ағарту министрлігі');
    expect(a['ЖАО']!.fullKk).toBe('жергілікті атқарушы органдар');
    expect(a['ҚСЖАК']!.fullKk).toBe('Қазақстан Республикасы Бас прокуратурасының Құқықтық статистика және арнайы есепке алу комитеті');
    expect(a['РБ']!.fullKk).toBe('республикалық бюджет');
    expect(decree.abbreviations.filter((x) => x.source === 'seed')).toHaveLength(13);
    expect(a['ТЖМ']).toMatchObject({ fullKk: 'Қазақстан Республикасының Төтенше жағдайлар министрлігі', source: 'table' });
    // ПМ: its meaning could not be checked, so it has no full name (never guessed)
    expect(a['ПМ']).toMatchObject({ fullKk: null, fullRu: null, source: 'table' });
  });
});
