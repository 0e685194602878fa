/**
 * Background backup and restore jobs of one core, and their progress (polled by the UI through `backup.job`).
 * The registry serialises calls, so a long job runs outside it and the poll stays quick. One job at a time.
 */
import path from 'node:path';
import type { BackupJob, BackupJobKind, BackupRecord } from '../../../shared/backup';
import type { CoreState } from '../core';
import { finishRecord, type RecordUpdate } from './queries';
import type { StagedRestore } from './restore';

interface Job {
  view: BackupJob;
  staged: StagedRestore | null;
  running: boolean;
}

const WEIGHTS: Record<BackupJobKind, Partial<Record<BackupJob['phase'], [number, number]>>> = {
  backup: { snapshot: [0, 0.2], writing: [0.2, 0.85], verifying: [0.85, 1] },
  restore: { reading: [0, 0.85], checking: [0.85, 1] },
};

export class BackupJobs {
  private readonly jobs = new Map<string, Job>();
  private readonly pending = new Map<string, RecordUpdate>();
  /** drives listed and folders chosen in the core's own dialogs: the only places a backup is written to */
  private readonly targets = new Set<string>();
  /** files chosen in the core's own open dialog: the only files a restore reads */
  private readonly files = new Set<string>();

  allowTarget(dir: string): void {
    this.targets.add(path.resolve(dir));
  }

  isAllowedTarget(dir: string): boolean {
    return this.targets.has(path.resolve(dir));
  }

  allowFile(file: string): void {
    this.files.add(path.resolve(file));
  }

  isAllowedFile(file: string): boolean {
    return this.files.has(path.resolve(file));
  }

  busy(): boolean {
    return [...this.jobs.values()].some((j) => j.running);
  }

  runningIds(): Set<string> {
    return new Set([...this.jobs.values()].filter((j) => j.running).map((j) => j.view.id));
  }

  create(kind: BackupJobKind, id: string): BackupJob {
    const view: BackupJob = { id, kind, phase: kind === 'backup' ? 'snapshot' : 'reading', bytesDone: 0, bytesTotal: 0, fraction: 0, error: null, record: null, preview: null };
    this.jobs.set(id, { view, staged: null, running: true });
    // keep the last few finished jobs only
    const finished = [...this.jobs.values()].filter((j) => !j.running);
    for (const j of finished.slice(0, Math.max(0, finished.length - 10))) this.jobs.delete(j.view.id);
    return view;
  }

  get(id: string): BackupJob | null {
    const j = this.jobs.get(id);
    return j ? { ...j.view } : null;
  }

  progress(id: string, phase: BackupJob['phase'], done: number, total: number): void {
    const j = this.jobs.get(id);
    if (!j) return;
    j.view.phase = phase;
    j.view.bytesDone = done;
    j.view.bytesTotal = total;
    const w = WEIGHTS[j.view.kind][phase];
    if (w) j.view.fraction = Math.min(1, w[0] + (w[1] - w[0]) * (total > 0 ? done / total : 0));
  }

  finish(id: string, patch: Partial<Pick<BackupJob, 'error' | 'record' | 'preview'>> & { phase: BackupJob['phase'] }, staged: StagedRestore | null = null): void {
    const j = this.jobs.get(id);
    if (!j) return;
    Object.assign(j.view, patch);
    if (patch.phase === 'done' || patch.phase === 'ready') j.view.fraction = 1;
    j.staged = staged;
    j.running = false;
  }

  staged(id: string): StagedRestore | null {
    return this.jobs.get(id)?.staged ?? null;
  }

  forget(id: string): void {
    this.jobs.delete(id);
  }

  /** Writes a finished job's history row now if the DB is open, else when it is next open. */
  async record(core: CoreState, id: string, u: RecordUpdate): Promise<void> {
    this.pending.set(id, u);
    await this.flush(core);
  }

  async flush(core: CoreState): Promise<void> {
    if (!core.isUnlocked) return;
    for (const [id, u] of [...this.pending]) {
      try {
        await finishRecord(core.db, id, u);
        this.pending.delete(id);
      } catch {
        return;
      }
    }
  }

  setRecord(id: string, record: BackupRecord): void {
    const j = this.jobs.get(id);
    if (j) j.view.record = record;
  }
}

const perCore = new WeakMap<CoreState, BackupJobs>();

export function jobsOf(core: CoreState): BackupJobs {
  let jobs = perCore.get(core);
  if (!jobs) {
    jobs = new BackupJobs();
    perCore.set(core, jobs);
  }
  return jobs;
}
