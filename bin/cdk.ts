#!/usr/bin/env node
/**
 * The CDK app (`cdk.json`: "app": "npx tsx bin/cdk.ts"). Context keys (cdk.json or `-c key=value`):
 * `stackName` (default "Verdict"), `workerReservedConcurrency`, `auditRetentionDays`, `auditRetentionMode`,
 * `bedrockModels` (comma-separated model ids / inference profiles the workers may invoke).
 * `codeSandbox` (`true` deploys the sandbox functions of `execution.sandbox: lambda`).
 */
import { App } from 'aws-cdk-lib';
import { addVerdictChecks, VerdictStack } from '../lib/infra/index.ts';

const app = new App();

function numberContext(key: string): number | undefined {
  const value: unknown = app.node.tryGetContext(key);
  if (value === undefined || value === null || value === '') return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed)) throw new Error(`cdk context ${key}: expected a number, got ${JSON.stringify(value)}`);
  return parsed;
}

const bedrockModels: unknown = app.node.tryGetContext('bedrockModels');
const mode: unknown = app.node.tryGetContext('auditRetentionMode');
new VerdictStack(app, String(app.node.tryGetContext('stackName') ?? 'Verdict'), {
  description: 'Verdict: LLM evaluation harness on Lambda, S3 and CloudFront',
  workerReservedConcurrency: numberContext('workerReservedConcurrency'),
  codeSandbox: String(app.node.tryGetContext('codeSandbox') ?? '') === 'true',
  auditRetentionDays: numberContext('auditRetentionDays'),
  bedrockModels: Array.isArray(bedrockModels) ? bedrockModels.map(String) : typeof bedrockModels === 'string' ? bedrockModels.split(',').map((model) => model.trim()).filter(Boolean) : [],
  ...(mode === 'COMPLIANCE' || mode === 'GOVERNANCE' ? { auditRetentionMode: mode } : {}),
});
addVerdictChecks(app);
