import { bbqFormat } from './bbq.ts';
import { arcFormat, cevalFormat, cmmluFormat, hellaswagFormat, mgsmFormat, mmluFormat, truthfulqaMc1Format, truthfulqaMc2Format } from './benchmark-formats.ts';
import { codeFormat, humanevalFormat, mbppFormat } from './code-formats.ts';

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

const passthrough = (row: Record<string, unknown>) => row;

/**
 * GSM8K rows: `question` and `answer`, whose last line is `#### <number>`.
 * Adds `ground_truth` (the number after ####) so specs can use `{{ground_truth}}`.
 */
const gsm8k: DatasetFormat = {
  parser: 'jsonl',
  defaults: {},
  adapt(row) {
    if (typeof row.question !== 'string') throw new Error('GSM8K row has no "question" string');
    if (row.ground_truth !== undefined || typeof row.answer !== 'string') return row;
    const match = /####\s*(.+)\s*$/.exec(row.answer);
    return match ? { ...row, ground_truth: match[1]!.trim() } : row;
  },
};

export const datasetFormats: Record<string, DatasetFormat> = {
  jsonl: { parser: 'jsonl', defaults: {}, adapt: passthrough },
  csv: { parser: 'csv', defaults: {}, adapt: passthrough },
  gsm8k,
  bbq: bbqFormat,
  parquet: { parser: 'parquet', defaults: {}, adapt: passthrough },
  mmlu: mmluFormat,
  cmmlu: cmmluFormat,
  ceval: cevalFormat,
  arc: arcFormat,
  hellaswag: hellaswagFormat,
  'truthfulqa-mc1': truthfulqaMc1Format,
  'truthfulqa-mc2': truthfulqaMc2Format,
  mgsm: mgsmFormat,
  humaneval: humanevalFormat,
  mbpp: mbppFormat,
  code: codeFormat,
};
