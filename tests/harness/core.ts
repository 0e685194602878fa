/**
 * Live cores for tests: a temp data folder, a set-up school, an administrator-director logged in.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api';
import type { Result } from '../../shared/errors';
import type { SchoolProfile } from '../../shared/school';
import { createCore, type Core } from '../../electron/core/api';
import { DEFAULT_KDF } from '../../electron/core/db/keyring';
import { testPlatform, type TestPlatform } from './platform';

export const SEED_SCHOOL: SchoolProfile = {
  nameKk: 'Қарасақал Ерімбет атындағы №96 мектеп',
  nameRu: 'Школа №96 имени Карасакала Еримбета',
  number: '96',
  namedAfterKk: 'Қарасақал Ерімбет',
  namedAfterRu: 'Карасакал Еримбет',
  addressKk: '',
  addressRu: '',
  districtDepartmentKk: 'Аудандық білім бөлімі',
  districtDepartmentRu: 'Районный отдел образования',
  directorName: 'М.Қаншев',
  directorPositionKk: '№96 мектеп директоры',
  directorPositionRu: 'Директор школы №96',
};

export const ADMIN = {
  login: 'director',
  displayName: 'Мектеп директоры',
  password: 'correct horse battery',
  roles: ['director', 'administrator'] as ('director' | 'administrator')[],
};

export interface TestCore extends Core {
  platform: TestPlatform;
  dataDir: string;
  recoveryKey: string;
  /** invoke that throws on an error value (for arranging a test) */
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** invoke, typed */
  try<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>>;
  cleanup(): Promise<void>;
}

export function tempDir(prefix = 'qorgan-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A core on an empty data folder (nothing set up). */
export function createBareCore(dataDir = tempDir(), options: { demo?: boolean; now?: Date } = {}): TestCore {
  const platform = testPlatform(dataDir, options);
  const core = createCore(platform);
  const t: TestCore = {
    ...core,
    state: core.state,
    platform,
    dataDir,
    recoveryKey: '',
    async try(method, input) {
      return (await core.invoke(method, input)) as Result<never>;
    },
    async call(method, input) {
      const r = await core.invoke(method, input);
      if (!r.ok) throw new Error(`${method} failed: ${r.error.code} ${r.error.message}`);
      return r.value as never;
    },
    async cleanup() {
      await core.dispose();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return t;
}

/** A core with School No. 96 set up and the director-administrator logged in. */
/** `now` pins the core's clock from the start (it still moves with `platform.advance`). */
export async function createTestCore(options: { dataDir?: string; demo?: boolean; now?: Date } = {}): Promise<TestCore> {
  const t = createBareCore(options.dataDir, options);
  const r = await t.call('auth.setup', { language: 'kk', school: SEED_SCHOOL, account: { ...ADMIN } });
  t.recoveryKey = r.recoveryKey;
  return t;
}

export { DEFAULT_KDF };
