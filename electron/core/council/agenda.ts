/**
 * The agenda proposed for a meeting: what is due, from pluggable sources. Each source lists proposals for one
 * meeting; the secretary accepts some (`council.agenda.add` with the proposal's source), reorders, adds free items.
 * A proposal already on this meeting's agenda, or heard at an earlier meeting of the year, is not proposed again.
 *
 * Shipped: plan items assigned to the council (the year's approved plan, responsible "Профилактика кеңесі", due in
 * the meeting's month), pupils on the intra-school register whose review falls due by the end of the meeting's
 * month, pupils the council decided to invite again, and pupils of bullying cases escalated to the council
 * (electron/core/bullying/agenda.ts).
 */
import type { AgendaProposal } from '../../../shared/council';
import type { KeySource } from '../core';
import type { Database } from '../db/schema';
import type { Db } from '../db/types';
import { escalatedCases } from '../bullying/agenda';
import { meetingRow } from './meetings';

export interface AgendaSourceContext {
  db: Db;
  keys: KeySource;
  meeting: Database['council_meetings'];
}

export interface AgendaSource {
  /** the `source_type` an accepted proposal's agenda item carries */
  type: string;
  /** 'month': a proposal taken up at a meeting comes back in another month (a plan item due each quarter); 'once' */
  repeats: 'month' | 'once';
  propose(ctx: AgendaSourceContext): Promise<AgendaProposal[]>;
}

/**
 * Plan items whose responsible include the council, from the year's approved plan: due in the meeting's month, or
 * pointing to this meeting (council_plan_links, plan-links.ts) whatever their months.
 */
const planItems: AgendaSource = {
  type: 'plan_item',
  repeats: 'month',
  async propose({ db, meeting }) {
    const month = Number(meeting.date.slice(5, 7));
    const bit = 1 << (month - 1);
    const rows = await db
      .selectFrom('plan_items as i')
      .innerJoin('plans as p', 'p.id', 'i.plan_id')
      .select(['i.id', 'i.measure_kk', 'i.measure_ru', 'i.due_any_mask', 'i.responsible_roles'])
      .where('p.academic_year', '=', meeting.academic_year)
      .where('p.status', '=', 'approved')
      .where('i.responsible_roles', 'like', '%"council"%')
      .orderBy('i.position')
      .execute();
    const linked = new Set((await db.selectFrom('council_plan_links').select('plan_item_id').where('meeting_id', '=', meeting.id).execute()).map((l) => l.plan_item_id));
    return rows
      .filter((r) => (r.due_any_mask & bit) !== 0 || linked.has(r.id))
      .map((r) => ({
        sourceType: 'plan_item',
        sourceId: r.id,
        pupilId: null,
        titleKk: r.measure_kk || r.measure_ru,
        titleRu: r.measure_ru || r.measure_kk,
        reason: linked.has(r.id) ? 'plan_item_linked' : 'plan_item',
        reasonParams: { month },
      }));
  },
};

/** Pupils a signed meeting of the year decided to invite again (decision type `invite_again`). */
const invitedAgain: AgendaSource = {
  type: 'invite_again',
  repeats: 'once',
  async propose({ db, meeting }) {
    const rows = await db
      .selectFrom('council_decisions as d')
      .innerJoin('council_agenda_items as a', 'a.id', 'd.item_id')
      .innerJoin('council_meetings as m', 'm.id', 'a.meeting_id')
      .innerJoin('pupils as p', 'p.id', 'd.pupil_id')
      .select(['d.id', 'd.pupil_id', 'd.deadline', 'm.number', 'p.last_name', 'p.first_name', 'p.grade', 'p.class_letter'])
      .where('d.type', '=', 'invite_again')
      .where('m.status', '=', 'signed')
      .where('m.academic_year', '=', meeting.academic_year)
      .where('m.date', '<', meeting.date)
      .orderBy('m.number')
      .execute();
    return rows.map((r) => {
      const who = `${r.last_name} ${r.first_name} (${r.grade} ${r.class_letter})`.trim();
      return {
        sourceType: 'invite_again',
        sourceId: r.id,
        pupilId: r.pupil_id,
        titleKk: `${who} оқушының жағдайы туралы (қайта шақыру, № ${r.number} хаттама)`,
        titleRu: `О положении учащегося ${who} (повторное приглашение, протокол № ${r.number})`,
        reason: 'invite_again',
        reasonParams: { number: r.number },
      };
    });
  },
};

/**
 * Pupils on the intra-school register whose review falls due by the end of the meeting's month (the register is
 * welfare data: proposed to holders of the protection compartment only). Recording the review on the register
 * moves its date on, and the proposal goes with it.
 */
const registerReviews: AgendaSource = {
  type: 'register_review',
  repeats: 'month',
  async propose({ db, keys, meeting }) {
    if (keys.compartmentKey('protection') === null) return [];
    const monthEnd = `${meeting.date.slice(0, 7)}-31`;
    const rows = await db
      .selectFrom('register_entries as e')
      .innerJoin('pupils as p', 'p.id', 'e.pupil_id')
      .select(['e.id', 'e.pupil_id', 'e.next_review_on', 'p.last_name', 'p.first_name', 'p.grade', 'p.class_letter'])
      .where('e.off_date', 'is', null)
      .where('e.next_review_on', 'is not', null)
      .where('e.next_review_on', '<=', monthEnd)
      .where('p.archived', '=', 0)
      .orderBy('e.next_review_on')
      .execute();
    return rows.map((r) => {
      const who = `${r.last_name} ${r.first_name} (${r.grade} ${r.class_letter})`.trim();
      const date = r.next_review_on ?? '';
      return {
        sourceType: 'register_review',
        sourceId: r.id,
        pupilId: r.pupil_id,
        titleKk: `${who} оқушының мектепішілік есептегі жағдайын қарау`,
        titleRu: `О рассмотрении положения учащегося ${who}, состоящего на внутришкольном учёте`,
        reason: 'register_review',
        reasonParams: { date },
      };
    });
  },
};

/** Every agenda source, in the order their proposals are listed. */
export const AGENDA_SOURCES: AgendaSource[] = [
  planItems,
  registerReviews,
  invitedAgain,
  escalatedCases,
];

/** The proposals for a meeting, without what this meeting or an earlier one of the year already took up. */
export async function proposeAgenda(db: Db, keys: KeySource, meetingId: string, sources: AgendaSource[] = AGENDA_SOURCES): Promise<AgendaProposal[]> {
  const meeting = await meetingRow(db, meetingId);
  const taken = await db
    .selectFrom('council_agenda_items as a')
    .innerJoin('council_meetings as m', 'm.id', 'a.meeting_id')
    .select(['a.source_type', 'a.source_id', 'm.id as meeting_id', 'm.date'])
    .where('a.source_id', 'is not', null)
    .where('m.academic_year', '=', meeting.academic_year)
    .where((eb) => eb.or([eb('m.id', '=', meeting.id), eb('m.date', '<=', meeting.date)]))
    .execute();
  const month = meeting.date.slice(0, 7);
  const out: AgendaProposal[] = [];
  for (const s of sources) {
    const takenKeys = new Set(
      taken
        .filter((t) => t.source_type === s.type && (t.meeting_id === meeting.id || s.repeats === 'once' || t.date.slice(0, 7) === month))
        .map((t) => t.source_id),
    );
    for (const p of await s.propose({ db, keys, meeting })) {
      if (!takenKeys.has(p.sourceId)) out.push(p);
    }
  }
  return out;
}
