/**
 * The chronology's one method. Every reader of pupils may call it; a class teacher (class-scoped) only for a pupil
 * of their own classes (the guard) and sees only the entries of CHRONOLOGY_CLASS_KINDS — the pupil's coming into
 * and leaving the school's records, never a welfare kind (which the registry's class scope passes to the query as
 * a data rule, not a refusal). Each call is a sensitive read: audited with the pupil's id.
 */
import { CHRONOLOGY_READERS } from '../../../shared/permissions';
import { pupilInClasses } from '../accounts/classes';
import type { HandlersFor } from '../registry';
import { listChronology } from './queries';

export const chronologyHandlers: HandlersFor<'chronology'> = {
  'chronology.list': {
    access: CHRONOLOGY_READERS,
    kind: 'sensitive',
    entity: 'pupil',
    scope: 'classes',
    guard: {
      rule: 'a pupil of their own classes',
      bypass: [],
      appliesTo: 'class_scope',
      check: async ({ db, classScope }, input) => {
        if (classScope === null) return true;
        const r = await db.selectFrom('pupils').select(['grade', 'class_letter']).where('id', '=', input.pupilId).executeTakeFirst();
        return !r || pupilInClasses({ grade: r.grade, classLetter: r.class_letter }, classScope);
      },
    },
    entityId: (input) => input.pupilId,
    handler: async ({ core, db, classScope, session }, input) =>
      listChronology(db, core, { ...input, classScoped: classScope !== null, language: session?.language ?? 'kk' }),
  },
};
