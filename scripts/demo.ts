/**
 * `npm run demo [-- --reset]`: creates the demo school (School No. 96, fake staff and pupils) in its own data
 * folder, apart from real data, and prints where it is and how to log in.
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
const dataDir = demoDataDir(defaultUserDataDir());
if (fs.existsSync(path.join(dataDir, 'keyring.json')) && !reset) {
  console.log(`The demo school already exists in ${dataDir}\nUse \`npm run demo -- --reset\` to create it anew.`);
  process.exit(0);
}
const started = Date.now();
const r = await createDemoSchool(nodePlatform(dataDir, fileLogger(dataDir)), { reset, seeders: demoSeeders });
console.log(`Demo school created in ${((Date.now() - started) / 1000).toFixed(1)} s
  data folder:  ${r.dataDir}
  login:        ${r.login}   password: ${r.password}
  other logins: ${DEMO_ACCOUNTS.slice(1).map((a) => a.login).join(', ')} (same password)
  signing:      the director's certificate «${DEMO_DIRECTOR.commonName}», password ${DEMO_DIRECTOR.password}
  recovery key: ${r.recoveryKey}
Open it with \`npm start -- --demo\` or \`npm run dev:web -- --demo\`. Demo data only: never use it for a real school.`);
