/** Where a row came from, for error messages. */
export interface RowLocation {
  readonly file: string;
  readonly line: number;
}

/**
 * A dataset format: which parser reads its files, the fields it uses by default, and an
 * adapter that maps a source row onto the fields prompts and scorers use.
 */
export interface DatasetFormat {
  /** `auto` picks by extension: `.csv` CSV, `.parquet` Parquet, anything else JSONL. */
  readonly parser: 'jsonl' | 'csv' | 'parquet' | 'auto';
  readonly defaults: { readonly idField?: string; readonly categoryField?: string; readonly clusterField?: string };
  /** Returns the row to store as `sample.data`; throws a message (no location) when the row is unusable. */
  adapt(row: Record<string, unknown>, location: RowLocation): Record<string, unknown>;
  /** A sample id when the format has a natural key (e.g. BBQ's category + example_id). */
  idOf?(row: Record<string, unknown>): string | undefined;
  /** The prompt used when a spec gives neither `prompt` nor `messages` (e.g. BBQ's A/B/C question). */
  readonly defaultPrompt?: string;
  /** The scorers used when a spec names none (spec scorer entries, parsed with the spec). */
  readonly defaultScorers?: readonly Readonly<Record<string, unknown>>[];
}
