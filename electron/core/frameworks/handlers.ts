import type { HandlersFor } from '../registry';
import { runParser } from '../workers/run';
import {
  ensureBuiltinFrameworks,
  exportFramework,
  frameworkIdFor,
  getFramework,
  listFrameworks,
  searchFrameworkItems,
  storeImportedFramework,
} from './queries';
import { FRAMEWORK_IMPORTERS } from '../../../shared/permissions';

export const frameworksHandlers: HandlersFor<'frameworks'> = {
  'frameworks.list': {
    access: 'authenticated',
    kind: 'read',
    handler: async ({ db, now }, input) => {
      await ensureBuiltinFrameworks(db, now);
      return listFrameworks(db, input.includeOld);
    },
  },
  'frameworks.get': {
    access: 'authenticated',
    kind: 'read',
    handler: async ({ db, now }, input) => {
      await ensureBuiltinFrameworks(db, now);
      const id = 'id' in input ? input.id : await frameworkIdFor(db, input.code, input.revision);
      return getFramework(db, id);
    },
  },
  'frameworks.searchItems': {
    access: 'authenticated',
    kind: 'read',
    handler: async ({ db, now }, input) => {
      await ensureBuiltinFrameworks(db, now);
      return searchFrameworkItems(db, input.frameworkId, input.query, input.limit);
    },
  },
  'frameworks.import': {
    access: FRAMEWORK_IMPORTERS,
    kind: 'write',
    entity: 'framework',
    entityId: (_input, output) => output?.id ?? null,
    handler: async ({ db, now }, input) => {
      await ensureBuiltinFrameworks(db, now);
      // parsed and checked in the parse worker (frameworks/parse.ts), stored here
      const file = await runParser('frameworks.json', new TextEncoder().encode(input.json), null, { failure: 'frameworks.import_failed' });
      const id = await storeImportedFramework(db, file, now);
      const list = await listFrameworks(db, true);
      const found = list.find((f) => f.id === id);
      if (!found) throw new Error('imported framework not found');
      return found;
    },
  },
  'frameworks.export': {
    access: 'authenticated',
    kind: 'read',
    handler: async ({ db }, input) => {
      const f = await exportFramework(db, input.id);
      return { fileName: `${f.code}-r${f.revision}.json`, json: JSON.stringify(f, null, 2) };
    },
  },
};
