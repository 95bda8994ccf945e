import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDataset } from '../../../lib/datasets/index.ts';
import { createProgressReporter, runLocal, type LocalRunResult } from '../../../lib/local/index.ts';
import { prepareRun } from '../../../lib/run/index.ts';
import { systemClock } from '../../../lib/providers/index.ts';
import { loadEvalSpec } from '../../../lib/spec/index.ts';
import { FsResultStore } from '../../../lib/store/index.ts';

/** A temp folder with `rows.jsonl` (q: "n?", a: "echo: n?") and a spec whose YAML body is given. */
export async function runSpec(specYaml: string, rows: number): Promise<LocalRunResult & { dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'verdict-load-'));
  const lines = Array.from({ length: rows }, (_, index) => JSON.stringify({ id: `r${index}`, q: `${index}?`, a: `echo: ${index}?` }));
  await writeFile(join(dir, 'rows.jsonl'), `${lines.join('\n')}\n`);
  await writeFile(join(dir, 'spec.yaml'), specYaml);
  const loaded = await loadEvalSpec(join(dir, 'spec.yaml'), {});
  const dataset = await loadDataset(loaded.spec.dataset, loaded.baseDir);
  const result = await runLocal({
    prepared: prepareRun(loaded, dataset),
    store: new FsResultStore(join(dir, 'results')),
    runId: 'run',
    env: {},
    clock: systemClock,
    progress: createProgressReporter({ quiet: true }),
  });
  return { ...result, dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** The spec text for one openai candidate at `url`. */
export function specText(url: string, extra: string, candidateExtra = ''): string {
  return [
    'name: load-test',
    'dataset: { path: rows.jsonl }',
    'prompt: "{{q}}"',
    'candidates:',
    `  - { id: m, provider: openai, model: fake-model, baseURL: "${url}", stream: true${candidateExtra} }`,
    'scorers:',
    '  - { type: exact, reference: "{{a}}" }',
    extra,
  ].join('\n');
}
