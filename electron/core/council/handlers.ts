import { COUNCIL_APPOINTERS, COUNCIL_PUPIL_READERS, COUNCIL_READERS, COUNCIL_WRITERS } from '../../../shared/permissions';
import { AppError } from '../errors';
import type { Contract, MethodOutput } from '../../../shared/api';
import type { ParsedInputOf } from '../../../shared/contract';
import type { Db, Stamp } from '../db/types';
import type { Ctx, HandlersFor, Registration } from '../registry';
import { proposeAgenda } from './agenda';
import { issueExtract, issueInvitation, issueMinutes } from './minutes';
import {
  addAgendaItem,
  createMeeting,
  getMeeting,
  listMeetings,
  pupilHearings,
  removeAgendaItem,
  removeMeeting,
  reorderAgenda,
  saveAttendance,
  saveItem,
  updateMeeting,
} from './meetings';
import { markExecutedByMinutes, meetingsOfPlanItem, planItemsOfMeeting, setPlanItemMeetings } from './plan-links';
import { getRoster, isOfficer, removeMember, saveMember, setOfficers } from './roster';

/** The academic year a record belongs to (null: no such record; the handler answers `not_found`). */
async function yearOfMeeting(ctx: Ctx, meetingId: string): Promise<number | null> {
  const r = await ctx.db.selectFrom('council_meetings').select('academic_year').where('id', '=', meetingId).executeTakeFirst();
  return r?.academic_year ?? null;
}

async function yearOfItem(ctx: Ctx, itemId: string): Promise<number | null> {
  const r = await ctx.db
    .selectFrom('council_agenda_items as a')
    .innerJoin('council_meetings as m', 'm.id', 'a.meeting_id')
    .select('m.academic_year')
    .where('a.id', '=', itemId)
    .executeTakeFirst();
  return r?.academic_year ?? null;
}

/** Writes to a meeting: only the chair or the secretary of the meeting's academic year. */
function officerGuard<I>(year: (ctx: Ctx, input: I) => Promise<number | null>) {
  return {
    rule: 'the chair or the secretary of the year’s council',
    bypass: [],
    check: async (ctx: Ctx, input: I) => {
      const y = await year(ctx, input);
      return y === null || (ctx.session !== null && (await isOfficer(ctx.db, ctx.session.accountId, y)));
    },
  } as const;
}

const byMeeting = officerGuard<{ meetingId: string }>((ctx, input) => yearOfMeeting(ctx, input.meetingId));
const byMeetingId = officerGuard<{ id: string }>((ctx, input) => yearOfMeeting(ctx, input.id));
const byItem = officerGuard<{ itemId: string }>((ctx, input) => yearOfItem(ctx, input.itemId));
const byYear = officerGuard<{ academicYear: number }>((_ctx, input) => Promise.resolve(input.academicYear));

const OWN_CERTIFICATE_RULE = 'signs with their own certificate';

/** The year's chair or secretary, signing with their own certificate (or one the school shares). */
const officerSigning = {
  rule: `${byMeeting.rule}, who ${OWN_CERTIFICATE_RULE}`,
  bypass: [],
  check: async (ctx: Ctx, input: { meetingId: string; signer: { certificateId: string } }) => {
    if (!(await byMeeting.check(ctx, input))) return false;
    const r = await ctx.db.selectFrom('signing_certificates').select('owner_account_id').where('id', '=', input.signer.certificateId).executeTakeFirst();
    return !r || r.owner_account_id === null || r.owner_account_id === ctx.session?.accountId;
  },
} as const;

type PlanLinkWrite = 'council.planLinks.set' | 'council.planLinks.markExecuted';

/**
 * A write on a council plan item's meeting links: the council writers, audited against the plan item, run with the
 * caller and the clock (plan-links.ts loads the item, checks it is the council's, and writes).
 */
function planItemWrite<M extends PlanLinkWrite>(
  run: (db: Db, stamp: Stamp, input: ParsedInputOf<Contract[M]>) => Promise<MethodOutput<M>>,
): Registration<M> {
  return {
    access: COUNCIL_WRITERS,
    kind: 'write',
    entity: 'plan_item',
    entityId: (input) => input.planItemId,
    handler: async ({ db, now, session }, input) => run(db, { accountId: session?.accountId ?? null, now }, input),
  };
}

function session(ctx: Ctx): { accountId: string } {
  if (!ctx.session) throw new AppError('auth.not_logged_in', 'log in first');
  return ctx.session;
}

export const councilHandlers: HandlersFor<'council'> = {
  'council.staff': {
    access: COUNCIL_APPOINTERS,
    kind: 'read',
    handler: async ({ db }) => {
      const rows = await db.selectFrom('accounts').select(['id', 'display_name']).where('disabled', '=', 0).orderBy('display_name').execute();
      return rows.map((r) => ({ id: r.id, displayName: r.display_name }));
    },
  },
  'council.roster': { access: COUNCIL_READERS, kind: 'read', handler: async ({ db }, input) => getRoster(db, input.academicYear) },
  'council.members.save': {
    access: COUNCIL_APPOINTERS,
    kind: 'write',
    entity: 'council_member',
    entityId: (_input, out) => out?.id ?? null,
    handler: async ({ db, now }, input) => saveMember(db, now, input),
  },
  'council.members.remove': {
    access: COUNCIL_APPOINTERS,
    kind: 'write',
    entity: 'council_member',
    entityId: (input) => input.id,
    handler: async ({ db }, input) => {
      await removeMember(db, input.id);
      return null;
    },
  },
  'council.officers.set': {
    access: COUNCIL_APPOINTERS,
    kind: 'write',
    entity: 'council',
    entityId: (input) => String(input.academicYear),
    handler: async ({ db, now }, input) => setOfficers(db, now, input.academicYear, input.chairMemberId, input.secretaryMemberId),
  },
  'council.planLinks.forItem': {
    access: 'authenticated',
    kind: 'read',
    handler: async ({ db }, input) => meetingsOfPlanItem(db, input.planItemId),
  },
  'council.planLinks.forMeeting': {
    access: COUNCIL_READERS,
    kind: 'read',
    handler: async ({ db }, input) => planItemsOfMeeting(db, input.meetingId),
  },
  'council.planLinks.set': planItemWrite(setPlanItemMeetings),
  'council.planLinks.markExecuted': planItemWrite(markExecutedByMinutes),
  'council.pupilHearings': {
    access: COUNCIL_PUPIL_READERS,
    kind: 'sensitive',
    entity: 'pupil',
    entityId: (input) => input.pupilId,
    handler: async ({ db, core }, input) => pupilHearings(db, core, input.pupilId),
  },
  'council.meetings.list': { access: COUNCIL_READERS, kind: 'read', handler: async ({ db }, input) => listMeetings(db, input.academicYear) },
  'council.meetings.get': {
    access: COUNCIL_READERS,
    kind: 'sensitive',
    entity: 'council_meeting',
    entityId: (input) => input.id,
    handler: async ({ db, core }, input) => getMeeting(db, core, input.id),
  },
  'council.meetings.create': {
    access: COUNCIL_WRITERS,
    kind: 'write',
    entity: 'council_meeting',
    entityId: (_input, out) => out?.id ?? null,
    guard: byYear,
    handler: async ({ db, now }, input) => createMeeting(db, now, input),
  },
  'council.meetings.update': {
    access: COUNCIL_WRITERS,
    kind: 'write',
    entity: 'council_meeting',
    entityId: (input) => input.id,
    guard: byMeetingId,
    handler: async ({ db, now }, input) => updateMeeting(db, now, input.id, input),
  },
  'council.meetings.remove': {
    access: COUNCIL_WRITERS,
    kind: 'write',
    entity: 'council_meeting',
    entityId: (input) => input.id,
    guard: byMeetingId,
    handler: async ({ db }, input) => {
      await removeMeeting(db, input.id);
      return null;
    },
  },
  'council.attendance.save': {
    access: COUNCIL_WRITERS,
    kind: 'write',
    entity: 'council_meeting',
    entityId: (input) => input.meetingId,
    guard: byMeeting,
    handler: async ({ db, core }, input) => saveAttendance(db, core, input.meetingId, input.entries),
  },
  'council.agenda.proposals': {
    access: COUNCIL_WRITERS,
    kind: 'read',
    guard: byMeeting,
    handler: async ({ db, core }, input) => proposeAgenda(db, core, input.meetingId),
  },
  'council.agenda.add': {
    access: COUNCIL_WRITERS,
    kind: 'write',
    entity: 'council_meeting',
    entityId: (input) => input.meetingId,
    guard: byMeeting,
    handler: async ({ db, core, now }, input) => addAgendaItem(db, core, now, input),
  },
  'council.agenda.reorder': {
    access: COUNCIL_WRITERS,
    kind: 'write',
    entity: 'council_meeting',
    entityId: (input) => input.meetingId,
    guard: byMeeting,
    handler: async ({ db }, input) => {
      await reorderAgenda(db, input.meetingId, input.itemIds);
      return null;
    },
  },
  'council.agenda.remove': {
    access: COUNCIL_WRITERS,
    kind: 'write',
    entity: 'council_agenda_item',
    entityId: (input) => input.itemId,
    guard: byItem,
    handler: async ({ db }, input) => {
      await removeAgendaItem(db, input.itemId);
      return null;
    },
  },
  'council.agenda.saveItem': {
    access: COUNCIL_WRITERS,
    kind: 'write',
    entity: 'council_agenda_item',
    entityId: (input) => input.itemId,
    guard: byItem,
    handler: async ({ db, core, now }, input) => saveItem(db, core, now, input),
  },
  'council.minutes.issue': {
    access: COUNCIL_WRITERS,
    kind: 'write',
    entity: 'council_meeting',
    entityId: (input) => input.meetingId,
    guard: officerSigning,
    handler: async (ctx, input) => issueMinutes({ db: ctx.db, now: ctx.now, session: session(ctx), keys: ctx.core }, input),
  },
  'council.extract.issue': {
    access: COUNCIL_WRITERS,
    kind: 'write',
    entity: 'council_meeting',
    entityId: (input) => input.meetingId,
    guard: officerSigning,
    handler: async (ctx, input) => issueExtract({ db: ctx.db, now: ctx.now, session: session(ctx), keys: ctx.core }, input),
  },
  'council.invitation.issue': {
    access: COUNCIL_WRITERS,
    kind: 'write',
    entity: 'council_meeting',
    entityId: (input) => input.meetingId,
    guard: officerSigning,
    handler: async (ctx, input) => issueInvitation({ db: ctx.db, now: ctx.now, session: session(ctx), keys: ctx.core }, input),
  },
};
