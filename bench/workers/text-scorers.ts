/**
 * Bench worker: the text-similarity scorers (bleu, chrf, ter, rouge) on 100,000 sentence-length
 * outputs (the shipped customer-support sentences, English and Chinese, two references), then the
 * time to aggregate 100,000 BLEU records into corpus BLEU with its 1,000-resample bootstrap
 * interval. Prints `{ count, scorers: [{ type, itemsPerS }], corpusAggregationMs }`.
 * Usage: tsx bench/workers/text-scorers.ts [count]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Sample } from '../../lib/datasets/index.ts';
import type { ResultRecord } from '../../lib/results/index.ts';
import { scoreSync, scorerRegistry, type ScorerDefinition } from '../../lib/scorers/index.ts';

const count = Number(process.argv[2] ?? 100_000);
// The shipped customer-support sets (zh→en and en→zh, two references each) and their recorded
// outputs, cycled: real sentence lengths and word repetition, which TER's shift search depends on.
const ROOT = join(import.meta.dirname, '..', '..');
const readJsonl = (file: string) => readFileSync(join(ROOT, file), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
const rows = [...readJsonl('datasets/translation/zh-en.jsonl'), ...readJsonl('datasets/translation/en-zh.jsonl')] as { id: string; refs: string[] }[];
const recorded = new Map(
  [...readJsonl('datasets/replays/translation-zh-en.jsonl'), ...readJsonl('datasets/replays/translation-en-zh.jsonl')].map((row: { id: string; output: Record<string, string> }) => [row.id, row.output]),
);
const samples: Sample[] = Array.from({ length: count }, (_, index) => {
  const row = rows[index % rows.length]!;
  return { id: `s${index}`, data: { refs: row.refs }, source: { file: 'bench', line: index + 1 } };
});
const outputs = Array.from({ length: count }, (_, index) => {
  const output = recorded.get(rows[index % rows.length]!.id)!;
  return index % 2 === 0 ? output.fluent! : output.literal!;
});

const scorers: { type: string; itemsPerS: number }[] = [];
let bleuScores: ResultRecord['scores'][string][] = [];
for (const type of ['bleu', 'chrf', 'ter', 'rouge'] as const) {
  const definition = scorerRegistry[type] as unknown as ScorerDefinition;
  const scorer = definition.create(definition.params.parse({ references: '{{refs}}' }) as never, { id: type, ports: {} });
  const started = performance.now();
  const scores = samples.map((sample, index) => scoreSync(scorer, { sample, output: outputs[index]! }));
  scorers.push({ type, itemsPerS: count / ((performance.now() - started) / 1000) });
  if (type === 'bleu') bleuScores = scores;
}

const definition = scorerRegistry.bleu as unknown as ScorerDefinition;
const items = bleuScores.map((score, index) => ({ record: { sampleId: `s${index}`, category: `c${index % 5}` } as unknown as ResultRecord, score }));
const started = performance.now();
definition.aggregate!(items, { id: 'bleu', seed: 1, params: definition.params.parse({ references: '{{refs}}' }) as Record<string, unknown> });
const corpusAggregationMs = performance.now() - started;
process.stdout.write(`${JSON.stringify({ count, scorers, corpusAggregationMs })}\n`);
