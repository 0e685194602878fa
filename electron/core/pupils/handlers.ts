import type { HandlersFor } from '../registry';
import { createPupil, getPupil, listPupils, updatePupil } from './queries';
import { PUPIL_EDITORS, PUPIL_READERS } from '../../../shared/permissions';

/**
 * Staff who work with pupils' records. The administrator (the school's IT person) manages accounts, not children:
 * no access to pupils at all.
 */
export { PUPIL_EDITORS, PUPIL_READERS };
const STAFF = PUPIL_READERS;
const EDITORS = PUPIL_EDITORS;

export const pupilsHandlers: HandlersFor<'pupils'> = {
  'pupils.list': { access: STAFF, kind: 'read', handler: async ({ core, db }, input) => listPupils(db, input, core) },
  'pupils.get': {
    access: STAFF,
    kind: 'sensitive',
    entity: 'pupil',
    entityId: (input) => input.id,
    handler: async ({ core, db }, input) => getPupil(db, input.id, core),
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
    handler: async ({ core, db, now }, input) => updatePupil(db, input.id, input.pupil, input.archived, now, core),
  },
};
