import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDescriptionOf } from '../../../lib/engine/index.ts';
import { ManifestSchema, SummarySchema } from '../../../lib/results/index.ts';
import { makeWorkspace, runCli } from '../../fixtures/workspace.ts';

// The real CLI, control candidates only (no model is needed to see what the run records).
const SPEC = [
  'name: described',
  'dataset: { path: qa.jsonl }',
  'prompt: "{{question}}"',
  'candidates: [{ id: o, provider: control, kind: oracle, concurrency: 2 }]',
  'scorers: [{ type: includes, reference: "{{answer}}" }]',
  'gates: [{ metric: accuracy, op: ">=", value: 0.5 }]',
  'execution: { concurrency: 16, seed: 5, maxCostUsd: 10 }',
  '',
].join('\n');

describe('the run description in a real result set', () => {
  it('records --concurrency and --max-cost as overrides, and the readers use the recorded values', async () => {
    const dir = makeWorkspace({ 'qa.jsonl': '{"id":"a","question":"q","answer":"q"}\n{"id":"b","question":"r","answer":"r"}\n', 'spec.yaml': SPEC });
    const result = await runCli(['run', 'spec.yaml', '--run-id', 'r1', '--out', 'results', '--quiet', '--concurrency', '3', '--max-cost', '2'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const manifest = ManifestSchema.parse(JSON.parse(readFileSync(join(dir, 'results', 'r1', 'manifest.json'), 'utf8')));
    expect(manifest.run).toMatchObject({
      execution: { concurrency: 3, seed: 5, maxCostUsd: 2, overrides: { concurrency: 3, maxCostUsd: 2 } },
      load: { levels: [{ mode: 'closed', concurrency: 3, label: 'c=3' }], warmup: 0, repeatsPerLevel: 1 },
      gates: [{ metric: 'accuracy', op: '>=', value: 0.5 }],
    });
    const described = runDescriptionOf(manifest);
    expect(described.candidates).toEqual([{ id: 'o', provider: 'control', kind: 'control', concurrency: 2, params: { kind: 'oracle' } }]);
    expect(described.plan).toMatchObject({ items: 2, repeats: 1, repeatsPerLevel: 1 });
    const summary = SummarySchema.parse(JSON.parse(readFileSync(join(dir, 'results', 'r1', 'summary.json'), 'utf8')));
    expect(summary.gates).toHaveLength(1);
    expect(summary.passed).toBe(true);
  });
});
