import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { VerdictError } from '../errors/index.ts';

/** The file in a run folder that says which process owns the run while it is written. */
export const RUN_LOCK_FILE = 'run.lock';

/** Who holds a run's lock. */
export interface RunLockOwner {
  readonly pid: number;
  readonly host: string;
  readonly startedAt: string;
  readonly token: string;
}

/** A held lock; `release` removes it only if it is still ours. */
export interface RunLock {
  readonly owner: RunLockOwner;
  release(): Promise<void>;
}

/**
 * Takes the exclusive lock of a run folder: `run.lock` created with O_EXCL, holding the owner's
 * pid and host. A lock left by a process of this host that is no longer alive is stale and is
 * taken over; a live owner, or one on another host (whose liveness cannot be checked), makes
 * this throw RUN_LOCKED naming the owner and the file to remove once it is known to be dead.
 */
export async function acquireRunLock(runFolder: string): Promise<RunLock> {
  await mkdir(runFolder, { recursive: true });
  const path = join(runFolder, RUN_LOCK_FILE);
  const owner: RunLockOwner = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), token: randomUUID() };
  for (let attempt = 0; attempt < 5; attempt++) {
    if (await createExclusive(path, `${JSON.stringify(owner)}\n`)) return { owner, release: () => releaseIfOurs(path, owner.token) };
    const holder = await readOwner(path);
    if (holder === 'gone') continue;
    if (holder && !isOwnerDeadHere(holder)) throw lockedError(path, holder);
    await takeOverStaleLock(path, holder);
  }
  throw new VerdictError('RUN_LOCKED', `${path}: could not take the run's lock (other processes keep taking it)`);
}

/**
 * Removes a stale (or unreadable, torn) lock. Only the process that creates the take-over file
 * may remove it, and only if it still holds the stale owner's token: two processes that both saw
 * the stale lock cannot both win, nor remove a fresh lock taken in between.
 */
async function takeOverStaleLock(path: string, stale: RunLockOwner | null): Promise<void> {
  const guard = `${path}.takeover`;
  if (!(await createExclusive(guard, `${process.pid}\n`))) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    return;
  }
  try {
    const now = await readOwner(path);
    const unchanged = now === null ? stale === null : now !== 'gone' && stale !== null && now.token === stale.token;
    if (unchanged) await rm(path, { force: true });
  } finally {
    await rm(guard, { force: true });
  }
}

async function createExclusive(path: string, text: string): Promise<boolean> {
  try {
    const handle = await open(path, 'wx');
    try {
      await handle.writeFile(text);
    } finally {
      await handle.close();
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new VerdictError('STORE_WRITE', `${path}: cannot write (${(error as Error).message})`, { cause: error });
  }
}

/** The lock's owner; null when unreadable (torn by a crash), "gone" when the file vanished meanwhile. */
async function readOwner(path: string): Promise<RunLockOwner | null | 'gone'> {
  try {
    const value = JSON.parse(await readFile(path, 'utf8')) as Partial<RunLockOwner>;
    if (typeof value.pid !== 'number' || typeof value.host !== 'string' || typeof value.token !== 'string') return null;
    return value as RunLockOwner;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'gone' : null;
  }
}

/** Whether a lock's owner ran on this host and is no longer alive (so its lock is stale). */
export function isOwnerDeadHere(owner: Pick<RunLockOwner, 'pid' | 'host'>): boolean {
  if (owner.host !== hostname()) return false;
  if (owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

async function releaseIfOurs(path: string, token: string): Promise<void> {
  const holder = await readOwner(path);
  if (holder !== null && holder !== 'gone' && holder.token === token) await rm(path, { force: true });
}

function lockedError(path: string, owner: RunLockOwner): VerdictError {
  return new VerdictError(
    'RUN_LOCKED',
    `${path}: the run is being written by process ${owner.pid} on ${owner.host} (since ${owner.startedAt}); ` +
      `wait for it to finish, or delete ${path} once you are sure that process is gone`,
    { context: { path, pid: owner.pid, host: owner.host } },
  );
}
