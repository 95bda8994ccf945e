import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDataset } from '../../../lib/datasets/index.ts';
import { createProgressReporter, runLocal, type LocalRunResult } from '../../../lib/local/index.ts';
import { prepareRun } from '../../../lib/run/index.ts';
import type { BaselineInput } from '../../../lib/gate/index.ts';
import { systemClock } from '../../../lib/providers/index.ts';
import { loadEvalSpec } from '../../../lib/spec/index.ts';
import { FsResultStore } from '../../../lib/store/index.ts';

/** A temporary workspace: a dataset of `n` arithmetic questions (answer = id × 2) and a results folder. */
export async function createWorkspace(n: number): Promise<{ dir: string; results: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'verdict-release-'));
  const rows = Array.from({ length: n }, (_, i) => JSON.stringify({ id: `q${i}`, question: `What is ${i} times 2?`, answer: String(i * 2), template: `t${i % 5}` }));
  await writeFile(join(dir, 'questions.jsonl'), `${rows.join('\n')}\n`);
  return { dir, results: join(dir, 'results') };
}

/**
 * Writes a replay file in which sample q<i> is answered right when `right(i, repeat)` is true;
 * with `repeats` > 1 each id gets that many rows (repeat r reads row r).
 */
export async function writeReplay(dir: string, name: string, n: number, right: (i: number, repeat: number) => boolean, repeats = 1): Promise<string> {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    for (let r = 0; r < repeats; r++) lines.push(JSON.stringify({ id: `q${i}`, output: right(i, r) ? String(i * 2) : 'no idea' }));
  }
  await writeFile(join(dir, name), `${lines.join('\n')}\n`);
  return name;
}

/** Writes a spec (YAML is a superset of JSON, so JSON is written) and returns its path. */
export async function writeSpec(dir: string, file: string, spec: Record<string, unknown>): Promise<string> {
  const path = join(dir, file);
  await writeFile(path, JSON.stringify({ dataset: { path: 'questions.jsonl' }, prompt: '{{question}}', scorers: [{ type: 'exact', reference: '{{answer}}' }], ...spec }, null, 2));
  return path;
}

/** Runs a spec locally, offline, into `results`. */
export async function runSpec(specPath: string, results: string, runId: string, baseline?: BaselineInput): Promise<LocalRunResult> {
  const loaded = await loadEvalSpec(specPath, {});
  const dataset = await loadDataset(loaded.spec.dataset, loaded.baseDir);
  const prepared = prepareRun(loaded, dataset);
  return runLocal({
    prepared,
    store: new FsResultStore(results),
    runId,
    env: {},
    clock: systemClock,
    progress: createProgressReporter({ quiet: true }),
    baseline,
  });
}
