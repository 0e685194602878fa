/**
 * The case work's contributions to the work lists (shared/worklists.ts): open case tasks (owned by any staff
 * account) and concerns waiting for triage (the office's: shown only to a session that holds `protection`, the
 * compartment their content needs; due the day they were logged — a concern is looked at the same day).
 * A case task names its case's pupil (the first by name when the case has several) to a session holding
 * `protection` — the case readers, who see the case itself; for anyone else (a class teacher who owns a task) the
 * list does not tie a child to a case.
 */
import { sql } from 'kysely';
import type { WorkItem } from '../../../shared/worklists';
import type { WorkSource } from '../worklists/sources';
import { IntakeOpener } from './intake';
import { readTaskTitle } from './task-titles';

export const caseTaskSource: WorkSource = {
  kind: 'case_task',
  async open(db, q) {
    let s = db
      .selectFrom('case_tasks')
      .innerJoin('cases', 'cases.id', 'case_tasks.case_id')
      .select(['case_tasks.id', 'case_tasks.case_id', 'case_tasks.title', 'case_tasks.title_enc', 'case_tasks.title_own', 'case_tasks.due_on', 'case_tasks.owner_id'])
      .select(
        sql<string | null>`(SELECT cp.pupil_id FROM case_pupils cp JOIN pupils p ON p.id = cp.pupil_id WHERE cp.case_id = cases.id ORDER BY p.last_name, p.first_name, p.id LIMIT 1)`.as('pupil_id'),
      )
      .where('case_tasks.done_at', 'is', null)
      .where('cases.stage', '!=', 'closed');
    if (q.ownerId !== null) s = s.where('case_tasks.owner_id', '=', q.ownerId);
    if (q.dueBy !== null) s = s.where('case_tasks.due_on', '<=', q.dueBy);
    const rows = await s.orderBy('case_tasks.due_on').execute();
    const namesPupil = q.keys.compartmentKey('protection') !== null;
    return rows.map(
      (r): WorkItem => ({
        id: r.id,
        kind: 'case_task',
        // sealed (cases/task-titles.ts): the owner or a holder of protection reads it, anyone else ''
        title: readTaskTitle(q.keys, r) ?? '',
        pupilId: namesPupil ? r.pupil_id : null,
        caseId: r.case_id,
        dueOn: r.due_on,
        ownerId: r.owner_id,
        link: `/case?id=${r.case_id}`,
      }),
    );
  },
};

export const concernTriageSource: WorkSource = {
  kind: 'concern_triage',
  async open(db, q) {
    if (!q.keys.compartmentKey('protection')) return [];
    let s = db.selectFrom('concerns').select(['id', 'logged_at', 'intake_key_id', 'intake_sealed']).where('status', '=', 'awaiting');
    if (q.dueBy !== null) s = s.where('logged_at', '<', `${q.dueBy}T24`);
    const rows = await s.orderBy('logged_at').execute();
    const opener = new IntakeOpener(db, q.keys);
    try {
      const out: WorkItem[] = [];
      for (const r of rows) {
        const c = await opener.open(r.id, r.intake_key_id, r.intake_sealed);
        out.push({
          id: r.id,
          kind: 'concern_triage',
          title: c ? (c.what.length > 120 ? `${c.what.slice(0, 119)}…` : c.what) : null,
          pupilId: c?.pupils[0]?.pupilId ?? null,
          caseId: null,
          dueOn: r.logged_at.slice(0, 10),
          ownerId: null,
          link: `/concerns/inbox?id=${r.id}`,
        });
      }
      return out;
    } finally {
      opener.close();
    }
  },
};
