import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import pLimit from 'p-limit';
import { VerdictError } from '../errors/index.ts';
import type { ShardTask } from './events.ts';

/** Starts workers: one asynchronous invocation per shard. */
export interface ShardInvoker {
  dispatch(tasks: readonly ShardTask[]): Promise<number>;
}

/**
 * Invokes the worker function once per shard with `InvocationType: 'Event'` (Lambda queues the
 * event, retries it, and sends it to the on-failure destination at the end), at most
 * `parallelism` invoke calls in flight.
 */
export function lambdaShardInvoker(options: { client: LambdaClient; functionName: string; parallelism?: number }): ShardInvoker {
  return {
    async dispatch(tasks) {
      const limit = pLimit(options.parallelism ?? 16);
      await Promise.all(
        tasks.map((task) =>
          limit(async () => {
            const response = await options.client
              .send(new InvokeCommand({ FunctionName: options.functionName, InvocationType: 'Event', Payload: Buffer.from(JSON.stringify(task)) }))
              .catch((error: unknown) => {
                throw new VerdictError('CLOUD', `lambda ${options.functionName}: cannot invoke for ${task.runId}/${task.shardId} (${(error as Error).message})`, {
                  cause: error,
                });
              });
            if (response.StatusCode !== 202) {
              throw new VerdictError('CLOUD', `lambda ${options.functionName}: asynchronous invoke answered ${response.StatusCode}, expected 202`);
            }
          }),
        ),
      );
      return tasks.length;
    },
  };
}
