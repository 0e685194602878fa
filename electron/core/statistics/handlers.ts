/**
 * Statistics: counts only (no name, id or text leaves the core), for STATISTICS_READERS. Both calls decrypt the
 * protection fields they count (forms of harm, closure reasons): the read is recorded in the audit log as a
 * sensitive read with the period, and a session without the protection key is refused (`keys.not_holder`).
 */
import fs from 'node:fs/promises';
import { STATISTICS_READERS } from '../../../shared/permissions';
import { AppError } from '../errors';
import type { HandlersFor } from '../registry';
import { readSchoolProfile } from '../school/queries';
import { statistics } from './service';
import { statisticsXlsx, translate } from './xlsx';

export const statisticsHandlers: HandlersFor<'statistics'> = {
  'statistics.get': {
    access: STATISTICS_READERS,
    kind: 'sensitive',
    entity: 'statistics',
    entityId: (input) => (input.period.kind === 'custom' ? `${input.period.from}..${input.period.to}` : `${input.period.kind}:${input.period.academicYear}${input.period.kind === 'quarter' ? `:${input.period.quarter}` : ''}`),
    handler: async ({ db, core, now }, input) => statistics(db, core, input.period, now),
  },
  'statistics.saveXlsx': {
    access: STATISTICS_READERS,
    kind: 'sensitive',
    entity: 'statistics',
    entityId: (input) => (input.period.kind === 'custom' ? `${input.period.from}..${input.period.to}` : `${input.period.kind}:${input.period.academicYear}${input.period.kind === 'quarter' ? `:${input.period.quarter}` : ''}`),
    handler: async ({ db, core, now, platform }, input) => {
      const s = await statistics(db, core, input.period, now);
      const school = await readSchoolProfile(db);
      const bytes = await statisticsXlsx(s, input.language, input.language === 'kk' ? school.nameKk : school.nameRu, now);
      const target = await platform.chooseSaveFile({
        title: translate(input.language, 'statistics.exportTitle'),
        defaultName: `${translate(input.language, 'statistics.fileName')} ${s.period.from}–${s.period.to}.xlsx`,
        filters: [{ name: 'Excel', extensions: ['xlsx'] }],
      });
      if (target === null) return { path: null };
      try {
        await fs.writeFile(target, bytes);
      } catch {
        throw new AppError('documents.write_failed', 'the file could not be written where the user chose');
      }
      return { path: target };
    },
  },
};
