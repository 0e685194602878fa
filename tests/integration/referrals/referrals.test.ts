/**
 * Referrals (issue 10, item 4): a referral of one pupil of a case to an outside service; legal status moves only,
 * dates in order, stale writes refused, the sealed fields, the chronology, the work lists (a referral past its answer
 * date is overdue for the case's lead worker; a draft not sent), the signed letter (pdftotext, pdfsig, qpdf), and
 * the council's "refer" decision through the real completion path (the chair's co-signature).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignerInput } from '../../../shared/documents';
import type { Referral } from '../../../shared/referrals';
import { ADMIN, createTestCore, type TestCore } from '../../harness/core';
import { flat, pdfText, pdfsig, qpdfCheck, renderPng, savePdfArtifact } from '../documents/helpers';

const PSY = { login: 'psy', password: 'психологтың ұзын құпия сөзі', displayName: 'Өмірзақова Ү.', roles: ['psychologist' as const] };
const SOC = { login: 'soc', password: 'әлеуметтік педагогтың құпиясы', displayName: 'Әлеуметтік педагог', roles: ['social_pedagogue' as const] };
const CLS = { login: 'cls', password: 'мұғалімнің ұзын құпия сөзі', displayName: 'Сынып жетекшісі', roles: ['class_teacher' as const] };
const SEC = { login: 'sec', password: 'хатшының ұзын құпия сөзі', displayName: 'Сейітова Әйгерім', roles: ['council_secretary' as const] };
const REASON = 'Оқушы соңғы екі аптада үйден екі рет кетіп қалды; отбасы жағдайын бағалау қажет.';

let c: TestCore;
const ids: Record<string, string> = {};
let directorSigner: SignerInput;

async function loginAs(who: { login: string; password: string }): Promise<void> {
  // the clock moved by days locks the session (idle): lock when still logged in
  await c.try('auth.lock', {});
  await c.call('auth.login', { login: who.login, password: who.password });
}
async function code(p: Promise<{ ok: boolean; error?: { code: string } }>): Promise<string | null> {
  const r = await p;
  return r.ok ? null : (r.error?.code ?? null);
}
function chronologyKinds(pupilId: string): string[] {
  return (c.state.sqlite.prepare("SELECT kind FROM chronology WHERE pupil_id = ? AND kind IN ('referral', 'document') ORDER BY written_at, rowid").all(pupilId) as { kind: string }[]).map((r) => r.kind);
}

beforeAll(async () => {
  c = await createTestCore();
  c.platform.setNow(new Date('2026-11-30T09:00:00'));
  await c.call('auth.login', { login: ADMIN.login, password: ADMIN.password });
  ids.director = c.state.session!.accountId;
  ids.psy = (await c.call('accounts.create', { ...PSY, language: 'kk' })).id;
  ids.soc = (await c.call('accounts.create', { ...SOC, language: 'kk' })).id;
  await c.call('accounts.create', { ...CLS, language: 'kk' });
  ids.sec = (await c.call('accounts.create', { ...SEC, language: 'kk' })).id;
  directorSigner = { certificateId: (await c.call('documents.certificates.create', { position: '№96 мектеп директоры', organization: '№96 мектеп', password: 'директордың қол қою құпиясы' })).id, password: 'директордың қол қою құпиясы' };
  await loginAs(PSY);
  ids.pupil = (await c.call('pupils.create', { lastName: 'Жолдамова', firstName: 'Айгерім', grade: 6, classLetter: 'Б', instructionLanguage: 'kk', birthDate: '2014-03-12' })).id;
  ids.other = (await c.call('pupils.create', { lastName: 'Басқаұлы', firstName: 'Ерлан', grade: 6, classLetter: 'Б', instructionLanguage: 'kk' })).id;
  ids.outside = (await c.call('pupils.create', { lastName: 'Сыртқыев', firstName: 'Нұр', grade: 9, classLetter: 'А', instructionLanguage: 'kk' })).id;
  ids.case = (
    await c.call('cases.create', {
      title: 'Үйден кетіп қалу',
      formOfHarm: 'difficult_life',
      risk: 'high',
      leadId: ids.soc,
      pupils: [
        { pupilId: ids.pupil, role: 'targeted' },
        { pupilId: ids.other, role: 'witness' },
      ],
    })
  ).id;
}, 120_000);
afterAll(async () => c?.cleanup());

describe('a referral', () => {
  let r: Referral;

  it('is drafted for one pupil of the case, sealed, in the pupil’s chronology, on the lead’s list as a draft to send', async () => {
    expect(await code(c.try('referrals.create', { caseId: ids.case!, pupilId: ids.outside!, agencyType: 'guardianship', agency: { name: 'x' }, reason: REASON }))).toBe('referrals.not_in_case');
    r = await c.call('referrals.create', {
      caseId: ids.case!,
      pupilId: ids.pupil!,
      agencyType: 'guardianship',
      agency: { name: 'Алматы қаласы Әуезов ауданының қорғаншылық және қамқоршылық бөлімі', address: 'Алматы қ., Абай даңғылы, 150' },
      reason: REASON,
      request: 'Отбасына тұрмыстық-әлеуметтік тексеру жүргізуді сұраймыз.',
    });
    expect(r.status).toBe('draft');
    expect(r.sendBy).toBe('2026-12-03');
    expect(r.reason).toBe(REASON);
    expect(r.caseNumber).toBeGreaterThan(0);
    const row = c.state.sqlite.prepare('SELECT * FROM referrals WHERE id = ?').get(r.id) as Record<string, unknown>;
    // the welfare text is ciphertext in the (already encrypted) DB: no plaintext of the reason or the agency
    expect(Buffer.from(row.reason_enc as Uint8Array).toString('utf8')).not.toContain('үйден');
    expect(Buffer.from(row.agency_enc as Uint8Array).toString('utf8')).not.toContain('қорғаншылық');
    expect(chronologyKinds(ids.pupil!)).toEqual(['referral']);
    expect(chronologyKinds(ids.other!)).toEqual([]);
    await loginAs(SOC);
    const mine = await c.call('worklists.list', { list: 'open' });
    expect(mine.items.filter((i) => i.kind === 'referral_draft').map((i) => [i.id, i.dueOn, i.title])).toEqual([[r.id, '2026-12-03', 'Алматы қаласы Әуезов ауданының қорғаншылық және қамқоршылық бөлімі']]);
  });

  it('refuses illegal moves, dates out of order and stale writes, each with its code', async () => {
    expect(await code(c.try('referrals.setStatus', { id: r.id, version: r.version, status: 'accepted' }))).toBe('referrals.bad_transition');
    expect(await code(c.try('referrals.setStatus', { id: r.id, version: r.version, status: 'done' }))).toBe('referrals.bad_transition');
    expect(await code(c.try('referrals.answer', { id: r.id, version: r.version, answer: 'x', answeredOn: '2026-11-30' }))).toBe('referrals.bad_transition');
    expect(await code(c.try('referrals.send', { id: r.id, version: r.version, sentOn: '2026-11-30', answerDueOn: '2026-11-29' }))).toBe('referrals.bad_dates');
    expect(await code(c.try('referrals.send', { id: r.id, version: r.version, sentOn: '2026-12-02', answerDueOn: '2026-12-10' }))).toBe('referrals.bad_dates');
    const edited = await c.call('referrals.update', {
      id: r.id,
      version: r.version,
      agencyType: 'guardianship',
      agency: { name: 'Әуезов ауданының қорғаншылық және қамқоршылық бөлімі', address: 'Алматы қ., Абай даңғылы, 150' },
      reason: REASON,
      request: 'Отбасына тұрмыстық-әлеуметтік тексеру жүргізуді сұраймыз.',
      sendBy: '2026-12-01',
    });
    expect(edited.version).toBe(r.version + 1);
    // the screen that read the old version may not write over the edit
    expect(await code(c.try('referrals.send', { id: r.id, version: r.version, sentOn: '2026-11-30', answerDueOn: '2026-12-10' }))).toBe('referrals.changed');
    r = edited;
  });

  it('the director signs the letter: letterhead, outgoing number, to whom, only that pupil, the reason, the signature', async () => {
    await loginAs(SOC);
    expect(await code(c.try('referrals.letter', { id: r.id, language: 'kk', signer: directorSigner }))).toBe('auth.forbidden');
    await loginAs(ADMIN);
    for (const language of ['kk', 'ru'] as const) {
      const doc = await c.call('referrals.letter', { id: r.id, language, signer: directorSigner });
      const pdf = Buffer.from(doc.pdfBase64, 'base64');
      savePdfArtifact(pdf, `referral-${language}`);
      if (language === 'kk') renderPng(pdf, 'referral-kk', [1], 80);
      expect(doc.registerNumber).toMatch(/^RF-\d+\/2026$/);
      const text = flat(pdfText(pdf));
      expect(text).toContain('Жолдамова Айгерім');
      expect(text).not.toContain('Басқаұлы');
      expect(text).toContain('Әуезов ауданының қорғаншылық және қамқоршылық бөлімі');
      expect(text).toContain('Абай даңғылы, 150');
      expect(text).toContain(doc.registerNumber);
      expect(text).toContain('үйден екі рет кетіп қалды');
      if (language === 'kk') {
        expect(text).toContain('ЖОЛДАМА');
        expect(text).toContain(`Шығыс № ${doc.registerNumber}, 2026 жылғы 30 қараша`);
        expect(text).toContain('Жолдамова Айгерім, 6 Б сынып оқушысы, туған күні: 2014 жылғы 12 наурыз');
        expect(text).toContain('тұрмыстық-әлеуметтік тексеру');
        expect(text).toContain('Орындаған: Әлеуметтік педагог');
      } else {
        expect(text).toContain('НАПРАВЛЕНИЕ');
        expect(text).toContain(`Исх. № ${doc.registerNumber} от 30 ноября 2026 г.`);
      }
      expect(pdfsig(pdf).signatures.map((s) => s.validation)).toEqual(['Signature is Valid.']);
      expect(qpdfCheck(pdf).ok).toBe(true);
      const got = await c.call('referrals.get', { id: r.id });
      expect(got.letter).toEqual({ documentId: doc.documentId, registerNumber: doc.registerNumber });
    }
    const listed = await c.call('documents.list', { kind: 'referral' });
    expect(listed.items).toHaveLength(2);
    // the register's title is plain searchable text: it never names the child
    expect(JSON.stringify(listed.items)).not.toContain('Жолдамова');
    expect(chronologyKinds(ids.pupil!)).toEqual(['referral', 'document', 'document']);
  });

  it('is sent; past its answer date it is on the lead worker’s overdue list until the answer comes', async () => {
    await loginAs(SOC);
    r = await c.call('referrals.get', { id: r.id });
    r = await c.call('referrals.send', { id: r.id, version: r.version, sentOn: '2026-11-30', answerDueOn: '2026-12-10' });
    expect([r.status, r.sentOn, r.answerDueOn, r.overdue]).toEqual(['sent', '2026-11-30', '2026-12-10', false]);
    expect((await c.call('worklists.list', { list: 'overdue' })).items.filter((i) => i.kind.startsWith('referral'))).toEqual([]);
    expect(await code(c.try('referrals.update', { id: r.id, version: r.version, agencyType: 'psychiatrist', agency: { name: 'x' }, reason: 'x', sendBy: null }))).toBe('referrals.not_draft');

    c.platform.setNow(new Date('2026-12-11T09:00:00'));
    await loginAs(SOC);
    const overdue = await c.call('worklists.list', { list: 'overdue' });
    expect(overdue.items.filter((i) => i.kind === 'referral_answer').map((i) => [i.id, i.dueOn, i.ownerId, i.caseId, i.overdue])).toEqual([[r.id, '2026-12-10', ids.soc, ids.case, true]]);
    expect((await c.call('referrals.list', { overdueOnly: true })).map((x) => x.id)).toEqual([r.id]);
    expect((await c.call('referrals.list', { agencyType: 'narcologist' })).map((x) => x.id)).toEqual([]);
    expect((await c.call('referrals.list', { status: 'sent', agencyType: 'guardianship' })).map((x) => [x.id, x.overdue])).toEqual([[r.id, true]]);

    // an answer in the future or before the date sent is refused
    r = await c.call('referrals.get', { id: r.id });
    expect(await code(c.try('referrals.setStatus', { id: r.id, version: r.version, status: 'accepted', answer: 'Қабылданды', answeredOn: '2026-12-12' }))).toBe('referrals.bad_dates');
    expect(await code(c.try('referrals.setStatus', { id: r.id, version: r.version, status: 'accepted', answer: 'Қабылданды', answeredOn: '2026-11-29' }))).toBe('referrals.bad_dates');
    expect(await code(c.try('referrals.setDue', { id: r.id, version: r.version, answerDueOn: '2026-11-20' }))).toBe('referrals.bad_dates');
    r = await c.call('referrals.setStatus', { id: r.id, version: r.version, status: 'accepted', answer: 'Отбасы 2026 жылғы 15 желтоқсанда тексеріледі.', answeredOn: '2026-12-11' });
    expect([r.status, r.answeredOn, r.answer, r.overdue]).toEqual(['accepted', '2026-12-11', 'Отбасы 2026 жылғы 15 желтоқсанда тексеріледі.', false]);
    expect((await c.call('worklists.list', { list: 'overdue' })).items.filter((i) => i.kind.startsWith('referral'))).toEqual([]);
    r = await c.call('referrals.setStatus', { id: r.id, version: r.version, status: 'done' });
    expect(await code(c.try('referrals.setStatus', { id: r.id, version: r.version, status: 'withdrawn' }))).toBe('referrals.bad_transition');
    expect(chronologyKinds(ids.pupil!)).toEqual(['referral', 'document', 'document', 'referral', 'referral', 'referral']);
    // the referral's lines are stored as messages: each reader reads them in their own language
    const lines = async () => (await c.call('chronology.list', { pupilId: ids.pupil!, kinds: ['referral'] })).items.map((i) => i.summary ?? '');
    const kk = await lines();
    expect(kk.filter((l) => l.startsWith('Жолдама (іс №'))).toHaveLength(4);
    expect(kk.some((l) => l.includes('— жобасы жасалды.'))).toBe(true);
    expect(kk.some((l) => l.includes('— жіберілді; жауап мерзімі 2026-12-10.'))).toBe(true);
    expect(kk.some((l) => l.endsWith('— қабылданды. Жауап: Отбасы 2026 жылғы 15 желтоқсанда тексеріледі.'))).toBe(true);
    expect(kk.some((l) => l.endsWith('— орындалды.'))).toBe(true);
    await c.call('auth.setLanguage', { language: 'ru' });
    const ru = await lines();
    expect(ru.filter((l) => l.startsWith('Направление (дело №') && l.includes('органы опеки'))).toHaveLength(4);
    expect(ru.some((l) => l.includes('— проект подготовлен.'))).toBe(true);
    expect(ru.some((l) => l.includes('— отправлено; срок ответа 2026-12-10.'))).toBe(true);
    expect(ru.some((l) => l.endsWith('— принято. Ответ: Отбасы 2026 жылғы 15 желтоқсанда тексеріледі.'))).toBe(true);
    expect(ru.some((l) => l.endsWith('— выполнено.'))).toBe(true);
    await c.call('auth.setLanguage', { language: 'kk' });
    c.platform.setNow(new Date('2026-11-30T09:00:00'));
    await loginAs(SOC);
  });

  it('a session without the protection key gets nothing: the class teacher is refused, the reading is audited', async () => {
    await loginAs(CLS);
    for (const [m, input] of [
      ['referrals.list', {}],
      ['referrals.forCase', { caseId: ids.case! }],
      ['referrals.get', { id: r.id }],
    ] as const) {
      expect(await code(c.try(m, input)), m).toBe('auth.forbidden');
    }
    await loginAs(SOC);
    const before = (c.state.sqlite.prepare('SELECT max(id) AS n FROM audit_log').get() as { n: number }).n;
    const list = await c.call('referrals.forCase', { caseId: ids.case! });
    expect(list.map((x) => x.id)).toEqual([r.id]);
    const audit = c.state.sqlite.prepare('SELECT action, entity_type, entity_id FROM audit_log WHERE id > ?').all(before);
    expect(audit).toEqual([{ action: 'referrals.forCase', entity_type: 'case_referrals', entity_id: ids.case }]);
  });

  it('a closed case takes no new referral', async () => {
    await loginAs(SOC);
    const other = await c.call('cases.create', { title: 'Жабылатын іс', formOfHarm: 'neglect', risk: 'low', pupils: [{ pupilId: ids.outside!, role: 'targeted' }] });
    const closed = await c.call('cases.close', { id: other.id, version: other.version, reason: 'resolved', outcome: 'Жағдай шешілді' });
    expect(closed.stage).toBe('closed');
    expect(await code(c.try('referrals.create', { caseId: other.id, pupilId: ids.outside!, agencyType: 'psych_support', agency: { name: 'x' }, reason: 'x' }))).toBe('cases.closed');
  });
});

describe('the council’s "refer" decision', () => {
  it('becomes a draft referral on the case the agenda item names once the chair co-signs the minutes', async () => {
    await loginAs(PSY);
    // a second, newer open case about the pupil: the decision's own case must win over "the most recent"
    const newer = await c.call('cases.create', { title: 'Сабаққа қатыспау', formOfHarm: 'neglect', risk: 'medium', leadId: ids.psy, pupils: [{ pupilId: ids.pupil!, role: 'targeted' }] });
    await loginAs(ADMIN);
    const add = async (accountId: string | null, name: string) => (await c.call('council.members.save', { academicYear: 2026, accountId, name, positionKk: 'мүше', positionRu: 'член' })).id;
    const chair = await add(ids.director!, 'М.Қаншев');
    const secretary = await add(ids.sec!, 'Ә.Сейітова');
    await c.call('council.officers.set', { academicYear: 2026, chairMemberId: chair, secretaryMemberId: secretary });
    await loginAs(SEC);
    const secretarySigner = { certificateId: (await c.call('documents.certificates.create', { position: 'Кеңес хатшысы', organization: '№96 мектеп', password: 'хатшының қол қою құпиясы' })).id, password: 'хатшының қол қою құпиясы' };
    const meeting = await c.call('council.meetings.create', { academicYear: 2026, date: '2026-11-30', time: '15:00', place: 'Мәжіліс залы' });
    const item = await c.call('council.agenda.add', { meetingId: meeting.id, source: { type: 'case', id: ids.case! }, title: 'Оқушының жағдайы туралы', pupilId: ids.pupil! });
    await c.call('council.agenda.saveItem', {
      itemId: item.id,
      title: 'Оқушының жағдайы туралы',
      pupilId: ids.pupil!,
      heard: 'Әлеуметтік педагог баяндады.',
      decisions: [{ type: 'referral', pupilId: ids.pupil!, text: 'Оқушы психологиялық қолдау орталығына жолдансын.', responsible: 'әлеуметтік педагог', deadline: '2026-12-04' }],
    });
    const doc = await c.call('council.minutes.issue', { meetingId: meeting.id, lang: 'kk', signer: secretarySigner });
    // half signed: nothing happens yet
    expect(c.state.sqlite.prepare('SELECT count(*) AS n FROM referrals WHERE council_decision_id IS NOT NULL').get()).toEqual({ n: 0 });
    await loginAs(ADMIN);
    await c.call('documents.cosign', { id: doc.id, signer: directorSigner });
    const got = await c.call('council.meetings.get', { id: meeting.id });
    expect(got.agenda[0]!.decisions.map((d) => [d.type, d.effectStatus])).toEqual([['referral', 'applied']]);
    const made = await c.call('referrals.list', { status: 'draft' });
    expect(made).toHaveLength(1);
    const draft = await c.call('referrals.get', { id: made[0]!.id });
    expect([draft.caseId, draft.pupilId, draft.agencyType, draft.sendBy, draft.councilDecisionId !== null]).toEqual([ids.case, ids.pupil, null, '2026-12-04', true]);
    expect(draft.caseId).not.toBe(newer.id);
    expect(draft.reason).toContain(doc.registerNumber);
    expect(draft.reason).toContain('психологиялық қолдау орталығына жолдансын');
    // the worker chooses the agency before sending
    await loginAs(SOC);
    expect(await code(c.try('referrals.send', { id: draft.id, version: draft.version, sentOn: '2026-11-30', answerDueOn: '2026-12-10' }))).toBe('referrals.no_agency');
    const list = await c.call('worklists.list', { list: 'open' });
    expect(list.items.some((i) => i.kind === 'referral_draft' && i.id === draft.id && i.dueOn === '2026-12-04')).toBe(true);
  });
});
