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
import { ADMIN, createTestCore, type TestCore } from '../../harness/core';
import { flat, pdfText } from '../documents/helpers';

const YEAR = 2026;
const SECRETARY = { login: 'secretary', password: 'хатшының ұзын құпия сөзі', displayName: 'Сейітова Әйгерім', roles: ['council_secretary' as const] };
const PSYCHOLOGIST = { login: 'psych', password: 'психологтың ұзын құпия сөзі', displayName: 'Өмірзақова Ү.', roles: ['psychologist' as const] };

let c: TestCore;
let directorSigner: SignerInput;
let secretarySigner: SignerInput;
let pupilNew: string;
let pupilOn: string;
let grounds: { id: string; labelKk: string }[];

async function loginAs(who: { login: string; password: string }): Promise<void> {
  await c.call('auth.lock', {});
  await c.call('auth.login', { login: who.login, password: who.password });
}

async function code(p: Promise<{ ok: boolean; error?: { code: string } }>): Promise<string | null> {
  const r = await p;
  return r.ok ? null : (r.error?.code ?? null);
}

beforeAll(async () => {
  c = await createTestCore();
  const directorId = c.state.session!.accountId;
  const secretaryId = (await c.call('accounts.create', { ...SECRETARY, language: 'kk' })).id;
  await c.call('accounts.create', { ...PSYCHOLOGIST, language: 'kk' });
  directorSigner = { certificateId: (await c.call('documents.certificates.create', { position: 'Директор', organization: '№96 мектеп', password: 'директордың қол қою құпиясы' })).id, password: 'директордың қол қою құпиясы' };

  await loginAs(PSYCHOLOGIST);
  pupilNew = (await c.call('pupils.create', { lastName: 'Жұмабаев', firstName: 'Ерлан', grade: 9, classLetter: 'Б', instructionLanguage: 'kk' })).id;
  pupilOn = (await c.call('pupils.create', { lastName: 'Сәрсенова', firstName: 'Ая', grade: 6, classLetter: 'А', instructionLanguage: 'kk' })).id;
  grounds = await c.call('register.grounds', {});
  await c.call('register.putOn', { pupilId: pupilOn, decision: { number: '7', date: '2026-09-20', body: 'director' }, groundIds: [grounds[0]!.id] });
  await loginAs(ADMIN);

  const member = async (accountId: string, name: string, positionKk: string, positionRu: string) =>
    (await c.call('council.members.save', { academicYear: YEAR, accountId, name, positionKk, positionRu })).id;
  const chair = await member(directorId, 'М.Қаншев', 'мектеп директоры', 'директор школы');
  const secretary = await member(secretaryId, 'Ә.Сейітова', 'әлеуметтік педагог', 'социальный педагог');
  await c.call('council.officers.set', { academicYear: YEAR, chairMemberId: chair, secretaryMemberId: secretary });

  await loginAs(SECRETARY);
  secretarySigner = { certificateId: (await c.call('documents.certificates.create', { position: 'Кеңес хатшысы', organization: '№96 мектеп', password: 'хатшының қол қою құпиясы' })).id, password: 'хатшының қол қою құпиясы' };
}, 120_000);
afterAll(async () => {
  await c.cleanup();
});

describe('putting a pupil on the register by a council decision', () => {
  let meeting: MeetingSummary;
  let itemId: string;

  it('refuses a put-on decision without grounds, with an unknown ground, for a pupil already on, or reviewed before the meeting', async () => {
    meeting = await c.call('council.meetings.create', { academicYear: YEAR, date: '2026-12-17', time: '14:30', place: 'Мәжіліс залы' });
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
    expect(got.agenda[0]!.decisions.map((d) => d.effectStatus)).toEqual(['applied']);
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
