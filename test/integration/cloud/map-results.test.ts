import { LambdaClient } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RUN_STATES } from '../../../lib/infra/index.ts';
import { createS3Client, getObjectText, putObject } from '../../../lib/store/index.ts';
import { workflowDefinition } from '../../e2e/cloud-harness.ts';
import { AslInterpreter, PAYLOAD_LIMIT_BYTES } from '../../fixtures/asl-interpreter.ts';
import { FAKE_CREDENTIALS, startS3Server, type S3Server } from '../../fixtures/s3-server.ts';

const BUCKET = 'verdict-map-results';
/** Past the point where the children's results (`{"records":500}` each) pass 256 KiB: ~16,400 shards. */
const SHARDS = 20_000;

let s3: S3Server;
let client: ReturnType<typeof createS3Client>;

beforeAll(async () => {
  s3 = await startS3Server({ buckets: [BUCKET] });
  client = createS3Client({ endpoint: s3.endpoint, credentials: FAKE_CREDENTIALS });
  const index = Array.from({ length: SHARDS }, (_, shard) => ({ id: `shard-${String(shard).padStart(5, '0')}`, start: shard * 500, size: 500 }));
  await putObject(client, { bucket: BUCKET, key: 'runs/many/shards.json', body: JSON.stringify(index), contentType: 'application/json' });
});

afterAll(async () => {
  client?.destroy();
  await s3?.close();
});

/**
 * The synthesised Shards state alone, its child answering what WorkShard's ResultSelector makes of
 * a worker's answer (`{ records }`) without a Lambda: 20,000 Lambda calls would take minutes here,
 * and the map's result size depends only on what each child returns.
 */
function shardsOnly(options: { resultWriter: boolean }) {
  const shards = structuredClone(workflowDefinition().States[RUN_STATES.shards]!);
  delete shards.Next;
  shards.End = true;
  if (!options.resultWriter) delete shards.ResultWriter;
  const processor = shards.ItemProcessor!;
  processor.States = { [RUN_STATES.work]: { Type: 'Pass', Parameters: { 'records.$': '$.shard.size' }, End: true } };
  processor.StartAt = RUN_STATES.work;
  const lambda = new LambdaClient({ endpoint: 'http://127.0.0.1:9', region: 'us-east-1', credentials: FAKE_CREDENTIALS });
  return new AslInterpreter({ StartAt: RUN_STATES.shards, States: { [RUN_STATES.shards]: shards } }, 'arn:aws:states:us-east-1:000000000000:stateMachine:verdict-runs', { lambda, s3: client });
}

const input = JSON.stringify({ runId: 'many', prepared: { runId: 'many', bucket: BUCKET, shardIndexKey: 'runs/many/shards.json', resultPrefix: 'runs/many/map-results', maxConcurrency: 1000 } });

describe('a Distributed Map of 20,000 shards (the synthesised Shards state, executed locally)', () => {
  it('without a ResultWriter, collecting the children’s results fails the run with States.DataLimitExceeded (the limit is real here)', async () => {
    const execution = shardsOnly({ resultWriter: false }).start('without-writer', input);
    await execution.done;
    expect(execution.status).toBe('FAILED');
    expect(execution.error).toBe('States.DataLimitExceeded');
    expect(execution.cause).toContain(`${PAYLOAD_LIMIT_BYTES}-byte limit`);
  });

  it('with the stack’s ResultWriter, the results go to runs/<id>/map-results/ and the map’s output stays small', async () => {
    const execution = shardsOnly({ resultWriter: true }).start('with-writer', input);
    await execution.done;
    expect(execution.status).toBe('SUCCEEDED');
    expect(execution.mapRuns[0]!.items.filter((item) => item.status === 'SUCCEEDED')).toHaveLength(SHARDS);
    // ResultPath is null: the state's output is its input, whatever the number of shards.
    expect(Buffer.byteLength(execution.output!)).toBeLessThan(1024);
    const uuid = execution.mapRuns[0]!.mapRunArn.split(':').at(-1)!;
    const manifest = JSON.parse((await getObjectText(client, BUCKET, `runs/many/map-results/${uuid}/manifest.json`))!) as { ResultFiles: Record<string, { Key: string; Size: number }[]> };
    expect(manifest.ResultFiles.FAILED).toEqual([]);
    expect(manifest.ResultFiles.SUCCEEDED).toHaveLength(1);
    const results = JSON.parse((await getObjectText(client, BUCKET, manifest.ResultFiles.SUCCEEDED[0]!.Key))!) as { Output: string }[];
    expect(results).toHaveLength(SHARDS);
    expect(JSON.parse(results[0]!.Output)).toEqual({ records: 500 });
    expect(manifest.ResultFiles.SUCCEEDED[0]!.Size).toBeGreaterThan(PAYLOAD_LIMIT_BYTES);
  });
});
