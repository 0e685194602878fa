/**
 * The class-list import's cell readers: headings in kk/ru (bilingual "Тегі/Фамилия"), classes as schools write
 * them ("5 Ә", "5А", "5-а", "5 «А» сынып", Latin look-alikes), dates (ISO, dotted, Excel day numbers), sex in
 * both languages, and the XML text of a workbook cell.
 */
import { describe, expect, it } from 'vitest';
import { headingField, parseClass, parseDate, parseSex } from '../../electron/core/pupils/class-list';
import { xmlText } from '../../electron/core/pupils/xlsx-cells';

describe('class-list cells', () => {
  it('reads kk and ru headings, whole or one half of a bilingual heading', () => {
    expect(headingField('Тегі')).toBe('lastName');
    expect(headingField('Тегі / Фамилия')).toBe('lastName');
    expect(headingField('ФИО')).toBe('fullName');
    expect(headingField('Ф.И.О.')).toBe('fullName');
    expect(headingField('Оқушының аты-жөні / ФИО ученика')).toBe('fullName');
    expect(headingField('Әкесінің аты')).toBe('middleName');
    expect(headingField('ЖСН/ИИН')).toBe('iin');
    expect(headingField('Туған күні')).toBe('birthDate');
    expect(headingField('Класс')).toBe('class');
    expect(headingField('Аты')).toBe('firstName');
    expect(headingField('Мекенжайы')).toBeNull();
  });

  it('reads classes as schools write them, and refuses what is not a class', () => {
    expect(parseClass('5 Ә')).toEqual({ grade: 5, letter: 'Ә' });
    expect(parseClass('5А')).toEqual({ grade: 5, letter: 'А' });
    expect(parseClass('5-а')).toEqual({ grade: 5, letter: 'А' });
    expect(parseClass('10 «Б» сынып')).toEqual({ grade: 10, letter: 'Б' });
    expect(parseClass('11 "В" класс')).toEqual({ grade: 11, letter: 'В' });
    expect(parseClass('7')).toEqual({ grade: 7, letter: '' });
    // a Latin A typed for the Cyrillic one
    expect(parseClass('6A')?.letter).toBe('А');
    expect(parseClass('14 А')).toBeNull();
    expect(parseClass('5 Z')).toBeNull();
    expect(parseClass('бесінші')).toBeNull();
  });

  it('reads dates: ISO, day first, Excel day numbers; refuses impossible ones', () => {
    expect(parseDate('2013-05-04')).toBe('2013-05-04');
    expect(parseDate('04.05.2013')).toBe('2013-05-04');
    expect(parseDate('4/5/2013')).toBe('2013-05-04');
    expect(parseDate('41398')).toBe('2013-05-04');
    expect(parseDate('41398.0')).toBe('2013-05-04');
    expect(parseDate('31.02.2013')).toBeNull();
    expect(parseDate('2013')).toBeNull();
  });

  it('reads sex in both languages, alone or as "ер / м"', () => {
    expect(parseSex('ер')).toBe('m');
    expect(parseSex('ер / м')).toBe('m');
    expect(parseSex('Ж')).toBe('f');
    expect(parseSex('әйел / ж')).toBe('f');
    expect(parseSex('')).toBeNull();
    expect(parseSex('ер / ж')).toBe('bad');
  });

  it('decodes XML text: named and numeric entities, nothing else', () => {
    expect(xmlText('Әлі &amp; Бек &lt;5&gt; &#1241;&#x4E9;')).toBe('Әлі & Бек <5> әө');
    expect(xmlText('&unknown; &#0;')).toBe('&unknown; ');
  });
});
