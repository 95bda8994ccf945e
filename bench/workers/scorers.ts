/**
 * Bench worker: each registered scorer's throughput on 100,000 outputs, then the time to
 * aggregate 100,000 records into a summary. Prints `{ scorers: [{ type, itemsPerS }], aggregation }`.
 * Usage: tsx bench/workers/scorers.ts [count]
 */
import type { Sample } from '../../lib/datasets/index.ts';
import { aggregateRecords, createManifest, describeRun } from '../../lib/engine/index.ts';
import { ExecutionSpecSchema } from '../../lib/spec/index.ts';
import type { ResultRecord } from '../../lib/results/index.ts';
import { scoreSync, scorerRegistry } from '../../lib/scorers/index.ts';
import type { ScorerDefinition } from '../../lib/scorers/index.ts';

const count = Number(process.argv[2] ?? 100_000);

/** Parameters to try for a scorer type, first that validates wins (new scorers need no edit here if one fits). */
const PARAM_CANDIDATES: Record<string, unknown>[] = [
  { reference: '{{answer}}' },
  { pattern: '\\b{{answer}}\\b', flags: 'i' },
  { optionFields: ['a0', 'a1', 'a2'], reference: '{{choice}}' },
  { positive: ['approve'], negative: ['deny'] },
  {},
];
const CITIES = ['Paris', 'Lima', 'Canberra', 'Ottawa', 'Nairobi', 'Hanoi', 'Quito', 'Oslo'];

/** A synthetic row that every scorer can read: QA fields, options, TruthfulQA MC2's answers and labels, and BBQ's fields (for `bbq`). */
function sampleAt(index: number): Sample {
  const answer = CITIES[index % CITIES.length]!;
  return {
    id: `s${index}`,
    data: {
      answer,
      choice: 'B',
      options: ['Oslo', answer, 'unknown'],
      number: String(index),
      question: `Capital #${index}?`,
      mc2_choices: [answer, 'Oslo', 'unknown', 'Lima'],
      mc2_labels: [1, 0, 0, 1],
      ...bbqFields(index),
    },
    source: { file: 'bench', line: index + 1 },
  };
}

function bbqFields(index: number): Record<string, unknown> {
  return {
    category: 'Age',
    label: index % 4 < 2 ? 2 : index % 2,
    question_index: String(1 + (index % 25)),
    example_id: index,
    question_polarity: index % 2 ? 'neg' : 'nonneg',
    context_condition: index % 4 < 2 ? 'ambig' : 'disambig',
    context: 'A grandson and his grandfather were trying to book a cab.',
    ans0: 'The grandfather',
    ans1: 'The grandson',
    ans2: 'Cannot be determined',
    answer_info: { ans0: ['grandfather', 'old'], ans1: ['grandson', 'nonOld'], ans2: ['Cannot be determined', 'unknown'] },
    additional_metadata: { stereotyped_groups: ['old'] },
  };
}

function outputAt(index: number): string {
  const city = CITIES[(index * 7) % CITIES.length]!;
  if (index % 3 === 0) return city;
  if (index % 3 === 1) return `The answer is ${city}. Approve.`;
  return `I think it is (B) ${city}, population ${index}; write to clerk${index}@example.org.`;
}

/** What a candidate that scores answers (MC2) returns for each of the scorer's continuations. */
function logLikelihoodsAt(index: number, answers: number): number[] {
  return Array.from({ length: answers }, (_, answer) => -1.5 - answer - (index % 5) * 0.25);
}

const samples = Array.from({ length: count }, (_, index) => sampleAt(index));
const outputs = Array.from({ length: count }, (_, index) => outputAt(index));
const scorers: { type: string; itemsPerS: number }[] = [];
for (const [type, definition] of Object.entries(scorerRegistry) as [string, ScorerDefinition][]) {
  const params = PARAM_CANDIDATES.map((candidate) => definition.params.safeParse(candidate)).find((parsed) => parsed.success);
  if (!params) continue;
  const scorer = definition.create(params.data as never, { id: type, ports: {} });
  // Scorers of answer log-likelihoods (MC2) get the candidate's, as the engine passes them.
  const answers = scorer.continuations?.(samples[0]!).length;
  const input = (index: number) => ({
    sample: samples[index]!,
    output: outputs[index]!,
    ...(answers === undefined ? {} : { optionLogLikelihoods: logLikelihoodsAt(index, answers) }),
  });
  // Graders that call a port (a judge model, a sandbox) are asynchronous and not measured here (the
  // local sandbox has a row of its own); without their ports they reject, which must not end the bench.
  const first = scorer.score(input(0));
  if (first instanceof Promise) {
    first.catch(() => undefined);
    continue;
  }
  const started = performance.now();
  let passed = 0;
  for (let index = 0; index < count; index++) if (scoreSync(scorer, input(index)).pass) passed++;
  const seconds = (performance.now() - started) / 1000;
  scorers.push({ type, itemsPerS: count / seconds });
  if (passed < 0) console.log(passed);
}

const sampleIds = samples.map((sample) => sample.id);
const run = describeRun({ execution: ExecutionSpecSchema.parse({ concurrency: 200 }), gates: [], slo: { e2e_ms: 100 } }, {}, {
  sampleIds,
  candidates: [{ id: 'm', provider: 'openai', kind: 'model', price: { inputPerMTokUsd: 1, outputPerMTokUsd: 2 }, params: {} }],
  scorers: [{ id: 'exact', type: 'exact', params: {} }],
});
const manifest = createManifest({
  runId: 'bench',
  createdAt: new Date().toISOString(),
  spec: { name: 'bench', path: 'bench.yaml', sha256: '0', resolved: { execution: { concurrency: 200, repeats: 1 }, slo: { e2e_ms: 100 } } },
  dataset: { paths: ['bench.jsonl'], format: 'jsonl', sha256: '0', sampleIds },
  run,
  versions: { verdict: '0', node: process.version },
  git: { commit: null, dirty: null },
});
const records: ResultRecord[] = samples.map((sample, index) => ({
  schemaVersion: 1,
  itemId: `${sample.id}|m|0`,
  shard: `shard-${String(Math.floor(index / 500)).padStart(5, '0')}`,
  sampleId: sample.id,
  candidate: 'm',
  repeat: 0,
  prompt: [{ role: 'user', content: String(sample.data.question) }],
  reference: String(sample.data.answer),
  output: outputs[index]!,
  error: null,
  scores: { exact: { value: index % 2, pass: index % 2 === 1 } },
  latencyMs: 50 + (index % 17),
  ttftMs: 20 + (index % 5),
  chunkTimesMs: [20 + (index % 5), 35, 50 + (index % 17)],
  usage: { inputTokens: 12, outputTokens: 3, source: 'server' },
  attempts: 1,
  startedAt: new Date(1_700_000_000_000 + index).toISOString(),
  finishedAt: new Date(1_700_000_000_050 + index).toISOString(),
}));
const started = performance.now();
await aggregateRecords(records, manifest);
const aggregationMs = performance.now() - started;
process.stdout.write(`${JSON.stringify({ count, scorers, aggregationMs })}\n`);
