/**
 * Issuing the minutes: the year's secretary, in their own login, renders the meeting as minutes, signs them and
 * stores them in the documents register with the chair's signature declared for later. The meeting is then locked
 * ("awaiting the chair"); the chair co-signs from their own login (documents.cosign), which completes it
 * (complete.ts).
 */
import type { DocumentSummary, SignerInput } from '../../../shared/documents';
import { minutesTitle } from '../../../shared/council';
import type { KeySource } from '../core';
import { issueDocument, type IssueContext } from '../documents/issue';
import type { DocLang } from '../documents/types';
import { AppError } from '../errors';
import { readSchoolProfile } from '../school/queries';
import { MEETING_SOURCE } from './complete';
import { editableMeeting, meetingRow, readAgenda, readAttendance } from './meetings';
import { extractDocument, invitationDocument, MINUTES_WORDS, minutesDocument } from './minutes-pdf';
import { getOfficers } from './roster';

export async function issueMinutes(
  ctx: IssueContext & { keys: KeySource; session: { accountId: string } },
  input: { meetingId: string; lang: DocLang; signer: SignerInput },
): Promise<DocumentSummary> {
  const { db } = ctx;
  const meeting = await editableMeeting(db, input.meetingId);
  const officers = await getOfficers(db, meeting.academic_year);
  if (officers.secretary.accountId !== ctx.session.accountId) {
    throw new AppError('council.not_secretary', 'the minutes are issued and first signed by the council’s secretary');
  }
  const agenda = await readAgenda(db, ctx.keys, meeting.id);
  if (agenda.length === 0) throw new AppError('council.no_agenda', 'minutes need at least one agenda item');
  if (agenda.some((i) => i.title === null)) throw new AppError('keys.not_holder', 'the agenda cannot be read with this session’s keys');
  const attendance = await readAttendance(db, ctx.keys, meeting.id);
  const labels = await groundLabels(db, input.lang);
  const school = await readSchoolProfile(db);
  const w = MINUTES_WORDS[input.lang];
  const kk = input.lang === 'kk';
  const chairPosition = kk ? officers.chair.positionKk : officers.chair.positionRu;
  const secretaryPosition = kk ? officers.secretary.positionKk : officers.secretary.positionRu;
  const issued = await issueDocument(ctx, {
    kind: 'minutes',
    lang: input.lang,
    title: minutesTitle(input.lang, meeting.number),
    signers: [{ ...input.signer, position: input.signer.position ?? secretaryPosition }],
    signerRoles: [{ role: 'secretary', roleLabel: w.secretary }],
    later: [{ role: 'chair', roleLabel: w.chair, accountId: officers.chair.accountId, position: chairPosition }],
    source: { type: MEETING_SOURCE, id: meeting.id },
    build: ({ registerNumber, documentId, stamps }) =>
      minutesDocument({
        lang: input.lang,
        schoolName: kk ? school.nameKk : school.nameRu,
        number: meeting.number,
        date: new Date(`${meeting.date}T12:00:00`),
        time: meeting.time,
        place: meeting.place,
        chair: { name: officers.chair.name, position: chairPosition },
        secretary: { name: officers.secretary.name, position: secretaryPosition },
        attendance,
        agenda,
        registerNumber,
        documentId,
        stamps,
        groundLabels: labels,
      }),
  });
  await db
    .updateTable('council_meetings')
    .set({ status: 'awaiting_chair', document_id: issued.document.id, updated_at: ctx.now.toISOString() })
    .where('id', '=', meeting.id)
    .execute();
  return issued.document;
}

/** The school's register grounds by id, labelled in the document's language (a put-on decision prints them). */
async function groundLabels(db: IssueContext['db'], lang: DocLang): Promise<Map<string, string>> {
  const rows = await db.selectFrom('register_grounds').select(['id', 'label_kk', 'label_ru']).execute();
  return new Map(rows.map((r) => [r.id, lang === 'kk' ? r.label_kk || r.label_ru : r.label_ru || r.label_kk]));
}

export const EXTRACT_SOURCE = 'council_extract';

/**
 * An extract of one agenda item of signed minutes, signed by the year's secretary (who issues it). The source of
 * the register entry is the agenda item, so the register links it to its hearing.
 */
export async function issueExtract(
  ctx: IssueContext & { keys: KeySource; session: { accountId: string } },
  input: { meetingId: string; itemId: string; lang: DocLang; signer: SignerInput },
): Promise<DocumentSummary> {
  const { db } = ctx;
  const meeting = await meetingRow(db, input.meetingId);
  if (meeting.status !== 'signed') throw new AppError('council.minutes_not_signed', 'an extract is made of minutes signed by the chair and the secretary');
  const officers = await getOfficers(db, meeting.academic_year);
  if (officers.secretary.accountId !== ctx.session.accountId) {
    throw new AppError('council.not_secretary', 'an extract is signed by the council’s secretary');
  }
  const item = (await readAgenda(db, ctx.keys, meeting.id)).find((i) => i.id === input.itemId);
  if (!item) throw new AppError('not_found', 'no such agenda item in this meeting');
  if (item.title === null) throw new AppError('keys.not_holder', 'the agenda cannot be read with this session’s keys');
  const presentCount = (await readAttendance(db, ctx.keys, meeting.id)).filter((a) => a.present).length;
  const labels = await groundLabels(db, input.lang);
  const school = await readSchoolProfile(db);
  const w = MINUTES_WORDS[input.lang];
  const kk = input.lang === 'kk';
  const secretaryPosition = kk ? officers.secretary.positionKk : officers.secretary.positionRu;
  const issued = await issueDocument(ctx, {
    kind: 'minutes',
    lang: input.lang,
    title: w.extractTitle(meeting.number).replace('\n', ' '),
    signers: [{ ...input.signer, position: input.signer.position ?? secretaryPosition }],
    signerRoles: [{ role: 'secretary', roleLabel: w.secretary }],
    source: { type: EXTRACT_SOURCE, id: item.id },
    build: ({ registerNumber, documentId, stamps }) =>
      extractDocument({
        lang: input.lang,
        schoolName: kk ? school.nameKk : school.nameRu,
        number: meeting.number,
        date: new Date(`${meeting.date}T12:00:00`),
        time: meeting.time,
        place: meeting.place,
        chair: { name: officers.chair.name, position: kk ? officers.chair.positionKk : officers.chair.positionRu },
        secretary: { name: officers.secretary.name, position: secretaryPosition },
        presentCount,
        item,
        registerNumber,
        documentId,
        stamps,
        groundLabels: labels,
      }),
  });
  return issued.document;
}

export const INVITATION_SOURCE = 'council_invitation';

/** An invitation of a pupil's parent to a planned meeting, signed by the year's secretary. */
export async function issueInvitation(
  ctx: IssueContext & { keys: KeySource; session: { accountId: string } },
  input: { meetingId: string; pupilId: string; reason: string; lang: DocLang; signer: SignerInput },
): Promise<DocumentSummary> {
  const { db } = ctx;
  const meeting = await editableMeeting(db, input.meetingId);
  const officers = await getOfficers(db, meeting.academic_year);
  if (officers.secretary.accountId !== ctx.session.accountId) {
    throw new AppError('council.not_secretary', 'invitations are signed by the council’s secretary');
  }
  const pupil = await db.selectFrom('pupils').select(['last_name', 'first_name', 'grade', 'class_letter']).where('id', '=', input.pupilId).executeTakeFirst();
  if (!pupil) throw new AppError('not_found', 'no such pupil');
  const school = await readSchoolProfile(db);
  const kk = input.lang === 'kk';
  const position = kk ? `Профилактика кеңесінің хатшысы` : `Секретарь Совета профилактики`;
  const issued = await issueDocument(ctx, {
    kind: 'other',
    lang: input.lang,
    title: kk ? `Профилактика кеңесінің № ${meeting.number} отырысына шақыру` : `Приглашение на заседание Совета профилактики № ${meeting.number}`,
    signers: [{ ...input.signer, position: input.signer.position ?? (kk ? officers.secretary.positionKk : officers.secretary.positionRu) }],
    signerRoles: [{ role: 'secretary', roleLabel: MINUTES_WORDS[input.lang].secretary }],
    source: { type: INVITATION_SOURCE, id: meeting.id },
    build: ({ registerNumber, documentId, stamps }) =>
      invitationDocument({
        lang: input.lang,
        schoolName: kk ? school.nameKk : school.nameRu,
        pupil: `${pupil.last_name} ${pupil.first_name} (${pupil.grade} ${pupil.class_letter})`.replace(' )', ')'),
        date: new Date(`${meeting.date}T12:00:00`),
        time: meeting.time,
        place: meeting.place,
        reason: input.reason,
        secretary: { name: officers.secretary.name, position },
        registerNumber,
        documentId,
        stamps,
      }),
  });
  return issued.document;
}
