import { configDefaults, defineConfig } from 'vitest/config';
import { RUNTIME_SUITE_GLOBS } from './scripts/runtime-suites.mjs';

/** CI runs the runtime's suites on the Node of Electron only (scripts/runtime-suites.mjs), not twice. */
const runtimeElsewhere = process.env.QORGAN_RUNTIME_SUITES_ON_ELECTRON_NODE === '1';

export default defineConfig({
  test: {
    // every core: the default (cores - 1) ran the integration files one at a time on a 2-core machine; each file has its
    // own temp folder and core, and the e2e project keeps its files in sequence (fileParallelism: false)
    maxWorkers: '100%',
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
        },
      },
      {
        // the renderer's forms and editors in a DOM without a browser (happy-dom + Testing Library); the API client is
        // a fake window.qorgan, so these are fast and need no core
        test: {
          name: 'component',
          include: ['tests/component/**/*.test.tsx'],
          environment: 'happy-dom',
          setupFiles: ['tests/component/setup.ts'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          exclude: runtimeElsewhere ? [...configDefaults.exclude, ...RUNTIME_SUITE_GLOBS] : configDefaults.exclude,
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 240_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        // the packaged app in real Electron (npm run dist:smoke, then npm run test:electron); not part of npm test
        test: {
          name: 'electron',
          include: ['tests/electron/**/*.test.ts'],
          environment: 'node',
          testTimeout: 600_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
