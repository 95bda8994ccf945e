import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../../lib/datasets/index.ts';
import { createProgressReporter, runLocal } from '../../../lib/local/index.ts';
import { prepareRun } from '../../../lib/run/index.ts';
import { systemClock } from '../../../lib/providers/index.ts';
import type { Manifest, ResultRecord } from '../../../lib/results/index.ts';
import type { JudgeCallRecord } from '../../../lib/scorers/judge/judge-call.ts';
import { loadEvalSpec } from '../../../lib/spec/index.ts';
import { FsResultStore } from '../../../lib/store/index.ts';
import { startOpenAIServer, type OpenAIServer } from '../../fixtures/openai-server.ts';
import { jsonl, runJudgedSpec, type JudgedRun } from './judge-run.ts';

// The judges of a run are part of its description (manifest.run.judges): recorded once when the
// run is prepared, and what a resumed run creates its judges from — not the spec recorded beside it.
const rows = [
  { id: 'q1', question: 'Capital of France?', answer: 'Paris', reply: 'Paris.' },
  { id: 'q2', question: 'Capital of Japan?', answer: 'Tokyo', reply: 'Kyoto.' },
];
const env = { JUDGE_KEY: 'sk-judge-description-test', TEAM_HEADER: 'team-header-value-not-for-records' };

let server: OpenAIServer;
let run: JudgedRun;

beforeAll(async () => {
  server = await startOpenAIServer({ answer: () => 'Fine.\nGRADE: 4' });
  run = await runJudgedSpec({
    'rows.jsonl': jsonl(rows),
    'spec.yaml': [
      'name: judge-description',
      'dataset: { path: rows.jsonl }',
      'prompt: "{{question}}"',
      'candidates:',
      '  - { id: recorded, provider: replay, file: rows.jsonl, key: id, field: reply }',
      `  - { id: twin, provider: openai, model: judge-model, baseURL: "${server.url}", apiKeyEnv: JUDGE_KEY }`,
      'judges:',
      `  - { id: grader, provider: openai, model: judge-model, baseURL: "${server.url}", apiKeyEnv: JUDGE_KEY, concurrency: 2,`,
      '      price: { inputPerMTokUsd: 2, outputPerMTokUsd: 8 }, rateLimit: { rpm: 6000 } }',
      'scorers:',
      '  - { id: correct, type: judge, kind: rubric, judge: grader, rubric: "Is the answer correct?", scale: [1, 5] }',
      '  - { id: biased, type: judge, kind: rubric, judge: { provider: control, kind: always-pass }, rubric: "Anything" }',
      `  - { id: inline, type: judge, kind: rubric, rubric: "Short?", judge: { provider: openai, model: other-model, baseURL: "${server.url}", headers: { X-Team: "\${TEAM_HEADER}" } } }`,
      'execution: { retries: 0, timeoutMs: 5000 }',
    ].join('\n'),
  }, env);
});

afterAll(async () => {
  await run?.cleanup();
  await server?.close();
});

const manifestPath = (): string => join(run.dir, 'results', 'run', 'manifest.json');

describe('judges in the run description', () => {
  it('records each judge typed: provider, parsed params without the key, concurrency, price, rate limit, same-model candidates, scorers', () => {
    expect(run.manifest.run!.judges).toEqual([
      {
        id: 'grader',
        provider: 'openai',
        kind: 'model',
        concurrency: 2,
        price: { inputPerMTokUsd: 2, outputPerMTokUsd: 8 },
        rateLimit: { rpm: 6000 },
        params: expect.objectContaining({ model: 'judge-model', baseURL: server.url, apiKeyEnv: 'JUDGE_KEY' }),
        sameModelAs: ['twin'],
        scorers: ['correct'],
      },
      { id: 'biased.judge', provider: 'control', kind: 'control', params: { kind: 'always-pass' }, sameModelAs: [], scorers: ['biased'] },
      {
        id: 'inline.judge',
        provider: 'openai',
        kind: 'model',
        params: expect.objectContaining({ model: 'other-model', headers: { 'X-Team': '[redacted]' } }),
        sameModelAs: [],
        scorers: ['inline'],
      },
    ]);
  });

  it('never writes the judge key, nor an inline judge\'s header value, yet the judge is called with it', async () => {
    const text = await readFile(manifestPath(), 'utf8');
    expect(text).not.toContain(env.JUDGE_KEY);
    expect(text).not.toContain(env.TEAM_HEADER);
    expect(run.records.every((record) => record.scores.inline!.value === 0.75)).toBe(true);
    const inlineCalls = server.requests.filter((request) => request.body.model === 'other-model');
    expect(inlineCalls).toHaveLength(4);
    expect(inlineCalls.every((request) => request.headers['x-team'] === env.TEAM_HEADER)).toBe(true);
  });

  it('stops at prepare, before any model call, on an inline judge its provider rejects', async () => {
    const spec = join(run.dir, 'bad.yaml');
    await writeFile(spec, [
      'name: bad-inline-judge',
      'dataset: { path: rows.jsonl }',
      'prompt: "{{question}}"',
      'candidates: [{ id: recorded, provider: replay, file: rows.jsonl, key: id, field: reply }]',
      'scorers: [{ id: graded, type: judge, kind: rubric, rubric: "Ok?", judge: { provider: openai, baseURL: "http://127.0.0.1:9/v1" } }]',
    ].join('\n'));
    const loaded = await loadEvalSpec(spec, {});
    const dataset = await loadDataset(loaded.spec.dataset, loaded.baseDir);
    expect(() => prepareRun(loaded, dataset)).toThrow(/inline judge graded\.judge: model: /);
  });

  it('a resumed run creates its judges from the recorded description, not from the spec recorded beside it', async () => {
    // Unseal the run and drop its records, as if it had been interrupted before any item finished.
    await rm(join(run.dir, 'results', 'run', 'summary.json'));
    await rm(join(run.dir, 'results', 'run', 'records'), { recursive: true });
    const manifest = JSON.parse(await readFile(manifestPath(), 'utf8')) as Manifest;
    const grader = manifest.run!.judges!.find((judge) => judge.id === 'grader')!;
    // The raw spec is edited one way, the recorded description another: only the description may count.
    (manifest.spec.resolved.judges as { price: unknown }[])[0]!.price = { inputPerMTokUsd: 999, outputPerMTokUsd: 999 };
    grader.price = { inputPerMTokUsd: 1000, outputPerMTokUsd: 0 };
    grader.sameModelAs = ['recorded'];
    await writeFile(manifestPath(), JSON.stringify(manifest));

    const loaded = await loadEvalSpec(join(run.dir, 'spec.yaml'), env);
    const dataset = await loadDataset(loaded.spec.dataset, loaded.baseDir);
    const store = new FsResultStore(join(run.dir, 'results'));
    await runLocal({ prepared: prepareRun(loaded, dataset), store, runId: 'run', resume: true, env, clock: systemClock, progress: createProgressReporter({ quiet: true }) });
    const records: ResultRecord[] = [];
    for await (const record of store.readRecords('run')) records.push(record);
    expect(records).toHaveLength(4);
    expect(records.every((record) => record.scores.inline!.value === 0.75)).toBe(true);
    for (const record of records) {
      const [call] = record.scores.correct!.detail!.calls as JudgeCallRecord[];
      expect(call!.usage!.inputTokens).toBeGreaterThan(0);
      expect(call!.costUsd).toBeCloseTo((call!.usage!.inputTokens * 1000) / 1e6, 12);
      expect(call!.alsoCandidate).toEqual(['recorded']);
    }
  });
});
