import type { HandlersFor } from '../registry';
import { readSchoolProfile, writeSchoolProfile } from './queries';
import { SCHOOL_EDITORS } from '../../../shared/permissions';

export const schoolHandlers: HandlersFor<'school'> = {
  'school.get': {
    access: 'authenticated',
    kind: 'read',
    handler: async ({ db }) => readSchoolProfile(db),
  },
  'school.update': {
    access: SCHOOL_EDITORS,
    kind: 'write',
    entity: 'school',
    entityId: () => '1',
    handler: async ({ db, now }, input) => {
      await writeSchoolProfile(db, input, now);
      return readSchoolProfile(db);
    },
  },
};
