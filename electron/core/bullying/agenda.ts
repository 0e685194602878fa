/**
 * The council agenda's proposals from escalated bullying cases (`AGENDA_SOURCES` in council/agenda.ts): each pupil
 * of an escalation of an open case, escalated by the meeting's date, is proposed once (the source id is
 * `<escalation>:<pupil>`; once the secretary accepts it at a meeting of the year it is not proposed again). The
 * escalation and its pupils are welfare data: proposed to holders of the protection compartment only. The title
 * names the pupil and the case number; the escalation's reason stays sealed on the case.
 */
import type { AgendaProposal } from '../../../shared/council';
import type { AgendaSource } from '../council/agenda';
import { ESCALATION_SOURCE } from './flow';
import { escalationProtected } from './protected';

export const escalatedCases: AgendaSource = {
  type: ESCALATION_SOURCE,
  repeats: 'once',
  async propose({ db, keys, meeting }) {
    if (keys.compartmentKey('protection') === null) return [];
    const rows = await db
      .selectFrom('bullying_escalations as e')
      .innerJoin('cases as c', 'c.id', 'e.case_id')
      .select(['e.id', 'e.escalated_at', 'e.details_enc', 'c.number'])
      .where('c.stage', '!=', 'closed')
      .where('e.escalated_at', '<', `${meeting.date}T24`)
      .orderBy('e.escalated_at')
      .execute();
    const out: AgendaProposal[] = [];
    for (const r of rows) {
      const d = escalationProtected.read(keys, r.id, r).details_enc;
      if (!d || d.pupilIds.length === 0) continue;
      const pupils = await db
        .selectFrom('pupils')
        .select(['id', 'last_name', 'first_name', 'grade', 'class_letter'])
        .where('id', 'in', d.pupilIds)
        .where('archived', '=', 0)
        .orderBy('last_name')
        .orderBy('first_name')
        .execute();
      for (const p of pupils) {
        const who = `${p.last_name} ${p.first_name} (${p.grade} ${p.class_letter})`.trim();
        out.push({
          sourceType: ESCALATION_SOURCE,
          sourceId: `${r.id}:${p.id}`,
          pupilId: p.id,
          titleKk: `${who} оқушының буллинг фактісі бойынша жағдайы туралы (№ ${r.number} кейс)`,
          titleRu: `О положении учащегося ${who} по факту буллинга (кейс № ${r.number})`,
          reason: ESCALATION_SOURCE,
          reasonParams: { case: r.number, date: r.escalated_at.slice(0, 10) },
        });
      }
    }
    return out;
  },
};
