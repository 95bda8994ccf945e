import { MANIFEST_SCHEMA_VERSION, type Manifest, type ResultRecord } from '../../../lib/results/index.ts';
import { SampleOutcomes } from '../../../lib/engine/sample-outcomes.ts';

/** One result record with just what aggregation reads. */
export function record(fields: {
  sampleId: string;
  candidate: string;
  repeat?: number;
  pass: boolean;
  /** Extra scorer values by scorer id (the primary `exact` follows `pass`). */
  scores?: Record<string, number>;
  cluster?: string;
  category?: string;
  error?: boolean;
}): ResultRecord {
  const repeat = fields.repeat ?? 0;
  const scores: ResultRecord['scores'] = { exact: { value: fields.pass ? 1 : 0, pass: fields.pass } };
  for (const [id, value] of Object.entries(fields.scores ?? {})) scores[id] = { value, pass: value >= 0.5 };
  return {
    schemaVersion: 1,
    itemId: `${fields.sampleId}:${fields.candidate}:${repeat}`,
    shard: 'shard-00000',
    sampleId: fields.sampleId,
    candidate: fields.candidate,
    repeat,
    ...(fields.cluster !== undefined && { cluster: fields.cluster }),
    ...(fields.category !== undefined && { category: fields.category }),
    prompt: [{ role: 'user', content: 'q' }],
    output: fields.error ? null : 'a',
    error: fields.error ? { code: 'PROVIDER_HTTP', message: 'boom' } : null,
    scores: fields.error ? {} : scores,
    latencyMs: 10,
    ttftMs: null,
    usage: null,
    attempts: 1,
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:01.000Z',
  };
}

/** A manifest for aggregation tests: candidates with kinds, scorers by id (type = id), repeats, spec extras. */
export function manifest(options: {
  candidates: { id: string; kind?: 'model' | 'control' | 'replay' }[];
  scorers?: string[];
  repeats?: number;
  spec?: Record<string, unknown>;
  sampleIds?: string[];
}): Manifest {
  const repeats = options.repeats ?? 1;
  const sampleIds = options.sampleIds ?? [];
  return {
    schemaVersion: MANIFEST_SCHEMA_VERSION,
    runId: 'run-test',
    createdAt: '2026-01-01T00:00:00.000Z',
    spec: { name: 'unit', path: 'unit.yaml', sha256: 'spec-sha', resolved: { name: 'unit', execution: { seed: 7 }, ...options.spec } },
    dataset: { paths: ['d.jsonl'], format: 'jsonl', sha256: 'data-sha', count: sampleIds.length, sampleIds },
    candidates: options.candidates.map((candidate) => ({ id: candidate.id, provider: candidate.kind === 'control' ? 'control' : 'replay', kind: candidate.kind ?? 'replay' })),
    scorers: (options.scorers ?? ['exact']).map((id) => ({ id, type: id })),
    plan: { items: 0, repeats, shardSize: 100, shards: [] },
    versions: { verdict: '0.0.0', node: 'v20' },
    git: { commit: null, dirty: null },
  };
}

/** Paired pass/fail records for candidates a and b with the given 2×2 counts (sample ids s0, s1, ...). */
export function pairedRecords(a: string, b: string, counts: { onlyA: number; onlyB: number; both: number; neither: number }): ResultRecord[] {
  const out: ResultRecord[] = [];
  let index = 0;
  const push = (count: number, passA: boolean, passB: boolean) => {
    for (let i = 0; i < count; i++, index++) {
      out.push(record({ sampleId: `s${index}`, candidate: a, pass: passA }), record({ sampleId: `s${index}`, candidate: b, pass: passB }));
    }
  };
  push(counts.onlyA, true, false);
  push(counts.onlyB, false, true);
  push(counts.both, true, true);
  push(counts.neither, false, false);
  return out;
}

/** Per-candidate sample outcomes of records (primary scorer `exact`, plus `extraScorers`). */
export function outcomesOf(records: ResultRecord[], extraScorers: string[] = []): Map<string, SampleOutcomes> {
  const out = new Map<string, SampleOutcomes>();
  for (const item of records) {
    if (!out.has(item.candidate)) out.set(item.candidate, new SampleOutcomes('exact', ['exact', ...extraScorers]));
    out.get(item.candidate)!.add(item);
  }
  return out;
}
