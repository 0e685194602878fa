/**
 * The case documents (issue 9, item 6): the case summary and the letter to parents, kk and ru, signed and in the
 * register as welfare documents. The summary holds the case's number, pupils and roles, its course, tasks, contacts,
 * normal notes and closure — never a confidential note, never another case's data; the letter names its one pupil
 * and nothing of the case. poppler reads them, pdfsig validates them, qpdf finds them sound.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createTestCore, type TestCore } from '../../harness/core';
import { flat, pdfText, pdfsig, qpdfCheck, renderPng, savePdfArtifact } from '../documents/helpers';

let c: TestCore;
const ids: Record<string, string> = {};
const SIGN = 'sign password 1';
let certId = '';
let caseA = '';
let caseNumber = 0;

const CONFIDENTIAL = 'Құпия: оқушы отбасындағы жағдайды айтты';
const NORMAL = 'Сынып жетекшісімен сөйлестік, үзілістерде бақылау күшейтілді';
const OTHER_TITLE = 'Басқа жағдай: сабақтан қалу';
const OTHER_NOTE = 'Басқа істің жазбасы';

async function loginAs(login: string, password: string): Promise<void> {
  await c.call('auth.lock', {});
  await c.call('auth.login', { login, password });
}

beforeAll(async () => {
  c = await createTestCore();
  c.platform.setNow(new Date('2026-11-30T09:00:00'));
  await c.call('auth.login', { login: ADMIN.login, password: ADMIN.password });
  await c.call('accounts.create', { login: 'psy', displayName: 'Психолог Тестова', roles: ['psychologist'], password: 'psy password 1' });
  await c.call('accounts.create', { login: 'cls', displayName: 'Сынып жетекшісі', roles: ['class_teacher'], password: 'cls password 1' });
  certId = (await c.call('documents.certificates.create', { position: '№96 мектеп директоры', organization: 'Школа №96', password: SIGN })).id;
  await loginAs('psy', 'psy password 1');
  for (const [key, last, first] of [
    ['t', 'Мысалова', 'Аружан'],
    ['i', 'Сынақов', 'Ерлан'],
    ['x', 'Басқаев', 'Тимур'],
  ] as const) {
    ids[key] = (await c.call('pupils.create', { lastName: last, firstName: first, grade: 7, classLetter: 'Ә', instructionLanguage: 'kk' })).id;
  }
  let a = await c.call('cases.create', {
    title: 'Дәліздегі итеру',
    summary: 'Үзілісте бір оқушыны бірнеше рет итеріп, сөмкесін лақтырған.',
    formOfHarm: 'bullying',
    risk: 'medium',
    pupils: [
      { pupilId: ids.t!, role: 'targeted' },
      { pupilId: ids.i!, role: 'initiator' },
    ],
  });
  a = await c.call('cases.addTask', { caseId: a.id, version: a.version, title: 'Зардап шегушімен сол күні әңгіме', dueOn: '2026-12-01', ownerId: null });
  a = await c.call('cases.addNote', { caseId: a.id, version: a.version, text: NORMAL, confidential: false });
  a = await c.call('cases.addNote', { caseId: a.id, version: a.version, text: CONFIDENTIAL, confidential: true });
  a = await c.call('cases.addContact', { caseId: a.id, version: a.version, at: '2026-11-30T10:00', method: 'phone', pupilId: ids.t!, who: 'Анасы', outcome: 'Кездесуге келісті' });
  a = await c.call('cases.update', { id: a.id, version: a.version, stage: 'assessment' });
  a = await c.call('cases.update', { id: a.id, version: a.version, stage: 'intervention', risk: 'high' });
  a = await c.call('cases.close', { id: a.id, version: a.version, reason: 'resolved', outcome: 'Қудалау тоқтады, бақылау жалғасады' });
  caseA = a.id;
  caseNumber = a.number;
  const b = await c.call('cases.create', { title: OTHER_TITLE, summary: '', formOfHarm: 'neglect', risk: 'low', pupils: [{ pupilId: ids.x!, role: 'targeted' }] });
  await c.call('cases.addNote', { caseId: b.id, version: b.version, text: OTHER_NOTE, confidential: false });
  await loginAs(ADMIN.login, ADMIN.password);
}, 120_000);
afterAll(async () => c?.cleanup());

describe('the case summary', () => {
  for (const language of ['kk', 'ru'] as const) {
    it(`${language}: the case's own data, its course and closure; no confidential note, no other case; signed`, async () => {
      const doc = await c.call('caseDocs.summary', { caseId: caseA, language, signer: { certificateId: certId, password: SIGN } });
      const pdf = Buffer.from(doc.pdfBase64, 'base64');
      savePdfArtifact(pdf, `case-summary-${language}`);
      if (language === 'kk') renderPng(pdf, 'case-summary-kk', [1], 70);
      expect(doc.registerNumber).toMatch(/^CS-\d+\/2026$/u);
      const text = flat(pdfText(pdf));
      expect(text).toContain(doc.registerNumber);
      expect(text).toContain('Мысалова Аружан');
      expect(text).toContain('Сынақов Ерлан');
      expect(text).toContain('Дәліздегі итеру');
      expect(text).toContain('Зардап шегушімен сол күні әңгіме');
      expect(text).toContain(NORMAL);
      expect(text).toContain('Кездесуге келісті');
      expect(text).toContain('Қудалау тоқтады, бақылау жалғасады');
      if (language === 'kk') {
        expect(text).toContain(`№ ${caseNumber} жағдай (кейс) бойынша қорытынды анықтама`);
        expect(text).toContain('зардап шегуші');
        expect(text).toContain('бастамашы');
        expect(text).toContain('«анықталды» кезеңінен «бағалау» кезеңіне өтті');
        expect(text).toContain('«бағалау» кезеңінен «араласу» кезеңіне өтті');
        expect(text.indexOf('«анықталды» кезеңінен')).toBeLessThan(text.indexOf('«бағалау» кезеңінен'));
        expect(text).toContain('қауіп деңгейі «орташа» деңгейінен «жоғары» деңгейіне өзгерді');
        expect(text).toContain('жоғары');
        expect(text).toContain('шешілді');
      } else {
        expect(text).toContain(`Сводная справка по случаю № ${caseNumber}`);
        expect(text).toContain('пострадавший');
        expect(text).toContain('инициатор');
        expect(text).toContain('переход с этапа «выявлен» на этап «оценка»');
        expect(text).toContain('переход с этапа «оценка» на этап «вмешательство»');
        expect(text).toContain('уровень риска изменён с «средний» на «высокий»');
        expect(text).toContain('решён');
      }
      expect(text).not.toContain('Құпия: оқушы');
      expect(text).not.toContain('Басқаев');
      expect(text).not.toContain(OTHER_TITLE);
      expect(text).not.toContain(OTHER_NOTE);
      expect(pdfsig(pdf).signatures.map((s) => s.validation)).toEqual(['Signature is Valid.']);
      expect(qpdfCheck(pdf).ok).toBe(true);
    });
  }

  it('is a welfare document: in the register under its kind, noted in each pupil’s chronology, hidden from a class teacher', async () => {
    const listed = await c.call('documents.list', { kind: 'case_summary' });
    expect(listed.items).toHaveLength(2);
    expect(JSON.stringify(listed.items)).not.toContain('Мысалова');
    for (const p of [ids.t!, ids.i!]) {
      const n = c.state.sqlite.prepare("SELECT count(*) AS n FROM chronology WHERE pupil_id = ? AND kind = 'document'").get(p) as { n: number };
      expect(n.n).toBe(2);
    }
    await loginAs('cls', 'cls password 1');
    expect((await c.call('documents.list', {})).items.some((d) => d.kind === 'case_summary')).toBe(false);
    const r = await c.try('documents.pdf', { id: listed.items[0]!.id });
    expect(r.ok ? null : r.error.code).toBe('auth.forbidden');
    const s = await c.try('caseDocs.summary', { caseId: caseA, language: 'kk', signer: { certificateId: certId, password: SIGN } });
    expect(s.ok ? null : s.error.code).toBe('auth.forbidden');
    const l = await c.try('caseDocs.list', { caseId: caseA });
    expect(l.ok ? null : l.error.code).toBe('auth.forbidden');
    await loginAs(ADMIN.login, ADMIN.password);
  });

  it('is refused with another account’s certificate or a wrong signing password, and nothing is registered', async () => {
    const before = (await c.call('documents.list', {})).total;
    const wrong = await c.try('caseDocs.summary', { caseId: caseA, language: 'kk', signer: { certificateId: certId, password: 'not it' } });
    expect(wrong.ok ? null : wrong.error.code).toBe('documents.wrong_p12_password');
    await loginAs('psy', 'psy password 1');
    const foreign = await c.try('caseDocs.summary', { caseId: caseA, language: 'kk', signer: { certificateId: certId, password: SIGN } });
    expect(foreign.ok ? null : foreign.error.code).toBe('documents.no_certificate');
    await loginAs(ADMIN.login, ADMIN.password);
    expect((await c.call('documents.list', {})).total).toBe(before);
  });
});

describe('the letter to parents', () => {
  const base = () => ({
    caseId: caseA,
    pupilId: ids.t!,
    addressee: 'Мысалова Гүлнар Серікқызы',
    meetingAt: '2026-12-03T15:30',
    place: 'мектеп, 2-қабат, психолог кабинеті (214)',
    contactPhone: '+7 700 000 00 00',
    signer: { certificateId: certId, password: SIGN },
  });

  for (const language of ['kk', 'ru'] as const) {
    it(`${language}: to whom, about which child only, when, where, the signer; nothing of the case`, async () => {
      const doc = await c.call('caseDocs.parentLetter', { ...base(), language });
      const pdf = Buffer.from(doc.pdfBase64, 'base64');
      savePdfArtifact(pdf, `parent-letter-${language}`);
      if (language === 'kk') renderPng(pdf, 'parent-letter-kk', [1], 70);
      expect(doc.registerNumber).toMatch(/^LT-\d+\/2026$/u);
      const text = flat(pdfText(pdf));
      expect(text).toContain('Мысалова Гүлнар Серікқызы');
      expect(text).toContain('Мысалова Аружан');
      expect(text).toContain('7 Ә');
      expect(text).toContain('15:30');
      expect(text).toContain('психолог кабинеті (214)');
      expect(text).toContain('Мектеп директоры');
      expect(text).toContain(language === 'kk' ? '2026 жылғы 3 желтоқсан' : '3 декабря 2026 г.');
      for (const absent of ['Сынақов', 'Басқаев', 'Дәліздегі итеру', 'буллинг', 'Буллинг', NORMAL, 'Құпия']) expect(text).not.toContain(absent);
      expect(pdfsig(pdf).signatures.map((s) => s.validation)).toEqual(['Signature is Valid.']);
      expect(qpdfCheck(pdf).ok).toBe(true);
    });
  }

  it('refuses a pupil of another case and a meeting in the past, with their own codes', async () => {
    const other = await c.try('caseDocs.parentLetter', { ...base(), pupilId: ids.x!, language: 'kk' });
    expect(other.ok ? null : other.error.code).toBe('caseDocs.pupil_not_in_case');
    const past = await c.try('caseDocs.parentLetter', { ...base(), meetingAt: '2026-11-29T10:00', language: 'kk' });
    expect(past.ok ? null : past.error.code).toBe('caseDocs.meeting_in_past');
    const bad = await c.try('caseDocs.parentLetter', { ...base(), meetingAt: '2026-12-03', language: 'kk' });
    expect(bad.ok ? null : bad.error.code).toBe('validation');
  });

  it('the case lists its documents, newest first; the letter is in the one pupil’s chronology only', async () => {
    const docs = await c.call('caseDocs.list', { caseId: caseA });
    expect(docs.map((d) => d.kind)).toEqual(['parent_letter', 'parent_letter', 'case_summary', 'case_summary']);
    const n = (p: string) => (c.state.sqlite.prepare("SELECT count(*) AS n FROM chronology WHERE pupil_id = ? AND kind = 'document'").get(p) as { n: number }).n;
    expect(n(ids.t!)).toBe(4);
    expect(n(ids.i!)).toBe(2);
    expect(n(ids.x!)).toBe(0);
  });
});
