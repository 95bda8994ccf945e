import { describe, expect, it } from 'vitest';
import { FsResultStore, LazyS3ResultStore, openResultStore, parseRunLocation } from '../../../lib/store/index.ts';

describe('parseRunLocation', () => {
  it('reads bucket, prefix and run id from an s3:// URL', () => {
    expect(parseRunLocation('s3://verdict-results/runs/20261128-capitals-3fa9')).toEqual({
      kind: 's3',
      bucket: 'verdict-results',
      prefix: 'runs/',
      runId: '20261128-capitals-3fa9',
    });
  });

  it('treats a trailing slash or a bare bucket as every run under that prefix', () => {
    expect(parseRunLocation('s3://verdict-results/runs/')).toEqual({ kind: 's3', bucket: 'verdict-results', prefix: 'runs/' });
    expect(parseRunLocation('s3://verdict-results')).toEqual({ kind: 's3', bucket: 'verdict-results', prefix: '' });
  });

  it('treats a folder holding manifest.json as one run and any other folder as a root of runs', () => {
    const exists = (path: string) => path === 'results/run-1/manifest.json';
    expect(parseRunLocation('results/run-1/', exists)).toEqual({ kind: 'fs', root: 'results', runId: 'run-1' });
    expect(parseRunLocation('results', exists)).toEqual({ kind: 'fs', root: 'results' });
  });

  it('rejects a malformed s3 URL with the expected shape', () => {
    expect(() => parseRunLocation('s3:/bucket/x')).toThrow('expected s3://bucket/prefix/<run-id>');
  });
});

describe('openResultStore', () => {
  it('opens the S3 store for s3:// URLs and the folder store otherwise', () => {
    const s3 = openResultStore('s3://b/runs/r1', { s3: { endpoint: 'http://127.0.0.1:1', region: 'us-east-1' } });
    // The AWS SDK loads on first use (start-up of commands that read folders); it behaves as S3ResultStore.
    expect(s3.store).toBeInstanceOf(LazyS3ResultStore);
    expect(s3.runId).toBe('r1');
    expect(s3.store.locate('r1')).toBe('s3://b/runs/r1');
    const fs = openResultStore('results');
    expect(fs.store).toBeInstanceOf(FsResultStore);
  });
});
