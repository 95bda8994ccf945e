import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAIServer, type OpenAIServer } from '../../fixtures/openai-server.ts';

let server: OpenAIServer;

beforeAll(async () => {
  server = await startOpenAIServer({ answer: new Map([['ping', 'pong']]) });
});
afterAll(async () => {
  await server.close();
});

async function postChat(url: string, body: Record<string, unknown>): Promise<Response> {
  return fetch(`${url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

const ping = { model: 'm', messages: [{ role: 'user', content: 'ping' }] };

describe('fake OpenAI server', () => {
  it('answers a chat completion in the OpenAI shape', async () => {
    const response = await postChat(server.url, ping);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      object: 'chat.completion',
      model: 'm',
      choices: [{ index: 0, message: { role: 'assistant', content: 'pong' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
    });
  });

  it('streams SSE chunks ending in a usage chunk and [DONE]', async () => {
    const response = await postChat(server.url, { ...ping, stream: true, stream_options: { include_usage: true } });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const events = (await response.text()).split('\n\n').filter(Boolean);
    expect(events.at(-1)).toBe('data: [DONE]');
    const chunks = events.slice(0, -1).map((event) => JSON.parse(event.slice('data: '.length)));
    expect(chunks[0].choices[0].delta).toEqual({ role: 'assistant', content: '' });
    expect(chunks.map((chunk) => chunk.choices[0]?.delta?.content ?? '').join('')).toBe('pong');
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { completion_tokens: 1 } });
  });

  it('injects faults from a list by request count, with Retry-After', async () => {
    server.setScript({ fault: [{ kind: 'status', status: 429, retryAfter: 2 }, undefined] });
    const limited = await postChat(server.url, ping);
    const fine = await postChat(server.url, ping);
    server.setScript({});
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(await limited.json()).toMatchObject({ error: { message: 'injected HTTP 429' } });
    expect(fine.status).toBe(200);
  });

  it('keeps no request log when recording is off, but counts requests', async () => {
    const quiet = await startOpenAIServer({ recordRequests: false });
    try {
      await (await postChat(quiet.url, ping)).text();
      expect(quiet.requests).toHaveLength(0);
      expect(quiet.requestCount).toBe(1);
    } finally {
      await quiet.close();
    }
  });

  it('answers unknown routes with an OpenAI-style 404 and bad JSON with a 400', async () => {
    const missing = await fetch(`${server.url}/embeddings`, { method: 'POST', body: '{}' });
    expect(missing.status).toBe(404);
    const bad = await fetch(`${server.url}/chat/completions`, { method: 'POST', body: '{nope' });
    expect(bad.status).toBe(400);
  });

  it('runs standalone and prints its base URL first', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/openai-server.ts', '--port', '0', '--latency-ms', '50'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const [firstLine] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
      expect(firstLine).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
      const startMs = performance.now();
      const response = await postChat(firstLine, ping);
      expect(await response.json()).toMatchObject({ choices: [{ message: { content: 'echo: ping' } }] });
      expect(performance.now() - startMs).toBeGreaterThanOrEqual(45);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
