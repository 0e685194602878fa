/**
 * One sample writer of `npm run samples` run the way the script runs it: a demo school in a temp folder, the demo
 * director logged in on a core, the writer's files in another temp folder. Everything is removed after the test file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll } from 'vitest';
import { createDemoSchool, type DemoResult, type DemoSeeder } from '../../../electron/core/demo/school';
import type { SampleWriter } from '../../../scripts/samples/types';
import { createBareCore, tempDir, type TestCore } from '../../harness/core';
import { testPlatform } from '../../harness/platform';

export interface SampleRun {
  /** the file names the writer reports */
  written: string[];
  read(name: string): Buffer;
  core: TestCore;
  demo: DemoResult;
}

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.splice(0)) await c();
});

export async function runSampleWriter(writer: SampleWriter, options: { pupils: number; seeders?: DemoSeeder[] }): Promise<SampleRun> {
  const dir = tempDir();
  const out = tempDir('qorgan-samples-');
  let core: TestCore | null = null;
  cleanups.push(async () => {
    await core?.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(out, { recursive: true, force: true });
  });
  const demo = await createDemoSchool(testPlatform(dir), { reset: true, ...options });
  core = createBareCore(dir);
  await core.call('auth.login', { login: demo.login, password: demo.password });
  const written = await writer({ outDir: out, core, demo });
  return { written, read: (name) => fs.readFileSync(path.join(out, name)), core, demo };
}
