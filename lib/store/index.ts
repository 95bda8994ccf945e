export { FsResultStore } from './fs-store.ts';
export { runLayout, toJsonLines } from './layout.ts';
export { parseRecordLines, splitShardText } from './parse-records.ts';
