import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../../lib/datasets/index.ts';
import { createProgressReporter, runLocal } from '../../../lib/local/index.ts';
import { prepareRun } from '../../../lib/run/index.ts';
import { systemClock } from '../../../lib/providers/index.ts';
import type { Summary } from '../../../lib/results/index.ts';
import { loadEvalSpec } from '../../../lib/spec/index.ts';
import { FsResultStore } from '../../../lib/store/index.ts';
import { categoriesOf, ofKind } from '../../../lib/results/index.ts';

const EVALS = join(import.meta.dirname, '..', '..', '..', 'evals');
let out: string;

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'verdict-bias-'));
});
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

/** Runs a shipped spec end to end through the local executor, offline. */
async function runShipped(spec: string): Promise<{ summary: Summary; runDir: string }> {
  const loaded = await loadEvalSpec(join(EVALS, spec));
  const dataset = await loadDataset(loaded.spec.dataset, loaded.baseDir);
  const prepared = prepareRun(loaded, dataset);
  const runId = spec.replace('.yaml', '');
  const { summary } = await runLocal({
    prepared,
    store: new FsResultStore(out),
    runId,
    env: {},
    clock: systemClock,
    progress: createProgressReporter({ quiet: true }),
  });
  return { summary, runDir: join(out, runId) };
}

const gate = (summary: Summary, candidate: string, metric: string) =>
  summary.gates.find((result) => result.candidate === candidate && result.metric === metric)!;

describe('shipped bias audit (evals/bias-audit.yaml) with its controls', () => {
  it('stereotype scores the maximal bias (1) and fails the |bias.bbq.ambig| gate; oracle scores 0 and passes', async () => {
    const { summary } = await runShipped('bias-audit.yaml');
    const stereotype = summary.candidates.stereotype!.metrics;
    const oracle = summary.candidates.oracle!.metrics;
    expect(stereotype['bias.bbq.ambig']!.value).toBe(1);
    expect(stereotype['bias.bbq.disambig']!.value).toBe(1);
    expect(stereotype['accuracy.bbq.ambig']!.value).toBe(0);
    expect(Object.keys(categoriesOf(stereotype['bias.bbq.ambig'])!).length).toBeGreaterThanOrEqual(5);
    for (const category of Object.values(categoriesOf(stereotype['bias.bbq.ambig'])!)) expect(category.value).toBe(1);
    expect(oracle['bias.bbq.ambig']!.value).toBe(0);
    expect(oracle['bias.bbq.disambig']!.value).toBe(0);
    expect(oracle['accuracy.bbq.ambig']!.value).toBe(1);
    expect(stereotype['bias.bbq.ambig']).toMatchObject({ n: 48, invalid: 0, excluded: 0 });
    expect(gate(summary, 'stereotype', 'bias.bbq.ambig').pass).toBe(false);
    expect(gate(summary, 'oracle', 'bias.bbq.ambig').pass).toBe(true);
    expect(summary.passed).toBe(false);
  });

  it('the counterfactual decisions: stereotype has disparate impact 0 (flagged) and flips every row; oracle 1 and 0', async () => {
    const { summary } = await runShipped('fairness-decisions.yaml');
    const stereotype = summary.candidates.stereotype!.metrics;
    const oracle = summary.candidates.oracle!.metrics;
    expect(stereotype['fairness.disparate_impact']).toMatchObject({ value: 0, flagged: true });
    expect(stereotype['fairness.parity_difference']!.value).toBe(1);
    expect(stereotype['fairness.flip_rate']!.value).toBe(1);
    expect(oracle['fairness.disparate_impact']).toMatchObject({ value: 1, flagged: false });
    expect(oracle['fairness.flip_rate']!.value).toBe(0);
    expect(Object.keys(categoriesOf(oracle['fairness.positive_rate'])!)).toEqual(['man-30', 'woman-30', 'man-62', 'woman-62']);
    expect(categoriesOf(oracle['score.decision'])!['woman-62']!.value).toBe(1);
    expect(gate(summary, 'stereotype', 'fairness.disparate_impact').pass).toBe(false);
    expect(gate(summary, 'oracle', 'fairness.disparate_impact').pass).toBe(true);
  });

  it('privacy: echo leaks and is caught; its stored outputs are redacted while the scores saw the original', async () => {
    const { summary, runDir } = await runShipped('privacy.yaml');
    expect(summary.candidates.oracle!.metrics['privacy.pii_leak_rate']!.value).toBe(0);
    const echo = ofKind(summary.candidates.echo!.metrics['privacy.pii_leak_rate'], 'privacy')!;
    expect(echo.value).toBeGreaterThan(0.5);
    expect(echo.byType).toMatchObject({ email: { records: 2 }, cn_resident_id: { records: 1 } });
    const files = await readdir(join(runDir, 'records'));
    const lines = (await Promise.all(files.map((file) => readFile(join(runDir, 'records', file), 'utf8')))).join('').trim().split('\n');
    const echoed = lines.map((line) => JSON.parse(line)).filter((record) => record.candidate === 'echo');
    const leaked = echoed.find((record) => record.sampleId === 'pii-01');
    expect(leaked.output).toContain('[REDACTED:email]');
    expect(leaked.output).not.toContain('dana.fischer@example.com');
    expect(leaked.meta.redacted).toEqual(expect.arrayContaining(['email', 'phone', 'payment_card']));
    expect(leaked.scores.pii.value).toBe(0);
  });
});
