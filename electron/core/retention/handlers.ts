import { RECORD_PURGERS } from '../../../shared/permissions';
import type { HandlersFor } from '../registry';
import { dueForPurge, previewPurge, purgePupil } from './purge';

/**
 * Retention purge: the director only. The list and the preview are audited reads; the purge is one write whose audit
 * entry names the counts deleted, never the child (no entity id: the pupil's id would point at nothing anyway).
 */
export const retentionHandlers: HandlersFor<'retention'> = {
  'retention.due': {
    access: RECORD_PURGERS,
    kind: 'list',
    entity: 'retention',
    listAudit: (_input, out) => ({ filter: {}, count: out.count }),
    handler: async ({ db, now }) => dueForPurge(db, now),
  },
  'retention.preview': {
    access: RECORD_PURGERS,
    kind: 'sensitive',
    entity: 'retention',
    handler: async ({ db, core, now }, input) => previewPurge(db, core, input.pupilId, now),
  },
  'retention.purge': {
    access: RECORD_PURGERS,
    kind: 'write',
    entity: 'retention',
    auditDetails: (_input, out) => ({ ...out.counts }),
    handler: async ({ db, core, now }, input) => ({ counts: await purgePupil(db, core, input.pupilId, input.expected, now) }),
  },
};
