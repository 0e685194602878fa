/**
 * The individual prevention plan as a signed PDF (issue 9, items 3 and 6): poppler reads the Kazakh and Russian
 * text, pdfsig validates the signature, qpdf finds the file sound; the register's title does not name the child;
 * the document is a welfare document: only holders of the protection compartment list or open it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createTestCore, type TestCore } from '../../harness/core';
import { flat, pdfText, pdfsig, qpdfCheck, savePdfArtifact } from '../documents/helpers';

let c: TestCore;
let entryId = '';
let pupilId = '';
const SIGN = 'sign password 1';

beforeAll(async () => {
  c = await createTestCore();
  c.platform.setNow(new Date('2026-11-30T09:00:00'));
  await c.call('auth.login', { login: ADMIN.login, password: ADMIN.password });
  await c.call('accounts.create', { login: 'cls', displayName: 'Сынып жетекшісі', roles: ['class_teacher'], password: 'cls password 1' });
  await c.call('accounts.create', { login: 'sec', displayName: 'Кеңес хатшысы', roles: ['council_secretary'], password: 'sec password 1' });
  const psy = await c.call('accounts.create', { login: 'psy', displayName: 'Педагог-психолог', roles: ['psychologist'], password: 'psy password 1' });
  await c.call('auth.lock', {});
  await c.call('auth.login', { login: 'psy', password: 'psy password 1' });
  pupilId = (await c.call('pupils.create', { lastName: 'Мысалова', firstName: 'Аружан', grade: 7, classLetter: 'Ә', instructionLanguage: 'kk' })).id;
  const grounds = await c.call('register.grounds', {});
  const g = grounds.filter((x) => x.code === 'bullying' || x.code === 'systematic_absence').map((x) => x.id);
  let e = await c.call('register.putOn', { pupilId, decision: { number: '7', date: '2026-11-20', body: 'council' }, groundIds: g, curatorId: psy.id });
  e = await c.call('register.saveMeasure', { entryId: e.id, what: 'Ата-анамен жеке әңгіме', responsibleId: psy.id, dueOn: '2026-12-05' });
  e = await c.call('register.saveMeasure', { entryId: e.id, what: 'Сынып сағаты «Достық»', responsibleText: 'Сынып жетекшісі', dueOn: '2026-12-15', doneOn: '2026-11-28', result: 'Өткізілді' });
  e = await c.call('register.review', { entryId: e.id, version: e.version, reviewedOn: '2026-11-29', outcome: 'improved', note: 'Қатысуы жақсарды' });
  entryId = e.id;
  await c.call('auth.lock', {});
  await c.call('auth.login', { login: ADMIN.login, password: ADMIN.password });
}, 120_000);
afterAll(async () => c?.cleanup());

describe('the prevention plan PDF', () => {
  let documentId = '';

  it('is signed with the signer’s own certificate, reads in kk and ru, verifies with pdfsig and qpdf', async () => {
    const cert = await c.call('documents.certificates.create', { position: '№96 мектеп директоры', organization: 'Школа №96', password: SIGN });
    for (const language of ['kk', 'ru'] as const) {
      const doc = await c.call('register.signPlan', { entryId, language, signer: { certificateId: cert.id, password: SIGN } });
      const pdf = Buffer.from(doc.pdfBase64, 'base64');
      savePdfArtifact(pdf, `prevention-plan-${language}`);
      const text = flat(pdfText(pdf));
      expect(text).toContain('Мысалова Аружан');
      expect(doc.registerNumber).toMatch(/^PP-\d+\/2026$/);
      expect(text).toContain(doc.registerNumber);
      if (language === 'kk') {
        expect(text).toContain('жеке профилактикалық жұмыс жоспары');
        expect(text).toContain('2026 жылғы 20 қараша, профилактика кеңесінің № 7 шешімі');
        expect(text).toContain('Буллингке (кибербуллингке) қатысу');
        expect(text).toContain('Ата-анамен жеке әңгіме');
        expect(text).toContain('2026 жылғы 5 желтоқсан');
        expect(text).toContain('Педагог-психолог');
        expect(text).toContain('жақсарды');
        expect(text).toContain('Бекітемін');
      } else {
        expect(text).toContain('Индивидуальный план профилактической работы');
        expect(text).toContain('решение совета профилактики № 7 от 20 ноября 2026 г.');
        expect(text).toContain('Участие в буллинге (кибербуллинге)');
        expect(text).toContain('Утверждаю');
      }
      const sig = pdfsig(pdf);
      expect(sig.signatures.map((s) => s.validation)).toEqual(['Signature is Valid.']);
      expect(qpdfCheck(pdf).ok).toBe(true);
      documentId = doc.documentId;
    }
    const listed = await c.call('documents.list', { kind: 'prevention_plan' });
    expect(listed.items).toHaveLength(2);
    // the register's title is plain searchable text: it never names the child
    expect(JSON.stringify(listed.items)).not.toContain('Мысалова');
    const chron = c.state.sqlite.prepare("SELECT count(*) AS n FROM chronology WHERE pupil_id = ? AND kind = 'document'").get(pupilId) as { n: number };
    expect(chron.n).toBe(2);
  });

  it('is hidden from the class teacher and refused to open; the council secretary (a holder) opens it', async () => {
    await c.call('auth.lock', {});
    await c.call('auth.login', { login: 'cls', password: 'cls password 1' });
    expect((await c.call('documents.list', {})).items.some((d) => d.kind === 'prevention_plan')).toBe(false);
    for (const m of ['documents.pdf', 'documents.get', 'documents.saveCopy', 'documents.print', 'documents.open'] as const) {
      const r = await c.try(m, { id: documentId });
      expect(r.ok ? null : r.error.code, m).toBe('auth.forbidden');
    }
    const sign = await c.try('register.signPlan', { entryId, language: 'kk', signer: { certificateId: '00000000-0000-4000-8000-000000000000', password: 'x' } });
    expect(sign.ok ? null : sign.error.code).toBe('auth.forbidden');
    await c.call('auth.lock', {});
    await c.call('auth.login', { login: 'sec', password: 'sec password 1' });
    expect((await c.call('documents.list', { kind: 'prevention_plan' })).items).toHaveLength(2);
    const pdf = await c.call('documents.pdf', { id: documentId });
    expect(pdf.base64.length).toBeGreaterThan(1000);
  });
});
