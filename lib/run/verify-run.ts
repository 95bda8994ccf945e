import { aggregateRecords, canonicalJson, checkSealSignature, compareIntegrity, RunDigest, type SignatureCheck } from '../engine/index.ts';
import { isVerdictError } from '../errors/index.ts';
import type { BaselineInput } from '../gate/index.ts';
import type { ResultRecord, Summary } from '../results/index.ts';
import type { OpenedRun } from '../store/index.ts';

/** Differences listed before the rest are only counted. */
const LISTED_DIFFERENCES = 8;

/** What {@link verifyRun} found. */
export interface RunVerification {
  readonly intact: boolean;
  /** Each thing that does not hold, in words (empty when intact). */
  readonly problems: string[];
  readonly records: number;
  readonly signature: SignatureCheck;
  /** True when baseline gates were compared too (their baseline run could be read). */
  readonly baselineGatesChecked: boolean;
}

/** Options of {@link verifyRun}. */
export interface VerifyRunOptions {
  /**
   * The baseline the run's baseline gates were evaluated against; when absent those gates are
   * not re-checked (the rest of the summary still is).
   */
  readonly baseline?: BaselineInput;
  /** A pinned Ed25519 public key (PEM): the seal must be signed by it. */
  readonly publicKeyPem?: string;
}

/**
 * Checks a sealed run from its evidence alone: every shard file is a planned shard and every
 * record sits in the file of its own shard; the manifest and record digests match summary.json;
 * and summary.json itself — every metric, interval, gate, comparison and the verdict — equals the
 * summary recomputed from the manifest and records, so a forged summary is caught as surely as an
 * edited record. An optional seal signature is checked too.
 */
export async function verifyRun(run: OpenedRun, summary: Summary, options: VerifyRunOptions = {}): Promise<RunVerification> {
  const problems: string[] = [];
  const planned = new Set(run.manifest.plan.shards.map((shard) => shard.id));
  const shardIds = await run.store.listShards(run.runId);
  for (const id of shardIds) if (!planned.has(id)) problems.push(`records/${id}.jsonl is not a shard of the plan`);
  let records = 0;
  const digest = new RunDigest(run.manifest);
  async function* checkedRecords(): AsyncIterable<ResultRecord> {
    for (const shardId of shardIds) {
      let misplaced = 0;
      for await (const record of run.store.readShard(run.runId, shardId)) {
        records++;
        digest.add(record);
        if (record.shard !== shardId && misplaced++ === 0) problems.push(`records/${shardId}.jsonl holds a record of ${record.shard} (${record.itemId})`);
        yield record;
      }
    }
  }
  let recomputed: Summary | null = null;
  try {
    recomputed = await aggregateRecords(checkedRecords(), run.manifest, {
      exactPlan: true,
      ...(summary.finishedAt !== undefined && { finishedAt: summary.finishedAt }),
      ...(options.baseline && { baseline: options.baseline }),
    });
  } catch (error) {
    if (!isVerdictError(error, 'RUN_INCOMPLETE')) throw error;
    problems.push(...((error.context.problems as string[] | undefined) ?? [error.message]));
  }
  if (!summary.integrity) problems.push('summary.json has no integrity digests (sealed by an older Verdict)');
  else problems.unshift(...compareIntegrity(summary.integrity, digest.result()));
  const baselineGatesChecked = options.baseline !== undefined;
  if (recomputed) problems.push(...summaryDifferences(summary, recomputed, { baselineGates: baselineGatesChecked }));
  if (summary.passed !== summary.gates.every((gate) => gate.pass)) problems.push('summary.json: "passed" contradicts its own gates');
  const signature = checkSealSignature(summary, options.publicKeyPem);
  if (signature.status === 'invalid') problems.push(signature.problem!);
  return { intact: problems.length === 0, problems, records, signature, baselineGatesChecked };
}

/** The fields of summary.json that differ from the recomputed summary, as dotted paths. */
function summaryDifferences(recorded: Summary, recomputed: Summary, options: { baselineGates: boolean }): string[] {
  const strip = (summary: Summary): Record<string, unknown> => {
    const { signature: _signature, integrity: _integrity, ...rest } = summary as Summary & { signature?: unknown };
    // How the baseline was found (`latest-passing`) is not part of the evidence: verify is handed
    // the baseline by path, so it checks the baseline's run id and the gate values, not `chosenBy`.
    if (options.baselineGates) return { ...rest, gates: rest.gates.map(withoutChosenBy) };
    // Without the baseline, its gates (and so the verdict) cannot be recomputed; `passed` is still
    // checked against the summary's own gates.
    const { passed: _passed, ...withoutVerdict } = rest;
    return { ...withoutVerdict, gates: rest.gates.filter((gate) => gate.kind !== 'baseline') };
  };
  const paths: string[] = [];
  diffPaths(JSON.parse(canonicalJson(strip(recorded))), JSON.parse(canonicalJson(strip(recomputed))), '', paths);
  const listed = paths.slice(0, LISTED_DIFFERENCES).map((path) => `summary.json: ${path} differs from the value recomputed from the records`);
  if (paths.length > LISTED_DIFFERENCES) listed.push(`summary.json: ${paths.length - LISTED_DIFFERENCES} more fields differ`);
  return listed;
}

function withoutChosenBy(gate: Summary['gates'][number]): Summary['gates'][number] {
  const baseline = (gate as { baseline?: { chosenBy?: string } }).baseline;
  if (baseline?.chosenBy === undefined) return gate;
  const { chosenBy: _chosenBy, ...rest } = baseline;
  return { ...gate, baseline: rest } as Summary['gates'][number];
}

function diffPaths(a: unknown, b: unknown, path: string, out: string[]): void {
  if (Object.is(a, b)) return;
  const bothObjects = a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b);
  if (!bothObjects) {
    out.push(path || '(root)');
    return;
  }
  const keys = new Set([...Object.keys(a as object), ...Object.keys(b as object)]);
  for (const key of keys) {
    diffPaths((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], Array.isArray(a) ? `${path}[${key}]` : path ? `${path}.${key}` : key, out);
  }
}
