import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KMSClient } from '@aws-sdk/client-kms';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { Logger } from '@aws-lambda-powertools/logger';
import { S3ResponseCache } from '../cache/index.ts';
import { VerdictError } from '../errors/index.ts';
import { systemClock } from '../providers/index.ts';
import { createLambdaSandbox } from '../sandbox/index.ts';
import { createS3Client, S3ResultStore } from '../store/index.ts';
import type { CloudDeps } from './cloud-deps.ts';
import { loadRunContext, runContextCache } from './run-context.ts';
import { kmsSealSigner } from './kms-signer.ts';
import { cachedSecrets, secretsManagerReader } from './secrets.ts';

/** Environment variables the stack sets on every function. */
export const CLOUD_ENV = {
  bucket: 'VERDICT_BUCKET',
  prefix: 'VERDICT_PREFIX',
  secretId: 'VERDICT_SECRET_ID',
  workerTimeoutMs: 'VERDICT_WORKER_TIMEOUT_MS',
  s3Endpoint: 'VERDICT_S3_ENDPOINT',
  /** Key prefix of the workers' shared response cache in the bucket; no cache when unset. */
  cachePrefix: 'VERDICT_CACHE_PREFIX',
  lambdaEndpoint: 'VERDICT_LAMBDA_ENDPOINT',
  sandboxPython: 'VERDICT_SANDBOX_PYTHON_FUNCTION',
  sandboxJavascript: 'VERDICT_SANDBOX_JAVASCRIPT_FUNCTION',
  /** The KMS key that signs seals (lib/infra/seal-signing-key.ts sets it on the Seal function). */
  sealKmsKey: 'VERDICT_SEAL_KMS_KEY_ID',
  kmsEndpoint: 'VERDICT_KMS_ENDPOINT',
} as const;

/**
 * Builds the handlers' deps from the function's environment (once per container). API keys are
 * read from Secrets Manager on first use and kept for the container's life.
 */
export function cloudDepsFromEnv(service: string, env: Readonly<Record<string, string | undefined>> = process.env): CloudDeps {
  const bucket = env[CLOUD_ENV.bucket];
  if (!bucket) throw new VerdictError('CLOUD', `${service}: ${CLOUD_ENV.bucket} is not set; deploy with the Verdict stack`);
  const s3 = createS3Client({ endpoint: env[CLOUD_ENV.s3Endpoint] });
  const store = new S3ResultStore({ client: s3, bucket, prefix: env[CLOUD_ENV.prefix] ?? 'runs/' });
  const cachePrefix = env[CLOUD_ENV.cachePrefix];
  const lambda = new LambdaClient({ ...(env[CLOUD_ENV.lambdaEndpoint] && { endpoint: env[CLOUD_ENV.lambdaEndpoint] }) });
  const workDir = join(tmpdir(), 'verdict-input');
  const workerTimeout = Number(env[CLOUD_ENV.workerTimeoutMs]);
  const sandboxFunctions = { python: env[CLOUD_ENV.sandboxPython], javascript: env[CLOUD_ENV.sandboxJavascript] };
  const sealKey = env[CLOUD_ENV.sealKmsKey];
  const sandbox = sandboxFunctions.python || sandboxFunctions.javascript ? createLambdaSandbox({ client: lambda, functions: sandboxFunctions }) : undefined;
  return {
    store,
    secrets: cachedSecrets(secretsManagerReader(), env[CLOUD_ENV.secretId]),
    clock: systemClock,
    logger: new Logger({ serviceName: service }),
    workDir,
    runContext: runContextCache((runId) => loadRunContext(store, runId, workDir, sandbox)),
    ...(sandbox && { sandbox }),
    ...(sealKey && {
      signer: kmsSealSigner({ client: new KMSClient({ ...(env[CLOUD_ENV.kmsEndpoint] && { endpoint: env[CLOUD_ENV.kmsEndpoint] }) }), keyId: sealKey }),
    }),
    ...(cachePrefix && { responseCache: new S3ResponseCache({ client: s3, bucket, prefix: cachePrefix }) }),
    ...(Number.isFinite(workerTimeout) && workerTimeout > 0 && { workerTimeoutMs: workerTimeout }),
  };
}

/** Builds deps on first call and keeps them (module scope in a Lambda = once per container). */
export function lazyDeps(service: string): () => CloudDeps {
  let deps: CloudDeps | undefined;
  return () => (deps ??= cloudDepsFromEnv(service));
}
