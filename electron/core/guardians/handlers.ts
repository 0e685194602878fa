/**
 * Registry entries of guardians (shared/guardians.ts). Readers are the pupils' readers, class-scoped like pupils (a
 * class teacher sees the guardians of the pupils of their own classes, without the protection fields); writers
 * are the pupils' editors, who hold the protection compartment.
 */
import { GUARDIAN_EDITORS, PUPIL_READERS } from '../../../shared/permissions';
import { pupilInClasses } from '../accounts/classes';
import type { Db } from '../db/types';
import type { HandlersFor } from '../registry';
import { createGuardian, listGuardians, removeGuardian, updateGuardian, withoutProtection } from './queries';

async function pupilOfOwnClasses(db: Db, pupilId: string, classScope: Parameters<typeof pupilInClasses>[1]): Promise<boolean> {
  const r = await db.selectFrom('pupils').select(['grade', 'class_letter']).where('id', '=', pupilId).executeTakeFirst();
  return !r || pupilInClasses({ grade: r.grade, classLetter: r.class_letter }, classScope);
}

export const guardiansHandlers: HandlersFor<'guardians'> = {
  'guardians.list': {
    access: PUPIL_READERS,
    kind: 'list',
    entity: 'pupil',
    scope: 'classes',
    guard: {
      rule: 'a pupil of their own classes',
      bypass: [],
      appliesTo: 'class_scope',
      check: async ({ db, classScope }, input) => classScope === null || pupilOfOwnClasses(db, input.pupilId, classScope),
    },
    entityId: (input) => input.pupilId,
    listAudit: (_input, out) => ({ filter: { byPupil: true }, count: out.length }),
    handler: async ({ core, db, classScope }, input) => {
      const list = await listGuardians(db, input.pupilId, core);
      return classScope ? list.map(withoutProtection) : list;
    },
  },
  'guardians.create': {
    access: GUARDIAN_EDITORS,
    kind: 'write',
    entity: 'guardian',
    entityId: (_input, out) => out?.id ?? null,
    handler: async ({ core, db, now, session }, input) =>
      createGuardian(db, core, { accountId: session?.accountId ?? null, now }, input.pupilId, input.guardian),
  },
  'guardians.update': {
    access: GUARDIAN_EDITORS,
    kind: 'write',
    entity: 'guardian',
    entityId: (input) => input.id,
    handler: async ({ core, db, now, session }, input) =>
      updateGuardian(db, core, { accountId: session?.accountId ?? null, now }, input.id, input.version, input.guardian),
  },
  'guardians.remove': {
    access: GUARDIAN_EDITORS,
    kind: 'write',
    entity: 'guardian',
    entityId: (input) => input.id,
    handler: async ({ db }, input) => removeGuardian(db, input.id, input.version),
  },
};
