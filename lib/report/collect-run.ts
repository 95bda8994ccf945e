import type { Manifest, ResultRecord, Summary } from '../results/index.ts';
import { runDescriptionOf, storedRunDescription } from '../engine/index.ts';
import { digestDistribution, sharedEdges } from './distribution-digest.ts';
import type { CandidateDistributions, ManifestView, ReportRun, SampleRow } from './report-data.ts';
import { planOrder, toSampleRow } from './sample-rows.ts';

/** Rows per sample chunk: ~1–3 MB of JSON, parsed in tens of milliseconds. */
export const SAMPLE_CHUNK_SIZE = 5000;

/** Where the report's sample chunks go: files beside the site, or blocks inlined into one HTML file. */
export interface ChunkSink {
  /** Stores one chunk's JSON text under `name` (e.g. `r0/samples-0003`). */
  writeChunk(name: string, json: string): Promise<void>;
}

/** What {@link collectRun} reads: one run of a result store. */
export interface RunSource {
  readonly runId: string;
  readonly key: string;
  readonly manifest: Manifest;
  readonly summary: Summary | null;
  readonly records: AsyncIterable<ResultRecord>;
}

/**
 * Reads one run's records once, in a single pass: rows go to the sink in chunks of
 * {@link SAMPLE_CHUNK_SIZE} (plan order within each shard, and shards are contiguous plan
 * ranges, so plan order overall), and latency/TTFT values are kept as numbers for the digests.
 */
export async function collectRun(source: RunSource, sink: ChunkSink): Promise<ReportRun> {
  const { manifest } = source;
  const primaryScorer = manifest.scorers[0]?.id ?? null;
  const order = planOrder(manifest);
  const latencies = new Map<string, number[]>();
  const ttfts = new Map<string, number[]>();
  const categories = new Set<string>();
  const chunks: string[] = [];
  let pending: SampleRow[] = [];
  let shardBuffer: ResultRecord[] = [];
  let shard: string | null = null;
  let count = 0;

  const flushChunk = async (force: boolean): Promise<void> => {
    while (pending.length >= SAMPLE_CHUNK_SIZE || (force && pending.length > 0)) {
      const rows = pending.slice(0, SAMPLE_CHUNK_SIZE);
      pending = pending.slice(rows.length);
      const name = `${source.key}/samples-${String(chunks.length).padStart(4, '0')}`;
      chunks.push(name);
      await sink.writeChunk(name, JSON.stringify({ rows }));
    }
  };
  const flushShard = async (): Promise<void> => {
    shardBuffer.sort((a, b) => order(a) - order(b));
    for (const record of shardBuffer) {
      pending.push(toSampleRow(record, count++, primaryScorer));
      if (record.category !== undefined) categories.add(record.category);
      if (!record.error) {
        if (record.latencyMs !== null) push(latencies, record.candidate, record.latencyMs);
        if (record.ttftMs !== null) push(ttfts, record.candidate, record.ttftMs);
      }
    }
    shardBuffer = [];
    await flushChunk(false);
  };

  for await (const record of source.records) {
    if (record.shard !== shard) {
      await flushShard();
      shard = record.shard;
    }
    shardBuffer.push(record);
  }
  await flushShard();
  await flushChunk(true);

  const candidateIds = manifest.candidates.map((candidate) => candidate.id);
  return {
    runId: source.runId,
    key: source.key,
    status: source.summary ? 'sealed' : 'incomplete',
    manifest: manifestView(manifest),
    summary: source.summary,
    distributions: distributions(candidateIds, latencies, ttfts),
    samples: {
      count,
      chunkSize: SAMPLE_CHUNK_SIZE,
      chunks,
      candidates: candidateIds,
      categories: [...categories].sort((a, b) => a.localeCompare(b)),
      scorers: manifest.scorers.map((scorer) => scorer.id),
      primaryScorer,
    },
  };
}

function push(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function distributions(
  candidates: readonly string[],
  latencies: Map<string, number[]>,
  ttfts: Map<string, number[]>,
): Record<string, CandidateDistributions> {
  const latencyEdges = sharedEdges([...latencies.values()]);
  const ttftEdges = sharedEdges([...ttfts.values()]);
  const out: Record<string, CandidateDistributions> = {};
  for (const id of candidates) {
    const latency = latencyEdges ? digestDistribution(latencies.get(id) ?? [], latencyEdges) : null;
    const ttft = ttftEdges ? digestDistribution(ttfts.get(id) ?? [], ttftEdges) : null;
    out[id] = { ...(latency && { latency }), ...(ttft && { ttft }) };
  }
  return out;
}

/** The manifest without its list of every sample id (100,000 ids do not belong in the overview). */
export function manifestView(manifest: Manifest): ManifestView {
  const { sampleIds: _sampleIds, ...dataset } = manifest.dataset;
  return { ...manifest, dataset, run: storedRunDescription(runDescriptionOf(manifest)) };
}
