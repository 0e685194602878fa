import type { Pupil } from '../../../shared/pupils';
import { pupilInClasses } from '../accounts/classes';
import type { HandlersFor } from '../registry';
import { createPupil, getPupil, listPupils, updatePupil } from './queries';
import { PUPIL_EDITORS, PUPIL_PROMOTERS, PUPIL_READERS } from '../../../shared/permissions';
import { archivePupil, promote, promotionPreview, restorePupil } from './archive';

/**
 * Staff who work with pupils' records. The administrator (the school's IT person) manages accounts, not children:
 * no access to pupils at all. A class teacher is class-scoped (`scope: 'classes'`): only the pupils of the classes
 * tied to their account, without protection fields.
 */
export { PUPIL_EDITORS, PUPIL_READERS };
const STAFF = PUPIL_READERS;
const EDITORS = PUPIL_EDITORS;

/** What a class-scoped reader gets: the record without its protection fields (family status, register flag). */
function withoutProtection(p: Pupil): Pupil {
  return { ...p, familyStatus: null, onRegister: null };
}

export const pupilsHandlers: HandlersFor<'pupils'> = {
  'pupils.list': {
    access: STAFF,
    kind: 'list',
    entity: 'pupil',
    scope: 'classes',
    guard: {
      // filtering by the register flag would reveal it
      rule: 'no register filter',
      bypass: [],
      appliesTo: 'class_scope',
      check: async ({ classScope }, input) => classScope === null || input.onRegister === undefined,
    },
    listAudit: (input, out) => ({
      filter: {
        page: input.page,
        grade: input.grade ?? null,
        classLetter: input.classLetter ?? null,
        onRegister: input.onRegister ?? null,
        includeArchived: input.includeArchived,
        search: input.search !== undefined && input.search.length > 0,
      },
      count: out.items.length,
    }),
    handler: async ({ core, db, classScope }, input) => {
      const page = await listPupils(db, { ...input, classes: classScope }, core);
      return classScope ? { ...page, items: page.items.map(withoutProtection) } : page;
    },
  },
  'pupils.get': {
    access: STAFF,
    kind: 'sensitive',
    entity: 'pupil',
    scope: 'classes',
    guard: {
      rule: 'a pupil of their own classes',
      bypass: [],
      appliesTo: 'class_scope',
      check: async ({ db, classScope }, input) => {
        if (classScope === null) return true;
        const r = await db.selectFrom('pupils').select(['grade', 'class_letter']).where('id', '=', input.id).executeTakeFirst();
        return !r || pupilInClasses({ grade: r.grade, classLetter: r.class_letter }, classScope);
      },
    },
    entityId: (input) => input.id,
    handler: async ({ core, db, classScope }, input) => {
      const p = await getPupil(db, input.id, core);
      return classScope ? withoutProtection(p) : p;
    },
  },
  'pupils.create': {
    access: EDITORS,
    kind: 'write',
    entity: 'pupil',
    entityId: (_i, out) => out?.id ?? null,
    handler: async ({ core, db, now }, input) => createPupil(db, input, now, core),
  },
  'pupils.update': {
    access: EDITORS,
    kind: 'write',
    entity: 'pupil',
    entityId: (input) => input.id,
    handler: async ({ core, db, now }, input) => updatePupil(db, input.id, input.pupil, now, core),
  },
  'pupils.archive': {
    access: EDITORS,
    kind: 'write',
    entity: 'pupil',
    entityId: (input) => input.id,
    handler: async ({ core, db, now, session }, input) =>
      archivePupil(db, core, { accountId: session?.accountId ?? null, now }, input.id, input.reason, input.date),
  },
  'pupils.restore': {
    access: EDITORS,
    kind: 'write',
    entity: 'pupil',
    entityId: (input) => input.id,
    handler: async ({ core, db, now, session }, input) => restorePupil(db, core, { accountId: session?.accountId ?? null, now }, input.id),
  },
  'pupils.promotePreview': {
    access: PUPIL_PROMOTERS,
    kind: 'read',
    handler: async ({ db }, input) => promotionPreview(db, input.topGrade),
  },
  'pupils.promote': {
    access: PUPIL_PROMOTERS,
    kind: 'write',
    entity: 'pupil',
    handler: async ({ core, db, now, session }, input) =>
      promote(db, core, { accountId: session?.accountId ?? null, now }, input.topGrade, input.expected, input.date),
  },
};
