import { writeFile } from 'node:fs/promises';
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
