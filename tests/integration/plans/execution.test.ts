import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_EVIDENCE_BYTES, type Plan } from '../../../shared/plans';
import { createTestCore, type TestCore } from '../../harness/core';
import { flat, pdfsig, pdfText, renderPng } from '../documents/helpers';

let c: TestCore;
let plan: Plan;
const itemBy = (text: string) => {
  const it = plan.items.find((i) => i.measureKk.includes(text));
  if (!it) throw new Error(`no item with ${text}`);
  return it;
};

beforeAll(async () => {
  c = await createTestCore();
  plan = await c.call('plans.create', { academicYear: 2025, from: { kind: 'template' } });
  plan = await c.call('plans.approve', { id: plan.id, approvedOn: '2025-09-01' });
}, 120_000);
afterAll(async () => {
  await c.cleanup();
});

describe('school calendar', () => {
  it('defaults to the usual quarters and keeps an edited year', async () => {
    const cal = await c.call('plans.calendar', { academicYear: 2025 });
    expect(cal.quarters).toEqual([
      { start: '2025-09-01', end: '2025-10-31' },
      { start: '2025-11-01', end: '2025-12-31' },
      { start: '2026-01-01', end: '2026-03-31' },
      { start: '2026-04-01', end: '2026-05-25' },
    ]);
    const edited = { academicYear: 2026, quarters: [
      { start: '2026-09-01', end: '2026-10-30' },
      { start: '2026-11-09', end: '2026-12-29' },
      { start: '2027-01-08', end: '2027-03-20' },
      { start: '2027-03-30', end: '2027-05-25' },
    ] };
    expect((await c.call('plans.setCalendar', edited)).quarters).toEqual(edited.quarters);
    expect((await c.call('plans.calendar', { academicYear: 2026 })).quarters).toEqual(edited.quarters);
    const overlapping = await c.try('plans.setCalendar', { ...edited, quarters: [edited.quarters[1]!, edited.quarters[0]!, edited.quarters[2]!, edited.quarters[3]!] });
    expect(overlapping.ok ? null : overlapping.error.code).toBe('validation');
    const wrongYear = await c.try('plans.setCalendar', { ...edited, academicYear: 2025 });
    expect(wrongYear.ok ? null : wrongYear.error.code).toBe('validation');
  });
});

describe('execution per item and quarter', () => {
  it('records what was done with reach and evidence, on an approved plan', async () => {
    const classHours = itemBy('сынып сағаттары');
    const mark = await c.call('plans.setExecution', {
      itemId: classHours.id,
      quarter: 1,
      status: 'done',
      doneText: '1–11 сыныптарда «Буллингке жол жоқ» сынып сағаттары өтті',
      doneOn: '2025-10-15',
      reachPupils: 812,
      reachTeachers: 34,
    });
    expect(mark).toMatchObject({ status: 'done', reachPupils: 812, reachParents: 0, reachTeachers: 34, evidence: [] });
    const marker = 'EVIDENCE-MARKER-7f3a9c';
    const ev = await c.call('plans.addEvidence', {
      itemId: classHours.id,
      quarter: 1,
      fileName: '../../etc/фото-сынып.txt',
      mime: 'text/plain',
      dataBase64: Buffer.from(`${marker} сынып сағатының фотосы`).toString('base64'),
    });
    expect(ev.fileName).toBe('фото-сынып.txt');
    const marks = await c.call('plans.executions', { planId: plan.id, quarter: 1 });
    expect(marks[0]!.evidence.map((e) => e.id)).toEqual([ev.id]);
    const got = await c.call('plans.getEvidence', { id: ev.id });
    expect(Buffer.from(got.dataBase64, 'base64').toString()).toContain(marker);
    const audit = await c.call('audit.list', { action: 'plans.getEvidence' });
    expect(audit.items[0]).toMatchObject({ entityId: ev.id, outcome: 'ok' });
    // kept inside the encrypted DB: the marker is nowhere in the data folder's files
    c.state.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    for (const f of fs.readdirSync(c.dataDir)) {
      const p = path.join(c.dataDir, f);
      if (fs.statSync(p).isFile()) expect(fs.readFileSync(p).includes(marker)).toBe(false);
    }
  });

  it('refuses an evidence file over the limit with a clear code and the limit', async () => {
    const big = Buffer.alloc(MAX_EVIDENCE_BYTES + 1, 1).toString('base64');
    const r = await c.try('plans.addEvidence', { itemId: plan.items[0]!.id, quarter: 1, fileName: 'big.jpg', dataBase64: big });
    expect(r.ok ? null : r.error).toMatchObject({ code: 'plans.file_too_large', details: { maxBytes: MAX_EVIDENCE_BYTES } });
  });

  it('shows overdue items and progress per section', async () => {
    // September, October, November: by 10 November quarter I is over
    const today = '2025-11-10';
    const overdue = await c.call('plans.overdue', { planId: plan.id, today });
    const numbers = new Set(overdue.map((o) => o.number));
    expect(overdue.every((o) => o.quarter === 1)).toBe(true);
    // the class hours were done: not overdue; the approval of the plan in September was not marked: overdue
    expect(numbers.has(itemBy('сынып сағаттары').number)).toBe(false);
    expect(numbers.has(itemBy('жоспарын бекіту').number)).toBe(true);
    // an item due only in February is not overdue
    expect(numbers.has(itemBy('Интернеттегі қауіпсіздік').number)).toBe(false);

    await c.call('plans.setExecution', { itemId: itemBy('жоспарын бекіту').id, quarter: 1, status: 'done', doneOn: '2025-09-01' });
    await c.call('plans.setExecution', { itemId: itemBy('анонимді сауалнама').id, quarter: 1, status: 'partly', doneText: '5–8 сыныптар' });
    const progress = await c.call('plans.progress', { planId: plan.id, today });
    const s1 = progress.find((p) => p.number === '1')!;
    expect(s1.done).toBe(2);
    expect(s1.partly).toBe(1);
    expect(s1.due).toBeGreaterThan(3);
    expect(s1.percent).toBe(Math.round(((2 + 0.5) / s1.due) * 100));
    const after = await c.call('plans.overdue', { planId: plan.id, today });
    const s1Items = new Set(plan.items.filter((i) => i.sectionId === s1.sectionId).map((i) => i.id));
    expect(s1.overdue).toBe(after.filter((o) => s1Items.has(o.itemId)).length);
    expect(after.map((o) => o.number)).not.toContain(itemBy('жоспарын бекіту').number);
    expect(after.map((o) => o.number)).not.toContain(itemBy('анонимді сауалнама').number);
    expect(after.length).toBeLessThan(overdue.length);
  });

  it('lists items falling due soon for the reminder, until they are marked', async () => {
    const december = await c.call('plans.upcoming', { today: '2025-12-03' });
    const parental = itemBy('Ата-ана бақылауы');
    expect(december.map((u) => u.itemId)).toContain(parental.id);
    expect(december.find((u) => u.itemId === parental.id)).toMatchObject({ quarter: 2, dueDate: null, deadlineKk: 'желтоқсан, мамыр' });
    expect(december.map((u) => u.itemId)).not.toContain(itemBy('Интернеттегі қауіпсіздік').id);
    await c.call('plans.setExecution', { itemId: parental.id, quarter: 2, status: 'done', doneOn: '2025-12-02' });
    expect((await c.call('plans.upcoming', { today: '2025-12-03' })).map((u) => u.itemId)).not.toContain(parental.id);

    let dated = await c.call('plans.create', { academicYear: 2025, titleKk: 'Қосымша жоспар', titleRu: 'Доп. план', from: { kind: 'empty' } });
    dated = await c.call('plans.addSection', { planId: dated.id, titleKk: 'Бөлім', titleRu: 'Раздел' });
    dated = await c.call('plans.addItem', { sectionId: dated.sections[0]!.id, fields: { measureKk: 'Ашық сабақ', dueDates: ['2025-12-10'] } });
    const before = await c.call('plans.upcoming', { today: '2025-11-28', days: 14 });
    expect(before.some((u) => u.planId === dated.id)).toBe(false); // a draft reminds nobody
    dated = await c.call('plans.approve', { id: dated.id, approvedOn: '2025-11-20' });
    const soon = await c.call('plans.upcoming', { today: '2025-11-28', days: 14 });
    expect(soon.filter((u) => u.planId === dated.id)).toEqual([
      expect.objectContaining({ itemId: dated.items[0]!.id, dueDate: '2025-12-10', quarter: 2, number: 1 }),
    ]);
    expect((await c.call('plans.upcoming', { today: '2025-11-28', days: 5 })).some((u) => u.planId === dated.id)).toBe(false);
  });

  it('reminds of the quarterly report until it is issued, then signs it into the register', async () => {
    const mine = async (today: string) => (await c.call('plans.reportsDue', { today })).filter((r) => r.planId === plan.id);
    const before = await mine('2025-11-05');
    expect(before).toEqual([{ planId: plan.id, academicYear: 2025, quarter: 1, quarterEnd: '2025-10-31', dueDate: '2025-11-10', state: 'due' }]);
    const late = await mine('2025-11-11');
    expect(late[0]!.state).toBe('overdue');
    expect(await c.call('plans.reportsDue', { today: '2025-10-20' })).toEqual([]);

    const cert = await c.call('documents.certificates.create', {
      position: '№96 мектеп директоры',
      organization: 'Қарасақал Ерімбет атындағы №96 мектеп',
      password: 'signing password 1',
    });
    const signer = { certificateId: cert.id, password: 'signing password 1' };
    const rep = await c.call('plans.quarterlyReport', { planId: plan.id, quarter: 1, language: 'kk', signer });
    const pdf = Buffer.from(rep.pdfBase64, 'base64');
    const text = flat(pdfText(pdf));
    expect(text).toContain('Жоспардың орындалуы туралы ақпарат');
    expect(text).toContain('2025–2026 оқу жылының I тоқсаны');
    expect(text).toContain('«Буллингке жол жоқ» сынып сағаттары өтті');
    expect(text).toContain('812 / 0 / 34');
    expect(text).toContain('ішінара');
    expect(pdfsig(pdf).signatures[0]!.validation).toBe('Signature is Valid.');
    renderPng(pdf, 'plan-quarterly-report-kk', [1]);
    expect((await c.call('documents.list', { kind: 'plan_report' })).items.map((d) => d.id)).toEqual([rep.documentId]);
    expect(await mine('2025-11-11')).toEqual([]);
    // quarter II comes due in January
    expect((await mine('2026-01-03')).map((r) => r.quarter)).toEqual([2]);

    // while revision 2 is drafted, the report keeps to the approved items
    const draft = await c.call('plans.startRevision', { id: plan.id });
    await c.call('plans.addItem', { sectionId: draft.sections[0]!.id, fields: { measureKk: 'Бекітілмеген жаңа іс-шара', measureRu: 'Неутверждённое новое мероприятие', dueMonths: [11] } });
    const q2 = await c.call('plans.quarterlyReport', { planId: plan.id, quarter: 2, language: 'ru', signer });
    const q2Text = flat(pdfText(Buffer.from(q2.pdfBase64, 'base64')));
    expect(q2Text).toContain('Информация об исполнении плана');
    expect(q2Text).toContain('II четверть 2025–2026 учебного года');
    expect(q2Text).toContain(itemBy('Ата-ана бақылауы').measureRu);
    expect(q2Text).not.toContain('Неутверждённое новое мероприятие');
  });
});
