import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Writes `rows` benchmark rows (`{ id, question, answer }`; the fake server echoes the question,
 * so `answer` is what it will say) and a spec with one openai candidate at `url`.
 */
export async function writeBenchRun(dir: string, options: { rows: number; url: string; concurrency: number; name: string; transport?: 'sdk' | 'http'; data?: string }): Promise<{ spec: string; data: string }> {
  const data = options.data ?? join(dir, `${options.name}.jsonl`);
  if (options.data === undefined) {
    const lines: string[] = [];
    for (let index = 0; index < options.rows; index++) {
      const question = `What is ${index} plus one? Answer with the number only.`;
      lines.push(JSON.stringify({ id: `q${index}`, question, answer: `echo: ${question}` }));
    }
    await writeFile(data, `${lines.join('\n')}\n`);
  }
  const spec = join(dir, `${options.name}.yaml`);
  await writeFile(
    spec,
    [
      `name: bench-${options.name}`,
      `dataset: { path: ${JSON.stringify(data)} }`,
      'prompt: "{{question}}"',
      'candidates:',
      `  - { id: fake, provider: openai, model: fake-model, baseURL: "${options.url}", transport: ${options.transport ?? 'sdk'}, price: { inputPerMTokUsd: 0.15, outputPerMTokUsd: 0.6 } }`,
      'scorers:',
      '  - { type: exact, reference: "{{answer}}" }',
      `execution: { concurrency: ${options.concurrency}, retries: 0 }`,
      '',
    ].join('\n'),
  );
  return { spec, data };
}

/**
 * Writes `rows` rows, a replay recording of them (every third answer wrong) and a spec with one
 * `replay` candidate: a run that calls no model, so its peak RSS is the harness's own.
 */
export async function writeReplayRun(dir: string, rows: number): Promise<{ spec: string }> {
  const data: string[] = [];
  const replay: string[] = [];
  for (let index = 0; index < rows; index++) {
    data.push(JSON.stringify({ id: `q${index}`, question: `What is ${index} plus one?`, answer: String(index + 1) }));
    replay.push(JSON.stringify({ id: `q${index}`, output: { text: index % 3 === 0 ? 'no' : String(index + 1) } }));
  }
  await writeFile(join(dir, `replay-${rows}.jsonl`), `${data.join('\n')}\n`);
  await writeFile(join(dir, `replay-${rows}-answers.jsonl`), `${replay.join('\n')}\n`);
  const spec = join(dir, `replay-${rows}.yaml`);
  await writeFile(
    spec,
    [
      `name: bench-replay-${rows}`,
      `dataset: { path: ${JSON.stringify(join(dir, `replay-${rows}.jsonl`))} }`,
      'prompt: "{{question}}"',
      `candidates: [{ id: recorded, provider: replay, file: ${JSON.stringify(join(dir, `replay-${rows}-answers.jsonl`))}, key: id, field: output.text }]`,
      'scorers: [{ type: exact, reference: "{{answer}}" }]',
      'execution: { concurrency: 200, retries: 0 }',
      '',
    ].join('\n'),
  );
  return { spec };
}

/** The rows {@link writeBenchRun} wrote, for the baseline loops that send them without Verdict. */
export async function readBenchRows(file: string): Promise<{ question: string; answer: string }[]> {
  return (await readFile(file, 'utf8'))
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as { question: string; answer: string });
}
