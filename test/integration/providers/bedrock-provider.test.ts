import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadDataset } from '../../../lib/datasets/index.ts';
import { CompletionFailure } from '../../../lib/errors/index.ts';
import { createProgressReporter, runLocal } from '../../../lib/local/index.ts';
import { prepareRun } from '../../../lib/run/index.ts';
import { bedrockProvider, systemClock } from '../../../lib/providers/index.ts';
import type { ResultRecord } from '../../../lib/results/index.ts';
import { loadEvalSpec } from '../../../lib/spec/index.ts';
import { FsResultStore } from '../../../lib/store/index.ts';
import { startBedrockServer, type BedrockServer } from '../../fixtures/bedrock-server.ts';
import { makeWorkspace } from '../../fixtures/workspace.ts';
import { ask, rejectionOf } from './openai-helpers.ts';

/**
 * The real `@aws-sdk/client-bedrock-runtime` client (SigV4 signing, restJson1, the event-stream
 * decoder) against a local server speaking the Converse wire protocol. Credentials come from the
 * SDK's default chain, fed static fake keys through its first link, the environment.
 */
const MODEL = 'us.anthropic.claude-3-5-haiku-20241022-v1:0';
let server: BedrockServer;

beforeAll(async () => {
  server = await startBedrockServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDLOCALTEST');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'local-secret-key');
  vi.stubEnv('AWS_PROFILE', '');
  server.setScript({});
  server.clearRequests();
  return () => vi.unstubAllEnvs();
});

async function createProvider(params: Record<string, unknown> = {}, options: { retries?: number; timeoutMs?: number } = {}) {
  const parsed = bedrockProvider.params.parse({ model: MODEL, region: 'us-west-2', endpoint: server.url, backoff: { baseMs: 5, capMs: 20 }, ...params });
  return bedrockProvider.create(parsed, { id: 'claude', baseDir: process.cwd(), env: {}, clock: systemClock, timeoutMs: options.timeoutMs ?? 5_000, retries: options.retries ?? 2 });
}

describe('bedrock provider, Converse', () => {
  it('sends the model id, the system prompt apart, and params split into inferenceConfig and model fields', async () => {
    const provider = await createProvider({ params: { temperature: 0, max_tokens: 32, top_p: 0.5, stop: 'END', top_k: 3 } });
    const completion = await provider.complete(ask('capital of France?'));

    expect(completion.text).toBe('echo: capital of France?');
    const [request] = server.requests;
    expect(request).toMatchObject({ operation: 'converse', modelId: MODEL });
    expect(request!.body.system).toEqual([{ text: 'Answer briefly.' }]);
    expect(request!.body.messages).toEqual([{ role: 'user', content: [{ text: 'capital of France?' }] }]);
    expect(request!.body.inferenceConfig).toEqual({ temperature: 0, maxTokens: 32, topP: 0.5, stopSequences: ['END'] });
    expect(request!.body.additionalModelRequestFields).toEqual({ top_k: 3 });
    // Signed by the SDK with the default chain's credentials, for the candidate's region.
    expect(String(request!.headers.authorization)).toMatch(/AKIDLOCALTEST\/\d{8}\/us-west-2\/bedrock\/aws4_request/);
  });

  it('reads usage from the response and has no TTFT without streaming', async () => {
    const provider = await createProvider();
    const completion = await provider.complete(ask('two words'));
    // "Answer briefly." + "two words" = 4 words in; "echo: two words" = 3 words out.
    expect(completion.usage).toEqual({ inputTokens: 4, outputTokens: 3, source: 'server' });
    expect(completion.ttftMs).toBeNull();
    expect(completion.attempts).toBe(1);
    expect(completion.meta).toMatchObject({ stopReason: 'end_turn', serverLatencyMs: 7 });
  });

  it('retries a ThrottlingException (429) with back-off, then succeeds', async () => {
    server.setScript({ fault: (info) => (info.attempt <= 2 ? { kind: 'status', status: 429, errorType: 'ThrottlingException', message: 'Too many requests' } : undefined) });
    const provider = await createProvider();
    const completion = await provider.complete(ask('busy'));
    expect(completion.text).toBe('echo: busy');
    expect(completion.attempts).toBe(3);
    expect(server.requests).toHaveLength(3);
    expect(completion.meta?.totalMs).toBeGreaterThanOrEqual(completion.latencyMs);
  });

  it('gives up on throttling after its retries with PROVIDER_HTTP 429 and a hint', async () => {
    server.setScript({ fault: () => ({ kind: 'status', status: 429, errorType: 'ThrottlingException' }) });
    const provider = await createProvider({}, { retries: 1 });
    const error = await rejectionOf(provider.complete(ask('always busy')));
    expect(error).toBeInstanceOf(CompletionFailure);
    expect(error).toMatchObject({ code: 'PROVIDER_HTTP', status: 429, attempts: 2 });
    expect(error.message).toContain('ThrottlingException');
    expect(error.message).toContain('throttled');
    expect(error.message).not.toContain('local-secret-key');
  });

  it('does not retry a ModelErrorException (424)', async () => {
    server.setScript({ fault: () => ({ kind: 'status', status: 424, errorType: 'ModelErrorException', message: 'the model failed' }) });
    const provider = await createProvider();
    const error = await rejectionOf(provider.complete(ask('broken')));
    expect(error).toMatchObject({ code: 'PROVIDER_HTTP', status: 424, attempts: 1 });
    expect(error.message).toContain('the model failed');
    expect(server.requests).toHaveLength(1);
  });

  it('fails a request that hangs past the timeout with PROVIDER_TIMEOUT', async () => {
    server.setScript({ latencyMs: 1_000 });
    const provider = await createProvider({}, { retries: 0, timeoutMs: 150 });
    const error = await rejectionOf(provider.complete(ask('slow')));
    expect(error).toMatchObject({ code: 'PROVIDER_TIMEOUT', attempts: 1 });
  });
});

describe('bedrock provider, ConverseStream', () => {
  it('assembles the deltas, measures TTFT before the last chunk, and reads usage from metadata', async () => {
    server.setScript({ chunkDelayMs: 40, answer: () => 'one two three four' });
    const provider = await createProvider({ stream: true });
    const completion = await provider.complete(ask('count'));

    expect(server.requests[0]!.operation).toBe('converse-stream');
    expect(completion.text).toBe('one two three four');
    expect(completion.usage).toEqual({ inputTokens: 3, outputTokens: 4, source: 'server' });
    expect(completion.chunkTimesMs).toHaveLength(4);
    // Frames are 40 ms apart: the first delta comes after messageStart, the end four frames later.
    expect(completion.ttftMs).not.toBeNull();
    expect(completion.latencyMs - completion.ttftMs!).toBeGreaterThanOrEqual(3 * 40 - 15);
    expect(completion.meta).toMatchObject({ stopReason: 'end_turn' });
  });

  it('retries a throttlingException frame inside the stream', async () => {
    server.setScript({ fault: (info) => (info.attempt === 1 ? { kind: 'stream-exception', exceptionType: 'throttlingException' } : undefined) });
    const provider = await createProvider({ stream: true });
    const completion = await provider.complete(ask('stream busy'));
    expect(completion.text).toBe('echo: stream busy');
    expect(completion.attempts).toBe(2);
  });

  it('records a modelStreamErrorException as a non-retried failure', async () => {
    server.setScript({ fault: () => ({ kind: 'stream-exception', exceptionType: 'modelStreamErrorException', message: 'stream broke' }) });
    const provider = await createProvider({ stream: true });
    const error = await rejectionOf(provider.complete(ask('stream broken')));
    expect(error).toMatchObject({ code: 'PROVIDER_HTTP', status: 424, attempts: 1 });
    expect(error.message).toContain('ModelStreamErrorException');
  });
});

describe('a run with a bedrock candidate', () => {
  it('records a model error on its item and goes on with the others', async () => {
    server.setScript({ fault: (info) => (info.body.messages.at(-1)?.content[0]?.text === 'q2' ? { kind: 'status', status: 424, errorType: 'ModelErrorException', message: 'bad output' } : undefined) });
    const dir = makeWorkspace({
      'qa.jsonl': ['q1', 'q2', 'q3'].map((id) => JSON.stringify({ id, question: id, answer: id })).join('\n'),
      'spec.yaml': `
name: bedrock-run
dataset: { path: qa.jsonl }
prompt: "{{question}}"
candidates:
  - { id: claude, provider: bedrock, model: "${MODEL}", region: us-east-1, endpoint: "${server.url}", params: { temperature: 0 } }
scorers:
  - { type: includes, reference: "{{answer}}" }
execution: { concurrency: 2, retries: 0 }
`,
    });
    const loaded = await loadEvalSpec(`${dir}/spec.yaml`, {});
    const prepared = prepareRun(loaded, await loadDataset(loaded.spec.dataset, loaded.baseDir));
    const store = new FsResultStore(`${dir}/results`);
    const { summary } = await runLocal({ prepared, store, runId: 'r1', env: {}, clock: systemClock, progress: createProgressReporter({ quiet: true }) });
    const records: ResultRecord[] = [];
    for await (const record of store.readRecords('r1')) records.push(record);

    const failed = records.filter((record) => record.error !== null);
    expect(failed.map((record) => record.sampleId)).toEqual(['q2']);
    expect(failed[0]!.error).toMatchObject({ code: 'PROVIDER_HTTP', status: 424 });
    expect(records.filter((record) => record.output !== null)).toHaveLength(2);
    expect(summary.candidates.claude!.errors).toBe(1);
  });
});
