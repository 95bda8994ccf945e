import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../../fixtures/workspace.ts';

// The shipped judge specs run offline (recorded candidates and judges, judge controls) through the CLI.
const out = await mkdtemp(join(tmpdir(), 'verdict-judge-specs-'));
afterAll(() => rm(out, { recursive: true, force: true }));

async function runShipped(spec: string): Promise<{ code: number | null; metrics: Record<string, Record<string, { value: number | null; n: number }>> }> {
  const result = await runCli(['run', join(REPO_ROOT, 'evals', spec), '--out', out, '--quiet', '--json']);
  const summary = JSON.parse(result.stdout) as { candidates: Record<string, { metrics: Record<string, { value: number | null; n: number }> }> };
  return { code: result.code, metrics: Object.fromEntries(Object.entries(summary.candidates).map(([id, candidate]) => [id, candidate.metrics])) };
}

describe('shipped judge specs', () => {
  it('customer service (en + zh): passes its gates, and the position-biased control is 0% consistent', async () => {
    const { code, metrics } = await runShipped('judge-customer-service.yaml');
    expect(code).toBe(0);
    expect(metrics['support-v2']!['judge.position-control.position_consistency']).toMatchObject({ value: 0, n: 8 });
    expect(metrics['support-v2']!['judge.vs-v1.position_consistency']!.value).toBeGreaterThan(0.5);
    expect(metrics['support-v1']!['score.lenient-control']).toMatchObject({ value: 1, n: 8 });
    expect(metrics['support-v2']!['score.helpful']!.value).toBeGreaterThan(metrics['support-v1']!['score.helpful']!.value!);
  }, 60_000);

  it('content generation: the panel agrees (pooled alpha) and ranks writer-a above writer-b', async () => {
    const { code, metrics } = await runShipped('judge-content-generation.yaml');
    expect(code).toBe(0);
    expect(metrics['writer-a']!['judge.quality.alpha']!.n).toBe(12);
    expect(metrics['writer-a']!['score.quality']!.value).toBeGreaterThan(metrics['writer-b']!['score.quality']!.value!);
    expect(metrics['writer-a']!['judge.position-control.position_consistency']).toMatchObject({ value: 0, n: 6 });
  }, 60_000);
});
