import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDataset } from '../../../lib/datasets/index.ts';
import { createProgressReporter, runLocal, type LocalRunResult } from '../../../lib/local/index.ts';
import { prepareRun } from '../../../lib/run/index.ts';
import { systemClock } from '../../../lib/providers/index.ts';
import type { ResultRecord } from '../../../lib/results/index.ts';
import { loadEvalSpec } from '../../../lib/spec/index.ts';
import { FsResultStore } from '../../../lib/store/index.ts';

/** A finished local run in a temp folder, with its records sorted by sample then candidate. */
export interface JudgedRun extends LocalRunResult {
  readonly dir: string;
  readonly records: ResultRecord[];
  cleanup(): Promise<void>;
}

/** Writes the files (spec.yaml among them) to a temp folder and runs the spec locally. */
export async function runJudgedSpec(files: Record<string, string>, env: Record<string, string> = {}): Promise<JudgedRun> {
  const dir = await mkdtemp(join(tmpdir(), 'verdict-judge-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  const loaded = await loadEvalSpec(join(dir, 'spec.yaml'), env);
  const dataset = await loadDataset(loaded.spec.dataset, loaded.baseDir);
  const store = new FsResultStore(join(dir, 'results'));
  const result = await runLocal({
    prepared: prepareRun(loaded, dataset),
    store,
    runId: 'run',
    env,
    clock: systemClock,
    progress: createProgressReporter({ quiet: true }),
  });
  const records: ResultRecord[] = [];
  for await (const record of new FsResultStore(join(dir, 'results')).readRecords('run')) records.push(record);
  records.sort((a, b) => a.sampleId.localeCompare(b.sampleId) || a.candidate.localeCompare(b.candidate));
  return { ...result, dir, records, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** JSONL text of rows. */
export function jsonl(rows: readonly Record<string, unknown>[]): string {
  return `${rows.map((row) => JSON.stringify(row)).join('\n')}\n`;
}
