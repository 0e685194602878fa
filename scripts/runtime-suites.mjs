/**
 * The integration tests of what the runtime itself does (the native SQLCipher module, crypto, signing, workers,
 * files): `node scripts/node-of-electron.mjs --runtime` runs them on the Node inside the pinned Electron. In CI
 * (`.ci/run` sets QORGAN_RUNTIME_SUITES_ON_ELECTRON_NODE=1) they run there only, not a second time on the Node of
 * the build machine; `npm test` elsewhere runs them like every other test.
 */
export const RUNTIME_SUITES = [
  'tests/integration/encryption.test.ts',
  'tests/integration/crash.test.ts',
  'tests/integration/auth.test.ts',
  'tests/integration/audit.test.ts',
  'tests/integration/audit-tamper.test.ts',
  'tests/integration/migrations',
  'tests/integration/compartments',
  'tests/integration/backup',
  'tests/integration/documents',
  'tests/integration/hostile',
  'tests/integration/plans-io',
  'tests/integration/pupils-import.test.ts',
  'tests/integration/cases/intake.test.ts',
];

/** The same, as globs for vitest's `exclude` (a folder: everything under it). */
export const RUNTIME_SUITE_GLOBS = RUNTIME_SUITES.map((p) => (p.endsWith('.ts') ? p : `${p}/**`));
