import type { AuditEntry } from '../../../shared/audit';
import type { HandlersFor } from '../registry';
import { parseRecoveryKey } from '../auth/recovery-key';
import { readArchive } from '../backup/archive';
import { backupIdentityFromRecovery } from '../backup/identity';
import { jobsOf } from '../backup/jobs';
import { AppError } from '../errors';
import { compareWithHead, verifyAudit } from './log';
import { AUDIT_READERS } from '../../../shared/permissions';

const READERS = AUDIT_READERS;

export const auditHandlers: HandlersFor<'audit'> = {
  'audit.list': {
    access: READERS,
    kind: 'read',
    handler: async ({ db }, input) => {
      let q = db.selectFrom('audit_log');
      if (input.action) q = q.where('audit_log.action', '=', input.action);
      if (input.accountId) q = q.where('audit_log.account_id', '=', input.accountId);
      if (input.outcome) q = q.where('audit_log.outcome', '=', input.outcome);
      if (input.from) q = q.where('audit_log.at', '>=', input.from);
      if (input.to) q = q.where('audit_log.at', '<=', input.to);
      const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
      const rows = await q
        .leftJoin('accounts', 'accounts.id', 'audit_log.account_id')
        .select([
          'audit_log.id',
          'audit_log.at',
          'audit_log.account_id',
          'accounts.login',
          'audit_log.action',
          'audit_log.entity_type',
          'audit_log.entity_id',
          'audit_log.outcome',
          'audit_log.hash',
        ])
        .orderBy('audit_log.id', 'desc')
        .limit(input.pageSize)
        .offset(input.page * input.pageSize)
        .execute();
      const items: AuditEntry[] = rows.map((r) => ({
        id: r.id,
        at: r.at,
        accountId: r.account_id,
        login: r.login ?? null,
        action: r.action,
        entityType: r.entity_type,
        entityId: r.entity_id,
        outcome: r.outcome,
        hash: r.hash,
      }));
      return { items, total };
    },
  },
  'audit.actions': {
    access: READERS,
    kind: 'read',
    handler: async ({ db }) =>
      (await db.selectFrom('audit_log').select('action').distinct().orderBy('action').execute()).map((r) => r.action),
  },
  'audit.verify': {
    access: READERS,
    kind: 'read',
    handler: async ({ db }) => verifyAudit(db),
  },
  'audit.checkBackup': {
    access: READERS,
    // reading a backup with the recovery key is itself recorded
    kind: 'sensitive',
    entity: 'backup',
    handler: async ({ core, db }, input) => {
      if (!jobsOf(core).isAllowedFile(input.file)) throw new AppError('validation', 'choose the backup file in the dialog first', { path: 'file' });
      const recovery = parseRecoveryKey(input.recoveryKey);
      if (!recovery) throw new AppError('auth.wrong_recovery_key', 'the recovery key is mistyped');
      let manifest;
      try {
        // the whole file is read and checked (every block, the hashes), nothing is written
        ({ manifest } = await readArchive({ file: input.file, unlock: { identities: [backupIdentityFromRecovery(recovery)] }, stageDir: null }));
      } finally {
        recovery.fill(0);
      }
      const school = await db.selectFrom('school').select('number').where('id', '=', 1).executeTakeFirst();
      return compareWithHead(db, manifest.createdAt, manifest.auditHead ?? null, school?.number === manifest.school.number);
    },
  },
};
