import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { judgeCallsOf } from '../../../lib/cloud-lambda/index.ts';
import { runDescriptionOf } from '../../../lib/engine/index.ts';
import { startOpenAIServer, type OpenAIServer } from '../../fixtures/openai-server.ts';
import { jsonl, runJudgedSpec, type JudgedRun } from './judge-run.ts';

// Cloud shard sizing counts on judgeCallsOf to keep a judge's rate-limit waits in a worker's
// budget, so it is checked against the calls a real run makes to a real (local) judge server.
const rows = [
  { id: 'q1', question: 'Capital of France?', answer: 'Paris' },
  { id: 'q2', question: 'Capital of Japan?', answer: 'Tokyo' },
  { id: 'q3', question: 'Capital of Peru?', answer: 'Lima' },
];

let server: OpenAIServer;
let run: JudgedRun;

beforeAll(async () => {
  server = await startOpenAIServer({ answer: (_body, info) => (info.lastUserMessage.includes('<<<ANSWER A>>>') ? 'VERDICT: A' : 'Fine.\nGRADE: 4') });
  const judge = (id: string) => `  - { id: ${id}, provider: openai, model: ${id}-model, baseURL: "${server.url}", apiKeyEnv: JUDGE_KEY }`;
  run = await runJudgedSpec({
    'rows.jsonl': jsonl(rows),
    'spec.yaml': [
      'name: judge-calls',
      'dataset: { path: rows.jsonl }',
      'prompt: "{{question}}"',
      'candidates: [{ id: oracle, provider: control, kind: oracle }, { id: echo, provider: control, kind: echo }]',
      'judges:',
      judge('grader'),
      judge('second'),
      'scorers:',
      '  - { type: exact, reference: "{{answer}}" }',
      '  - { id: sampled, type: judge, kind: rubric, judge: grader, rubric: "Right?", scale: [1, 5], samples: 3, reference: "{{answer}}" }',
      '  - { id: versus, type: judge, kind: pairwise, judge: grader, baseline: { candidate: oracle } }',
      '  - { id: panel, type: judge, kind: panel, judges: [grader, second], rubric: "Right?", scale: [1, 5] }',
      'execution: { retries: 0, timeoutMs: 5000, concurrency: 4 }',
    ].join('\n'),
  }, { JUDGE_KEY: 'sk-judge-calls-test' });
});

afterAll(async () => {
  await run?.cleanup();
  await server?.close();
});

describe('judgeCallsOf', () => {
  it('counts per judge the calls a run makes for one item: samples, both orders of a pairwise scorer, each panel judge', () => {
    const items = run.records.length;
    const made = new Map<string, number>();
    for (const { body } of server.requests) made.set(String(body.model), (made.get(String(body.model)) ?? 0) + 1);
    const description = runDescriptionOf(run.manifest);
    const { byJudge: expected, perItem } = judgeCallsOf(description.scorers, description.judges);
    // An item waits for 3 samples, then 2 orders, then the panel's judges side by side.
    expect(perItem).toBe(6);
    // grader: 3 samples + 2 orders + 1 in the panel; second: 1 in the panel.
    expect(Object.fromEntries(expected)).toEqual({ grader: 6, second: 1 });
    expect(items).toBe(6);
    for (const [id, calls] of expected) expect(made.get(`${id}-model`)).toBeLessThanOrEqual(calls * items);
    // Pairwise judging skips the baseline's own items (3 of them, 2 calls each); everything else is asked as counted.
    expect(made.get('grader-model')).toBe(6 * items - 2 * 3);
    expect(made.get('second-model')).toBe(items);
  });
});
