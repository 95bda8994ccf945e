import type { SandboxIsolation as ResultsSandboxIsolation } from '../results/index.ts';
import type { CodeLanguage } from '../datasets/index.ts';

/** Why a program failed, from the sandbox's view of how it ended. */
export const FAILURE_CLASSES = ['syntax_error', 'runtime_error', 'assertion', 'timeout', 'memory', 'output_limit'] as const;
export type FailureClass = (typeof FAILURE_CLASSES)[number];

/** One program to run. */
export interface SandboxRequest {
  readonly language: CodeLanguage;
  /** The whole program: the answer with its tests. */
  readonly program: string;
  /** Wall-clock limit; CPU time is limited to the same budget. */
  readonly timeoutMs: number;
  readonly memoryMb: number;
  /** Bytes of stdout + stderr (and of any file written) beyond which the program is stopped. */
  readonly outputLimitBytes?: number;
  readonly signal?: AbortSignal;
}

/** How a program ended. `stdout`/`stderr` are capped (`truncated` says when). */
export interface SandboxResult {
  readonly passed: boolean;
  /** Set when `passed` is false. */
  readonly failure?: FailureClass;
  readonly exitCode: number | null;
  /** The signal that ended the process (e.g. `SIGKILL` at the time limit), or null. */
  readonly signal: string | null;
  readonly durationMs: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly truncated: boolean;
}

/**
 * The isolation a sandbox actually achieved on this machine, recorded in the manifest and the
 * summary (its schema is the result-set contract's, lib/results/sandbox-isolation.ts). `missing`
 * lists, in words, what could not be had (e.g. no network namespace).
 */
export type SandboxIsolation = ResultsSandboxIsolation;

/**
 * A place to run untrusted programs (model answers with their tests): a port of the pure core,
 * with adapters in lib/sandbox (a local child process, a Lambda function). Implementations never
 * throw for what the program does; they throw only when the sandbox itself cannot run.
 */
export interface Sandbox {
  readonly isolation: SandboxIsolation;
  run(request: SandboxRequest): Promise<SandboxResult>;
  close?(): Promise<void>;
}
