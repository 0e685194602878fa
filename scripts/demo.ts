/**
 * `npm run demo [-- --reset] [-- --date=YYYY-MM-DD]`: creates the demo school (School No. 96, fake staff and pupils)
 * in its own data folder, apart from real data, and prints where it is and how to log in. The demo is dated by the
 * clock: this school year's plan, marked up to last week. `--date` builds it as of another day (tests, screenshots):
 * the day's clock runs from 10:00 local time.
 * Then: `npm start -- --demo` (Electron) or `npm run dev:web -- --demo` (browser).
 */
import fs from 'node:fs';
import path from 'node:path';
import { createDemoSchool, DEMO_ACCOUNTS } from '../electron/core/demo/school';
import { fileLogger } from '../electron/core/log';
import { defaultUserDataDir, demoDataDir } from '../electron/core/paths';
import { nodePlatform } from './node-platform';
import { demoSeeders } from './demo-seeders';
import { DEMO_DIRECTOR } from './samples/documents';

const reset = process.argv.includes('--reset');
const dateArg = process.argv.find((a) => a.startsWith('--date='))?.slice('--date='.length);
if (dateArg !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(dateArg)) {
  console.error('--date takes a day as YYYY-MM-DD');
  process.exit(2);
}
const clockStart = Date.now();
const clock = dateArg ? () => new Date(new Date(`${dateArg}T10:00:00`).getTime() + (Date.now() - clockStart)) : () => new Date();
const dataDir = demoDataDir(defaultUserDataDir());
if (fs.existsSync(path.join(dataDir, 'keyring.json')) && !reset) {
  console.log(`The demo school already exists in ${dataDir}\nUse \`npm run demo -- --reset\` to create it anew.`);
  process.exit(0);
}
const started = Date.now();
const r = await createDemoSchool(nodePlatform(dataDir, fileLogger(dataDir), true, clock), { reset, seeders: demoSeeders });
console.log(`Demo school created in ${((Date.now() - started) / 1000).toFixed(1)} s
  data folder:  ${r.dataDir}
  login:        ${r.login}   password: ${r.password}
  other logins: ${DEMO_ACCOUNTS.slice(1).map((a) => a.login).join(', ')} (same password)
  signing:      the director's certificate «${DEMO_DIRECTOR.commonName}», password ${DEMO_DIRECTOR.password}
  recovery key: ${r.recoveryKey}
  dated:        ${clock().toISOString().slice(0, 10)} (the current school year's plan, marked up to last week)
Open it with \`npm start -- --demo\` or \`npm run dev:web -- --demo\`. Demo data only: never use it for a real school.`);
