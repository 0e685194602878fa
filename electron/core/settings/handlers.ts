import type { Settings } from '../../../shared/settings';
import type { HandlersFor } from '../registry';
import { SETTINGS_EDITORS } from '../../../shared/permissions';

export const settingsHandlers: HandlersFor<'settings'> = {
  'settings.get': {
    access: 'authenticated',
    kind: 'read',
    handler: async ({ core }): Promise<Settings> => ({ idleLockMinutes: core.idleLockMinutes }),
  },
  'settings.update': {
    access: SETTINGS_EDITORS,
    kind: 'write',
    entity: 'settings',
    handler: async ({ core, db }, input) => {
      const next: Settings = { idleLockMinutes: input.idleLockMinutes ?? core.idleLockMinutes };
      await db
        .insertInto('meta')
        .values({ key: 'settings', value: JSON.stringify(next) })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(next) }))
        .execute();
      core.idleLockMinutes = next.idleLockMinutes;
      return next;
    },
  },
};
