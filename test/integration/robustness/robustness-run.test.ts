import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../../lib/datasets/index.ts';
import { createProgressReporter, runLocal } from '../../../lib/local/index.ts';
import { prepareRun } from '../../../lib/run/index.ts';
import { systemClock } from '../../../lib/providers/index.ts';
import type { ResultRecord, Summary } from '../../../lib/results/index.ts';
import { loadEvalSpec } from '../../../lib/spec/index.ts';
import { FsResultStore } from '../../../lib/store/index.ts';

const EVALS = join(import.meta.dirname, '..', '..', '..', 'evals');
let out: string;
let summary: Summary;
let records: ResultRecord[];

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'verdict-robustness-'));
  const loaded = await loadEvalSpec(join(EVALS, 'robustness.yaml'));
  const prepared = prepareRun(loaded, await loadDataset(loaded.spec.dataset, loaded.baseDir));
  ({ summary } = await runLocal({ prepared, store: new FsResultStore(out), runId: 'robustness', env: {}, clock: systemClock, progress: createProgressReporter({ quiet: true }) }));
  records = [];
  const folder = join(out, 'robustness', 'records');
  for (const file of await readdir(folder)) for (const line of (await readFile(join(folder, file), 'utf8')).split('\n')) if (line) records.push(JSON.parse(line));
}, 60_000);
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

describe('shipped robustness audit (evals/robustness.yaml)', () => {
  it('oracle is fully robust, brittle not at all, the recording in between; every gate passes', () => {
    expect(summary.candidates.oracle!.metrics['robustness.accuracy']).toMatchObject({ value: 1, n: 12 });
    expect(summary.candidates.brittle!.metrics['robustness.accuracy']).toMatchObject({ value: 0, n: 12 });
    expect(summary.candidates.brittle!.metrics['consistency.rate']!.value).toBe(0);
    // Five of twelve questions fail one variant each (FAILS in datasets/robustness/make-recording.ts).
    expect(summary.candidates['hand-written-recording']!.metrics['robustness.accuracy']!.value).toBeCloseTo(7 / 12, 12);
    expect(summary.candidates['hand-written-recording']!.metrics['consistency.rate']!.value).toBeCloseTo(7 / 12, 12);
    expect(summary.passed).toBe(true);
  });

  it('asks every variant as its own work item, linked to its original, with the perturbed prompt recorded', () => {
    const oracle = records.filter((record) => record.candidate === 'oracle');
    expect(oracle).toHaveLength(12 * 6);
    const variant = oracle.find((record) => record.sampleId === 'rb-zh-01~chinese-script')!;
    expect(variant.meta!.perturbation).toMatchObject({ baseId: 'rb-zh-01', name: 'chinese-script', type: 'chinese-script', changed: true });
    expect(variant.prompt.at(-1)!.content).toBe('中國的首都是哪個城市？');
    expect(variant.cluster).toBe('rb-zh-01');
    const original = oracle.find((record) => record.sampleId === 'rb-zh-01')!;
    expect(original.meta!.perturbation).toMatchObject({ baseId: 'rb-zh-01', name: 'original' });
    expect(original.prompt.at(-1)!.content).toBe('中国的首都是哪个城市？');
  });

  it('keeps the recording think blocks apart from the scored answer', () => {
    const record = records.find((item) => item.candidate === 'hand-written-recording' && item.sampleId === 'rb-zh-05~chinese-script')!;
    expect(record.output).toBe('高鶚');
    expect(record.reasoning).toEqual({ text: '先想一想题目在问什么。', source: 'think', tokens: null });
    expect(record.scores.includes!.pass).toBe(false);
    // Half the items (the Chinese rows) came with reasoning; no token count without a server or logprobs.
    const metrics = summary.candidates['hand-written-recording']!.metrics;
    expect(metrics['reasoning.rate']).toMatchObject({ value: 0.5, n: 72, sources: { think: 36 } });
    expect(metrics['tokens.reasoning']).toBeUndefined();
  });
});
