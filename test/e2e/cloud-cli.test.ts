import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUCKET, startCloudHarness, writeSumsEval, type CloudHarness } from './cloud-harness.ts';
import { FAKE_CREDENTIALS } from '../fixtures/s3-server.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const execFileAsync = promisify(execFile);
/** The report site's bucket; the results bucket doubles as it here (the keys do not overlap). */
const REPORT_BUCKET = BUCKET;
let harness: CloudHarness;

beforeAll(async () => {
  harness = await startCloudHarness();
});

afterAll(async () => {
  await harness?.close();
});

/** Runs the real CLI in a child process against the harness's local S3 and Step Functions endpoints. */
async function verdict(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = {
    ...process.env,
    AWS_ACCESS_KEY_ID: FAKE_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: FAKE_CREDENTIALS.secretAccessKey,
    AWS_REGION: 'us-east-1',
    VERDICT_POLL_MS: '100',
    E2E_OPENAI_URL: harness.openai.url,
  };
  const endpoints = ['--bucket', BUCKET, '--s3-endpoint', harness.s3.endpoint, '--sfn-endpoint', harness.sfn.endpoint, '--state-machine', harness.sfn.stateMachineArn];
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, [join(ROOT, 'bin', 'verdict.js'), ...args, ...endpoints], { cwd: harness.dir, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

// Each test starts the real CLI up to three times as a child process; on a busy shared machine one
// start alone can take 20 s, so the time limit is generous. It bounds a hang, not a speed.
const CLI_TEST_TIMEOUT_MS = 240_000;

describe('verdict run --cloud and verdict cloud status / resume / cancel (the real CLI, local S3 and Step Functions endpoints)', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it('runs a spec on the workers, prints the same table as a local run and exits 0 when the gates pass', async () => {
    const spec = await writeSumsEval(harness.dir, 12, { name: 'pass' });
    const result = await verdict(['run', spec, '--cloud', '--run-id', 'cli-pass', '--publish', '--report-bucket', REPORT_BUCKET]);
    expect(result.stderr).toContain('24 items → s3://verdict-e2e/runs/cli-pass');
    expect(result.stderr).toMatch(/progress: 5\/5 shards, succeeded/);
    expect(result.stderr).toMatch(/model-a\s+model\s+12\s+83\.3%/);
    expect(result.stderr).toContain('verdict: PASS');
    expect(result.stdout.trim()).toBe('s3://verdict-e2e/runs/cli-pass');
    expect(result.code).toBe(0);
    // After the run, the report over the bucket's runs is rebuilt and published to the report site.
    expect(result.stderr).toContain(`report: s3://${REPORT_BUCKET}/index.html`);
    const { GetObjectCommand } = await import('@aws-sdk/client-s3');
    const index = await harness.s3Client.send(new GetObjectCommand({ Bucket: REPORT_BUCKET, Key: 'data/index.json' }));
    const report = JSON.parse(await index.Body!.transformToString()) as { runs: { runId: string }[] };
    expect(report.runs.map((run) => run.runId)).toContain('cli-pass');
  });

  it('exits 1 when a gate fails, exactly as a local run would', async () => {
    const spec = await writeSumsEval(harness.dir, 12, { name: 'strict', gate: 0.9 });
    const result = await verdict(['run', spec, '--cloud', '--run-id', 'cli-fail']);
    expect(result.stderr).toContain('verdict: FAIL');
    expect(result.code).toBe(1);
  });

  it('evaluates a `baseline: latest` gate in the cloud against the newest earlier sealed run of the spec', async () => {
    const spec = await writeSumsEval(harness.dir, 12, { name: 'with-baseline', baseline: true });
    const result = await verdict(['run', spec, '--cloud', '--run-id', 'cli-baseline', '--json']);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as { gates: { kind?: string; pass: boolean; reason?: string; baseline?: { runId: string }; n?: number }[] };
    const baselineGate = summary.gates.find((gate) => gate.kind === 'baseline')!;
    // The earlier tests sealed runs of the same spec in this bucket: the gate compares with the newest.
    expect(['cli-pass', 'cli-fail']).toContain(baselineGate.baseline!.runId);
    expect(baselineGate).toMatchObject({ pass: true, n: 12 });
    expect(baselineGate.reason).toContain('fails only when the accuracy drop is larger than 0.1 and significant');
  });

  it('exits 2 on a bad spec before uploading anything', async () => {
    const spec = await writeSumsEval(harness.dir, 3, { name: 'bad' });
    const { writeFile, readFile } = await import('node:fs/promises');
    await writeFile(spec, (await readFile(spec, 'utf8')).replace('{{a}}', '{{missing_field}}'));
    const result = await verdict(['run', spec, '--cloud', '--run-id', 'cli-bad']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('missing_field');
    expect(await harness.store.listShards('cli-bad')).toEqual([]);
    expect(await harness.store.readManifest('cli-bad')).toBeNull();
  });

  it('reports a sealed run’s status from an s3:// URL, with the gates’ exit code', async () => {
    const passed = await verdict(['cloud', 'status', 's3://verdict-e2e/runs/cli-pass', '--json']);
    expect(passed.code).toBe(0);
    expect(JSON.parse(passed.stdout)).toMatchObject({ runId: 'cli-pass', status: 'SUCCEEDED', shardsSucceeded: 5, shardsFailed: 0, shardsTotal: 5, passed: true });
    // Status reads the execution and its map run, never the shard files.
    expect(harness.sfn.calls).toEqual(expect.arrayContaining(['DescribeExecution', 'ListMapRuns', 'DescribeMapRun']));
    const failed = await verdict(['cloud', 'status', 'cli-fail']);
    expect(failed.code).toBe(1);
    const missing = await verdict(['cloud', 'status', 'no-such-run']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('run no-such-run: no execution');
  });

  it('records --concurrency as the map width, cancels a run and resumes it where it stopped', async () => {
    const spec = await writeSumsEval(harness.dir, 12, { name: 'resumable' });
    harness.heldShards.add('shard-00002');
    const started = await verdict(['run', spec, '--cloud', '--concurrency', '1', '--run-id', 'cli-resume', '--no-wait']);
    expect(started.code).toBe(0);
    // One shard at a time: shards 0 and 1 are done, shard 2 is held in its worker.
    while ((await harness.store.listShards('cli-resume')).length < 2) await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await harness.store.readManifest('cli-resume'))?.cloud?.workers).toBe(1);
    const cancelled = await verdict(['cloud', 'cancel', 'cli-resume']);
    expect(cancelled.code).toBe(0);
    expect(cancelled.stderr).toContain('verdict cloud resume cli-resume');
    harness.heldShards.clear();
    const status = await verdict(['cloud', 'status', 'cli-resume']);
    expect(status.code).toBe(3);
    expect(status.stderr).toMatch(/execution ABORTED.*resume it with `verdict cloud resume cli-resume`/);
    const before = harness.openai.requestCount;
    const resumed = await verdict(['cloud', 'resume', 'cli-resume', '--wait', '--json']);
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ status: 'SUCCEEDED', redriveCount: 1, shardsSucceeded: 5, passed: true });
    // Shards 0 and 1 were not run again: at most the 3 remaining shards' model-a items reached the model.
    expect(harness.openai.requestCount - before).toBeLessThanOrEqual(8);
    expect(await harness.store.readSummary('cli-resume')).not.toBeNull();
    const again = await verdict(['cloud', 'resume', 'cli-resume']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('ExecutionNotRedrivable');
  });

  it('publishes a report site folder to the report bucket with the right content types', async () => {
    const { mkdir, writeFile } = await import('node:fs/promises');
    const { GetObjectCommand } = await import('@aws-sdk/client-s3');
    const site = join(harness.dir, 'site');
    await mkdir(join(site, 'assets'), { recursive: true });
    await writeFile(join(site, 'index.html'), '<!doctype html><title>Verdict</title>');
    await writeFile(join(site, 'assets', 'app.js'), 'console.log(1);');
    const result = await verdict(['cloud', 'publish', site, '--report-bucket', BUCKET]);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(`s3://${BUCKET}/`);
    const page = await harness.s3Client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'index.html' }));
    expect(page.ContentType).toBe('text/html; charset=utf-8');
    expect(page.CacheControl).toBe('no-cache');
    expect(await page.Body!.transformToString()).toBe('<!doctype html><title>Verdict</title>');
    const script = await harness.s3Client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'assets/app.js' }));
    expect(script.ContentType).toBe('text/javascript; charset=utf-8');
  });
});
