/**
 * Bench worker: the text-similarity scorers (bleu, chrf, ter, rouge) on 100,000 sentence-length
 * outputs (customer-support sentences in English and Chinese with two references), then the
 * time to aggregate 100,000 BLEU records into corpus BLEU with its 1,000-resample bootstrap
 * interval. Prints `{ count, scorers: [{ type, itemsPerS }], corpusAggregationMs }`.
 * Usage: tsx bench/workers/text-scorers.ts [count]
 */
import type { Sample } from '../../lib/datasets/index.ts';
import type { ResultRecord } from '../../lib/results/index.ts';
import { scorerRegistry, type ScorerDefinition } from '../../lib/scorers/index.ts';

const count = Number(process.argv[2] ?? 100_000);
const WORDS = 'your order has shipped and should arrive on friday please restart the router then try again refund sent to the original card'.split(' ');
const HAN = '您的订单已经发货预计周五送达请重启路由器然后再试一次退款已退回原支付账户'.split('');

function sentence(index: number, salt: number): string {
  if (index % 4 === 3) return Array.from({ length: 14 }, (_, k) => HAN[(index * 3 + k * (salt + 1)) % HAN.length]).join('') + '。';
  const words = Array.from({ length: 12 + (index % 9) }, (_, k) => WORDS[(index + k * (salt + 2)) % WORDS.length]);
  return `${words.join(' ')}.`;
}

const samples: Sample[] = Array.from({ length: count }, (_, index) => ({
  id: `s${index}`,
  data: { ref: sentence(index, 0), refs: [sentence(index, 0), sentence(index, 1)] },
  source: { file: 'bench', line: index + 1 },
}));
const outputs = Array.from({ length: count }, (_, index) => sentence(index, index % 3));

const scorers: { type: string; itemsPerS: number }[] = [];
let bleuScores: ResultRecord['scores'][string][] = [];
for (const type of ['bleu', 'chrf', 'ter', 'rouge'] as const) {
  const definition = scorerRegistry[type] as unknown as ScorerDefinition;
  const scorer = definition.create(definition.params.parse({ references: '{{refs}}' }) as never, { id: type });
  const started = performance.now();
  const scores = samples.map((sample, index) => scorer.score({ sample, output: outputs[index]! }));
  scorers.push({ type, itemsPerS: count / ((performance.now() - started) / 1000) });
  if (type === 'bleu') bleuScores = scores;
}

const definition = scorerRegistry.bleu as unknown as ScorerDefinition;
const items = bleuScores.map((score, index) => ({ record: { sampleId: `s${index}`, category: `c${index % 5}` } as unknown as ResultRecord, score }));
const started = performance.now();
definition.aggregate!(items, { id: 'bleu', seed: 1, params: definition.params.parse({ references: '{{refs}}' }) as Record<string, unknown> });
const corpusAggregationMs = performance.now() - started;
process.stdout.write(`${JSON.stringify({ count, scorers, corpusAggregationMs })}\n`);
