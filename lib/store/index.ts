export { FsResultStore } from './fs-store.ts';
export { runLayout, toJsonLines } from './layout.ts';
export { parseRecordLines, splitShardText } from './parse-records.ts';
export { registerBaselineSource, resolveBaseline, type BaselineSource, type ResolveBaselineOptions } from './baseline-source.ts';
export { openRun, openRunFolder, requireSealed, type OpenedRun } from './open-run.ts';
