import { handleSandboxEvent } from '../lib/sandbox/index.ts';

// The function's environment holds its role's credentials; programs get an empty one, and the
// handler drops them from its own too.
for (const name of Object.keys(process.env)) if (name.startsWith('AWS_') && name !== 'AWS_REGION' && name !== 'AWS_LAMBDA_FUNCTION_NAME') delete process.env[name];

export const handler = (event: unknown) => handleSandboxEvent(event, { interpreter: process.execPath, wipeTmp: true });
