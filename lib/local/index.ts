/** The local executor: runs a prepared run's shards in this process and writes the result set. */
export { createProgressReporter } from './progress.ts';
export { runLocal, type LocalRunResult } from './run-local.ts';
export { localExecutor } from './executor.ts';
