import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isVerdictError } from '../../../lib/errors/index.ts';
import { acquireS3RunLock, createS3Client, S3ResultStore, type RunLock } from '../../../lib/store/index.ts';
import { fakeManifest, fakeSummary } from '../../fixtures/result-set.ts';
import { FAKE_CREDENTIALS, startS3Server, type S3Server } from '../../fixtures/s3-server.ts';

// s3rver ignores If-None-Match and If-Match (see the first test); `conditionalWrites` makes the
// fixture answer them as S3 documents (412 PreconditionFailed), so the lock's race is real here.
const BUCKET = 'verdict-results';
let server: S3Server;
let plain: S3Server;
let client: S3Client;
let store: S3ResultStore;

beforeAll(async () => {
  server = await startS3Server({ buckets: [BUCKET], conditionalWrites: true });
  plain = await startS3Server({ buckets: [BUCKET] });
  client = createS3Client({ endpoint: server.endpoint, credentials: FAKE_CREDENTIALS });
  store = new S3ResultStore({ client, bucket: BUCKET, prefix: 'runs/' });
});

afterAll(async () => {
  client?.destroy();
  await server?.close();
  await plain?.close();
});

const target = (key: string) => ({ client, bucket: BUCKET, key });

async function lockContent(key: string): Promise<{ token: string; pid: number; host: string; expiresAt: string } | null> {
  try {
    const response = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    return JSON.parse(await response.Body!.transformToString());
  } catch {
    return null;
  }
}

async function lockedError(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected RUN_LOCKED');
}

describe('the S3 run lock (conditional put)', () => {
  it('needs a server that honours If-None-Match: plain s3rver overwrites, the fixture answers 412', async () => {
    const plainClient = createS3Client({ endpoint: plain.endpoint, credentials: FAKE_CREDENTIALS });
    const put = (c: S3Client) => c.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'probe', Body: 'x', IfNoneMatch: '*' }));
    await put(plainClient);
    await expect(put(plainClient)).resolves.toBeDefined();
    plainClient.destroy();
    await put(client);
    await expect(put(client)).rejects.toMatchObject({ name: 'PreconditionFailed' });
  });

  it('of eight processes starting one run at once, exactly one gets the lock; the others are told who holds it', async () => {
    const key = 'runs/race/run.lock';
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => acquireS3RunLock(target(key), { renew: false })));
    const won = results.filter((result): result is PromiseFulfilledResult<RunLock> => result.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const result of results.filter((r) => r.status === 'rejected')) {
      const error = (result as PromiseRejectedResult).reason;
      expect(isVerdictError(error, 'RUN_LOCKED')).toBe(true);
      expect((error as Error).message).toContain(`process ${process.pid} on ${hostname()}`);
      expect((error as Error).message).toContain(`s3://${BUCKET}/${key}`);
    }
    expect((await lockContent(key))?.token).toBe(won[0]!.value.owner.token);
    await won[0]!.value.release();
    expect(await lockContent(key)).toBeNull();
    const again = await acquireS3RunLock(target(key), { renew: false });
    await again.release();
  });

  it('takes over a lock whose lease has passed, and the old holder cannot remove the new lock', async () => {
    const key = 'runs/lapsed/run.lock';
    const start = Date.now();
    const first = await acquireS3RunLock(target(key), { leaseMs: 60_000, renew: false, now: () => start });
    await expect(acquireS3RunLock(target(key), { renew: false, now: () => start + 59_000 })).rejects.toThrow(/lease until/);
    const second = await acquireS3RunLock(target(key), { leaseMs: 60_000, renew: false, now: () => start + 61_000 });
    await first.release();
    expect((await lockContent(key))?.token).toBe(second.owner.token);
    await second.release();
    expect(await lockContent(key)).toBeNull();
  });

  it('takes over a lock left by a dead process of this host before its lease ends', async () => {
    const key = 'runs/dead-owner/run.lock';
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const owner = { pid: Number(dead.stdout), host: hostname(), startedAt: new Date().toISOString(), token: 'dead', expiresAt: new Date(Date.now() + 3_600_000).toISOString() };
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: JSON.stringify(owner) }));
    const lock = await acquireS3RunLock(target(key), { renew: false });
    expect((await lockContent(key))?.token).toBe(lock.owner.token);
    await lock.release();
    // The same lock from another host cannot be checked for liveness: it holds until its lease ends.
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: JSON.stringify({ ...owner, host: 'another-host' }) }));
    await expect(acquireS3RunLock(target(key), { renew: false })).rejects.toThrow(/on another-host/);
  });

  it('renews its lease while held, so a long run keeps its lock past the first lease', async () => {
    const key = 'runs/renewed/run.lock';
    const lock = await acquireS3RunLock(target(key), { leaseMs: 3_000 });
    const firstExpiry = (await lockContent(key))!.expiresAt;
    await new Promise((resolve) => setTimeout(resolve, 4_500));
    expect(Date.parse((await lockContent(key))!.expiresAt)).toBeGreaterThan(Date.parse(firstExpiry));
    expect(isVerdictError(await lockedError(acquireS3RunLock(target(key), { renew: false })), 'RUN_LOCKED')).toBe(true);
    await lock.release();
    expect(await lockContent(key)).toBeNull();
  }, 20_000);

  it("is the S3 store's lockRun; a sealed run's lock is stale, and the sealer of a cloud run removes it", async () => {
    const manifest = fakeManifest('sealed-lock');
    await store.writeManifest(manifest);
    // A cloud run's start: no renewal (the starter exits), a lease as long as the run may take.
    const started = await store.lockRun('sealed-lock', { renew: false, leaseMs: 24 * 3_600_000 });
    await expect(store.lockRun('sealed-lock')).rejects.toThrow(/being written by process/);
    expect(await store.listShards('sealed-lock')).toEqual([]);
    await store.writeSummary(fakeSummary('sealed-lock'));
    const after = await store.lockRun('sealed-lock', { renew: false });
    expect(after.owner.token).not.toBe(started.owner.token);
    await store.removeRunLock('sealed-lock');
    expect(await lockContent('runs/sealed-lock/run.lock')).toBeNull();
    await store.removeRunLock('sealed-lock');
  });
});
