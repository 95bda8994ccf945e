import type { Logger } from '@aws-lambda-powertools/logger';
import type { ResponseCache } from '../cache/index.ts';
import type { SealSigner } from '../engine/index.ts';
import type { Clock } from '../ports/index.ts';
import type { Sandbox } from '../scorers/index.ts';
import type { S3ResultStore } from '../store/index.ts';
import type { RunContext } from './run-context.ts';

/** What the handlers need from the world; built from the environment in Lambda, from fakes and local servers in tests. */
export interface CloudDeps {
  readonly store: S3ResultStore;
  /** Environment-variable names to API keys, read once per container. */
  readonly secrets: () => Promise<Record<string, string>>;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Where inputs are downloaded (`/tmp` in Lambda). */
  readonly workDir: string;
  /** Loads (and may cache) a run's context. */
  readonly runContext: (runId: string) => Promise<RunContext>;
  /** The worker's timeout, for shard sizing. @default 15 minutes */
  readonly workerTimeoutMs?: number;
  /** The response cache workers share (an S3 prefix), when the stack provides one. */
  readonly responseCache?: ResponseCache;
  /** Signs the seal (the stack's KMS key), when configured. */
  readonly signer?: SealSigner;
  /** The stack's code sandbox functions (`execution.sandbox: lambda`), when deployed. */
  readonly sandbox?: Sandbox;
}
