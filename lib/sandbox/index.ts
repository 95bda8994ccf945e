export { createLambdaSandbox, LAMBDA_SANDBOX_ISOLATION, type LambdaSandboxOptions } from './lambda-sandbox.ts';
export { handleSandboxEvent, type SandboxHandlerOptions } from './function-handler.ts';
export { assertCodeExecutionAllowed, cloudRunSandbox, createRunSandbox, describeMissingIsolation, languagesOf, runsModelCode } from './run-sandbox.ts';
export { createLocalSandbox, type LocalSandboxOptions } from './local-sandbox.ts';
export { classifyEnding, type ProcessEnding } from './classify-exit.ts';
export { RUNNER_EXIT, RUNNERS } from './runners.ts';
export { runProcess, type ProcessOutcome, type ProcessSpec } from './run-process.ts';
