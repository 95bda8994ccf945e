import type { Summary } from '../../lib/results/index.ts';
import { silentCandidates } from './failure-digest.ts';

/**
 * The exit code of a finished run (docs/architecture.md): 3 when some model answered nothing at all (every
 * item an error: a wrong key, a dead endpoint), since the run could not measure it; else 0 when
 * every gate passed and 1 when one failed. The result set is written either way.
 */
export function runExitCode(summary: Summary): { code: number; reason?: string } {
  const silent = silentCandidates(summary);
  if (silent.length > 0) {
    return { code: 3, reason: `every request to ${silent.join(', ')} failed (causes above; each item's error is in the records)` };
  }
  return { code: summary.passed ? 0 : 1 };
}
