import type { FailureClass } from '../scorers/index.ts';
import { RUNNER_EXIT } from './runners.ts';

/** How a sandboxed process ended, as the adapter saw it. */
export interface ProcessEnding {
  readonly exitCode: number | null;
  readonly signal: string | null;
  /** The adapter killed it at the wall-clock limit. */
  readonly timedOut: boolean;
  /** The adapter killed it for writing more than the output limit. */
  readonly outputExceeded: boolean;
  readonly stderr: string;
}

const MEMORY_TEXT = /MemoryError|heap out of memory|allocation failed|Cannot allocate memory|out of memory/i;

/**
 * Names how a program ended: passed (exit 0), or the failure class. Limits the adapter enforced
 * come first, then the runner's own exit codes ({@link RUNNER_EXIT}), then signals (SIGXCPU:
 * the CPU limit; SIGXFSZ: the file-size limit; an abort or kill with an out-of-memory message:
 * memory). Anything else is a runtime error.
 */
export function classifyEnding(ending: ProcessEnding): { passed: boolean; failure?: FailureClass } {
  if (ending.timedOut) return { passed: false, failure: 'timeout' };
  if (ending.outputExceeded) return { passed: false, failure: 'output_limit' };
  if (ending.signal === 'SIGXCPU') return { passed: false, failure: 'timeout' };
  if (ending.signal === 'SIGXFSZ') return { passed: false, failure: 'output_limit' };
  switch (ending.exitCode) {
    case RUNNER_EXIT.passed:
      return ending.signal === null ? { passed: true } : { passed: false, failure: 'runtime_error' };
    case RUNNER_EXIT.syntaxError:
      return { passed: false, failure: 'syntax_error' };
    case RUNNER_EXIT.assertion:
      return { passed: false, failure: 'assertion' };
    case RUNNER_EXIT.memory:
      return { passed: false, failure: 'memory' };
    case RUNNER_EXIT.outputLimit:
      return { passed: false, failure: 'output_limit' };
    default:
      return { passed: false, failure: MEMORY_TEXT.test(ending.stderr.slice(-4096)) ? 'memory' : 'runtime_error' };
  }
}
