import type { Scheduler } from '../engine/index.ts';

/**
 * Runs shards so that only a bounded backlog of work items waits in the scheduler: the next shard
 * starts whenever fewer than `backlog` scheduled items are still waiting to start. Starting every
 * shard at once queues a promise and a closure per item of the whole plan — at 100,000 items that
 * alone is hundreds of MB — while this keeps memory flat and the pool just as full.
 *
 * `run(shard, schedule)` must schedule every item it will run through the `schedule` it is given
 * before its first await (as `runShard` does), so the count is right when it returns.
 */
export async function feedShards<S>(
  shards: readonly S[],
  schedule: Scheduler,
  run: (shard: S, schedule: Scheduler) => Promise<unknown>,
  backlog: number,
): Promise<void> {
  let waiting = 0;
  let next = 0;
  let running = 0;
  let failure: { error: unknown } | undefined;
  let settle!: () => void;
  const finished = new Promise<void>((resolve) => (settle = resolve));
  const counted: Scheduler = (candidate, task) => {
    waiting++;
    return schedule(candidate, () => {
      waiting--;
      startMore();
      return task();
    });
  };
  const startMore = (): void => {
    while (waiting < backlog && next < shards.length && failure === undefined) {
      const shard = shards[next++]!;
      running++;
      run(shard, counted).then(
        () => {
          running--;
          startMore();
          if (running === 0 && (next === shards.length || failure !== undefined)) settle();
        },
        (error: unknown) => {
          failure ??= { error };
          running--;
          if (running === 0) settle();
        },
      );
    }
  };
  startMore();
  if (running === 0) return;
  await finished;
  if (failure !== undefined) throw failure.error;
}
