/**
 * The one handler registry: method → { access, kind, audit entity, handler }. It serves the Electron IPC, the
 * browser harness and the tests alike; there is no second path into the data.
 *
 * A call: unknown method → `unknown_method`; idle lock checked; in a district office's install the school's methods
 * refused → `district.school_only` (district/mode.ts); access checked against the session's roles before
 * the input is even parsed → `auth.not_logged_in` / `auth.forbidden` (audited as denied); input parsed with the
 * method's zod schema → `validation`; the class scope resolved and the record guard checked → `auth.forbidden`
 * (audited as denied); writes run in one transaction together with their audit entry; sensitive reads and auth
 * events are audited, list reads with one entry per call; every failure comes back as a value
 * `{ ok: false, error }`, unexpected ones as `internal` (logged without personal data).
 *
 * Every access rule lives in the registrations (see electron/core/registry.ts); `docs/access-matrix.md` is
 * generated from them (`npm run access-matrix`) and a test holds the two together.
 */
import type { Transaction } from 'kysely';
import { contract, type MethodName } from '../../shared/api';
import type { AppErrorShape, Result } from '../../shared/errors';
import { accountClasses, isClassScoped } from './accounts/classes';
import { accountsHandlers } from './accounts/handlers';
import { appendAudit } from './audit/log';
import { auditHandlers } from './audit/handlers';
import { appendOrQueue } from './audit/pending';
import { finishInterruptedRestore } from './backup/restore';
import { authHandlers } from './auth/handlers';
import { backupHandlers } from './backup/handlers';
import { chronologyHandlers } from './chronology/handlers';
import { councilHandlers } from './council/handlers';
import { casesHandlers } from './cases/handlers';
import { bullyingHandlers } from './bullying/handlers';
import { documentsHandlers } from './documents/handlers';
import { districtHandlers } from './district/handlers';
import { refusedInMode } from './district/mode';
import { districtSchoolHandlers } from './district/school-handlers';
import { frameworksHandlers } from './frameworks/handlers';
import { plansHandlers } from './plans/handlers';
import { plansIoHandlers } from './plans/io-handlers';
import { CoreState, type LockReason } from './core';
import type { Database } from './db/schema';
import { AppError, isAppError } from './errors';
import type { Platform } from './platform';
import type { Ctx, Registration, Registry } from './registry';
import { bypassesGuard, effectiveAccess, gate } from './access';
import { capabilitiesHandlers } from './capabilities/handlers';
import { helpHandlers } from './help/handlers';
import { keysHandlers } from './compartments/handlers';
import { pupilsHandlers } from './pupils/handlers';
import { guardiansHandlers } from './guardians/handlers';
import { pupilsImportHandlers } from './pupils/import-handlers';
import { referralsHandlers } from './referrals/handlers';
import { retentionHandlers } from './retention/handlers';
import { registerHandlers } from './register/handlers';
import { referenceHandlers } from './reference/handlers';
import { caseDocumentsHandlers } from './case-documents/handlers';
import { schoolHandlers } from './school/handlers';
import { screeningHandlers } from './screening/handlers';
import { settingsHandlers } from './settings/handlers';
import { statisticsHandlers } from './statistics/handlers';
import { overviewHandlers } from './overview/handlers';
import { worklistsHandlers } from './worklists/handlers';
import { cancelRunningParses, holdParses, runningParses } from './workers/run';

export const registry: Registry = {
  ...authHandlers,
  ...accountsHandlers,
  ...schoolHandlers,
  ...auditHandlers,
  ...settingsHandlers,
  ...pupilsHandlers,
  ...guardiansHandlers,
  ...pupilsImportHandlers,
  ...backupHandlers,
  ...documentsHandlers,
  ...frameworksHandlers,
  ...plansHandlers,
  ...plansIoHandlers,
  ...keysHandlers,
  ...chronologyHandlers,
  ...worklistsHandlers,
  ...councilHandlers,
  ...registerHandlers,
  ...casesHandlers,
  ...bullyingHandlers,
  ...screeningHandlers,
  ...referralsHandlers,
  ...referenceHandlers,
  ...caseDocumentsHandlers,
  ...statisticsHandlers,
  ...overviewHandlers,
  ...districtHandlers,
  ...districtSchoolHandlers,
  ...helpHandlers,
  // answers from the declarations above, read when called (the registry is complete by then)
  ...capabilitiesHandlers(() => registry),
  ...retentionHandlers,
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

export { effectiveAccess, gate } from './access';

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
    // the idle lock, like Ctrl+L (invoke below), does not wait behind a worker job: a due lock stops a running render
    // or parse first (its call answers *.cancelled and unwinds), and no new one starts before the lock
    const due = state.isUnlocked && platform.now().getTime() - state.lastActivity >= state.idleLockMinutes * 60_000;
    const release = due && runningParses() > 0 ? holdParses() : null;
    if (release) cancelRunningParses();
    const p = queue.then(() => state.lockIfIdle());
    if (release) void p.finally(release).catch(() => undefined);
    queue = p.catch(() => undefined);
  }, 15_000);
  idleTimer.unref?.();

  function makeCtx(db: Transaction<Database> | undefined, classScope: Ctx['classScope']): Ctx {
    return {
      platform,
      core: state,
      now: platform.now(),
      session: state.session,
      classScope,
      hasRole: (role) => state.session?.roles.includes(role) ?? false,
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
    details?: string,
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
      ...(details === undefined ? {} : { details }),
    };
    if (db) {
      await appendAudit(db, entry);
    } else if (state.isUnlocked) {
      await appendOrQueue(state.db, state.dataDir, entry);
    } else {
      state.queuePendingAudit({ at: entry.at, accountId, action: method, outcome });
    }
  }

  async function run(method: string, rawInput: unknown): Promise<Result<unknown>> {
    if (typeof method !== 'string' || !isMethod(method)) return fail('unknown_method', 'no such method');
    const reg = registry[method] as unknown as Registration<MethodName>;
    if (method !== 'auth.status') await state.lockIfIdle();
    const parsed = contract[method].input.safeParse(rawInput === undefined ? {} : rawInput);
    const access = gate(reg.access, state);
    if (access === 'not_logged_in') return fail('auth.not_logged_in', 'log in first');
    // a district office's install holds no pupils and no cases: the school's methods are refused there, for every
    // role and whatever the input (before the roles: the answer is about the install, not the caller)
    if (state.isUnlocked && (await refusedInMode(state.db, method))) {
      return fail('district.school_only', 'this is a district office install: it holds no pupils, cases, council or plans');
    }
    const actor = state.session?.accountId ?? null;
    const forbidden = async (input: unknown): Promise<Result<never>> => {
      await audit(reg, method, input, undefined, 'denied', actor).catch(() => undefined);
      return fail('auth.forbidden', 'your role may not do this');
    };
    // roles are checked before the input is looked at: a caller without access learns nothing about the input
    if (access === 'forbidden') return forbidden(parsed.success ? parsed.data : undefined);
    if (!parsed.success) {
      return fail('validation', 'the input does not match the method', {
        issues: parsed.error.issues.length,
        path: parsed.error.issues[0]?.path.join('.').slice(0, 80) ?? null,
      });
    }
    const input = parsed.data as never;
    let classScope: Ctx['classScope'] = null;
    try {
      const session = state.session;
      if (reg.scope === 'classes' && session && isClassScoped(effectiveAccess(reg.access, () => true), session.roles)) {
        classScope = await accountClasses(state.db, session.accountId);
      }
      const guard = reg.guard;
      const guardApplies =
        guard !== undefined &&
        !bypassesGuard(guard.bypass, state) &&
        (guard.appliesTo !== 'class_scope' || classScope !== null);
      if (guard && guardApplies) {
        if (!(await guard.check(makeCtx(undefined, classScope), input))) return await forbidden(input);
      }
      let value: unknown;
      if (reg.kind === 'write') {
        state.touch();
        try {
          value = await state.db.transaction().execute(async (trx) => {
            const out = await reg.handler(makeCtx(trx, classScope), input);
            const facts = reg.auditDetails ? JSON.stringify(reg.auditDetails(input, out)) : undefined;
            await audit(reg, method, input, out, 'ok', actor, trx, facts);
            return out;
          });
        } catch (e) {
          state.discardAfterCommit();
          throw e;
        }
        await state.runAfterCommit();
      } else if (reg.kind === 'auth') {
        const ctx = makeCtx(undefined, classScope);
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
        value = await reg.handler(makeCtx(undefined, classScope), input);
        if (reg.kind === 'sensitive') await audit(reg, method, input, value, 'ok', actor);
        if (reg.kind === 'list') {
          const facts = reg.listAudit ? reg.listAudit(input, value as never) : { filter: {}, count: Array.isArray(value) ? value.length : null };
          await audit(reg, method, input, value, 'ok', actor, undefined, JSON.stringify(facts));
        }
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
      // A file parse or a PDF render runs in a worker (workers/run.ts) while its call holds the queue. The lock
      // (Ctrl+L, the menu) stops it at once (the call ends with file.cancelled / documents.cancelled and unwinds:
      // its transaction rolls back, nothing is written), then locks in turn; the status is answered beside it, for
      // nothing but a worker job is running. Jobs of calls queued before the lock do not start.
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
