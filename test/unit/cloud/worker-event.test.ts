import { describe, expect, it } from 'vitest';
import { cachedSecrets, parseSecretMap } from '../../../lib/cloud-lambda/index.ts';
import { WorkerEventSchema } from '../../../lib/cloud-lambda/worker-event.ts';

describe('WorkerEventSchema', () => {
  const task = { schemaVersion: 1, runId: 'run-1', shardId: 'shard-00000', start: 0, size: 5 };

  it('takes a shard of the index, or one with the Catch’s failure to write as error records', () => {
    expect(WorkerEventSchema.parse(task)).toEqual(task);
    const failed = { ...task, failure: { error: 'States.TaskFailed', cause: 'signal: killed' } };
    expect(WorkerEventSchema.parse(failed)).toEqual(failed);
  });

  it('rejects a task whose run id could escape its prefix, a malformed shard id and unknown keys', () => {
    expect(WorkerEventSchema.safeParse({ ...task, runId: '../x' }).success).toBe(false);
    expect(WorkerEventSchema.safeParse({ ...task, shardId: '../shard-00000' }).success).toBe(false);
    expect(WorkerEventSchema.safeParse({ ...task, size: 0 }).success).toBe(false);
    expect(WorkerEventSchema.safeParse({ ...task, extra: true }).success).toBe(false);
  });
});

describe('secrets', () => {
  it('parses a JSON map of names to keys and never echoes a value in its error', () => {
    expect(parseSecretMap('{"OPENAI_API_KEY":"sk-1"}', 'verdict/keys')).toEqual({ OPENAI_API_KEY: 'sk-1' });
    expect(() => parseSecretMap('sk-plain-SECRET', 'verdict/keys')).toThrow(/expected a JSON object/);
    expect(() => parseSecretMap('{"A": 42, "B": "sk-hidden"}', 'verdict/keys')).toThrow();
    try {
      parseSecretMap('{"A": 42, "B": "sk-hidden"}', 'verdict/keys');
    } catch (error) {
      expect((error as Error).message).not.toContain('sk-hidden');
    }
  });

  it('reads the secret once and retries after a failure', async () => {
    let reads = 0;
    const reader = {
      async read() {
        reads++;
        if (reads === 1) throw new Error('throttled');
        return { KEY: 'v' };
      },
    };
    const secrets = cachedSecrets(reader, 'id');
    await expect(secrets()).rejects.toThrow('throttled');
    expect(await secrets()).toEqual({ KEY: 'v' });
    expect(await secrets()).toEqual({ KEY: 'v' });
    expect(reads).toBe(2);
    expect(await cachedSecrets(reader, undefined)()).toEqual({});
  });
});
