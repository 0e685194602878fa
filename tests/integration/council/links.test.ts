/**
 * The council, finished (issue 11): a decision to put a pupil on the intra-school register carries its grounds from
 * the school's list and a first review, and the chair's co-signature puts the pupil on with the signed minutes as
 * the decision; a joint-plan item the council carries out points to its planned meetings, the meeting shows the
 * item, and the signed minutes mark the item's execution for the quarter.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignerInput } from '../../../shared/documents';
import type { MeetingSummary } from '../../../shared/council';
import { chronologyProtected } from '../../../electron/core/chronology/record';
import { ADMIN, type TestCore } from '../../harness/core';
import { flat, pdfText } from '../documents/helpers';
import { approvedPlan, code, councilSchool, newSigner, PSYCHOLOGIST, SECRETARY, YEAR, type CouncilSchool } from './fixture';

let c: TestCore;
let loginAs: CouncilSchool['loginAs'];
let directorSigner: SignerInput;
let secretarySigner: SignerInput;
let pupilNew: string;
let pupilOn: string;
let grounds: { id: string; labelKk: string }[];
let planItem: string;
let otherItem: string;
let meeting: MeetingSummary;

beforeAll(async () => {
  let directorId: string;
  let secretaryId: string;
  ({ c, loginAs, directorId, secretaryId, directorSigner } = await councilSchool());

  await loginAs(PSYCHOLOGIST);
  pupilNew = (await c.call('pupils.create', { lastName: 'Жұмабаев', firstName: 'Ерлан', grade: 9, classLetter: 'Б', instructionLanguage: 'kk' })).id;
  pupilOn = (await c.call('pupils.create', { lastName: 'Сәрсенова', firstName: 'Ая', grade: 6, classLetter: 'А', instructionLanguage: 'kk' })).id;
  grounds = await c.call('register.grounds', {});
  await c.call('register.putOn', { pupilId: pupilOn, decision: { number: '7', date: '2026-09-20', body: 'director' }, groundIds: [grounds[0]!.id] });
  await loginAs(ADMIN);

  // the year's plan: an item the council carries out (due in March) and one it does not
  [planItem, otherItem] = (await approvedPlan(c, { titleKk: '1. Профилактика', titleRu: '1. Профилактика' }, [
    { measureKk: 'Тәуекел тобындағы оқушылардың жағдайын кеңесте тыңдау', measureRu: 'Заслушивание на совете положения учащихся группы риска', responsibleRoles: ['council'], dueMonths: [3] },
    { measureKk: 'Ата-аналар жиналысы', measureRu: 'Родительское собрание', responsibleRoles: ['class_teacher'], dueMonths: [12] },
  ])) as [string, string];

  const member = async (accountId: string, name: string, positionKk: string, positionRu: string) =>
    (await c.call('council.members.save', { academicYear: YEAR, accountId, name, positionKk, positionRu })).id;
  const chair = await member(directorId, 'М.Қаншев', 'мектеп директоры', 'директор школы');
  const secretary = await member(secretaryId, 'Ә.Сейітова', 'әлеуметтік педагог', 'социальный педагог');
  await c.call('council.officers.set', { academicYear: YEAR, chairMemberId: chair, secretaryMemberId: secretary });

  await loginAs(SECRETARY);
  secretarySigner = await newSigner(c, 'Кеңес хатшысы', 'хатшының қол қою құпиясы');
}, 120_000);
afterAll(async () => {
  await c.cleanup();
});

describe('a plan item points to its meetings', () => {
  it('links a council plan item to planned meetings of its year; refuses an item not assigned to the council', async () => {
    meeting = await c.call('council.meetings.create', { academicYear: YEAR, date: '2026-12-17', time: '14:30', place: 'Мәжіліс залы' });
    const later = await c.call('council.meetings.create', { academicYear: YEAR, date: '2027-03-11', time: '14:30', place: 'Мәжіліс залы' });
    // a meeting of the next year (its council is not appointed yet: written straight to the table)
    const nextYear = { id: '7d0b3a52-9a43-4d6c-9e0e-2f6a1c5b8e01' };
    const at = c.state.platform.now().toISOString();
    await c.state.db.insertInto('council_meetings').values({ id: nextYear.id, academic_year: YEAR + 1, number: 1, date: '2027-10-14', time: '14:30', place: 'Зал', status: 'planned', document_id: null, signed_at: null, created_at: at, updated_at: at }).execute();
    expect(await code(c.try('council.planLinks.set', { planItemId: otherItem, meetingIds: [meeting.id] }))).toBe('council.plan_item_not_council');
    expect(await code(c.try('council.planLinks.set', { planItemId: planItem, meetingIds: [nextYear.id] }))).toBe('validation');
    await loginAs(PSYCHOLOGIST);
    expect(await code(c.try('council.planLinks.set', { planItemId: planItem, meetingIds: [meeting.id] }))).toBe('auth.forbidden');
    await loginAs(SECRETARY);
    const links = await c.call('council.planLinks.set', { planItemId: planItem, meetingIds: [later.id, meeting.id] });
    expect(links.map((l) => [l.number, l.date, l.status, l.evidenceQuarter])).toEqual([
      [1, '2026-12-17', 'planned', null],
      [2, '2027-03-11', 'planned', null],
    ]);
    // the plan item shows its meetings to every plan reader; the meeting shows the plan item
    await loginAs(PSYCHOLOGIST);
    expect((await c.call('council.planLinks.forItem', { planItemId: planItem })).map((l) => l.number)).toEqual([1, 2]);
    await loginAs(SECRETARY);
    expect(await c.call('council.planLinks.forMeeting', { meetingId: meeting.id })).toEqual([
      { planItemId: planItem, planId: expect.any(String), measureKk: 'Тәуекел тобындағы оқушылардың жағдайын кеңесте тыңдау', measureRu: 'Заслушивание на совете положения учащихся группы риска', quarter: 2, evidenceQuarter: null, executionStatus: null },
    ]);
    // due in March, yet proposed for the December meeting it points to
    const proposals = await c.call('council.agenda.proposals', { meetingId: meeting.id });
    expect(proposals.filter((p) => p.sourceType === 'plan_item').map((p) => [p.sourceId, p.reason])).toEqual([[planItem, 'plan_item_linked']]);
    await c.call('council.agenda.add', { meetingId: meeting.id, source: { type: 'plan_item', id: planItem }, title: proposals[0]!.titleKk });
  });
});

describe('putting a pupil on the register by a council decision', () => {
  let itemId: string;

  it('refuses a put-on decision without grounds, with an unknown ground, for a pupil already on, or reviewed before the meeting', async () => {
    itemId = (await c.call('council.agenda.add', { meetingId: meeting.id, title: '9 Б сынып оқушысының тәртібі туралы', pupilId: pupilNew })).id;
    const save = (decision: Record<string, unknown>) =>
      c.try('council.agenda.saveItem', { itemId, title: '9 Б сынып оқушысының тәртібі туралы', pupilId: pupilNew, decisions: [{ type: 'register_on', pupilId: pupilNew, text: 'Есепке алынсын.', ...decision }] });
    expect(await code(save({}))).toBe('council.grounds_required');
    expect(await code(save({ groundIds: ['00000000-0000-4000-8000-000000000000'] }))).toBe('register.bad_ground');
    expect(await code(save({ groundIds: [grounds[1]!.id], firstReviewOn: '2026-12-01' }))).toBe('register.bad_dates');
    expect(await code(save({ pupilId: pupilOn, groundIds: [grounds[1]!.id] }))).toBe('council.already_on_register');
  });

  it('records the grounds (sealed) and the first review; the minutes print the grounds', async () => {
    const saved = await c.call('council.agenda.saveItem', {
      itemId,
      title: '9 Б сынып оқушысының тәртібі туралы',
      pupilId: pupilNew,
      heard: 'Сынып жетекшісі оқушының сабақтан қалуы туралы баяндады.',
      decisions: [
        { type: 'register_on', pupilId: pupilNew, text: 'Оқушы мектепішілік есепке алынсын.', responsible: 'әлеуметтік педагог', groundIds: [grounds[1]!.id, grounds[2]!.id], firstReviewOn: '2027-02-15' },
      ],
    });
    expect(saved.decisions.map((d) => [d.type, d.groundIds, d.firstReviewOn])).toEqual([['register_on', [grounds[1]!.id, grounds[2]!.id], '2027-02-15']]);
    const row = await c.state.db.selectFrom('council_decisions').select(['grounds_enc']).where('id', '=', saved.decisions[0]!.id).executeTakeFirstOrThrow();
    expect(Buffer.from(row.grounds_enc!).toString('latin1')).not.toContain(grounds[1]!.id);

    const doc = await c.call('council.minutes.issue', { meetingId: meeting.id, lang: 'kk', signer: secretarySigner });
    const text = flat(pdfText(Buffer.from((await c.call('documents.pdf', { id: doc.id })).base64, 'base64')));
    expect(text).toContain(`Есепке қою негіздемелері: ${grounds[1]!.labelKk}; ${grounds[2]!.labelKk}.`);
    expect(text).toContain('Бірінші қарау: 2027 жылғы 15 ақпан');
    // not on the register until the chair signs
    await loginAs(PSYCHOLOGIST);
    expect((await c.call('register.forPupil', { pupilId: pupilNew })).entries).toEqual([]);
  });

  it('the chair’s co-signature puts the pupil on, the minutes as the decision, with the grounds and the first review', async () => {
    await loginAs(ADMIN);
    const [awaiting] = await c.call('documents.awaitingMine', {});
    const signed = await c.call('documents.cosign', { id: awaiting!.id, signer: directorSigner });
    const got = await c.call('council.meetings.get', { id: meeting.id });
    expect(got.agenda.find((i) => i.id === itemId)!.decisions.map((d) => d.effectStatus)).toEqual(['applied']);
    const reg = await c.call('register.forPupil', { pupilId: pupilNew });
    expect(reg.entries).toHaveLength(1);
    const entry = reg.entries[0]!;
    expect(entry.on).toEqual({ number: signed.registerNumber, date: '2026-12-17', body: 'council' });
    expect(entry.off).toBeNull();
    expect(entry.groundIds).toEqual([grounds[1]!.id, grounds[2]!.id]);
    expect(entry.nextReviewOn).toBe('2027-02-15');
    expect(entry.notes).toBe('Оқушы мектепішілік есепке алынсын.');
    const lines = await c.state.db.selectFrom('chronology').selectAll().where('pupil_id', '=', pupilNew).orderBy('kind').execute();
    expect(lines.map((l) => l.kind)).toEqual(['hearing', 'register_on']);
    const summary = chronologyProtected.read(c.state, lines[1]!.id, { summary_enc: lines[1]!.summary_enc, confidential_enc: null }).summary_enc;
    expect(summary).toContain(signed.registerNumber);
  });
});

describe('the signed minutes are the plan item’s execution evidence', () => {
  it('marks the item done for the meeting’s quarter, the minutes named by their register number; a planned meeting is no evidence', async () => {
    await loginAs(SECRETARY);
    const [, later] = await c.call('council.planLinks.forItem', { planItemId: planItem });
    expect(await code(c.try('council.planLinks.markExecuted', { planItemId: planItem, meetingId: later!.meetingId }))).toBe('council.minutes_not_signed');
    expect(await code(c.try('council.planLinks.markExecuted', { planItemId: otherItem, meetingId: meeting.id }))).toBe('council.plan_item_not_council');
    const mark = await c.call('council.planLinks.markExecuted', { planItemId: planItem, meetingId: meeting.id });
    const doc = (await c.call('council.meetings.get', { id: meeting.id })).documentId!;
    const reg = (await c.state.db.selectFrom('documents').select('register_number').where('id', '=', doc).executeTakeFirstOrThrow()).register_number;
    expect(mark).toMatchObject({ itemId: planItem, quarter: 2, status: 'done', doneOn: '2026-12-17' });
    expect(mark.doneText).toContain(`№ 1 хаттама (тіркеу № ${reg})`);
    // once: marking again does not repeat the minutes
    expect((await c.call('council.planLinks.markExecuted', { planItemId: planItem, meetingId: meeting.id })).doneText).toBe(mark.doneText);
    const links = await c.call('council.planLinks.forItem', { planItemId: planItem });
    expect(links.map((l) => [l.number, l.status, l.evidenceQuarter, l.evidenceRegisterNumber])).toEqual([
      [1, 'signed', 2, reg],
      [2, 'planned', null, null],
    ]);
    expect((await c.call('council.planLinks.forMeeting', { meetingId: meeting.id }))[0]).toMatchObject({ evidenceQuarter: 2, executionStatus: 'done' });
    // the held meeting stays linked: it is the record of what was done
    expect(await code(c.try('council.planLinks.set', { planItemId: planItem, meetingIds: [later!.meetingId] }))).toBe('council.locked');
    expect((await c.call('council.planLinks.set', { planItemId: planItem, meetingIds: [meeting.id] })).map((l) => l.number)).toEqual([1]);
  });
});
