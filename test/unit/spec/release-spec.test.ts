import { describe, expect, it } from 'vitest';
import { parseEvalSpec } from '../../../lib/spec/index.ts';

const BASE = [
  'name: release',
  'dataset: { path: d.jsonl }',
  'prompt: "{{q}}"',
  'candidates: [{ id: new, provider: control, kind: oracle }, { id: old, provider: control, kind: echo }]',
  'scorers: [{ type: exact, reference: "{{a}}" }]',
].join('\n');

function parse(extra: string) {
  return parseEvalSpec(`${BASE}\n${extra}\n`, { path: 'evals/release.yaml', baseDir: 'evals', env: {} }).spec;
}

describe('spec: gates, baseline and compare', () => {
  it('accepts threshold and baseline gates side by side, with alpha defaulting to 0.05', () => {
    const spec = parse('baseline: latest\ngates:\n  - { metric: accuracy, op: ">=", value: 0.8, on: ci_low }\n  - { metric: accuracy, maxDrop: 0.02 }\ncompare: [{ a: old, b: new }]');
    expect(spec.baseline).toBe('latest');
    expect(spec.gates[1]).toEqual({ metric: 'accuracy', maxDrop: 0.02, alpha: 0.05 });
    expect(spec.compare).toEqual([{ a: 'old', b: 'new' }]);
  });

  it('names the typo in a threshold gate rather than saying "Invalid input"', () => {
    expect(() => parse('gates: [{ metric: accuracy, op: ">=", valu: 0.8 }]')).toThrow(/gates\[0\]\.valu: unknown key "valu"/);
  });

  it('names the typo in a baseline gate', () => {
    expect(() => parse('gates: [{ metric: accuracy, maxDrop: 0.02, alfa: 0.1 }]')).toThrow(/gates\[0\]\.alfa: unknown key "alfa"/);
  });

  it('rejects a baseline gate on a metric without per-sample values', () => {
    expect(() => parse('gates: [{ metric: latency.p95_ms, maxDrop: 100 }]')).toThrow(/gates\[0\]\.metric: baseline gates need a per-sample metric/);
  });

  it('rejects compare pairs and gates naming unknown candidates', () => {
    expect(() => parse('compare: [{ a: old, b: newer }]')).toThrow(/compare\[0\]\.b: unknown candidate; known: new, old, got "newer"/);
    expect(() => parse('gates: [{ metric: accuracy, op: ">=", value: 0.8, candidate: nope }]')).toThrow(/gates\[0\]\.candidate: unknown candidate/);
  });
});
