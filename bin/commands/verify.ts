import { compareIntegrity, RunDigest } from '../../lib/engine/index.ts';
import { openRunAt, requireSealed } from '../../lib/store/index.ts';

/**
 * `verdict verify <run>`: recomputes the digests of a sealed run's manifest and records and
 * compares them with those its summary.json recorded. Exit 0 when intact, 1 when anything changed.
 */
export async function verifyCommand(runDir: string): Promise<number> {
  const run = await openRunAt(runDir, 'run');
  const summary = requireSealed(run, 'verdict verify');
  if (!summary.integrity) {
    process.stderr.write(`verdict verify: ${run.location} was sealed without integrity digests (made by an older Verdict)\n`);
    return 1;
  }
  const digest = new RunDigest(run.manifest);
  for await (const record of run.store.readRecords(run.runId)) digest.add(record);
  const problems = compareIntegrity(summary.integrity, digest.result());
  if (problems.length > 0) {
    process.stderr.write(`verdict verify: ${run.location}: TAMPERED\n${problems.map((problem) => `  - ${problem}`).join('\n')}\n`);
    return 1;
  }
  process.stdout.write(`${run.location}: intact — manifest and ${summary.integrity.records} records match summary.json (sha256)\n`);
  return 0;
}
