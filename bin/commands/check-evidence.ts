import { dirname, resolve } from 'node:path';
import { verifyRun, type RunVerification } from '../../lib/executors/index.ts';
import type { BaselineInput } from '../../lib/gate/index.ts';
import type { Summary } from '../../lib/results/index.ts';
import type { OpenedRun } from '../../lib/store/index.ts';
import { baselineFor, manifestGates } from './release-outputs.ts';

/**
 * Verifies a sealed run before a command trusts it (`verify`, `gate`, `compare`): its baseline
 * gates are re-checked against the baseline its spec names (`--baseline` overrides), or left out
 * when that baseline cannot be read.
 */
export async function checkEvidence(run: OpenedRun, summary: Summary, options: { baseline?: string; publicKeyPem?: string } = {}): Promise<RunVerification> {
  const baseline = await baselineOf(run, options.baseline).catch((): undefined => undefined);
  return verifyRun(run, summary, { ...(baseline && { baseline }), ...(options.publicKeyPem !== undefined && { publicKeyPem: options.publicKeyPem }) });
}

/** One stderr block saying a run failed verification, for commands that go on to use it. */
export function describeFailedVerification(command: string, run: OpenedRun, verification: RunVerification): string {
  return `${command}: ${run.location}: TAMPERED — fails \`verdict verify\`; its summary cannot be trusted\n${verification.problems.map((problem) => `  - ${problem}`).join('\n')}\n`;
}

async function baselineOf(run: OpenedRun, flag: string | undefined): Promise<BaselineInput | undefined> {
  const resolved = run.manifest.spec.resolved as { baseline?: string };
  return baselineFor({
    flag,
    specRef: resolved.baseline,
    specDir: run.manifest.spec.baseDir ?? dirname(resolve(run.manifest.spec.path)),
    gates: manifestGates(run.manifest),
    store: run.store,
    specName: run.manifest.spec.name,
    runId: run.runId,
    createdBefore: run.manifest.createdAt,
  });
}
