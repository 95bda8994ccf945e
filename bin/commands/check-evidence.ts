import { verifyRun, type RunVerification } from '../../lib/run/index.ts';
import type { Summary } from '../../lib/results/index.ts';
import { baselineForOpenedRun, type OpenedRun } from '../../lib/store/index.ts';

/**
 * Verifies a sealed run before a command trusts it (`verify`, `gate`, `compare`): its baseline
 * gates are re-checked against the baseline its spec names (`--baseline` overrides), or left out
 * when that baseline cannot be read.
 */
export async function checkEvidence(run: OpenedRun, summary: Summary, options: { baseline?: string; publicKeyPem?: string } = {}): Promise<RunVerification> {
  const baseline = await baselineForOpenedRun(run, options.baseline).catch((): undefined => undefined);
  return verifyRun(run, summary, { ...(baseline && { baseline }), ...(options.publicKeyPem !== undefined && { publicKeyPem: options.publicKeyPem }) });
}

/** One stderr block saying a run failed verification, for commands that go on to use it. */
export function describeFailedVerification(command: string, run: OpenedRun, verification: RunVerification): string {
  return `${command}: ${run.location}: TAMPERED — fails \`verdict verify\`; its summary cannot be trusted\n${verification.problems.map((problem) => `  - ${problem}`).join('\n')}\n`;
}
