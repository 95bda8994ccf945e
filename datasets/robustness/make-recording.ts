/**
 * Writes datasets/replays/robustness-hand-written.jsonl: a hand-written illustrative recording
 * (not a model's output) for evals/robustness.yaml, keyed by sample id and variant name. It
 * answers every original right, thinks aloud in a <think> block on the Chinese rows (so the sample
 * view shows reasoning kept apart), and fails the variants listed in FAILS — the kind of slips a
 * small model makes on typos and script changes. Rerun to reproduce it:
 *   npx tsx datasets/robustness/make-recording.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const VARIANTS = ['original', 'typo', 'case', 'paraphrase', 'width', 'chinese-script'];
const FAILS: Record<string, string> = {
  'rb-en-04~typo': '6',
  'rb-en-06~case': 'Minus four',
  'rb-en-03~width': 'Ag',
  'rb-zh-05~chinese-script': '高鶚',
  'rb-zh-02~paraphrase': '十个月',
};
const rows = readFileSync(join(import.meta.dirname, 'qa-en-zh.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { id: string; lang: string; answer: string });
const out: string[] = [];
for (const row of rows) {
  for (const name of VARIANTS) {
    const answer = FAILS[`${row.id}~${name}`] ?? row.answer;
    const text = row.lang === 'zh' ? `<think>先想一想题目在问什么。</think>${answer}` : answer;
    out.push(JSON.stringify({ id: row.id, perturbation: { name }, output: { text } }));
  }
}
writeFileSync(join(import.meta.dirname, '..', 'replays', 'robustness-hand-written.jsonl'), `${out.join('\n')}\n`);
