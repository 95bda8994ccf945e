import type { BudgetStop } from '../engine/index.ts';
import type { Manifest, Summary } from '../results/index.ts';
import type { PreparedRun } from '../run/index.ts';
import { runLocal, type LocalRunOptions } from './run-local.ts';

/** What an executor leaves: the sealed run. */
export interface ExecutedRun {
  readonly manifest: Manifest;
  readonly summary: Summary;
  readonly location: string;
  /** Set when the budget stopped dispatch: the run is sealed, with the unrun items as `BUDGET` errors. */
  readonly budgetStop?: BudgetStop;
}

/**
 * The Executor port: carries a prepared run (`prepareRun`, with its run description) to a sealed
 * result set. Where it runs is the adapter's business — a pool on this machine
 * ({@link localExecutor}) or a fan-out over Lambda workers (the cloud side) — and both use the
 * same manifest assembly, scheduler, record factories and aggregation (docs/architecture.md).
 */
export interface Executor {
  execute(prepared: PreparedRun, runId: string): Promise<ExecutedRun>;
}

/** The local pool: `runLocal` with this machine's store, clock, environment and progress line. */
export function localExecutor(config: Omit<LocalRunOptions, 'prepared' | 'runId'>): Executor {
  return { execute: (prepared, runId) => runLocal({ ...config, prepared, runId }) };
}
