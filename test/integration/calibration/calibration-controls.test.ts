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
import { ofKind } from '../../../lib/results/index.ts';

const EVALS = join(import.meta.dirname, '..', '..', '..', 'evals');
let out: string;
let summary: Summary;
let records: ResultRecord[];

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'verdict-calibration-'));
  const loaded = await loadEvalSpec(join(EVALS, 'calibration.yaml'));
  const prepared = prepareRun(loaded, await loadDataset(loaded.spec.dataset, loaded.baseDir));
  ({ summary } = await runLocal({
    prepared,
    store: new FsResultStore(out),
    runId: 'calibration',
    env: {},
    clock: systemClock,
    progress: createProgressReporter({ quiet: true }),
  }));
  const folder = join(out, 'calibration', 'records');
  records = [];
  for (const file of await readdir(folder)) {
    for (const line of (await readFile(join(folder, file), 'utf8')).split('\n')) if (line) records.push(JSON.parse(line));
  }
}, 120_000);
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

describe('shipped calibration audit (evals/calibration.yaml) with its controls', () => {
  it('the overconfident control has ECE ≥ 0.4 and the calibrated one ≤ 0.05, on ≥ 1,000 answers each', () => {
    const over = summary.candidates.overconfident!.metrics;
    const calibrated = summary.candidates.calibrated!.metrics;
    expect(over['calibration.ece']!.n).toBeGreaterThanOrEqual(1000);
    expect(calibrated['calibration.ece']!.n).toBeGreaterThanOrEqual(1000);
    expect(over['calibration.ece']!.value).toBeGreaterThanOrEqual(0.4);
    // Chance over four options, always 100% sure: ECE = 1 − accuracy.
    expect(over['calibration.ece']!.value).toBeCloseTo(1 - over.accuracy!.value!, 12);
    expect(calibrated['calibration.ece']!.value).toBeLessThanOrEqual(0.05);
    expect(calibrated['calibration.ece_equal_width']!.value).toBeLessThanOrEqual(0.05);
    expect(summary.passed).toBe(true);
  });

  it('reports every metric with n, an interval and the reliability bins', () => {
    const metrics = summary.candidates['rule-based-recording']!.metrics;
    for (const name of ['calibration.ece', 'calibration.ece_equal_width', 'calibration.mce', 'calibration.brier', 'calibration.auroc', 'calibration.selective_accuracy']) {
      expect(metrics[name], name).toMatchObject({ n: 1200, ci95: [expect.any(Number), expect.any(Number)] });
    }
    // The rule: 90% sure and right on + and −, 60% sure and guessing on ×.
    const bins = ofKind(metrics['calibration.ece_equal_width'], 'calibration')!.reliability!;
    const filled = bins.filter((bin) => bin.n > 0);
    expect(filled.map((bin) => bin.n)).toEqual([400, 800]);
    expect(filled[0]!.meanConfidence).toBeCloseTo(0.6, 12);
    expect(filled[1]!.meanConfidence).toBeCloseTo(0.9, 12);
    expect(bins[8]!.accuracy).toBe(1);
    const selective = ofKind(metrics['calibration.selective_accuracy'], 'calibration')!.byCoverage!;
    expect(selective['0.5']).toMatchObject({ value: 1, n: 600 });
  });

  it('records each answer confidence with its source, and scores the answer without the statement', () => {
    const record = records.find((item) => item.candidate === 'rule-based-recording' && item.sampleId === 'am-0001')!;
    expect(record.confidence).toEqual({ value: 0.9, source: 'verbalized', method: 'stated', statement: 'Confidence: 90%' });
    expect(record.output).toBe('A\nConfidence: 90%');
    expect(record.scores.choice!.pass).toBe(true);
  });
});
