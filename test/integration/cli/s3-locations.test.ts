import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createS3Client, FsResultStore, S3ResultStore } from '../../../lib/store/index.ts';
import { FAKE_CREDENTIALS, startS3Server, type S3Server } from '../../fixtures/s3-server.ts';
import { makeWorkspace, runCli } from '../../fixtures/workspace.ts';

const BUCKET = 'verdict-locations';
let s3: S3Server;
let env: Record<string, string>;

/** Copies a local run into S3 through the S3 result store, as a cloud run would have written it. */
async function uploadRun(local: FsResultStore, remote: S3ResultStore, runId: string): Promise<void> {
  await remote.writeManifest((await local.readManifest(runId))!);
  const records = [];
  for await (const record of local.readRecords(runId)) records.push(record);
  await remote.writeShard(runId, 'shard-00000', records);
  await remote.writeSummary((await local.readSummary(runId))!);
}

beforeAll(async () => {
  s3 = await startS3Server({ buckets: [BUCKET] });
  env = {
    VERDICT_S3_ENDPOINT: s3.endpoint,
    AWS_ACCESS_KEY_ID: FAKE_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: FAKE_CREDENTIALS.secretAccessKey,
    AWS_REGION: 'us-east-1',
  };
  const dir = makeWorkspace({
    'qa.jsonl': '{"id":"a","q":"x","answer":"x"}\n{"id":"b","q":"y","answer":"z"}\n',
    'spec.yaml': `
name: s3-locations
dataset: { path: qa.jsonl }
prompt: "{{q}}"
candidates: [{ id: oracle, provider: control, kind: oracle }, { id: echo, provider: control, kind: echo }]
scorers: [{ type: includes, reference: "{{answer}}" }]
`,
  });
  for (const runId of ['first', 'second']) expect((await runCli(['run', 'spec.yaml', '--run-id', runId, '--quiet'], { cwd: dir })).code).toBe(0);
  const local = new FsResultStore(join(dir, 'results'));
  const remote = new S3ResultStore({ client: createS3Client({ endpoint: s3.endpoint, region: 'us-east-1', credentials: FAKE_CREDENTIALS }), bucket: BUCKET, prefix: 'runs/' });
  for (const runId of ['first', 'second']) await uploadRun(local, remote, runId);
});

afterAll(() => s3?.close());

describe('commands that read runs accept s3:// locations', () => {
  it('report builds a site over every run under an S3 prefix', async () => {
    const out = makeWorkspace({});
    const result = await runCli(['report', `s3://${BUCKET}/runs/`, '--out', join(out, 'site')], { env });
    expect(result.code).toBe(0);
    const index = JSON.parse(readFileSync(join(out, 'site', 'data', 'index.json'), 'utf8')) as { runs: { runId: string }[] };
    expect(index.runs.map((run) => run.runId).sort()).toEqual(['first', 'second']);
  });

  it('compare pairs two runs read from S3', async () => {
    // Both runs hold only controls, which compare leaves out unless a pair is named.
    const result = await runCli(['compare', `s3://${BUCKET}/runs/first`, `s3://${BUCKET}/runs/second`, '--pair', 'echo=echo', '--json'], { env });
    expect(result.code).toBe(0);
    const analysis = JSON.parse(result.stdout) as { runA: string; runB: string; pairs: { matched: number }[]; comparisons: { metric: string; diff: number }[] };
    expect(analysis).toMatchObject({ runA: 'first', runB: 'second' });
    expect(analysis.pairs[0]!.matched).toBe(2);
    expect(analysis.comparisons.find((comparison) => comparison.metric === 'accuracy')!.diff).toBe(0);
  });

  it('verify checks a run in S3 against its summary', async () => {
    const result = await runCli(['verify', `s3://${BUCKET}/runs/first`], { env });
    expect(result.stdout).toContain('intact — manifest and 4 records match summary.json');
    expect(result.code).toBe(0);
  });
});
