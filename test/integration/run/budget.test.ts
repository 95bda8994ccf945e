import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../../lib/datasets/index.ts';
import { createProgressReporter, runLocal } from '../../../lib/local/index.ts';
import { prepareRun } from '../../../lib/run/index.ts';
import { systemClock } from '../../../lib/providers/index.ts';
import type { ResultRecord } from '../../../lib/results/index.ts';
import { loadEvalSpec } from '../../../lib/spec/index.ts';
import { FsResultStore } from '../../../lib/store/index.ts';
import { startOpenAIServer, type OpenAIServer } from '../../fixtures/openai-server.ts';
import { makeWorkspace, questionRows, runCli } from '../../fixtures/workspace.ts';

/**
 * The local server counts words as tokens: "question 3" is 2 input tokens, "echo: question 3" 3
 * output tokens, so at $1 per token every item costs exactly $5.
 */
let server: OpenAIServer;
beforeAll(async () => {
  server = await startOpenAIServer();
});
afterAll(async () => {
  await server.close();
});

function workspace(execution: string): string {
  return makeWorkspace({
    'qa.jsonl': questionRows(6),
    'spec.yaml': `
name: budget-check
dataset: { path: qa.jsonl }
prompt: "{{question}}"
candidates:
  - { id: local, provider: openai, model: m, baseURL: "${server.url}", params: { temperature: 0.5 },
      price: { inputPerMTokUsd: 1000000, outputPerMTokUsd: 1000000 } }
scorers:
  - { type: includes, reference: "{{question}}" }
execution: { concurrency: 1, retries: 0, ${execution} }
`,
  });
}

async function readAll(store: FsResultStore): Promise<ResultRecord[]> {
  const records: ResultRecord[] = [];
  for await (const record of store.readRecords('r1')) records.push(record);
  return records;
}

async function run(dir: string) {
  const loaded = await loadEvalSpec(join(dir, 'spec.yaml'), {});
  const prepared = prepareRun(loaded, await loadDataset(loaded.spec.dataset, loaded.baseDir));
  const store = new FsResultStore(join(dir, 'results'));
  const before = server.requestCount;
  const result = await runLocal({ prepared, store, runId: 'r1', env: {}, clock: systemClock, progress: createProgressReporter({ quiet: true }) });
  const records = await readAll(store);
  records.sort((a, b) => a.sampleId.localeCompare(b.sampleId));
  return { ...result, records, asked: server.requestCount - before, sealed: await store.readSummary('r1') };
}

describe('run budgets', () => {
  it('stops dispatch before execution.maxCostUsd would be passed and records exactly the unrun items as BUDGET errors', async () => {
    // $5 spent, then $10; a third item would make $15 > $12.
    const { records, asked, budgetStop, summary, sealed } = await run(workspace('maxCostUsd: 12'));
    expect(asked).toBe(2);
    expect(records.filter((record) => record.error === null).map((record) => record.sampleId)).toEqual(['q01', 'q02']);
    const unrun = records.filter((record) => record.error?.code === 'BUDGET');
    expect(unrun.map((record) => record.sampleId)).toEqual(['q03', 'q04', 'q05', 'q06']);
    expect(unrun[0]).toMatchObject({ output: null, attempts: 0, latencyMs: null });
    expect(unrun[0]!.error!.message).toContain('execution.maxCostUsd = $12');
    expect(budgetStop).toMatchObject({ limit: 'execution.maxCostUsd', value: 12, spentUsd: 10, notRun: 4 });
    expect(summary.candidates.local!).toMatchObject({ n: 6, errors: 4 });
    expect(summary.candidates.local!.metrics['cost.usd']!.value).toBe(10);
    expect(sealed).not.toBeNull();
  });

  it('stops on execution.maxTokens the same way', async () => {
    // 5 tokens an item: 15 after three; a fourth would make 20 > 16.
    const { asked, budgetStop, records } = await run(workspace('maxTokens: 16'));
    expect(asked).toBe(3);
    expect(budgetStop).toMatchObject({ limit: 'execution.maxTokens', spentTokens: 15, notRun: 3 });
    expect(records.filter((record) => record.error?.code === 'BUDGET').map((record) => record.sampleId)).toEqual(['q04', 'q05', 'q06']);
  });

  it('runs everything when the budget is not reached', async () => {
    const { asked, budgetStop } = await run(workspace('maxCostUsd: 1000'));
    expect(asked).toBe(6);
    expect(budgetStop).toBeUndefined();
  });

  it('counts what an interrupted run spent when it is resumed (--resume does not reset the budget)', async () => {
    // $22 allows four items ($20; a fifth would make $25). The first attempt is interrupted after two
    // or three; a resume that forgot their spend would run every item left.
    const dir = workspace('maxCostUsd: 22');
    const loaded = await loadEvalSpec(join(dir, 'spec.yaml'), {});
    const prepared = prepareRun(loaded, await loadDataset(loaded.spec.dataset, loaded.baseDir));
    const store = new FsResultStore(join(dir, 'results'));
    const interrupt = new AbortController();
    const stopAfterTwo = { start() {}, stop() {}, update: (done: number) => void (done >= 2 && interrupt.abort()) };
    const first = runLocal({ prepared, store, runId: 'r1', env: {}, clock: systemClock, progress: stopAfterTwo, signal: interrupt.signal });
    await expect(first).rejects.toMatchObject({ code: 'RUN_INTERRUPTED' });
    // The interrupt stops new items; the one already dispatched still finishes, so 2 or 3 are recorded.
    const early = (await readAll(store)).length;
    expect(early).toBeGreaterThanOrEqual(2);
    expect(early).toBeLessThan(4);

    const before = server.requestCount;
    const resumed = await runLocal({ prepared, store, runId: 'r1', resume: true, env: {}, clock: systemClock, progress: createProgressReporter({ quiet: true }) });
    expect(server.requestCount - before).toBe(4 - early);
    expect(resumed.budgetStop).toMatchObject({ limit: 'execution.maxCostUsd', value: 22, spentUsd: 20, notRun: 2 });
    const records = await readAll(store);
    expect(records.filter((record) => record.error === null)).toHaveLength(4);
    expect(records.filter((record) => record.error?.code === 'BUDGET').map((record) => record.sampleId).sort()).toEqual(['q05', 'q06']);
    expect(resumed.summary.candidates.local!.metrics['cost.usd']!.value).toBe(20);
  });

  it('verdict run --max-cost seals the run and exits 3 with a clear message', async () => {
    const dir = workspace('maxCostUsd: 1000');
    const result = await runCli(['run', 'spec.yaml', '--run-id', 'capped', '--quiet', '--max-cost', '7'], { cwd: dir });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/the run could not complete: the next request would pass the budget \(execution\.maxCostUsd = \$7; spent \$5\.000000\): 5 items not run, recorded as BUDGET errors/);
    expect(result.stdout.trim()).toMatch(/capped$/);
  });
});
