import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AslInterpreter, PAYLOAD_LIMIT_BYTES, type AslStatesBlock } from '../../fixtures/asl-interpreter.ts';
import { startLambdaServer, type LambdaServer } from '../../fixtures/lambda-server.ts';
import { FAKE_CREDENTIALS } from '../../fixtures/s3-server.ts';

/**
 * How the local interpreter matches `States.ALL`, as the service does: every error but the
 * terminal ones — `States.Runtime` (e.g. an OutputPath into a field the result lacks) and
 * `States.DataLimitExceeded` are neither retried nor caught by it.
 */
let lambdaServer: LambdaServer;
let lambda: LambdaClient;

beforeAll(async () => {
  lambdaServer = await startLambdaServer({
    answer: { handler: async () => ({ ok: true }) },
    boom: {
      handler: async () => {
        throw new Error('boom');
      },
    },
    huge: { handler: async () => ({ text: 'x'.repeat(PAYLOAD_LIMIT_BYTES) }) },
  });
  lambda = new LambdaClient({ endpoint: lambdaServer.endpoint, region: 'us-east-1', credentials: FAKE_CREDENTIALS });
});

afterAll(async () => {
  lambda?.destroy();
  await lambdaServer?.close();
});

/** One Task with a catch-all Retry (two more attempts) and Catch. */
function catchAll(functionName: string, outputPath?: string): AslStatesBlock {
  return {
    StartAt: 'Ask',
    States: {
      Ask: {
        Type: 'Task',
        Resource: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
        ...(outputPath !== undefined && { OutputPath: outputPath }),
        Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 1, MaxAttempts: 2 }],
        Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught' }],
        Next: 'Done',
      },
      Caught: { Type: 'Pass', Result: 'caught', End: true },
      Done: { Type: 'Succeed' },
    },
  };
}

async function execute(definition: AslStatesBlock, name: string) {
  const before = lambdaServer.invocations.length;
  const s3 = new S3Client({ endpoint: 'http://127.0.0.1:9', region: 'us-east-1', credentials: FAKE_CREDENTIALS });
  const interpreter = new AslInterpreter(definition, 'arn:aws:states:us-east-1:000000000000:stateMachine:errors', { lambda, s3, timeScale: 0.001 });
  const execution = interpreter.start(name, '{}');
  await execution.done;
  s3.destroy();
  return { execution, calls: lambdaServer.invocations.length - before };
}

describe('States.ALL in the local ASL interpreter', () => {
  it('retries and then catches a task failure', async () => {
    const { execution, calls } = await execute(catchAll('boom'), 'task-failure');
    expect(calls).toBe(3);
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output!)).toBe('caught');
  });

  it('neither retries nor catches States.Runtime: the execution fails', async () => {
    const { execution, calls } = await execute(catchAll('answer', '$.missing'), 'runtime');
    expect(calls).toBe(1);
    expect(execution.status).toBe('FAILED');
    expect(execution.error).toBe('States.Runtime');
  });

  it('neither retries nor catches States.DataLimitExceeded: the execution fails', async () => {
    const { execution, calls } = await execute(catchAll('huge'), 'data-limit');
    expect(calls).toBe(1);
    expect(execution.status).toBe('FAILED');
    expect(execution.error).toBe('States.DataLimitExceeded');
  });
});
