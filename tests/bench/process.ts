/**
 * The core in its own process (issue 13, item 1): how the *main* process fares while the core does its two heaviest
 * jobs — a backup of a big school DB (the real `backup.start`: VACUUM INTO snapshot, age write, read-back verify)
 * and a 200-item plan PDF rendered and signed (RSA 3072, stamp) — with the core in a child process (the shape of
 * the app: electron/core/host) and, for comparison, in the same process (the shape before).
 *
 * The parent measures its own event-loop delay (perf_hooks.monitorEventLoopDelay: max, p99) — what window input,
 * menus and the idle lock would feel — and how long a Ctrl+L `auth.lock` pressed 300 ms into the job takes to be
 * answered. Goal in the issue: delay ≤ 50 ms, lock within 200 ms.
 *
 *   QORGAN_BENCH_PROCESS_MB (default 200): size of the school DB for the backup.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createCore } from '../../electron/core/api';
import { createSchoolCertificate } from '../../electron/core/documents/certificates';
import { checkpoint } from '../../electron/core/db/open';
import { forkNodeChild } from '../../electron/core/host/node';
import { hostCore } from '../../electron/core/host/parent';
import type { CoreClient } from '../../electron/core/host/protocol';
import { silentLogger, type Platform } from '../../electron/core/platform';
import type { BackupJob } from '../../shared/backup';
import { ADMIN, createTestCore } from '../harness/core';
import { SIGNED_PLAN, withBenchJobs } from './process-jobs';
import type { BenchRow } from './types';

const HERE = fileURLToPath(import.meta.url);
const CHILD_ENTRY = path.join(path.dirname(HERE), 'process-child.ts');
const LOCK_AFTER_MS = 300;

interface Figure {
  maxMs: number;
  p99Ms: number;
  lockMs: number;
  jobMs: number;
  /** how the job's call ended, when it is a registry call a lock may stop ('ok' or the error code) */
  outcome?: string;
}

async function makeSchool(targetMb: number): Promise<{ dataDir: string; dbMb: number }> {
  const t = await createTestCore();
  const sqlite = t.state.sqlite;
  sqlite.exec('CREATE TABLE bench_filler (id INTEGER PRIMARY KEY, payload BLOB NOT NULL) STRICT');
  const ins = sqlite.prepare('INSERT INTO bench_filler (payload) VALUES (?)');
  const insertMany = sqlite.transaction((n: number) => {
    for (let i = 0; i < n; i++) ins.run(crypto.randomBytes(3000));
  });
  while (fs.statSync(t.state.dbFile).size < targetMb * 1024 * 1024) {
    insertMany(5000);
    checkpoint(sqlite);
  }
  checkpoint(sqlite);
  await t.call('backup.enable', { recoveryKey: t.recoveryKey });
  const dbMb = fs.statSync(t.state.dbFile).size / 1024 / 1024;
  await t.dispose();
  return { dataDir: t.dataDir, dbMb };
}

function platformFor(dataDir: string, stick: string): Platform {
  return {
    dataDir,
    now: () => new Date(),
    log: silentLogger,
    listRemovableDrives: async () => [],
    chooseFolder: async () => stick,
    chooseSaveFile: async () => null,
    chooseOpenFile: async () => null,
    printPdf: async () => undefined,
    showPdf: async () => undefined,
  };
}

async function ok<T>(core: CoreClient, method: string, input: unknown): Promise<T> {
  const r = await core.invoke(method, input);
  if (!r.ok) throw new Error(`bench: ${method} failed: ${r.error.code}`);
  return r.value as T;
}

/** Runs the job while measuring this process's event loop; Ctrl+L is "pressed" LOCK_AFTER_MS into it. */
async function measure(core: CoreClient, job: (lockAnswered: Promise<void>) => Promise<string | void>, pressLock = true): Promise<Figure> {
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  // the histogram records from its second tick on: a job that blocked at once would otherwise go unseen
  await new Promise((r) => setTimeout(r, 25));
  const t0 = performance.now();
  const lockAt = t0 + LOCK_AFTER_MS;
  let lockMs = Number.NaN;
  const lockAnswered = new Promise<void>((resolve) => {
    if (!pressLock) {
      resolve();
      return;
    }
    setTimeout(() => {
      // measured from the moment of the key press, not from when a blocked loop got round to it
      void core.invoke('auth.lock', {}).then(() => {
        lockMs = performance.now() - lockAt;
        resolve();
      });
    }, LOCK_AFTER_MS);
  });
  const outcome = await job(lockAnswered);
  await lockAnswered;
  const jobMs = performance.now() - t0;
  // let the sampling timer fire once more: a loop blocked until now records its delay only when it runs again
  await new Promise((r) => setTimeout(r, 30));
  h.disable();
  return { maxMs: h.max / 1e6, p99Ms: h.percentile(99) / 1e6, lockMs, jobMs, ...(outcome ? { outcome } : {}) };
}

/** An approved plan of `items` items and the admin's signing certificate, made through the registry. */
async function approvedPlan(core: CoreClient, items: number): Promise<{ planId: string; signer: { certificateId: string; password: string } }> {
  const cert = await ok<{ id: string }>(core, 'documents.certificates.create', { position: '№96 мектеп директоры', organization: '№96 мектеп', password: 'bench-sign' });
  type PlanLike = { id: string; sections: { id: string }[]; items: unknown[] };
  let plan = await ok<PlanLike>(core, 'plans.create', { academicYear: 2026, from: { kind: 'template' } });
  const count = (p: PlanLike) => p.items.length;
  for (let i = count(plan); i < items; i++) {
    plan = await ok<PlanLike>(core, 'plans.addItem', {
      sectionId: plan.sections[0]!.id,
      fields: { measureKk: `Сынып сағаты: қауіпсіз мектеп, ${i + 1}-тақырып — оқушылармен әңгіме`, measureRu: `Классный час: безопасная школа, тема ${i + 1}`, responsibleBodies: ['ЖАО'] },
    });
  }
  await ok(core, 'plans.approve', { id: plan.id, approvedOn: '2026-09-01' });
  return { planId: plan.id, signer: { certificateId: cert.id, password: 'bench-sign' } };
}

async function runJobs(core: CoreClient, p12: Uint8Array): Promise<{ idle: Figure; backup: Figure; pdf: Figure; pdfLock: Figure }> {
  const login = () => ok(core, 'auth.login', { login: ADMIN.login, password: ADMIN.password });
  await login();
  // the noise floor of this machine: the same measures with the core doing nothing
  const idle = await measure(core, () => new Promise((r) => setTimeout(r, 2000)));
  await login();
  const targetDir = await ok<string>(core, 'backup.chooseFolder', {});
  const backup = await measure(core, async (lockAnswered) => {
    const started = await ok<BackupJob>(core, 'backup.start', { targetDir });
    await lockAnswered;
    await login();
    for (;;) {
      const job = await ok<BackupJob | null>(core, 'backup.job', { id: started.id });
      if (!job) throw new Error('bench: the backup job vanished');
      if (job.phase === 'failed') throw new Error(`bench: backup failed: ${job.error?.code ?? '?'}`);
      if (job.phase === 'done') return;
      await new Promise((r) => setTimeout(r, 50));
    }
  });
  await login();
  // the whole job, no lock pressed: what the main loop feels while a signed plan is made
  const pdf = await measure(
    core,
    async () => {
      await ok(core, SIGNED_PLAN, { p12, password: 'bench-pass', items: 200 });
    },
    false,
  );
  // Ctrl+L pressed 300 ms into the real registry call (plans.signPdf of a 200-item plan): the call holds the queue
  const { planId, signer } = await approvedPlan(core, 200);
  const pdfLock = await measure(core, async () => {
    const r = await core.invoke('plans.signPdf', { id: planId, language: 'kk', signer });
    return r.ok ? 'ok' : r.error.code;
  });
  return { idle, backup, pdf, pdfLock };
}

export async function benchProcess(): Promise<BenchRow[]> {
  const targetMb = Number(process.env.QORGAN_BENCH_PROCESS_MB ?? 200);
  const { dataDir, dbMb } = await makeSchool(targetMb);
  const stick = fs.mkdtempSync(path.join(os.tmpdir(), 'qorgan-bench-process-stick-'));
  const p12 = new Uint8Array(
    createSchoolCertificate({ commonName: 'Қаншев Марат', position: '№96 мектеп директоры', organization: '№96 мектеп', password: 'bench-pass', now: new Date() }).p12,
  );
  const rows: BenchRow[] = [];
  const row = (mode: string, job: string, f: Figure) =>
    rows.push({
      name: `${job} — core ${mode}: main-loop delay max`,
      medianMs: f.maxMs,
      runs: 1,
      note: `p99 ${f.p99Ms.toFixed(0)} ms; ${Number.isNaN(f.lockMs) ? 'no lock pressed' : `Ctrl+L answered ${f.lockMs.toFixed(0)} ms after the press`}; job ${f.jobMs.toFixed(0)} ms${f.outcome ? ` (call answered ${f.outcome})` : ''}; load ${os.loadavg()[0]?.toFixed(1) ?? '?'}; goal ≤ 50 ms, lock ≤ 200 ms`,
    });
  try {
    for (const mode of ['in a child process', 'in-process (before)'] as const) {
      const platform = platformFor(dataDir, stick);
      const core: CoreClient =
        mode === 'in a child process'
          ? hostCore({
              spawn: () => forkNodeChild(CHILD_ENTRY, { execArgv: ['--import', 'tsx'] }),
              init: { dataDir, demo: false, nativeBinding: null, fontsDir: null },
              relay: { ...platform, showPdf: async () => undefined },
              log: silentLogger,
              disposeTimeoutMs: 120_000,
            })
          : withBenchJobs(createCore)(platform);
      try {
        const f = await runJobs(core, p12);
        row(mode, 'idle 2 s (noise floor)', f.idle);
        row(mode, `backup + verify, ${dbMb.toFixed(0)} MB DB`, f.backup);
        row(mode, '200-item plan PDF, rendered + signed (no lock)', f.pdf);
        row(mode, 'Ctrl+L 300 ms into plans.signPdf of a 200-item plan', f.pdfLock);
      } finally {
        await core.dispose();
      }
    }
  } finally {
    fs.rmSync(stick, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return rows;
}

if (process.argv[1] && path.resolve(process.argv[1]) === HERE) {
  for (const r of await benchProcess()) console.log(`| ${r.name} | ${r.medianMs.toFixed(0)} ms | ${r.note ?? ''} |`);
}
