/**
 * `npm run bench`: speed and size figures, each a median of repeated runs, printed as a table.
 * Targets are stated in the notes; they are measured here, never asserted in tests.
 */
import os from 'node:os';
import { benchBackup } from './backup';
import { benchChronology } from './chronology';
import { benchCases } from './cases';
import { benchCompartments } from './compartments';
import { benchDocuments } from './documents';
import { benchDistrict } from './district';
import { benchFoundation } from './foundation';
import { benchHostile } from './hostile';
import { benchOverview } from './overview';
import { benchPlans } from './plans';
import { benchProcess } from './process';
import { benchPupilsImport } from './pupils-import';
import { benchRegister } from './register';
import { benchSealedDocuments } from './sealed-documents';
import { benchSearch } from './search';
import type { BenchRow } from './types';

const suites: [string, () => Promise<BenchRow[]>][] = [
  ['foundation', benchFoundation],
  ['documents', benchDocuments],
  ['district', benchDistrict],
  ['plans', benchPlans],
  ['backup', benchBackup],
  ['compartments', benchCompartments],
  ['hostile', benchHostile],
  ['chronology', benchChronology],
  ['pupils-import', benchPupilsImport],
  ['register', benchRegister],
  ['cases', benchCases],
  ['search', benchSearch],
  ['overview', benchOverview],
  ['sealed-documents', benchSealedDocuments],
  ['process', benchProcess],
];

const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const all: (BenchRow & { suite: string })[] = [];
for (const [suite, run] of suites) {
  if (only.length && !only.includes(suite)) continue;
  process.stderr.write(`running ${suite} …\n`);
  for (const row of await run()) all.push({ suite, ...row });
}

console.log(`\nQorgan bench — ${new Date().toISOString()} — Node ${process.version}, ${os.cpus().length} cores\n`);
console.log('| suite | measure | median | runs | note |');
console.log('|---|---|---:|---:|---|');
for (const r of all) console.log(`| ${r.suite} | ${r.name} | ${r.medianMs.toFixed(r.medianMs < 10 ? 2 : 0)} ms | ${r.runs} | ${r.note ?? ''} |`);
