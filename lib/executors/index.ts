export { createCandidates, describeCandidates, prepareRun, redactSpec, type PreparedRun } from './prepare-run.ts';
export { createProgressReporter, type ProgressReporter } from './progress.ts';
export { gitProvenance, harnessVersions, specRelativePaths } from './provenance.ts';
export { RecordWriter } from './record-writer.ts';
export { runLocal, type LocalRunOptions, type LocalRunResult } from './run-local.ts';
