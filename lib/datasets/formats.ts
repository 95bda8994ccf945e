import { bbqFormat } from './bbq.ts';
import { arcFormat, cevalFormat, cmmluFormat, hellaswagFormat, mgsmFormat, mmluFormat, truthfulqaMc1Format, truthfulqaMc2Format } from './benchmark-formats.ts';
import { codeFormat, humanevalFormat, mbppFormat } from './code-formats.ts';
import type { DatasetFormat } from './dataset-format.ts';

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
