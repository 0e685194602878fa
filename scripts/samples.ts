/**
 * `npm run samples -- --out DIR`: files for independent checks with standard tools (SQLCipher 4, poppler, qpdf,
 * age, LibreOffice). Builds a fresh demo school in a temp folder; demo data only, never a real school's.
 *   demo.db, demo.key       the demo school's encrypted DB (WAL checkpointed) and its data key in hex
 *   …                       each feature's documents (see scripts/samples/)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore } from '../electron/core/api';
import { checkpoint } from '../electron/core/db/open';
import { createDemoSchool } from '../electron/core/demo/school';
import { demoSeeders } from './demo-seeders';
import { nodePlatform } from './node-platform';
import { sampleWriters } from './samples/index';

const outArg = process.argv.indexOf('--out');
const outDir = path.resolve(outArg > 0 ? (process.argv[outArg + 1] ?? 'samples') : 'samples');
fs.mkdirSync(outDir, { recursive: true });

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'qorgan-samples-'));
try {
  const platform = nodePlatform(path.join(work, 'demo'));
  const demo = await createDemoSchool(platform, { seeders: demoSeeders });
  const core = createCore(platform);
  const login = await core.invoke('auth.login', { login: demo.login, password: demo.password });
  if (!login.ok) throw new Error(`samples: login failed (${login.error.code})`);
  const written: string[] = [];
  for (const write of sampleWriters) written.push(...(await write({ outDir, core, demo })));
  checkpoint(core.state.sqlite);
  fs.copyFileSync(path.join(platform.dataDir, 'qorgan.db'), path.join(outDir, 'demo.db'));
  fs.writeFileSync(path.join(outDir, 'demo.key'), core.state.withDataKey((k) => k.toString('hex')) + '\n');
  written.unshift('demo.db', 'demo.key');
  await core.dispose();
  console.log(`Samples (demo data only) in ${outDir}:\n${written.map((f) => `  ${f}`).join('\n')}`);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
