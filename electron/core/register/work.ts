/**
 * The register's work for the work lists (shared/worklists.ts): every open measure of an open entry's prevention
 * plan (owned by its responsible account) and every open entry's next review (owned by the entry's curator). The
 * title is sealed text: null for a session without the protection compartment.
 */
import type { WorkItem } from '../../../shared/worklists';
import type { WorkSource } from '../worklists/sources';
import { entryProtected, measureProtected } from './protected';

export const preventionMeasureWork: WorkSource = {
  kind: 'prevention_measure',
  async open(db, q) {
    let s = db
      .selectFrom('prevention_measures as m')
      .innerJoin('register_entries as e', 'e.id', 'm.entry_id')
      .select(['m.id', 'm.what_enc', 'm.due_on', 'm.responsible_id', 'e.pupil_id'])
      .where('m.done_on', 'is', null)
      .where('e.off_date', 'is', null);
    if (q.ownerId !== null) s = s.where('m.responsible_id', '=', q.ownerId);
    if (q.dueBy !== null) s = s.where('m.due_on', '<=', q.dueBy);
    const rows = await s.orderBy('m.due_on').execute();
    return rows.map(
      (r): WorkItem => ({
        id: r.id,
        kind: 'prevention_measure',
        title: measureProtected.read(q.keys, r.id, { what_enc: r.what_enc, responsible_text_enc: null, result_enc: null }).what_enc,
        pupilId: r.pupil_id,
        caseId: null,
        dueOn: r.due_on,
        ownerId: r.responsible_id,
        link: `/register?pupil=${r.pupil_id}`,
      }),
    );
  },
};

export const registerReviewWork: WorkSource = {
  kind: 'register_review',
  async open(db, q) {
    let s = db
      .selectFrom('register_entries')
      .select(['id', 'pupil_id', 'next_review_on', 'curator_id', 'grounds_enc'])
      .where('off_date', 'is', null)
      .where('next_review_on', 'is not', null);
    if (q.ownerId !== null) s = s.where('curator_id', '=', q.ownerId);
    if (q.dueBy !== null) s = s.where('next_review_on', '<=', q.dueBy);
    const rows = await s.orderBy('next_review_on').execute();
    // what to do is the kind (the renderer words it: "review of the register entry"); the title names the grounds
    // (sealed: null for a session without the protection compartment), in the school's first language and Russian
    const labels = new Map((await db.selectFrom('register_grounds').select(['id', 'label_kk', 'label_ru']).execute()).map((g) => [g.id, `${g.label_kk} / ${g.label_ru}`]));
    return rows.map(
      (r): WorkItem => ({
        id: r.id,
        kind: 'register_review',
        title: entryProtected.read(q.keys, r.id, { grounds_enc: r.grounds_enc, notes_enc: null, off_reason_enc: null }).grounds_enc?.map((g) => labels.get(g) ?? '?').join('; ') ?? null,
        pupilId: r.pupil_id,
        caseId: null,
        dueOn: r.next_review_on,
        ownerId: r.curator_id,
        link: `/register?pupil=${r.pupil_id}`,
      }),
    );
  },
};

export const REGISTER_WORK_SOURCES: readonly WorkSource[] = [preventionMeasureWork, registerReviewWork];
