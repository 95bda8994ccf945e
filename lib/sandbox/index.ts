export { createLambdaSandbox } from './lambda-sandbox.ts';
export { handleSandboxEvent } from './function-handler.ts';
export { assertCodeExecutionAllowed, cloudRunSandbox, createRunSandbox, describeMissingIsolation } from './run-sandbox.ts';
export { createLocalSandbox } from './local-sandbox.ts';
