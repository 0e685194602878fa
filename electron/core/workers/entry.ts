/**
 * The parse worker: every task of tasks.ts (parsers, renders, long jobs), served by serve.ts. Bundled as
 * dist/electron/parse-worker.cjs; under Node with the TypeScript sources it is loaded through tsx (run.ts).
 */
import { serveTasks } from './serve';
import { TASKS } from './tasks';

serveTasks(TASKS);
