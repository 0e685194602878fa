/**
 * The one handler registry: method → { access, kind, audit entity, handler }. It serves the Electron IPC, the
 * browser harness and the tests alike; there is no second path into the data.
 *
 * A call: unknown method → `unknown_method`; input parsed with the method's zod schema → `validation`; idle lock
 * checked; access checked against the session's roles → `auth.forbidden` (audited as denied); writes run in one
 * transaction together with their audit entry; sensitive reads and auth events are audited; every failure comes
 * back as a value `{ ok: false, error }`, unexpected ones as `internal` (logged without personal data).
 */
import type { Transaction } from 'kysely';
import { contract, type MethodName } from '../../shared/api';
import type { AppErrorShape, Result } from '../../shared/errors';
import { accountsHandlers } from './accounts/handlers';
import { appendAudit } from './audit/log';
import { auditHandlers } from './audit/handlers';
import { finishInterruptedRestore } from './backup/restore';
import { authHandlers } from './auth/handlers';
import { backupHandlers } from './backup/handlers';
import { documentsHandlers } from './documents/handlers';
import { frameworksHandlers } from './frameworks/handlers';
import { plansHandlers } from './plans/handlers';
import { plansIoHandlers } from './plans/io-handlers';
import { CoreState, type LockReason } from './core';
import type { Database } from './db/schema';
import { AppError, isAppError } from './errors';
import type { Platform } from './platform';
import type { Access, Ctx, Registration, Registry } from './registry';
import { pupilsHandlers } from './pupils/handlers';
import { schoolHandlers } from './school/handlers';
import { settingsHandlers } from './settings/handlers';
import { cancelRunningParses, holdParses, runningParses } from './workers/run';

export const registry: Registry = {
  ...authHandlers,
  ...accountsHandlers,
  ...schoolHandlers,
  ...auditHandlers,
  ...settingsHandlers,
  ...pupilsHandlers,
  ...backupHandlers,
  ...documentsHandlers,
  ...frameworksHandlers,
  ...plansHandlers,
  ...plansIoHandlers,
};

export interface Core {
  readonly state: CoreState;
  invoke(method: string, input: unknown): Promise<Result<unknown>>;
  onLock(listener: (reason: LockReason) => void): () => void;
  dispose(): Promise<void>;
}

function isMethod(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(registry, name) && Object.prototype.hasOwnProperty.call(contract, name);
}

function allowed(access: Access, core: CoreState): 'ok' | 'not_logged_in' | 'forbidden' {
  if (access === 'public') return 'ok';
  if (!core.session || !core.isUnlocked) return 'not_logged_in';
  if (access === 'authenticated') return 'ok';
  return core.session.roles.some((r) => access.includes(r)) ? 'ok' : 'forbidden';
}

function fail(code: AppErrorShape['code'], message: string, details?: AppErrorShape['details']): Result<never> {
  return { ok: false, error: details ? { code, message, details } : { code, message } };
}

export function createCore(platform: Platform): Core {
  // a restore cut off by a crash or power loss is rolled back before anything looks for the DB
  const interrupted = finishInterruptedRestore(platform.dataDir);
  const state = new CoreState(platform);
  platform.log.info('core.started', { setUp: state.isSetUp, demo: platform.demo === true, restoreRolledBack: interrupted === 'rolled_back' });
  // serialises calls: one desktop user, and lock/unlock must never interleave with a handler
  let queue: Promise<unknown> = Promise.resolve();
  const idleTimer = setInterval(() => {
    queue = queue.then(() => state.lockIfIdle()).catch(() => undefined);
  }, 15_000);
  idleTimer.unref?.();

  function makeCtx(db?: Transaction<Database>): Ctx {
    return {
      platform,
      core: state,
      now: platform.now(),
      session: state.session,
      get db() {
        return db ?? state.db;
      },
    };
  }

  async function audit(
    reg: Registration<MethodName>,
    method: MethodName,
    input: unknown,
    output: unknown,
    outcome: 'ok' | 'denied' | 'failed',
    accountId: string | null,
    db?: Transaction<Database>,
  ): Promise<void> {
    let entityId: string | null = null;
    try {
      entityId = reg.entityId ? reg.entityId(input as never, output as never) : null;
    } catch {
      entityId = null;
    }
    const entry = {
      at: platform.now().toISOString(),
      accountId,
      action: method,
      entityType: reg.entity ?? null,
      entityId,
      outcome,
    };
    if (db) {
      await appendAudit(db, entry);
    } else if (state.isUnlocked) {
      await appendAudit(state.db, entry);
    } else {
      state.queuePendingAudit({ at: entry.at, accountId, action: method, outcome });
    }
  }

  async function run(method: string, rawInput: unknown): Promise<Result<unknown>> {
    if (typeof method !== 'string' || !isMethod(method)) return fail('unknown_method', 'no such method');
    const reg = registry[method] as unknown as Registration<MethodName>;
    const parsed = contract[method].input.safeParse(rawInput === undefined ? {} : rawInput);
    if (!parsed.success) {
      return fail('validation', 'the input does not match the method', {
        issues: parsed.error.issues.length,
        path: parsed.error.issues[0]?.path.join('.').slice(0, 80) ?? null,
      });
    }
    const input = parsed.data as never;
    if (method !== 'auth.status') await state.lockIfIdle();
    const access = allowed(reg.access, state);
    if (access === 'not_logged_in') return fail('auth.not_logged_in', 'log in first');
    const actor = state.session?.accountId ?? null;
    if (access === 'forbidden') {
      await audit(reg, method, input, undefined, 'denied', actor).catch(() => undefined);
      return fail('auth.forbidden', 'your role may not do this');
    }
    try {
      let value: unknown;
      if (reg.kind === 'write') {
        state.touch();
        value = await state.db.transaction().execute(async (trx) => {
          const out = await reg.handler(makeCtx(trx), input);
          await audit(reg, method, input, out, 'ok', actor, trx);
          return out;
        });
      } else if (reg.kind === 'auth') {
        const ctx = makeCtx();
        try {
          value = await reg.handler(ctx, input);
        } catch (e) {
          await audit(reg, method, input, undefined, 'failed', ctx.auditAccountId ?? actor).catch(() =>
            platform.log.warn('audit.write_failed', { method }),
          );
          throw e;
        }
        await audit(reg, method, input, value, 'ok', state.session?.accountId ?? actor);
      } else {
        value = await reg.handler(makeCtx(), input);
        if (reg.kind === 'sensitive') await audit(reg, method, input, value, 'ok', actor);
      }
      return { ok: true, value: value ?? null };
    } catch (e) {
      if (isAppError(e)) {
        if (reg.kind === 'write' && state.isUnlocked) {
          await audit(reg, method, input, undefined, 'failed', actor).catch(() => undefined);
        }
        return { ok: false, error: e.toShape() };
      }
      // never log the error's message: it may quote data. Name, SQLite code and method only.
      platform.log.error('internal_error', {
        method,
        name: e instanceof Error ? e.name : typeof e,
        sqliteCode: (e as { code?: unknown }).code === undefined ? null : String((e as { code?: unknown }).code),
      });
      return fail('internal', 'an internal error occurred');
    }
  }

  /** Auth events and failures go to the log: method, outcome code and duration only — never the input. */
  async function runLogged(method: string, input: unknown): Promise<Result<unknown>> {
    const started = Date.now();
    const result = await run(method, input);
    const reg = isMethod(method) ? registry[method] : null;
    if (reg?.kind === 'auth' || (!result.ok && result.error.code !== 'validation')) {
      platform.log.info('call', { method: isMethod(method) ? method : 'unknown', code: result.ok ? 'ok' : result.error.code, ms: Date.now() - started });
    }
    return result;
  }

  return {
    state,
    invoke(method, input) {
      // A file parse runs in a worker (workers/run.ts) while its call holds the queue. The lock (Ctrl+L, the menu)
      // stops it at once (the call ends with file.cancelled, its transaction rolled back), then locks in turn; the
      // status is answered beside it, for nothing but a parse is running. Parses queued before the lock do not start.
      const release = method === 'auth.lock' ? holdParses() : null;
      if (release) cancelRunningParses();
      else if (method === 'auth.status' && runningParses() > 0) return runLogged(method, input);
      const p = queue.then(() => runLogged(method, input));
      if (release) void p.finally(release).catch(() => undefined);
      queue = p.catch(() => undefined);
      return p;
    },
    onLock: (listener) => state.onLock(listener),
    async dispose() {
      clearInterval(idleTimer);
      await queue.catch(() => undefined);
      await state.lock('shutdown');
    },
  };
}

export { AppError };
