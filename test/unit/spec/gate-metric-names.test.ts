import { describe, expect, it } from 'vitest';
import { isVerdictError } from '../../../lib/errors/index.ts';
import { parseEvalSpec } from '../../../lib/spec/index.ts';

function spec(gates: string, extra = ''): string {
  return `
name: names
dataset: { path: data.jsonl }
prompt: "{{q}}"
candidates:
  - { id: m, provider: openai, model: m, baseURL: "http://127.0.0.1:1/v1" }
scorers:
  - { type: includes, reference: "{{a}}" }
  - { type: exact, id: strict, reference: "{{a}}" }
gates:
${gates}
${extra}`;
}

function errorOf(text: string): string {
  try {
    parseEvalSpec(text, { path: 'evals/names.yaml', baseDir: '/tmp', env: {} });
  } catch (error) {
    expect(isVerdictError(error, 'SPEC_INVALID')).toBe(true);
    return (error as Error).message;
  }
  throw new Error('expected the spec to be rejected');
}

const accepts = (text: string) => expect(() => parseEvalSpec(text, { path: 'x.yaml', baseDir: '/tmp', env: {} })).not.toThrow();

describe('gate metric names are checked against what the spec can report', () => {
  it('refuses a misspelt latency metric with a did-you-mean and its family', () => {
    const message = errorOf(spec('  - { metric: latency.p95, op: "<=", value: 1500 }'));
    expect(message).toContain('evals/names.yaml: gates[0].metric: unknown metric "latency.p95"; did you mean "latency.p95_ms"?');
    expect(message).toContain('latency.p99_ms');
    expect(message).not.toContain('got "latency.p95"');
  });

  it('suggests the scorer ids the spec defines', () => {
    expect(errorOf(spec('  - { metric: score.stict, op: ">=", value: 0.5 }'))).toContain('did you mean "score.strict"?');
    expect(errorOf(spec('  - { metric: acuracy, op: ">=", value: 0.5 }'))).toContain('did you mean "accuracy"?');
  });

  it('says what a known metric needs when the spec cannot produce it', () => {
    expect(errorOf(spec('  - { metric: cost.usd, op: "<=", value: 1 }'))).toContain('"cost.usd" needs a `price');
    expect(errorOf(spec('  - { metric: goodput.rate, op: ">=", value: 0.9 }'))).toContain('needs latency objectives');
    expect(errorOf(spec('  - { metric: bias.bbq.ambig, op: "<=", value: 0.1, abs: true }'))).toContain('needs a scorer of type "bbq"');
    expect(errorOf(spec('  - { metric: accuracy.pass@3, op: ">=", value: 0.9 }', 'execution: { repeats: 2 }'))).toContain('needs execution.repeats ≥ 3');
  });

  it('accepts every metric the spec can produce', () => {
    accepts(spec(['accuracy', 'score.includes', 'score.strict', 'latency.p95_ms', 'ttft.p50_ms', 'errors.rate', 'throughput.requests_per_s'].map((metric) => `  - { metric: ${metric}, op: ">=", value: 0 }`).join('\n')));
    accepts(spec('  - { metric: accuracy.pass@2, op: ">=", value: 0.5 }\n  - { metric: accuracy.consistency, op: ">=", value: 0.5 }', 'execution: { repeats: 2 }'));
    accepts(spec('  - { metric: goodput.rate, op: ">=", value: 0.5 }', 'slo: { e2e_ms: 1000 }'));
  });

  it('checks baseline gates too', () => {
    expect(errorOf(spec('  - { metric: score.exact, maxDrop: 0.02 }'))).toContain('did you mean "score.strict"?');
  });
});
