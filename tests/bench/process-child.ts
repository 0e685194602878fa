/** The bench's core process: the real entry's wiring (channel + runCoreChild) with the bench job beside the registry. */
import { createCore } from '../../electron/core/api';
import { processChannel } from '../../electron/core/host/channel';
import { runCoreChild } from '../../electron/core/host/child';
import { withBenchJobs } from './process-jobs';

runCoreChild(processChannel(), { createCore: withBenchJobs(createCore), exit: () => setImmediate(() => process.exit(0)) });
