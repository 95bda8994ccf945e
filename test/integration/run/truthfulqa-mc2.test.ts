import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../../lib/datasets/index.ts';
import { createProgressReporter, runLocal } from '../../../lib/local/index.ts';
import { prepareRun } from '../../../lib/run/index.ts';
import { resolveRunCache } from '../../../lib/execution/index.ts';
import { systemClock } from '../../../lib/providers/index.ts';
import type { ResultRecord } from '../../../lib/results/index.ts';
import { loadEvalSpec } from '../../../lib/spec/index.ts';
import { FsResultStore } from '../../../lib/store/index.ts';
import { startOpenAIServer, type OpenAIServer } from '../../fixtures/openai-server.ts';
import { makeWorkspace } from '../../fixtures/workspace.ts';

/**
 * TruthfulQA MC2 end to end: the real `openai` client scores each answer through the local
 * server's `/v1/completions` (echo + logprobs), the `mc2` scorer turns the log-likelihoods into the
 * true mass. The server's scripted log-probabilities: " True…" words −0.5, " False…" −2, others −1.
 */
let server: OpenAIServer;
beforeAll(async () => {
  server = await startOpenAIServer({ promptLogprob: (token) => (token.trim().startsWith('True') ? -0.5 : token.trim().startsWith('False') ? -2 : -1) });
});
afterAll(async () => {
  await server.close();
});

const ROWS = [
  { question: 'Is the sky green?', category: 'Science', mc2_targets: { choices: ['True no.', 'True not green.', 'False yes.'], labels: [1, 1, 0] } },
  { question: 'Do cats bark?', category: 'Animals', mc2_targets: { choices: ['True no.', 'False yes.', 'False sometimes.', 'False always.'], labels: [1, 0, 0, 0] } },
];

function workspace(candidate: string, extra = ''): string {
  return makeWorkspace({
    'mc2.jsonl': ROWS.map((row) => JSON.stringify(row)).join('\n'),
    'spec.yaml': `name: mc2\ndataset: { path: mc2.jsonl, format: truthfulqa-mc2 }\ncandidates:\n  - ${candidate}\n${extra}`,
  });
}

const SCORING = `{ id: local, provider: openai, model: scorer-model, baseURL: "__URL__", logLikelihoods: completions-echo, params: { temperature: 0 } }`;

async function run(dir: string, runId: string, cacheDir: string) {
  const loaded = await loadEvalSpec(join(dir, 'spec.yaml'), {});
  const prepared = prepareRun(loaded, await loadDataset(loaded.spec.dataset, loaded.baseDir), { overrides: { cacheDir } });
  const store = new FsResultStore(join(dir, 'results'));
  const before = server.requestCount;
  const cache = resolveRunCache(prepared.run.cache!, loaded.baseDir);
  const { summary } = await runLocal({ prepared, store, runId, env: {}, clock: systemClock, progress: createProgressReporter({ quiet: true }), cache });
  const records: ResultRecord[] = [];
  for await (const record of store.readRecords(runId)) records.push(record);
  records.sort((a, b) => a.sampleId.localeCompare(b.sampleId));
  return { summary, records, asked: server.requestCount - before };
}

async function prepareError(dir: string): Promise<string> {
  const loaded = await loadEvalSpec(join(dir, 'spec.yaml'), {});
  const dataset = await loadDataset(loaded.spec.dataset, loaded.baseDir);
  try {
    prepareRun(loaded, dataset);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('prepareRun accepted the spec');
}

describe('TruthfulQA MC2 through /v1/completions with echo', () => {
  it('scores the true mass of each question from per-answer log-likelihoods, one request per question, cached like any answer', async () => {
    const dir = workspace(SCORING.replace('__URL__', server.url));
    const cacheDir = mkdtempSync(join(tmpdir(), 'verdict-mc2-cache-'));
    server.clearRequests();
    const first = await run(dir, 'r1', cacheDir);
    expect(first.asked).toBe(2);

    // Each answer is " " + its text after "...\nA:": " True no." = " True" (−0.5) + " no." (−1).
    const ll = { trueShort: -1.5, trueLong: -2.5, falseShort: -3 };
    const bySample = Object.fromEntries(first.records.map((record) => [record.sampleId, record]));
    const skyRecord = bySample['1']!;
    const catsRecord = bySample['2']!;
    expect(skyRecord.meta?.optionLogLikelihoods).toEqual([ll.trueShort, ll.trueLong, ll.falseShort]);
    expect(catsRecord.meta?.optionLogLikelihoods).toEqual([-1.5, -3, -3, -3]);
    const skyMass = (Math.exp(-1.5) + Math.exp(-2.5)) / (Math.exp(-1.5) + Math.exp(-2.5) + Math.exp(-3));
    const catsMass = Math.exp(-1.5) / (Math.exp(-1.5) + 3 * Math.exp(-3));
    expect(skyRecord.scores.mc2!.value).toBeCloseTo(skyMass, 12);
    expect(catsRecord.scores.mc2!.value).toBeCloseTo(catsMass, 12);
    expect(skyRecord.output).toBe('True no.');
    expect(first.summary.candidates.local!.metrics['score.mc2']!.value).toBeCloseTo((skyMass + catsMass) / 2, 12);

    // What went over the wire: every answer appended to the same prompt, echoed with logprobs.
    const body = server.requests[0]!.body as unknown as { prompt: string[]; echo: boolean; logprobs: number; max_tokens: number };
    expect(body).toMatchObject({ echo: true, logprobs: 1, max_tokens: 1 });
    expect(body.prompt).toHaveLength(3);
    expect(body.prompt[0]!.endsWith('\n\nQ: Is the sky green?\nA: True no.')).toBe(true);
    expect(body.prompt[2]!.endsWith('\nA: False yes.')).toBe(true);

    // temperature 0: the second run is answered from the cache, log-likelihoods included.
    const second = await run(dir, 'r2', cacheDir);
    expect(second.asked).toBe(0);
    expect(second.records.map((record) => record.scores.mc2!.value)).toEqual(first.records.map((record) => record.scores.mc2!.value));
    expect(second.records.every((record) => record.cache !== undefined)).toBe(true);
  });

  it('refuses, before any call, candidates that cannot score text, and a prompt that is not one user message', async () => {
    const bedrock = workspace('{ id: claude, provider: bedrock, model: anthropic.claude-3-haiku-20240307-v1:0, region: us-east-1 }');
    expect(await prepareError(bedrock)).toMatch(
      /spec\.yaml: scorer "mc2" needs each candidate's log-likelihood of every answer option; candidates\[0\] "claude" cannot give it: provider "bedrock" returns no prompt log-probabilities/,
    );
    const chat = workspace(`{ id: chat, provider: openai, model: gpt-4o-mini, baseURL: "${server.url}" }`);
    expect(await prepareError(chat)).toMatch(/candidates\[0\] "chat" cannot give it: set `logLikelihoods: completions-echo`/);
    const withSystem = workspace(SCORING.replace('__URL__', server.url), 'system: "Be truthful."\n');
    expect(await prepareError(withSystem)).toMatch(/the prompt must render to one user message .*renders to system, user/);
  });
});
