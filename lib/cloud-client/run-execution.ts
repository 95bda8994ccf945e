import {
  DescribeExecutionCommand,
  DescribeMapRunCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  ListMapRunsCommand,
  RedriveExecutionCommand,
  StartExecutionCommand,
  StopExecutionCommand,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import { VerdictError } from '../errors/index.ts';

/** How far a cloud run has got, read from its execution and its map run (no shard downloads). */
export interface ExecutionProgress {
  readonly runId: string;
  readonly executionArn: string;
  /** The execution's status: RUNNING, SUCCEEDED, FAILED, ABORTED, TIMED_OUT (PENDING_REDRIVE while a redrive starts). */
  readonly status: string;
  /** Shards in the map (0 until Prepare has written the shard index). */
  readonly shardsTotal: number;
  readonly shardsSucceeded: number;
  readonly shardsFailed: number;
  readonly shardsRunning: number;
  readonly redriveCount: number;
  /** Why the execution failed or was stopped, when it did. */
  readonly error?: string;
  readonly cause?: string;
}

/** The execution of a run: named after the run id, so a run has exactly one. */
export function executionArnOf(stateMachineArn: string, runId: string): string {
  const match = /^(arn:[^:]+:states:[^:]*:[^:]*):stateMachine:([^:]+)$/.exec(stateMachineArn);
  if (!match) throw new VerdictError('USAGE', `--state-machine ${stateMachineArn}: not a state machine ARN (arn:aws:states:<region>:<account>:stateMachine:<name>)`);
  return `${match[1]}:execution:${match[2]}:${runId}`;
}

/**
 * Starts the run's execution, named after the run id: Step Functions refuses a second execution
 * of the same name (ExecutionAlreadyExists), so a run cannot be started twice, even by a race.
 */
export async function startRunExecution(client: SFNClient, stateMachineArn: string, runId: string): Promise<string> {
  try {
    const started = await client.send(new StartExecutionCommand({ stateMachineArn, name: runId, input: JSON.stringify({ runId }) }));
    return started.executionArn!;
  } catch (error) {
    if (error instanceof ExecutionAlreadyExists) {
      throw new VerdictError('USAGE', `run "${runId}" was started already (${executionArnOf(stateMachineArn, runId)}); follow it with \`verdict cloud status ${runId}\``, { cause: error });
    }
    throw sfnError(`${stateMachineArn}: StartExecution`, error);
  }
}

/** Reads the execution and its map run's item counts. */
export async function readExecutionProgress(client: SFNClient, executionArn: string, runId: string): Promise<ExecutionProgress> {
  const execution = await guard(() => client.send(new DescribeExecutionCommand({ executionArn })), 'DescribeExecution', executionArn, runId);
  const { mapRuns } = await guard(() => client.send(new ListMapRunsCommand({ executionArn })), 'ListMapRuns', executionArn, runId);
  const mapRunArn = mapRuns?.at(-1)?.mapRunArn;
  const counts = mapRunArn ? (await guard(() => client.send(new DescribeMapRunCommand({ mapRunArn })), 'DescribeMapRun', executionArn, runId)).itemCounts : undefined;
  return {
    runId,
    executionArn,
    status: execution.status ?? 'UNKNOWN',
    shardsTotal: counts?.total ?? 0,
    shardsSucceeded: counts?.succeeded ?? 0,
    shardsFailed: (counts?.failed ?? 0) + (counts?.timedOut ?? 0) + (counts?.aborted ?? 0),
    shardsRunning: counts?.running ?? 0,
    redriveCount: execution.redriveCount ?? 0,
    ...(execution.error && { error: execution.error }),
    ...(execution.cause && { cause: execution.cause.slice(0, 1000) }),
  };
}

/**
 * Polls the execution until it is no longer running, reporting progress after each poll. Gives up
 * with RUN_INCOMPLETE (exit 3) after `timeoutMs`; the run goes on in the cloud.
 */
export async function waitForExecution(
  client: SFNClient,
  executionArn: string,
  runId: string,
  options: { pollMs: number; timeoutMs: number; onProgress(progress: ExecutionProgress): void; now?: () => number; sleep?: (ms: number) => Promise<void> },
): Promise<ExecutionProgress> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const deadline = now() + options.timeoutMs;
  for (;;) {
    const progress = await readExecutionProgress(client, executionArn, runId);
    options.onProgress(progress);
    if (progress.status !== 'RUNNING' && progress.status !== 'PENDING_REDRIVE') return progress;
    if (now() >= deadline) {
      throw new VerdictError(
        'RUN_INCOMPLETE',
        `run ${runId}: still running after ${Math.round(options.timeoutMs / 1000)} s (${progress.shardsSucceeded + progress.shardsFailed}/${progress.shardsTotal} shards); ` +
          `it goes on in the cloud: check it with \`verdict cloud status ${runId} --wait\``,
      );
    }
    await sleep(options.pollMs);
  }
}

/** Redrives a failed or aborted run: the map reruns only the shards that did not succeed. */
export async function redriveRunExecution(client: SFNClient, executionArn: string, runId: string): Promise<void> {
  await guard(() => client.send(new RedriveExecutionCommand({ executionArn })), 'RedriveExecution', executionArn, runId);
}

/** Stops a run's execution; shards in flight finish their Lambda call, nothing new starts. */
export async function stopRunExecution(client: SFNClient, executionArn: string, runId: string, cause: string): Promise<void> {
  await guard(() => client.send(new StopExecutionCommand({ executionArn, error: 'Verdict.Cancelled', cause })), 'StopExecution', executionArn, runId);
}

async function guard<Output>(call: () => Promise<Output>, operation: string, executionArn: string, runId: string): Promise<Output> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ExecutionDoesNotExist) throw new VerdictError('RUN_NOT_FOUND', `run ${runId}: no execution ${executionArn}; was it started with \`verdict run --cloud\`?`, { cause: error });
    throw sfnError(`${executionArn}: ${operation}`, error);
  }
}

function sfnError(what: string, error: unknown): VerdictError {
  const name = (error as Error).name;
  // RedriveExecution of a run that succeeded or is still running: the service's own words say why.
  const usage = name === 'ExecutionNotRedrivable' || name === 'ExecutionLimitExceeded' || name === 'InvalidArn' || name === 'StateMachineDoesNotExist';
  return new VerdictError(usage ? 'USAGE' : 'CLOUD', `${what} failed (${name}: ${(error as Error).message})${usage ? '' : '; check --state-machine, the region and your credentials'}`, { cause: error });
}
