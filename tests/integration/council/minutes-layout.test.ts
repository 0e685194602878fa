/**
 * The minutes' layout rules (DOMAIN.md "Minutes"): up to ten present are named; more are a head count with the list
 * attached on its own page; absent members with their reasons; the three blocks per item in order, in kk and ru.
 */
import { describe, expect, it } from 'vitest';
import type { AgendaItem, AttendanceEntry } from '../../../shared/council';
import { minutesDocument, PRESENT_LIST_LIMIT } from '../../../electron/core/council/minutes-pdf';
import { renderPdf } from '../../../electron/core/documents/render';
import { flat, pageCount, pdfText } from '../documents/helpers';

const person = (i: number, present = true): AttendanceEntry => ({
  id: `a${i}`,
  kind: 'member',
  memberId: `m${i}`,
  name: `Мүше${i}`,
  roleText: '',
  present,
  reason: present ? null : 'ауырып қалды',
});

const item: AgendaItem = {
  id: 'i1',
  number: 1,
  sourceType: 'free',
  sourceId: null,
  pupilId: null,
  pupilName: null,
  title: 'Буллингтің алдын алу туралы',
  heard: 'Әлеуметтік педагог баяндады.',
  spoke: 'Педагог-психолог.',
  decisions: [{ id: 'd1', number: 1, type: 'note', pupilId: null, text: 'Ақпарат назарға алынсын.', responsible: '', deadline: null, groundIds: [], firstReviewOn: null, effectStatus: 'pending' }],
};

async function render(lang: 'kk' | 'ru', attendance: AttendanceEntry[]): Promise<{ text: string; pages: number }> {
  const pdf = await renderPdf(
    minutesDocument({
      lang,
      schoolName: '№96 мектеп',
      number: 7,
      date: new Date('2026-12-10T12:00:00'),
      time: '15:00',
      place: 'Зал',
      chair: { name: 'М.Қаншев', position: 'директор' },
      secretary: { name: 'Ә.Сейітова', position: 'хатшы' },
      attendance,
      agenda: [item],
      registerNumber: null,
      documentId: null,
      draft: true,
    }),
  );
  return { text: flat(pdfText(pdf)), pages: pageCount(pdf) };
}

describe('minutes layout', () => {
  it(`names up to ${PRESENT_LIST_LIMIT} present, and the absent with their reasons`, async () => {
    const { text } = await render('kk', [...Array.from({ length: PRESENT_LIST_LIMIT }, (_, i) => person(i + 1)), person(99, false)]);
    expect(text).toContain('Қатысқандар: Мүше1; Мүше2');
    expect(text).toContain('Мүше10');
    expect(text).toContain('Қатыспағандар: Мүше99 (ауырып қалды)');
    expect(text).not.toContain('тізімі қоса беріледі');
    const order = ['ТЫҢДАЛДЫ', 'СӨЙЛЕДІ', 'ҚАУЛЫ ЕТТІ'].map((w) => text.indexOf(w));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('more than ten present: a head count, the list attached on its own page (ru too)', async () => {
    const many = Array.from({ length: 12 }, (_, i) => person(i + 1));
    const kk = await render('kk', many);
    expect(kk.text).toContain('Қатысқандар: 12 адам (тізімі қоса беріледі)');
    expect(kk.text).toContain('Отырысқа қатысқандардың тізімі');
    expect(kk.text).toContain('Мүше12');
    expect(kk.pages).toBeGreaterThanOrEqual(2);
    const ru = await render('ru', many);
    expect(ru.text).toContain('Присутствовали: 12 человек (список прилагается)');
    for (const w of ['ПРОТОКОЛ № 7', 'ПОВЕСТКА ДНЯ', 'СЛУШАЛИ', 'ВЫСТУПИЛИ', 'ПОСТАНОВИЛИ', 'Список присутствовавших']) expect(ru.text, w).toContain(w);
  });
});
