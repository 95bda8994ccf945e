/**
 * The report's data contract: what `verdict report` writes and the page in `reports/` reads.
 * Types only, so the browser bundle can import them without pulling in Node code.
 *
 * The overview ({@link ReportIndex}) never contains records: a 100,000-record run renders its
 * overview from summaries and small digests, and the sample rows load in chunks on demand.
 */
import type { ChatMessage, Manifest, RecordError, StoredRunDescription, Summary } from '../results/index.ts';
import type { SandboxIsolation } from '../scorers/index.ts';

/** Id of the inline block holding the overview data. */
export const INDEX_BLOCK_ID = 'verdict-index';

/** Id of the inline block holding a sample chunk (single-file reports). */
export function chunkBlockId(name: string): string {
  return `verdict-chunk-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

/** Version of the report data layout; bump when the page must change with it. */
export const REPORT_DATA_VERSION = 1;

/** A latency (or TTFT) distribution reduced to what the charts draw. */
export interface DistributionDigest {
  readonly n: number;
  readonly min: number;
  readonly max: number;
  /** Histogram bin edges (length = counts + 1), shared by every candidate of the run. */
  readonly edges: readonly number[];
  readonly counts: readonly number[];
  /** Values above the last edge, folded into the last bin (a long tail would flatten the chart). */
  readonly overflow: number;
  /** Type-7 percentiles at p = 0, 1, ..., 100 (101 points) for the CDF. */
  readonly quantiles: readonly number[];
}

/** Per-candidate distributions of one run. */
export interface CandidateDistributions {
  readonly latency?: DistributionDigest;
  readonly ttft?: DistributionDigest;
}

/** The manifest as the report shows it: the full list of sample ids is dropped (count kept). */
export type ManifestView = Pick<Manifest, 'schemaVersion' | 'runId' | 'createdAt' | 'spec' | 'candidates' | 'scorers' | 'plan' | 'versions' | 'git'> & {
  dataset: Omit<Manifest['dataset'], 'sampleIds'>;
  /** How the run was carried out (`runDescriptionOf`): present for older runs too, described from their spec. */
  run: StoredRunDescription;
  /** The isolation the run's code sandbox achieved (runs whose scorers execute model code). */
  sandbox?: SandboxIsolation;
};

/** Where a run's sample rows are and what the filters can offer without loading them. */
export interface SampleIndex {
  readonly count: number;
  readonly chunkSize: number;
  /** Chunk names, loaded with the page's data loader (a file under data/, or an inline block). */
  readonly chunks: readonly string[];
  readonly candidates: readonly string[];
  readonly categories: readonly string[];
  readonly scorers: readonly string[];
  /** The scorer whose pass/fail decides a row's pass (the first scorer, as in accuracy). */
  readonly primaryScorer: string | null;
}

/** One run in the report. `summary` is null while the run is unsealed (still running or crashed). */
export interface ReportRun {
  readonly runId: string;
  /** Short, URL-safe key used in chunk names. */
  readonly key: string;
  /** `tampered`: sealed, but it fails `verdict verify` (its summary is not what its records compute). */
  readonly status: 'sealed' | 'incomplete' | 'tampered';
  /** What verification found wrong with a tampered run. */
  readonly problems?: readonly string[];
  readonly manifest: ManifestView;
  readonly summary: Summary | null;
  readonly distributions: Readonly<Record<string, CandidateDistributions>>;
  readonly samples: SampleIndex;
}

/** Everything the overview, bias, compare and provenance views need: no records. */
export interface ReportIndex {
  readonly reportDataVersion: typeof REPORT_DATA_VERSION;
  readonly generatedAt: string;
  readonly buildId: string;
  /** Set by `verdict serve`: the page polls `data/build.json` and offers a reload when runs change. */
  readonly live: boolean;
  readonly runs: readonly ReportRun[];
}

/** One record as the sample table shows it (prompt and output kept whole: they are the evidence). */
export interface SampleRow {
  /** Position in the run's plan order. */
  readonly i: number;
  readonly itemId: string;
  readonly sampleId: string;
  readonly candidate: string;
  readonly repeat: number;
  readonly category: string | null;
  readonly prompt: readonly ChatMessage[];
  readonly reference: string | null;
  readonly output: string | null;
  readonly error: RecordError | null;
  readonly scores: Readonly<Record<string, { value: number; pass: boolean; detail?: Record<string, unknown> }>>;
  /** Primary scorer passed and no error; null when the run has no scorer. */
  readonly pass: boolean | null;
  readonly latencyMs: number | null;
  readonly ttftMs: number | null;
  readonly attempts: number;
  readonly usage: { readonly inputTokens: number; readonly outputTokens: number } | null;
  readonly startedAt: string;
  readonly finishedAt: string;
  /** The chain of thought kept apart from the output (never scored). */
  readonly reasoning?: { readonly text: string; readonly source: string; readonly tokens: number | null };
  /** The answer's confidence and where it came from. */
  readonly confidence?: { readonly value: number; readonly source: string; readonly method: string };
  /** For a perturbed variant (or its original): the original's sample id and the variant's name. */
  readonly perturbation?: { readonly baseId: string; readonly name: string; readonly type?: string; readonly changed?: boolean; readonly variants?: readonly string[] };
}

/** A chunk of sample rows. */
export interface SampleChunk {
  readonly rows: readonly SampleRow[];
}
