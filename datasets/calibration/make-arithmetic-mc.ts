/**
 * Writes datasets/calibration/arithmetic-mc.jsonl: 1,200 four-option arithmetic questions with
 * seeded distractors (the team's own data), and datasets/replays/arithmetic-mc-rule-based.jsonl:
 * a synthetic recording — not a model — made by a fixed rule: right on addition and subtraction
 * with "Confidence: 90%", a seeded guess on multiplication with "Confidence: 60%" (so it is
 * over-confident where it guesses). Rerun to reproduce both byte for byte:
 *   npx tsx datasets/calibration/make-arithmetic-mc.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRng } from '../../lib/stats/index.ts';

const rng = createRng(16);
const operations = [
  { name: 'add', symbol: '+', apply: (a: number, b: number) => a + b },
  { name: 'subtract', symbol: '−', apply: (a: number, b: number) => a - b },
  { name: 'multiply', symbol: '×', apply: (a: number, b: number) => a * b },
] as const;
const rows: string[] = [];
const recording: string[] = [];
for (let index = 1; index <= 1200; index++) {
  const operation = operations[index % operations.length]!;
  const a = operation.name === 'multiply' ? 3 + rng.nextInt(17) : 10 + rng.nextInt(90);
  const b = operation.name === 'multiply' ? 3 + rng.nextInt(17) : 10 + rng.nextInt(90);
  const right = operation.apply(a, b);
  const wrong = new Set<number>();
  for (const offset of [10, -10, 1, -1, 2, -2, 11, -9]) {
    if (wrong.size === 3) break;
    if (rng.nextFloat() < 0.6 && right + offset !== right) wrong.add(right + offset);
  }
  for (let offset = 3; wrong.size < 3; offset++) wrong.add(right + offset);
  const options = [right, ...wrong];
  for (let at = options.length - 1; at > 0; at--) {
    const other = rng.nextInt(at + 1);
    [options[at], options[other]] = [options[other]!, options[at]!];
  }
  const answer = String.fromCharCode(65 + options.indexOf(right));
  const id = `am-${String(index).padStart(4, '0')}`;
  rows.push(JSON.stringify({ id, question: `What is ${a} ${operation.symbol} ${b}?`, options: options.map(String), answer, operation: operation.name }));
  const guess = operation.name === 'multiply';
  const letter = guess ? String.fromCharCode(65 + rng.nextInt(4)) : answer;
  recording.push(JSON.stringify({ id, output: { text: `${letter}\nConfidence: ${guess ? 60 : 90}%` } }));
}
writeFileSync(join(import.meta.dirname, '..', 'replays', 'arithmetic-mc-rule-based.jsonl'), `${recording.join('\n')}\n`);
writeFileSync(join(import.meta.dirname, 'arithmetic-mc.jsonl'), `${rows.join('\n')}\n`);
