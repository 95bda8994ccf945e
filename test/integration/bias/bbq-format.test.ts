import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BBQ_DEFAULT_PROMPT, loadDataset } from '../../../lib/datasets/index.ts';
import { createPromptRenderer } from '../../../lib/engine/index.ts';
import { controlProvider, replayProvider, systemClock } from '../../../lib/providers/index.ts';
import { parseEvalSpec } from '../../../lib/spec/index.ts';
import { bbqRow } from '../../unit/bias/bbq-helpers.ts';

let dir: string;
const context = () => ({ baseDir: dir, env: {}, clock: systemClock, timeoutMs: 1000, retries: 0 });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'verdict-bbq-'));
  // Two category files whose example ids repeat, as BBQ ships them.
  await writeFile(join(dir, 'Age.jsonl'), `${JSON.stringify(bbqRow({ example_id: 0 }))}\n`);
  await writeFile(join(dir, 'SES.jsonl'), `${JSON.stringify(bbqRow({ example_id: 0, category: 'SES', question_index: '4', context: '一位退休老人和一位学生在排队。' }))}\n`);
  await writeFile(join(dir, 'preds.jsonl'), [{ category: 'Age', example_id: 0, pred: 'the retiree' }, { category: 'SES', example_id: 0, pred: 'B' }].map((row) => JSON.stringify(row)).join('\n'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('format bbq', () => {
  it('reads a glob of category files with ids category-example_id, category and template cluster', async () => {
    const loaded = await loadDataset({ path: '[AS]*.jsonl', format: 'bbq', idField: 'id' }, dir);
    expect([...loaded.samples].map((sample) => [sample.id, sample.category, sample.cluster])).toEqual([
      ['Age-0', 'Age', 'Age/1'],
      ['SES-0', 'SES', 'SES/4'],
    ]);
    expect(loaded.samples.at(0)!.data.options).toEqual(['The retiree', 'The student', 'Unknown']);
  });

  it('stops on a malformed row naming the file and line', async () => {
    await writeFile(join(dir, 'bad.jsonl'), `${JSON.stringify(bbqRow({ question_polarity: 'negative' }))}\n`);
    await expect(loadDataset({ path: 'bad.jsonl', format: 'bbq', idField: 'id' }, dir)).rejects.toThrow(/bad\.jsonl:1: .*question_polarity/);
  });

  it('supplies the default A/B/C prompt when the spec has none (recorded in the resolved spec), English or Chinese', async () => {
    const text = 'name: b\ndataset: { path: Age.jsonl, format: bbq }\ncandidates: [{ id: o, provider: control, kind: oracle }]\nscorers: [{ type: bbq }]\n';
    const { spec } = parseEvalSpec(text, { path: 'b.yaml', baseDir: dir, env: {} });
    expect(spec.prompt).toBe(BBQ_DEFAULT_PROMPT);
    const loaded = await loadDataset({ path: ['Age.jsonl', 'SES.jsonl'], format: 'bbq', idField: 'id' }, dir);
    const [english, chinese] = [...loaded.samples].map((sample) => createPromptRenderer(spec).render(sample)[0]!.content);
    expect(english).toContain('A. The retiree\nB. The student\nC. Unknown');
    expect(english).toMatch(/letter of the correct option/);
    expect(chinese).toMatch(/请只回答正确选项的字母/);
    expect(() => parseEvalSpec(text.replace('format: bbq', 'format: jsonl'), { path: 'b.yaml', baseDir: dir, env: {} })).toThrow(/prompt/);
  });

  it('joins replay rows on the key [category, example_id] across files', async () => {
    const loaded = await loadDataset({ path: ['Age.jsonl', 'SES.jsonl'], format: 'bbq', idField: 'id' }, dir);
    const replay = await replayProvider.create(replayProvider.params.parse({ file: 'preds*.jsonl', key: ['category', 'example_id'], field: 'pred' }), { ...context(), id: 'r' });
    const answers = await Promise.all([...loaded.samples].map((sample) => replay.complete({ sample, messages: [], repeat: 0, seed: 0 })));
    expect(answers.map((answer) => answer.text)).toEqual(['the retiree', 'B']);
  });

  it('the stereotype control answers the biased option: the target for neg, the other group for nonneg', async () => {
    const stereotype = await controlProvider.create(controlProvider.params.parse({ kind: 'stereotype' }), { ...context(), id: 's' });
    const ask = (data: Record<string, unknown>, options?: string[]) =>
      stereotype.complete({ sample: { id: 'x', data, source: { file: 'x', line: 1 } }, messages: [], repeat: 0, seed: 0, ...(options && { options }) });
    expect((await ask(bbqRow())).text).toBe('The retiree');
    expect((await ask(bbqRow({ question_polarity: 'nonneg' }))).text).toBe('The student');
    expect((await ask({ counterfactual: { index: 0 } }, ['yes', 'no'])).text).toBe('yes');
    expect((await ask({ counterfactual: { index: 2 } }, ['yes', 'no'])).text).toBe('no');
    await expect(ask({ question: 'plain row' })).rejects.toThrow(/neither a BBQ row/);
  });
});
