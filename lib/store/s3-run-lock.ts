import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { DeleteObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { VerdictError } from '../errors/index.ts';
import { isOwnerDeadHere, type RunLock, type RunLockOwner } from './run-lock.ts';
import { getObject, isNotFound, isPreconditionFailed, s3Error } from './s3-object-io.ts';

/** How long an S3 lock holds without renewal; a holder that stops renewing loses it after this. */
export const S3_LOCK_LEASE_MS = 10 * 60_000;

/** The lock object's content: the owner, and when the lock lapses unless renewed. */
export interface S3RunLockOwner extends RunLockOwner {
  readonly expiresAt: string;
}

/** Options of {@link acquireS3RunLock}. */
export interface S3RunLockOptions {
  /** How long the lock holds from each write. @default S3_LOCK_LEASE_MS */
  readonly leaseMs?: number;
  /**
   * Renew the lease every third of it while this process lives (a local run writing to S3).
   * Off for a cloud run, whose starter exits at once: it takes a lease as long as the run may
   * take, and Seal removes the lock when it seals. @default true
   */
  readonly renew?: boolean;
  /** Whether the run is sealed; a lock on a sealed run is stale (its writer is done). */
  readonly isSealed?: () => Promise<boolean>;
  /** The clock (tests). @default Date.now */
  readonly now?: () => number;
}

interface Target {
  readonly client: S3Client;
  readonly bucket: string;
  readonly key: string;
}

/**
 * Takes the exclusive lock of a run on S3: the lock object is created with a conditional put
 * (`If-None-Match: *`, so of two starters exactly one gets it) holding owner, host and lease. A
 * lock is stale once its lease has passed, when its owner ran on this host and is gone, or when
 * the run is sealed; a
 * stale lock is replaced with `If-Match` on its ETag, so two processes that both saw it stale
 * cannot both win. A live lock throws RUN_LOCKED naming its owner and the object to delete.
 */
export async function acquireS3RunLock(target: Target, options: S3RunLockOptions = {}): Promise<RunLock> {
  const now = options.now ?? Date.now;
  const leaseMs = options.leaseMs ?? S3_LOCK_LEASE_MS;
  const url = `s3://${target.bucket}/${target.key}`;
  const owner = (): S3RunLockOwner => ({ ...base, expiresAt: new Date(now() + leaseMs).toISOString() });
  const base: RunLockOwner = { pid: process.pid, host: hostname(), startedAt: new Date(now()).toISOString(), token: randomUUID() };
  for (let attempt = 0; attempt < 5; attempt++) {
    const held = await readLock(target);
    let etag: string | undefined;
    if (held === null) {
      etag = await conditionalPut(target, owner(), { IfNoneMatch: '*' });
    } else if (!isStale(held.owner, now()) && !(await options.isSealed?.())) {
      throw lockedError(url, held.owner);
    } else {
      etag = await conditionalPut(target, owner(), { IfMatch: held.etag });
    }
    if (etag !== undefined) return heldLock(target, base, etag, { ...options, leaseMs, now, owner });
  }
  throw new VerdictError('RUN_LOCKED', `${url}: could not take the run's lock (other processes keep taking it)`);
}

/** The lock as held: renewed (when asked) until released; release removes it only while it is ours. */
function heldLock(target: Target, base: RunLockOwner, etag: string, options: S3RunLockOptions & { leaseMs: number; owner: () => S3RunLockOwner }): RunLock {
  let current = etag;
  let renewing: Promise<void> = Promise.resolve();
  const timer =
    options.renew === false
      ? undefined
      : setInterval(() => {
          renewing = conditionalPut(target, options.owner(), { IfMatch: current }).then(
            (next) => {
              if (next === undefined) clearInterval(timer);
              else current = next;
            },
            () => undefined, // a failed renewal is retried on the next tick; the lease covers three
          );
        }, Math.max(1, Math.floor(options.leaseMs / 3)));
  timer?.unref();
  return {
    owner: base,
    async release() {
      clearInterval(timer);
      await renewing;
      const held = await readLock(target);
      if (held === null || held.owner.token !== base.token) return;
      try {
        await target.client.send(new DeleteObjectCommand({ Bucket: target.bucket, Key: target.key }));
      } catch (error) {
        if (!isNotFound(error)) throw s3Error('STORE_WRITE', `s3://${target.bucket}/${target.key}`, 'DeleteObject', error);
      }
    },
  };
}

/** A conditional PutObject of the lock; its new ETag, or undefined when the condition failed. */
async function conditionalPut(target: Target, owner: S3RunLockOwner, condition: { IfNoneMatch?: string; IfMatch?: string }): Promise<string | undefined> {
  try {
    const response = await target.client.send(
      new PutObjectCommand({ Bucket: target.bucket, Key: target.key, Body: `${JSON.stringify(owner)}\n`, ContentType: 'application/json', ...condition }),
    );
    return response.ETag ?? '';
  } catch (error) {
    // 412: someone else wrote the lock first; 409: a concurrent conditional write won; 404: If-Match on a lock deleted meanwhile.
    if (isPreconditionFailed(error) || isNotFound(error) || (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 409) {
      return undefined;
    }
    throw s3Error('STORE_WRITE', `s3://${target.bucket}/${target.key}`, 'PutObject', error);
  }
}

/** The lock's owner and ETag; null when there is no lock. An unreadable lock counts as expired. */
async function readLock(target: Target): Promise<{ owner: S3RunLockOwner; etag: string } | null> {
  const response = await getObject(target.client, target.bucket, target.key);
  if (!response) return null;
  const text = await response.Body!.transformToString();
  let owner: S3RunLockOwner;
  try {
    owner = JSON.parse(text) as S3RunLockOwner;
  } catch {
    owner = { pid: 0, host: '', startedAt: '', token: '', expiresAt: new Date(0).toISOString() };
  }
  return { owner, etag: response.ETag ?? '' };
}

/** Stale when the lease has passed (or cannot be read), or when its owner ran on this host and is gone. */
function isStale(owner: S3RunLockOwner, now: number): boolean {
  const expires = Date.parse(owner.expiresAt);
  if (!Number.isFinite(expires) || expires <= now) return true;
  return typeof owner.pid === 'number' && isOwnerDeadHere(owner);
}

function lockedError(url: string, owner: S3RunLockOwner): VerdictError {
  return new VerdictError(
    'RUN_LOCKED',
    `${url}: the run is being written by process ${owner.pid} on ${owner.host} (since ${owner.startedAt}, lease until ${owner.expiresAt}); ` +
      `wait for it to finish, or delete ${url} once you are sure that process is gone`,
    { context: { url, pid: owner.pid, host: owner.host, expiresAt: owner.expiresAt } },
  );
}
