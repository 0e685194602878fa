/**
 * Registry entries of the class-list import (shared/pupils-import.ts): the file is read in the parse worker (time
 * and memory limits), analysed against the school, and written only on commit, in the call's one transaction.
 */
import { PUPIL_IMPORTERS } from '../../../shared/permissions';
import type { ClassListPreview } from '../../../shared/pupils-import';
import type { z } from 'zod';
import type { classListSourceSchema } from '../../../shared/pupils-import';
import type { HandlersFor } from '../registry';
import type { Db } from '../db/types';
import { runParser } from '../workers/run';
import { analyse, commitClassList, withSchool } from './class-list';

type Source = z.output<typeof classListSourceSchema>;

async function preview(db: Db, source: Source): Promise<ClassListPreview> {
  const file = await runParser('pupils.classList', Buffer.from(source.fileBase64, 'base64'), null, { failure: 'import.broken_file' });
  return withSchool(db, analyse(file, source.mapping, source.instructionLanguage));
}

export const pupilsImportHandlers: HandlersFor<'pupilsImport'> = {
  'pupilsImport.preview': {
    access: PUPIL_IMPORTERS,
    kind: 'read',
    handler: async ({ db }, input) => preview(db, input),
  },
  'pupilsImport.commit': {
    access: PUPIL_IMPORTERS,
    kind: 'write',
    entity: 'pupil',
    handler: async ({ core, db, now, session }, input) =>
      commitClassList(db, core, { accountId: session?.accountId ?? null, now }, await preview(db, input.source), input.expected),
  },
};
