/**
 * The backup worker: the backup's check of an encrypted DB (`backup.check`: backup/check.ts) and nothing else, so
 * that it starts without parsing the parsers and renderers of the parse worker (pdfmake, ExcelJS, PKI.js). Bundled
 * as dist/electron/backup-worker.cjs (scripts/build-electron.mjs); run.ts falls back to the parse worker, which
 * serves the same task, when this bundle is not there.
 */
import { checkDatabaseFile, type CheckArgs } from '../backup/check';
import { serveTasks } from './serve';

serveTasks({
  'backup.check': (bytes: Uint8Array, args: CheckArgs, notify: (value: unknown) => void) => checkDatabaseFile(bytes, args, notify),
});
