/**
 * The prevention council (issue 11): roster and officers of a year, numbered meetings, attendance, the agenda
 * proposed from what is due, the hearing with typed decisions, the minutes issued and signed by the secretary and
 * co-signed later by the chair from his own login, and what the chair's signature sets off (the meeting locked, the
 * hearing in each pupil's chronology, the decisions' effects). Bad input is refused with its own code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignerInput } from '../../../shared/documents';
import type { MeetingSummary } from '../../../shared/council';
import { chronologyProtected } from '../../../electron/core/chronology/record';
import { summaryText } from '../../../electron/core/chronology/render';
import { DECISION_EFFECTS } from '../../../electron/core/council/effects';
import { ADMIN, type TestCore } from '../../harness/core';
import { flat, pdfText, pdfsig, qpdfCheck, renderPng, savePdfArtifact } from '../documents/helpers';
import { approvedPlan, code, councilSchool, newSigner, PSYCHOLOGIST, SECRETARY, YEAR, type CouncilSchool } from './fixture';

const TEACHER = { login: 'teacher', password: 'мұғалімнің ұзын құпия сөзі', displayName: 'Ұлықпанова І.', roles: ['class_teacher' as const] };
const STAMP = 'ЭЛЕКТРОНДЫҚ ЦИФРЛЫҚ ҚОЛТАҢБАМЕН ҚОЛ ҚОЙЫЛДЫ';

let c: TestCore;
let loginAs: CouncilSchool['loginAs'];
let directorId: string;
let secretaryId: string;
let directorSigner: SignerInput;
let secretarySigner: SignerInput;
let pupilOn: string;
let pupilOff: string;
let caseId: string;
const members: Record<string, string> = {};

async function storedPdf(id: string): Promise<Buffer> {
  return Buffer.from((await c.call('documents.pdf', { id })).base64, 'base64');
}

beforeAll(async () => {
  let psychId: string;
  ({ c, loginAs, directorId, secretaryId, psychId, directorSigner } = await councilSchool());
  await c.call('accounts.create', { ...TEACHER, language: 'kk' });

  // two pupils: one on the intra-school register, one not (the psychologist keeps pupils' records)
  await loginAs(PSYCHOLOGIST);
  const a = await c.call('pupils.create', { lastName: 'Әлімов', firstName: 'Арман', grade: 8, classLetter: 'А', instructionLanguage: 'kk' });
  const b = await c.call('pupils.create', { lastName: 'Бекова', firstName: 'Дана', grade: 7, classLetter: 'Ә', instructionLanguage: 'kk' });
  pupilOn = a.id;
  pupilOff = b.id;
  // an open case about the pupil (the council's measure becomes a task on it)
  caseId = (await c.call('cases.create', { title: 'Сабаққа қатыспау', formOfHarm: 'difficult_life', risk: 'medium', pupils: [{ pupilId: pupilOn, role: 'targeted' }] })).id;
  // on the intra-school register by the director's order (the council's decision will take them off)
  const grounds = await c.call('register.grounds', {});
  await c.call('register.putOn', { pupilId: pupilOn, decision: { number: '12', date: '2026-09-15', body: 'director' }, groundIds: [grounds[0]!.id] });
  await loginAs(ADMIN);

  // a plan item assigned to the council, due in December
  await approvedPlan(c, { titleKk: '1. Ұйымдастыру шаралары', titleRu: '1. Организационные меры' }, [
    { measureKk: 'Мектепішілік есептегі оқушылардың жағдайын кеңесте қарау', measureRu: 'Рассмотрение положения учащихся, состоящих на учёте', responsibleRoles: ['council'], dueMonths: [12] },
  ]);

  // the council of the year
  const add = async (key: string, accountId: string | null, name: string, positionKk: string, positionRu: string) => {
    members[key] = (await c.call('council.members.save', { academicYear: YEAR, accountId, name, positionKk, positionRu })).id;
  };
  await add('director', directorId, 'М.Қаншев', 'мектеп директоры', 'директор школы');
  await add('secretary', secretaryId, 'Ә.Сейітова', 'әлеуметтік педагог', 'социальный педагог');
  await add('psych', psychId, 'Ү.Өмірзақова', 'педагог-психолог', 'педагог-психолог');
  await add('inspector', null, 'Б.Тұрсынов', 'ювеналды полицияның мектеп инспекторы', 'школьный инспектор ПДН');

  await loginAs(SECRETARY);
  secretarySigner = await newSigner(c, 'Кеңес хатшысы', 'хатшының қол қою құпиясы');
  await loginAs(ADMIN);
}, 120_000);
afterAll(async () => {
  await c.cleanup();
});

describe('the council of a year', () => {
  it('refuses a chair who is not a member, an officer without an account or a signing role; appoints chair and secretary', async () => {
    const lastYear = await c.call('council.members.save', { academicYear: YEAR - 1, accountId: directorId, name: 'М.Қаншев', positionKk: 'директор', positionRu: 'директор' });
    expect(await code(c.try('council.officers.set', { academicYear: YEAR, chairMemberId: lastYear.id, secretaryMemberId: members.secretary! }))).toBe('council.chair_not_member');
    expect(await code(c.try('council.officers.set', { academicYear: YEAR, chairMemberId: members.inspector!, secretaryMemberId: members.secretary! }))).toBe('council.officer_not_eligible');
    // the psychologist holds the protection key but does not sign school documents
    expect(await code(c.try('council.officers.set', { academicYear: YEAR, chairMemberId: members.psych!, secretaryMemberId: members.secretary! }))).toBe('council.officer_not_eligible');
    const roster = await c.call('council.officers.set', { academicYear: YEAR, chairMemberId: members.director!, secretaryMemberId: members.secretary! });
    expect(roster.members.map((m) => [m.name, m.duty])).toEqual([
      ['М.Қаншев', 'chair'],
      ['Ә.Сейітова', 'secretary'],
      ['Ү.Өмірзақова', 'member'],
      ['Б.Тұрсынов', 'member'],
    ]);
    expect(await code(c.try('council.members.remove', { id: members.secretary! }))).toBe('council.member_is_officer');
  });
});

describe('a meeting from agenda to signed minutes', () => {
  let meeting: MeetingSummary;
  let documentId: string;

  it('numbers meetings per year, once; only the chair or secretary prepares them', async () => {
    await loginAs(PSYCHOLOGIST);
    expect(await code(c.try('council.meetings.create', { academicYear: YEAR, date: '2026-12-10', time: '15:00', place: 'Мәжіліс залы' }))).toBe('auth.forbidden');
    await loginAs(SECRETARY);
    meeting = await c.call('council.meetings.create', { academicYear: YEAR, date: '2026-12-10', time: '15:00', place: 'Мектептің мәжіліс залы' });
    expect(meeting.number).toBe(1);
    expect(await code(c.try('council.meetings.create', { academicYear: YEAR, number: 1, date: '2026-12-20', time: '15:00', place: 'Зал' }))).toBe('council.number_taken');
    expect(await code(c.try('council.meetings.create', { academicYear: YEAR, date: '2027-09-20', time: '15:00', place: 'Зал' }))).toBe('validation');
    const second = await c.call('council.meetings.create', { academicYear: YEAR, date: '2027-01-20', time: '15:00', place: 'Зал' });
    expect(await code(c.try('council.meetings.update', { id: second.id, academicYear: YEAR, number: 1, date: '2027-01-20', time: '15:00', place: 'Зал' }))).toBe('council.number_taken');
    expect(second.number).toBe(2);
    expect((await c.call('council.meetings.list', { academicYear: YEAR })).map((m) => m.number)).toEqual([1, 2]);
  });

  it('refuses minutes of a meeting with no agenda item', async () => {
    expect(await code(c.try('council.minutes.issue', { meetingId: meeting.id, lang: 'kk', signer: secretarySigner }))).toBe('council.no_agenda');
  });

  it('proposes the plan item due this month and the register review falling due; the secretary accepts, reorders', async () => {
    const proposals = await c.call('council.agenda.proposals', { meetingId: meeting.id });
    expect(proposals.map((p) => [p.sourceType, p.pupilId])).toEqual([
      ['plan_item', null],
      ['register_review', pupilOn],
    ]);
    expect(proposals[0]!.titleKk).toBe('Мектепішілік есептегі оқушылардың жағдайын кеңесте қарау');
    expect(proposals[1]!.reasonParams).toEqual({ date: '2026-12-15' });
    const fromPlan = await c.call('council.agenda.add', { meetingId: meeting.id, source: { type: 'plan_item', id: proposals[0]!.sourceId }, title: proposals[0]!.titleKk });
    expect(await code(c.try('council.agenda.add', { meetingId: meeting.id, source: { type: 'plan_item', id: proposals[0]!.sourceId }, title: 'again' }))).toBe('conflict');
    expect((await c.call('council.agenda.proposals', { meetingId: meeting.id })).map((p) => p.sourceType)).toEqual(['register_review']);
    const free = await c.call('council.agenda.add', { meetingId: meeting.id, title: '8 А сынып оқушысы А.Әлімовтің тәртібі туралы', pupilId: pupilOn });
    await c.call('council.agenda.reorder', { meetingId: meeting.id, itemIds: [free.id, fromPlan.id] });
    const got = await c.call('council.meetings.get', { id: meeting.id });
    expect(got.agenda.map((i) => [i.number, i.sourceType])).toEqual([[1, 'free'], [2, 'plan_item']]);
    expect(got.agenda[0]!.pupilName).toBe('Әлімов Арман');
  });

  it('records attendance and the hearing with typed decisions; refuses taking off the register a pupil not on it', async () => {
    // a guest is named in the minutes: the shared schema's rule, the same the attendance form shows on the field
    expect(await code(c.try('council.attendance.save', { meetingId: meeting.id, entries: [{ kind: 'parent', name: ' ', present: true }] }))).toBe('validation');
    await c.call('council.attendance.save', {
      meetingId: meeting.id,
      entries: [
        { kind: 'member', memberId: members.director!, present: true },
        { kind: 'member', memberId: members.secretary!, present: true },
        { kind: 'member', memberId: members.psych!, present: false, reason: 'іссапарда' },
        { kind: 'member', memberId: members.inspector!, present: true },
        { kind: 'parent', name: 'Әлімова Гүлнар', roleText: 'оқушының анасы', present: true },
      ],
    });
    const [first, second] = (await c.call('council.meetings.get', { id: meeting.id })).agenda;
    const notOn = await c.try('council.agenda.saveItem', {
      itemId: second!.id,
      title: second!.title!,
      decisions: [{ type: 'register_off', pupilId: pupilOff, text: 'Есептен шығарылсын.' }],
    });
    expect(notOn.ok ? null : notOn.error.code).toBe('council.not_on_register');
    expect(await code(c.try('council.agenda.saveItem', { itemId: second!.id, title: 'x', decisions: [{ type: 'measure', text: 'Шара' }] }))).toBe('council.pupil_required');
    expect(await code(c.try('council.agenda.saveItem', { itemId: first!.id, title: 'x', decisions: [{ type: 'register_on', pupilId: pupilOn, text: 'Есепке алынсын.' }] }))).toBe('council.already_on_register');

    const saved = await c.call('council.agenda.saveItem', {
      itemId: first!.id,
      title: first!.title!,
      pupilId: pupilOn,
      heard: 'Сынып жетекшісі І.Ұлықпанова оқушының соңғы тоқсандағы сабаққа қатысуы мен тәртібі туралы баяндады.',
      spoke: 'Педагог-психолог, мектеп инспекторы Б.Тұрсынов, оқушының анасы.',
      decisions: [
        { type: 'register_off', pupilId: pupilOn, text: 'Оқушы мектепішілік есептен шығарылсын.', responsible: 'әлеуметтік педагог', deadline: '2026-12-15' },
        { type: 'measure', pupilId: pupilOn, text: 'Педагог-психологпен айына екі рет жеке кездесу өткізілсін.', responsible: 'педагог-психолог', deadline: '2027-02-28' },
        { type: 'invite_again', pupilId: pupilOn, text: 'Оқушы мен анасы келесі тоқсанда кеңеске қайта шақырылсын.', responsible: 'кеңес хатшысы' },
      ],
    });
    expect(saved.decisions.map((d) => [d.number, d.type, d.effectStatus])).toEqual([
      [1, 'register_off', 'pending'],
      [2, 'measure', 'pending'],
      [3, 'invite_again', 'pending'],
    ]);
    await c.call('council.agenda.saveItem', {
      itemId: second!.id,
      title: second!.title!,
      heard: 'Директордың тәрбие ісі жөніндегі орынбасары есептегі оқушылармен жүргізілген жұмыс туралы баяндады; Бекова Дананың жағдайы жақсарды.',
      decisions: [{ type: 'note', text: 'Ақпарат назарға алынсын.' }],
    });
  });

  it('a member without the protection key reads the meeting but none of its welfare text', async () => {
    await loginAs(TEACHER);
    const seen = await c.call('council.meetings.get', { id: meeting.id });
    expect(seen.agenda).toHaveLength(2);
    expect(seen.agenda.every((i) => i.title === null && i.heard === null && i.pupilName === null && i.decisions.every((d) => d.text === null))).toBe(true);
    expect(seen.attendance.find((a) => a.kind === 'parent')?.name).toBeNull();
    await loginAs(SECRETARY);
  });

  it('the chair may not issue in the secretary’s place; the secretary issues and signs, the meeting locks', async () => {
    await loginAs(ADMIN);
    expect(await code(c.try('council.minutes.issue', { meetingId: meeting.id, lang: 'kk', signer: directorSigner }))).toBe('council.not_secretary');
    await loginAs(SECRETARY);
    const doc = await c.call('council.minutes.issue', { meetingId: meeting.id, lang: 'kk', signer: secretarySigner });
    documentId = doc.id;
    expect(doc.awaiting?.roleLabel).toBe('Төраға');
    expect(doc.awaiting?.accountId).toBe(directorId);
    const m = (await c.call('council.meetings.list', { academicYear: YEAR })).find((x) => x.id === meeting.id)!;
    expect(m.status).toBe('awaiting_chair');
    expect(m.documentId).toBe(doc.id);
    expect(await code(c.try('council.agenda.saveItem', { itemId: (await c.call('council.meetings.get', { id: meeting.id })).agenda[0]!.id, title: 'changed' }))).toBe('council.locked');
    expect(await code(c.try('council.attendance.save', { meetingId: meeting.id, entries: [] }))).toBe('council.locked');

    const first = await storedPdf(doc.id);
    expect(pdfsig(first).signatures.map((s) => s.validation)).toEqual(['Signature is Valid.']);
    const text = flat(pdfText(first));
    expect(text.split(STAMP).length - 1).toBe(1);
    const heard = text.indexOf('ТЫҢДАЛДЫ');
    const spoke = text.indexOf('СӨЙЛЕДІ');
    const decided = text.indexOf('ҚАУЛЫ ЕТТІ');
    expect(heard).toBeGreaterThan(0);
    expect(spoke).toBeGreaterThan(heard);
    expect(decided).toBeGreaterThan(spoke);
    for (const s of ['ХАТТАМАСЫ № 1', 'КҮН ТӘРТІБІ', 'Қатысқандар', 'Ү.Өмірзақова', 'іссапарда', 'Әлімова Гүлнар', 'Мерзімі: 2026 жылғы 15 желтоқсан', 'Жауапты: педагог-психолог']) {
      expect(text, s).toContain(s);
    }
    expect(text).toContain('Бекова Дананың');
    expect(await code(c.try('council.extract.issue', { meetingId: meeting.id, itemId: (await c.call('council.meetings.get', { id: meeting.id })).agenda[0]!.id, lang: 'kk', signer: secretarySigner }))).toBe('council.minutes_not_signed');
    savePdfArtifact(first, 'council-minutes-first');
    renderPng(first, 'council-minutes-first', [1, 2]);
  });

  it('an effect that fails rolls the chair’s signature back: the stored file and the meeting stay as they were', async () => {
    await loginAs(ADMIN);
    expect((await c.call('documents.awaitingMine', {})).map((d) => d.id)).toEqual([documentId]);
    const before = await storedPdf(documentId);
    const original = DECISION_EFFECTS.note;
    DECISION_EFFECTS.note = () => Promise.reject(new Error('simulated failure'));
    try {
      expect(await code(c.try('documents.cosign', { id: documentId, signer: directorSigner }))).toBe('internal');
    } finally {
      DECISION_EFFECTS.note = original;
    }
    expect((await storedPdf(documentId)).equals(before)).toBe(true);
    expect((await c.call('council.meetings.get', { id: meeting.id })).status).toBe('awaiting_chair');
  });

  it('the chair co-signs from his own login: two valid signatures, the meeting signed, the hearing in the chronology, the effects recorded', async () => {
    const first = await storedPdf(documentId);
    const signed = await c.call('documents.cosign', { id: documentId, signer: directorSigner });
    expect(signed.awaiting ?? null).toBeNull();
    const final = await storedPdf(documentId);
    expect(final.subarray(0, first.length).equals(first)).toBe(true);
    expect(pdfsig(final).signatures.map((s) => s.validation)).toEqual(['Signature is Valid.', 'Signature is Valid.']);
    expect(qpdfCheck(final).ok).toBe(true);
    expect(flat(pdfText(final)).split(STAMP).length - 1).toBe(2);
    savePdfArtifact(final, 'council-minutes-signed');
    renderPng(final, 'council-minutes-signed', [1, 2]);

    const got = await c.call('council.meetings.get', { id: meeting.id });
    expect(got.status).toBe('signed');
    expect(got.agenda[0]!.decisions.map((d) => [d.type, d.effectStatus])).toEqual([
      ['register_off', 'applied'],
      ['measure', 'applied'],
      ['invite_again', 'applied'],
    ]);
    expect(got.agenda[1]!.decisions.map((d) => d.effectStatus)).toEqual(['none']);

    // the decision took the pupil off the register, the signed minutes as its ground
    const reg = await c.call('register.forPupil', { pupilId: pupilOn });
    const closed = reg.entries.find((e) => e.off !== null);
    expect(closed?.off).toMatchObject({ number: signed.registerNumber, date: '2026-12-10', body: 'council' });
    expect(reg.entries.every((e) => e.off !== null)).toBe(true);
    // the measure is a task on the pupil's open case, due on the decision's deadline, its title naming the minutes only
    const task = (await c.call('cases.get', { id: caseId })).tasks.find((t) => t.title.includes(signed.registerNumber));
    expect(task?.dueOn).toBe('2027-02-28');
    expect(task?.title).not.toContain('Педагог-психологпен');

    const entries = await c.state.db.selectFrom('chronology').selectAll().where('kind', '=', 'hearing').execute();
    expect(entries.map((e) => [e.pupil_id, e.source_table, e.source_id])).toEqual([[pupilOn, 'council_meetings', meeting.id]]);
    const summary = chronologyProtected.read(c.state, entries[0]!.id, { summary_enc: entries[0]!.summary_enc, confidential_enc: null }).summary_enc;
    // stored as a message (no language), put into words in the reader's language
    expect(summary).not.toContain('Бекова');
    const kk = summaryText('hearing', summary, 'kk');
    expect(kk).toContain('хаттама № 1');
    expect(kk).toContain('мектепішілік есептен шығару');
    const ru = summaryText('hearing', summary, 'ru');
    expect(ru).toContain('протокол № 1');
    expect(ru).toContain('снятие с внутришкольного учёта');
    expect(entries[0]!.occurred_at).toBe('2026-12-10T15:00:00');

    // signing twice is not possible; the signed meeting is locked
    expect(await code(c.try('documents.cosign', { id: documentId, signer: directorSigner }))).toBe('documents.not_awaiting_signature');
    await loginAs(SECRETARY);
    expect(await code(c.try('council.meetings.remove', { id: meeting.id }))).toBe('council.locked');
  });

  it('an extract of one item, for the parent: signed by the secretary, with no other pupil’s name and no guest’s', async () => {
    const detail = await c.call('council.meetings.get', { id: meeting.id });
    const item = detail.agenda[0]!;
    await loginAs(ADMIN);
    expect(await code(c.try('council.extract.issue', { meetingId: meeting.id, itemId: item.id, lang: 'kk', signer: directorSigner }))).toBe('council.not_secretary');
    await loginAs(SECRETARY);
    const doc = await c.call('council.extract.issue', { meetingId: meeting.id, itemId: item.id, lang: 'kk', signer: secretarySigner });
    expect(doc.awaiting ?? null).toBeNull();
    const pdf = await storedPdf(doc.id);
    expect(pdfsig(pdf).signatures.map((s) => s.validation)).toEqual(['Signature is Valid.']);
    expect(qpdfCheck(pdf).ok).toBe(true);
    const text = flat(pdfText(pdf));
    for (const s of ['ҮЗІНДІ', 'хаттамасынан', item.title!, 'ТЫҢДАЛДЫ', 'ҚАУЛЫ ЕТТІ', 'Оқушы мектепішілік есептен шығарылсын.', 'Үзінді дұрыс.', 'Қатысқандар: 4 адам']) {
      expect(text, s).toContain(s);
    }
    for (const s of ['Бекова', 'Әлімова Гүлнар', 'Мектепішілік есептегі оқушылардың жағдайын', 'іссапарда']) expect(text, s).not.toContain(s);
    savePdfArtifact(pdf, 'council-extract');
    renderPng(pdf, 'council-extract', [1]);
    // the extract is the secretary's alone: it completes nothing and waits for nobody
    expect((await c.call('council.meetings.get', { id: meeting.id })).status).toBe('signed');
  });

  it('the pupil invited again is proposed for the next meeting, once', async () => {
    const next = (await c.call('council.meetings.list', { academicYear: YEAR })).find((m) => m.number === 2)!;
    const proposals = await c.call('council.agenda.proposals', { meetingId: next.id });
    const again = proposals.filter((p) => p.sourceType === 'invite_again');
    expect(again.map((p) => p.pupilId)).toEqual([pupilOn]);
    expect(again[0]!.titleKk).toContain('№ 1 хаттама');
    await c.call('council.agenda.add', { meetingId: next.id, source: { type: 'invite_again', id: again[0]!.sourceId }, title: again[0]!.titleKk, pupilId: pupilOn });
    expect((await c.call('council.agenda.proposals', { meetingId: next.id })).filter((p) => p.sourceType === 'invite_again')).toEqual([]);
  });

  it('an invitation to the parent of a pupil for the next meeting: date, time, place, the reason in neutral words', async () => {
    const next = (await c.call('council.meetings.list', { academicYear: YEAR })).find((m) => m.number === 2)!;
    const input = { meetingId: next.id, pupilId: pupilOn, reason: 'балаңыздың оқуы мен сабаққа қатысуы туралы әңгімелесу', lang: 'kk' as const };
    await loginAs(ADMIN);
    expect(await code(c.try('council.invitation.issue', { ...input, signer: directorSigner }))).toBe('council.not_secretary');
    await loginAs(SECRETARY);
    const doc = await c.call('council.invitation.issue', { ...input, signer: secretarySigner });
    const pdf = await storedPdf(doc.id);
    expect(pdfsig(pdf).signatures.map((s) => s.validation)).toEqual(['Signature is Valid.']);
    const text = flat(pdfText(pdf));
    for (const s of ['ШАҚЫРУ', 'Құрметті ата-ана!', 'Әлімов Арман (8 А)', '2027 жылғы 20 қаңтар', '15:00', 'Зал', input.reason]) expect(text, s).toContain(s);
    expect(text).not.toContain('Бекова');
    savePdfArtifact(pdf, 'council-invitation');
    renderPng(pdf, 'council-invitation', [1]);
    // a held meeting invites nobody
    expect(await code(c.try('council.invitation.issue', { ...input, meetingId: meeting.id, signer: secretarySigner }))).toBe('council.locked');
  });

  it('the pupil card lists the pupil’s hearings to protection holders only', async () => {
    await loginAs(PSYCHOLOGIST);
    const hearings = await c.call('council.pupilHearings', { pupilId: pupilOn });
    // meeting 2 (planned) has the pupil invited again; meeting 1 (signed) heard them
    expect(hearings.map((h) => [h.number, h.status])).toEqual([
      [2, 'planned'],
      [1, 'signed'],
    ]);
    expect(hearings[1]!.decisions.map((d) => [d.type, d.effectStatus])).toEqual([
      ['register_off', 'applied'],
      ['measure', 'applied'],
      ['invite_again', 'applied'],
    ]);
    expect(await c.call('council.pupilHearings', { pupilId: pupilOff })).toEqual([]);
    await loginAs(TEACHER);
    expect(await code(c.try('council.pupilHearings', { pupilId: pupilOn }))).toBe('auth.forbidden');
    // the minutes name the pupils heard: a class teacher (no protection key) neither lists nor opens them
    expect(await code(c.try('documents.pdf', { id: documentId }))).toBe('auth.forbidden');
    expect((await c.call('documents.list', {})).items.map((d) => d.kind)).not.toContain('minutes');
  });
});
