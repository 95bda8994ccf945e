import type { Manifest, ResultRecord } from '../results/index.ts';
import type { SampleRow } from './report-data.ts';

/**
 * Plan order of a run's items (sample-major: sample × candidate × repeat, as `workItemAt`), so
 * the sample table lists rows in the order the plan made them, not the order they finished.
 */
export function planOrder(manifest: Manifest): (record: ResultRecord) => number {
  const sampleIndex = new Map(manifest.dataset.sampleIds.map((id, index) => [id, index]));
  const candidateIndex = new Map(manifest.candidates.map((candidate, index) => [candidate.id, index]));
  const repeats = manifest.plan.repeats;
  const perSample = manifest.candidates.length * repeats;
  return (record) =>
    (sampleIndex.get(record.sampleId) ?? Number.MAX_SAFE_INTEGER / (perSample + 1)) * perSample +
    (candidateIndex.get(record.candidate) ?? 0) * repeats +
    record.repeat;
}

/**
 * A record as the sample table shows it. `pass` follows accuracy's rule: an error is a failure,
 * otherwise the primary (first) scorer decides.
 */
export function toSampleRow(record: ResultRecord, index: number, primaryScorer: string | null): SampleRow {
  const primary = primaryScorer === null ? undefined : record.scores[primaryScorer];
  return {
    i: index,
    itemId: record.itemId,
    sampleId: record.sampleId,
    candidate: record.candidate,
    repeat: record.repeat,
    category: record.category ?? null,
    prompt: record.prompt,
    reference: record.reference ?? null,
    output: record.output,
    error: record.error,
    scores: record.scores,
    pass: primaryScorer === null ? null : !record.error && primary?.pass === true,
    latencyMs: record.latencyMs,
    ttftMs: record.ttftMs,
    attempts: record.attempts,
    usage: record.usage ? { inputTokens: record.usage.inputTokens, outputTokens: record.usage.outputTokens } : null,
    startedAt: record.startedAt,
    finishedAt: record.finishedAt,
    ...trustFields(record),
  };
}

/** Reasoning, confidence and the perturbation link, only when the record has them (issue 16). */
function trustFields(record: ResultRecord): Pick<SampleRow, 'reasoning' | 'confidence' | 'perturbation'> {
  const link = record.meta?.perturbation as SampleRow['perturbation'] | undefined;
  return {
    ...(record.reasoning && { reasoning: { text: record.reasoning.text, source: record.reasoning.source, tokens: record.reasoning.tokens } }),
    ...(record.confidence && { confidence: { value: record.confidence.value, source: record.confidence.source, method: record.confidence.method } }),
    ...(link && typeof link.baseId === 'string' && {
      perturbation: { baseId: link.baseId, name: link.name, type: link.type, changed: link.changed, variants: link.variants },
    }),
  };
}
