/**
 * A whole run whose confidences come from token log-probabilities of the local OpenAI-compatible
 * server, through the SDK (not streamed) and `transport: http` (streamed): the records carry the
 * chosen option's probability and the calibration metrics follow from them exactly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../../lib/datasets/index.ts';
import { createProgressReporter, runLocal } from '../../../lib/local/index.ts';
import { prepareRun } from '../../../lib/run/index.ts';
import { systemClock } from '../../../lib/providers/index.ts';
import type { ResultRecord, Summary } from '../../../lib/results/index.ts';
import { loadEvalSpec } from '../../../lib/spec/index.ts';
import { FsResultStore } from '../../../lib/store/index.ts';
import { startOpenAIServer, type OpenAIServer } from '../../fixtures/openai-server.ts';
import { makeWorkspace } from '../../fixtures/workspace.ts';
import { ofKind } from '../../../lib/results/index.ts';

// Rows 1–15: the answer is B and the server says "B" at p = 0.9; rows 16–20: the answer is D and it says "C" at p = 0.3.
const rows = Array.from({ length: 20 }, (_, index) =>
  JSON.stringify({ id: `q${index + 1}`, question: `Question ${index + 1}`, options: ['w', 'x', 'y', 'z'], answer: index < 15 ? 'B' : 'D' }),
).join('\n');

let server: OpenAIServer;
let summary: Summary;
const records: ResultRecord[] = [];

beforeAll(async () => {
  server = await startOpenAIServer({
    answer: (_body, info) => (Number(info.lastUserMessage.split(' ')[1]) <= 15 ? 'B' : 'C'),
    tokenLogprobs: (token) => Math.log(token === 'B' ? 0.9 : 0.3),
  });
  const dir = makeWorkspace({
    'mc.jsonl': rows,
    'spec.yaml': `
name: logprob-calibration
dataset: { path: mc.jsonl }
prompt: "{{question}}"
candidates:
  - { id: sdk, provider: openai, model: m, baseURL: "${server.url}", params: { logprobs: true, top_logprobs: 3 } }
  - { id: http-stream, provider: openai, model: m, baseURL: "${server.url}", transport: http, stream: true, params: { logprobs: true } }
scorers:
  - { type: choice, reference: "{{answer}}" }
calibration: { confidence: logprobs, bins: 10, coverage: [0.75, 1] }
gates:
  - { metric: calibration.ece_equal_width, op: "<=", value: 0.2 }
execution: { concurrency: 4, timeoutMs: 5000, retries: 0 }
`,
  });
  const loaded = await loadEvalSpec(`${dir}/spec.yaml`, {});
  const prepared = prepareRun(loaded, await loadDataset(loaded.spec.dataset, loaded.baseDir));
  const store = new FsResultStore(`${dir}/results`);
  ({ summary } = await runLocal({ prepared, store, runId: 'r1', env: {}, clock: systemClock, progress: createProgressReporter({ quiet: true }) }));
  for await (const record of store.readRecords('r1')) records.push(record);
});
afterAll(async () => {
  await server.close();
});

describe.each(['sdk', 'http-stream'])('candidate %s', (candidate) => {
  it('records the chosen option probability as each answer confidence', () => {
    const mine = records.filter((record) => record.candidate === candidate);
    expect(mine).toHaveLength(20);
    const first = mine.find((record) => record.sampleId === 'q1')!;
    expect(first.confidence).toEqual({ value: expect.closeTo(0.9, 12), source: 'logprobs', method: 'option-probability', tokens: 1 });
    expect(mine.find((record) => record.sampleId === 'q20')!.confidence!.value).toBeCloseTo(0.3, 12);
  });

  it('gives the calibration metrics of 15 right answers at 0.9 and 5 wrong ones at 0.3', () => {
    const metrics = summary.candidates[candidate]!.metrics;
    // Equal-width: (15/20)·|0.9 − 1| + (5/20)·|0.3 − 0| = 0.15; equal-mass gives the same two bins here.
    expect(metrics['calibration.ece_equal_width']!.value).toBeCloseTo(0.15, 12);
    expect(metrics['calibration.ece']!.value).toBeCloseTo(0.15, 12);
    expect(metrics['calibration.mce']!.value).toBeCloseTo(0.3, 12);
    expect(metrics['calibration.brier']!.value).toBeCloseTo((15 * 0.01 + 5 * 0.09) / 20, 12);
    expect(metrics['calibration.auroc']!.value).toBe(1);
    expect(ofKind(metrics['calibration.selective_accuracy'], 'calibration')!.byCoverage!['0.75']!.value).toBe(1);
    expect(metrics['calibration.ece']).toMatchObject({ n: 20, sources: { 'logprobs/option-probability': 20 } });
  });
});

it('sent logprobs: true on every request, and the gate on a calibration metric passed', () => {
  expect(server.requests.every((request) => request.body.logprobs === true)).toBe(true);
  expect(summary.gates.map((gate) => [gate.candidate, gate.pass])).toEqual([['sdk', true], ['http-stream', true]]);
});
