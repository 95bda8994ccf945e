import { describe, expect, it } from 'vitest';
import { cachedSecrets, parseSecretMap, runIdsOfNotification, ShardTaskSchema } from '../../../lib/cloud-lambda/index.ts';

describe('runIdsOfNotification', () => {
  it('finds the runs whose records changed and ignores input files and other prefixes', () => {
    const event = {
      Records: [
        { s3: { bucket: { name: 'b' }, object: { key: 'runs/run-1/records/shard-00000.jsonl' } } },
        { s3: { bucket: { name: 'b' }, object: { key: 'runs/run-1/records/shard-00001.jsonl' } } },
        { s3: { bucket: { name: 'b' }, object: { key: 'runs/run-2/input/files/data/qa.jsonl' } } },
        { s3: { bucket: { name: 'b' }, object: { key: 'other/run-3/records/shard-00000.jsonl' } } },
        { s3: { bucket: { name: 'b' }, object: { key: 'runs/run%2B4/records/shard-00000.jsonl' } } },
      ],
    };
    expect(runIdsOfNotification(event, 'runs/')).toEqual(['run-1', 'run+4']);
  });
});

describe('ShardTaskSchema', () => {
  it('rejects a task whose run id could escape its prefix', () => {
    expect(ShardTaskSchema.safeParse({ schemaVersion: 1, runId: '../x', shardId: 'shard-00000', start: 0, size: 1 }).success).toBe(false);
  });
});

describe('secrets', () => {
  it('parses a JSON map of names to keys and never echoes a value in its error', () => {
    expect(parseSecretMap('{"OPENAI_API_KEY":"sk-1"}', 'verdict/keys')).toEqual({ OPENAI_API_KEY: 'sk-1' });
    expect(() => parseSecretMap('sk-plain-SECRET', 'verdict/keys')).toThrow(/expected a JSON object/);
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

describe('runIdsOfNotification with EventBridge', () => {
  it('reads the key of an EventBridge "Object Created" event, as the stack delivers it', () => {
    const event = {
      version: '0',
      source: 'aws.s3',
      'detail-type': 'Object Created',
      detail: { bucket: { name: 'b' }, object: { key: 'runs/run-7/records/shard-00003.jsonl', size: 10 } },
    };
    expect(runIdsOfNotification(event, 'runs/')).toEqual(['run-7']);
    expect(() => runIdsOfNotification({ hello: 'world' }, 'runs/')).toThrow(/expected an S3 notification/);
  });
});
