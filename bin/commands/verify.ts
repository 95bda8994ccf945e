import { readFile } from 'node:fs/promises';
import { VerdictError } from '../../lib/errors/index.ts';
import { openRunAt, requireSealed } from '../../lib/store/index.ts';
import { checkEvidence } from './check-evidence.ts';
import { boundHeapGrowth } from './heap-growth.ts';

/** Options of `verdict verify`, as commander parses them. */
export interface VerifyCommandOptions {
  /** PEM file of the public key the seal must be signed with (Ed25519, or the KMS key's P-256 key). */
  publicKey?: string;
  /** Baseline run of the run's baseline gates (as given to `verdict run --baseline`). */
  baseline?: string;
}

/**
 * `verdict verify <run>`: checks a sealed run from its evidence — the digests of the manifest and
 * every record, each record's shard, and summary.json recomputed from them (metrics, intervals,
 * gates, verdict) — and its seal signature when there is one. Exit 0 when intact, 1 otherwise.
 */
export async function verifyCommand(runDir: string, options: VerifyCommandOptions = {}): Promise<number> {
  // It recomputes the summary from every record, as the run's seal did.
  boundHeapGrowth();
  const run = await openRunAt(runDir, 'run');
  const summary = requireSealed(run, 'verdict verify');
  const publicKeyPem = options.publicKey === undefined ? undefined : await readKey(options.publicKey);
  const verification = await checkEvidence(run, summary, { baseline: options.baseline, ...(publicKeyPem !== undefined && { publicKeyPem }) });
  if (!verification.intact) {
    process.stderr.write(`verdict verify: ${run.location}: TAMPERED\n${verification.problems.map((problem) => `  - ${problem}`).join('\n')}\n`);
    return 1;
  }
  const signed =
    verification.signature.status === 'valid'
      ? `; seal signed by ${verification.signature.signer}${publicKeyPem ? ' (the key given)' : ' (pin it with --public-key)'}`
      : '; unsigned';
  const baselineNote = verification.baselineGatesChecked || !summary.gates.some((gate) => gate.kind === 'baseline') ? '' : ' (baseline gates not re-checked: their baseline run cannot be read)';
  process.stdout.write(
    `${run.location}: intact — manifest and ${verification.records} records match summary.json (sha256), ` +
      `and summary.json matches what they compute (metrics, gates, verdict)${baselineNote}${signed}\n`,
  );
  return 0;
}

async function readKey(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new VerdictError('USAGE', `--public-key ${path}: cannot read (${(error as Error).message})`, { cause: error });
  }
}
