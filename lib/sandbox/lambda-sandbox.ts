import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { VerdictError } from '../errors/index.ts';
import type { CodeLanguage } from '../datasets/index.ts';
import type { Sandbox, SandboxIsolation, SandboxRequest, SandboxResult } from '../scorers/index.ts';
import { classifyEnding } from './classify-exit.ts';
import { RUNNERS } from './runners.ts';
import { SandboxOutcomeSchema, type SandboxEvent } from './sandbox-event.ts';

/** Options of {@link createLambdaSandbox}. */
export interface LambdaSandboxOptions {
  readonly client: LambdaClient;
  /** The sandbox function of each language (the stack's `CodeSandbox` outputs). */
  readonly functions: Partial<Record<CodeLanguage, string>>;
  /** @default 8192 */
  readonly captureBytes?: number;
}

/** What the stack's sandbox functions provide (lib/infra/code-sandbox.ts). */
export const LAMBDA_SANDBOX_ISOLATION: SandboxIsolation = {
  kind: 'lambda',
  network: 'none',
  filesystem: "the sandbox function's own micro-VM; a fresh directory per program, /tmp emptied after each",
  user: 'the sandbox function, whose role may only write its own logs (and attach to its isolated VPC)',
  limits: ['wall-clock', 'cpu', 'memory', 'file-size', 'output', 'function timeout'],
  missing: [],
};

/**
 * Runs programs in the stack's sandbox functions, invoked synchronously (RequestResponse): one
 * invocation per program, so every program gets a function of its own with no network route and no
 * permissions. The failure class is named here from how the process ended, as for the local sandbox.
 */
export function createLambdaSandbox(options: LambdaSandboxOptions): Sandbox {
  return {
    isolation: LAMBDA_SANDBOX_ISOLATION,
    async run(request: SandboxRequest): Promise<SandboxResult> {
      const functionName = options.functions[request.language];
      if (!functionName) throw new VerdictError('CLOUD', `no sandbox function for ${request.language}; deploy the stack's CodeSandbox`);
      const runner = RUNNERS[request.language];
      const event: SandboxEvent = {
        schemaVersion: 1,
        language: request.language,
        program: request.program,
        programName: runner.programName,
        args: runner.args(request.memoryMb),
        timeoutMs: request.timeoutMs,
        memoryMb: request.memoryMb,
        outputLimitBytes: request.outputLimitBytes ?? 1024 * 1024,
        captureBytes: options.captureBytes ?? 8192,
      };
      const response = await options.client.send(
        new InvokeCommand({ FunctionName: functionName, InvocationType: 'RequestResponse', Payload: new TextEncoder().encode(JSON.stringify(event)) }),
        { abortSignal: request.signal },
      );
      const text = response.Payload ? new TextDecoder().decode(response.Payload) : '';
      if (response.FunctionError) {
        // The function died (its own timeout or memory): the program took it down, so it failed.
        const ended = /timed out/i.test(text) ? 'timeout' : /memory/i.test(text) ? 'memory' : 'runtime_error';
        return { passed: false, failure: ended, exitCode: null, signal: null, durationMs: 0, stdout: '', stderr: text.slice(0, 2000), truncated: false };
      }
      const outcome = SandboxOutcomeSchema.parse(JSON.parse(text));
      const { passed, failure } = classifyEnding(outcome);
      return { passed, ...(failure && { failure }), ...outcome };
    },
  };
}
