import { describe, expect, it } from 'vitest';
import type { Clock, CompletionRequest, Provider } from '../../../lib/ports/index.ts';
import { CompletionFailure } from '../../../lib/errors/index.ts';
import { controlProvider } from '../../../lib/providers/index.ts';

/** A clock that never moves: control latency must come from it. */
const frozenClock: Clock = { now: () => 1_000, isoNow: () => '2026-01-01T00:00:00.000Z', sleep: async () => {} };

async function createControl(kind: string): Promise<Provider> {
  return controlProvider.create(controlProvider.params.parse({ kind }), {
    id: `control-${kind}`,
    baseDir: '.',
    env: {},
    clock: frozenClock,
    timeoutMs: 1_000,
    retries: 0,
  });
}

function request(extra: Partial<CompletionRequest> = {}): CompletionRequest {
  return {
    sample: { id: 's1', data: {}, source: { file: 'qa.jsonl', line: 1 } },
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'first question' },
      { role: 'assistant', content: 'an answer' },
      { role: 'user', content: 'What is the capital of France?' },
    ],
    repeat: 0,
    seed: 12345,
    ...extra,
  };
}

describe('control provider', () => {
  it('oracle answers the expected answer', async () => {
    const oracle = await createControl('oracle');
    expect(await oracle.complete(request({ expected: 'Paris' }))).toEqual({ text: 'Paris', latencyMs: 0, ttftMs: null, usage: null, attempts: 1 });
  });

  it('oracle fails an item without a reference, saying why', async () => {
    const oracle = await createControl('oracle');
    const error = await oracle.complete(request()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CompletionFailure);
    expect((error as CompletionFailure).message).toContain('primary scorer has no reference');
  });

  it('echo answers the last user message', async () => {
    const echo = await createControl('echo');
    expect((await echo.complete(request())).text).toBe('What is the capital of France?');
  });

  it('chance picks the same option for the same seed', async () => {
    const chance = await createControl('chance');
    const options = ['A', 'B', 'C', 'D'];
    const first = await chance.complete(request({ options, seed: 99 }));
    const again = await chance.complete(request({ options, seed: 99 }));
    expect(options).toContain(first.text);
    expect(again.text).toBe(first.text);
  });

  it('chance spreads its picks evenly across options over many seeds', async () => {
    const chance = await createControl('chance');
    const options = ['A', 'B', 'C', 'D'];
    const counts = new Map<string, number>();
    for (let seed = 0; seed < 4_000; seed++) {
      const { text } = await chance.complete(request({ options, seed }));
      counts.set(text, (counts.get(text) ?? 0) + 1);
    }
    for (const option of options) {
      expect(counts.get(option)).toBeGreaterThan(850);
      expect(counts.get(option)).toBeLessThan(1_150);
    }
  });

  it('chance fails an item without options', async () => {
    const chance = await createControl('chance');
    await expect(chance.complete(request())).rejects.toMatchObject({ code: 'PROVIDER_RESPONSE', attempts: 1 });
  });

  it('rejects an unknown kind in its params', () => {
    expect(controlProvider.params.safeParse({ kind: 'bogus' }).success).toBe(false);
  });
});
