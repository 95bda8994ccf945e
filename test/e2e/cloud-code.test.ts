import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitRunInput } from '../../lib/cloud-client/index.ts';
import { loadDataset } from '../../lib/datasets/index.ts';
import { loadEvalSpec } from '../../lib/spec/index.ts';
import { SANDBOX_FUNCTIONS, startCloudHarness, type CloudHarness } from './cloud-harness.ts';

// A code eval on the cloud path: the run state machine's workers → the sandbox functions (invoked
// synchronously through the Lambda Invoke API, their real handlers behind the local endpoint) →
// S3 → Seal.
let harness: CloudHarness;
beforeAll(async () => {
  harness = await startCloudHarness();
});
afterAll(async () => {
  await harness?.close();
});

const TASKS = [
  { id: 'py-add', language: 'python', prompt: 'add(a, b)', tests: 'assert add(2, 3) == 5\n', solution: 'def add(a, b):\n    return a + b\n' },
  { id: 'py-upper', language: 'python', prompt: 'shout(s)', tests: 'assert shout("hi") == "HI!"\n', solution: 'def shout(s):\n    return s.upper() + "!"\n' },
  { id: 'js-max', language: 'javascript', prompt: 'largest(xs)', tests: "require('node:assert').strictEqual(largest([3, 9, 2]), 9);\n", solution: 'function largest(xs) { return Math.max(...xs); }\n' },
];

async function writeCodeEval(sandbox: string, allow = true): Promise<string> {
  const dir = join(harness.dir, `code-${sandbox}-${allow}`);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'tasks.jsonl'), TASKS.map((task) => JSON.stringify(task)).join('\n'));
  const spec = `name: cloud-code
dataset: { path: tasks.jsonl, format: code }
candidates:
  - { id: oracle, provider: control, kind: oracle }
  - { id: echo, provider: control, kind: echo }
scorers:
  - { type: code, timeoutMs: 3000, memoryMb: 256 }
execution: { allowCodeExecution: ${allow}, sandbox: ${sandbox}, retries: 0 }
`;
  await writeFile(join(dir, 'code.yaml'), spec);
  return join(dir, 'code.yaml');
}

async function submit(specPath: string, runId: string) {
  const loaded = await loadEvalSpec(specPath, {});
  const dataset = await loadDataset(loaded.spec.dataset, loaded.baseDir);
  await submitRunInput({ store: harness.store, runId, loaded, dataset, env: {}, now: new Date().toISOString() });
  return harness.runWorkflow(runId);
}

describe('code scoring on Lambda, end to end', () => {
  it('runs every program in the sandbox functions: oracle passes all, echo none, the isolation is recorded', async () => {
    const { execution, summary: sealed } = await submit(await writeCodeEval('lambda'), 'cloud-code');
    expect(execution.status).toBe('SUCCEEDED');
    const summary = sealed!;
    expect(summary.candidates.oracle!.metrics.accuracy!.value).toBe(1);
    expect(summary.candidates.echo!.metrics.accuracy!.value).toBe(0);
    expect(summary.candidates.echo!.metrics['code.failures.syntax_error']!.value).toBe(3);
    const manifest = (await harness.store.readManifest('cloud-code'))!;
    expect(manifest.sandbox).toMatchObject({ kind: 'lambda', network: 'none' });
    expect((summary as { sandbox?: { kind: string } }).sandbox?.kind).toBe('lambda');
    const calls = harness.lambda.invocations.filter((call) => Object.values<string>(SANDBOX_FUNCTIONS).includes(call.name));
    expect(calls.filter((call) => call.name === SANDBOX_FUNCTIONS.python && call.type === 'RequestResponse')).toHaveLength(4);
    expect(calls.filter((call) => call.name === SANDBOX_FUNCTIONS.javascript && call.type === 'RequestResponse')).toHaveLength(2);
  }, 120_000);

  it('refuses a cloud run that would execute model code inside a worker (sandbox: local) or without the opt-in', async () => {
    // Prepare refuses the run: the execution fails there, before any shard, and says why.
    const local = await submit(await writeCodeEval('local'), 'cloud-code-local');
    expect(local.execution).toMatchObject({ status: 'FAILED', error: 'VerdictError' });
    expect(local.execution.cause).toMatch(/set sandbox: lambda/);
    expect(await harness.store.readManifest('cloud-code-local')).toBeNull();
    const notAllowed = await submit(await writeCodeEval('lambda', false), 'cloud-code-no-opt-in');
    expect(notAllowed.execution.cause).toMatch(/allowCodeExecution: true/);
  }, 60_000);
});
