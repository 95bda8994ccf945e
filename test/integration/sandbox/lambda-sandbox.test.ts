import { LambdaClient } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleSandboxEvent } from '../../../lib/sandbox/function-handler.ts';
import { createLambdaSandbox } from '../../../lib/sandbox/lambda-sandbox.ts';
import type { Sandbox } from '../../../lib/scorers/index.ts';
import { startLambdaServer, type LambdaServer } from '../../fixtures/lambda-server.ts';
import { FAKE_CREDENTIALS } from '../../fixtures/s3-server.ts';
import { pythonSandboxFunction } from '../../fixtures/python-sandbox-function.ts';

// The sandbox functions' real handlers behind the local Lambda endpoint, reached through the real
// @aws-sdk/client-lambda: the Node handler in process, the Python handler (lambdas/code-sandbox-python)
// in a python3 process, as the Lambda Python runtime would call it. The VPC without egress and the
// logs-only role exist only on AWS; test/infra/code-sandbox.test.ts checks them in the template.
let server: LambdaServer;
let sandbox: Sandbox;
beforeAll(async () => {
  server = await startLambdaServer({
    'sandbox-python': { handler: pythonSandboxFunction },
    'sandbox-node': { handler: (event) => handleSandboxEvent(event, { interpreter: process.execPath }) },
  });
  const client = new LambdaClient({ endpoint: server.endpoint, region: 'us-east-1', credentials: FAKE_CREDENTIALS });
  sandbox = createLambdaSandbox({ client, functions: { python: 'sandbox-python', javascript: 'sandbox-node' } });
});
afterAll(() => server.close());

describe('lambda sandbox through the Lambda Invoke API', () => {
  it.each([
    ['python', 'assert sorted([2, 1]) == [1, 2]\n', true, undefined],
    ['python', 'def f(:\n', false, 'syntax_error'],
    ['python', 'assert 1 == 2\n', false, 'assertion'],
    ['python', 'while True:\n    pass\n', false, 'timeout'],
    ['python', 'x = bytearray(1 << 31)\n', false, 'memory'],
    ['python', 'while True:\n    print("y" * 1000)\n', false, 'output_limit'],
    ['javascript', "require('node:assert').strictEqual(2 + 2, 4);", true, undefined],
    ['javascript', "require('node:assert').strictEqual(2 + 2, 5);", false, 'assertion'],
    ['javascript', 'for (;;) {}', false, 'timeout'],
  ] as const)('%s %j → passed %s, %s', async (language, program, passed, failure) => {
    const result = await sandbox.run({ language, program, timeoutMs: 1500, memoryMb: 256, outputLimitBytes: 256 * 1024 });
    expect(result.passed).toBe(passed);
    expect(result.failure).toBe(failure);
  }, 30_000);

  it('sends each program synchronously to its language\'s function, with an empty environment for the program', async () => {
    process.env.VERDICT_TEST_TOKEN = 'tok-should-not-leak';
    try {
      const result = await sandbox.run({ language: 'python', program: 'import os\nprint(sorted(os.environ))\n', timeoutMs: 5000, memoryMb: 256 });
      expect(result.stdout).not.toContain('VERDICT_TEST_TOKEN');
      expect(result.stdout).toContain("'PATH'");
    } finally {
      delete process.env.VERDICT_TEST_TOKEN;
    }
    const types = server.invocations.map((invocation) => `${invocation.name}:${invocation.type}`);
    expect(new Set(types)).toEqual(new Set(['sandbox-python:RequestResponse', 'sandbox-node:RequestResponse']));
    expect(sandbox.isolation).toMatchObject({ kind: 'lambda', network: 'none' });
  });
});
