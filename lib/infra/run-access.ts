import { Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import { Effect, PolicyStatement, type IRole } from 'aws-cdk-lib/aws-iam';
import type { Bucket } from 'aws-cdk-lib/aws-s3';

/** The parts of a run a function may touch (keys under `<prefix><run-id>/`). */
export type RunPart = 'input/*' | 'manifest.json' | 'records/*' | 'summary.json' | 'run.lock' | 'shards.json';

/** Which parts of every run a function reads and writes. */
export interface RunAccess {
  readonly bucket: Bucket;
  /** Key prefix of the runs, e.g. `runs/`. */
  readonly prefix: string;
  readonly read?: readonly RunPart[];
  readonly write?: readonly RunPart[];
  /** Parts it deletes: only `run.lock`, by the function that seals a run (lib/store/s3-run-lock.ts). */
  readonly remove?: readonly 'run.lock'[];
}

/**
 * Explicit S3 statements for the result-set layout: exact actions (no `s3:*`, no `Get*`) on
 * exact parts of every run. `s3:ListBucket` on the bucket itself lets S3 answer "no such key"
 * (404) rather than "access denied" (403) for a missing manifest or summary.
 */
export function runAccessStatements(access: RunAccess): PolicyStatement[] {
  const arns = (parts: readonly RunPart[]) => parts.map((part) => `${access.bucket.bucketArn}/${access.prefix}*/${part}`);
  const statements = [new PolicyStatement({ effect: Effect.ALLOW, actions: ['s3:ListBucket'], resources: [access.bucket.bucketArn] })];
  if (access.read?.length) statements.push(new PolicyStatement({ effect: Effect.ALLOW, actions: ['s3:GetObject'], resources: arns(access.read) }));
  if (access.write?.length) {
    statements.push(new PolicyStatement({ effect: Effect.ALLOW, actions: ['s3:PutObject', 's3:AbortMultipartUpload'], resources: arns(access.write) }));
  }
  if (access.remove?.length) statements.push(new PolicyStatement({ effect: Effect.ALLOW, actions: ['s3:DeleteObject'], resources: arns(access.remove) }));
  return statements;
}

/**
 * Acknowledges cdk-nag's IAM5 finding for each run-scoped resource, one by one. The `*` stands
 * for the run id: one function serves every run, and run ids are made at submit time, so IAM
 * cannot name them; the code scopes each invocation to its run (the event's zod schema allows
 * only plain run ids, no "/" or ".." to escape the prefix).
 */
export function acknowledgeRunAccess(role: IRole, access: RunAccess): void {
  const logicalId = Stack.of(access.bucket).getLogicalId(access.bucket.node.defaultChild as CfnElement);
  const parts = new Set([...(access.read ?? []), ...(access.write ?? []), ...(access.remove ?? [])]);
  for (const part of parts) {
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>/${access.prefix}*/${part}]`,
      reason: `"*" is the run id: one function serves every run and run ids are created at submit time; only ${part} of a run is reachable, and the handler touches only the run named in its validated event.`,
    });
  }
}

/**
 * The workers' shared response cache: get and put on the entries under `prefix` only (no list,
 * no delete), with cdk-nag's IAM5 acknowledged for that one resource: the `*` is the content
 * address of an answer, which no policy can know in advance.
 */
export function grantResponseCache(role: IRole, bucket: Bucket, prefix: string): void {
  role.addToPrincipalPolicy(new PolicyStatement({ effect: Effect.ALLOW, actions: ['s3:GetObject', 's3:PutObject'], resources: [`${bucket.bucketArn}/${prefix}*`] }));
  const logicalId = Stack.of(bucket).getLogicalId(bucket.node.defaultChild as CfnElement);
  Validations.of(role).acknowledge({
    id: `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>/${prefix}*]`,
    reason: `"*" is the SHA-256 content address of a cached answer (${prefix}<2 hex>/<key>.json): keys are computed per request, so IAM cannot name them; only the cache prefix is reachable.`,
  });
}
