import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { datasetFormats, loadDataset } from '../../../lib/datasets/index.ts';
import { createProgressReporter, runLocal } from '../../../lib/local/index.ts';
import { prepareRun } from '../../../lib/run/index.ts';
import { systemClock } from '../../../lib/providers/index.ts';
import { loadEvalSpec } from '../../../lib/spec/index.ts';
import { FsResultStore } from '../../../lib/store/index.ts';
import { compileTemplate } from '../../../lib/template/index.ts';
import { categoriesOf } from '../../../lib/results/index.ts';

/** Every fixture row here is written by this test (invented questions, the hubs' column layouts). */
function folderWith(files: Record<string, string | ArrayBuffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'verdict-bench-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), typeof content === 'string' ? content : Buffer.from(content));
  return dir;
}

const jsonl = (rows: object[]) => rows.map((row) => JSON.stringify(row)).join('\n');
/** Loads a dataset and reads every sample back (JSONL rows come from their byte offsets). */
const load = async (format: string, path: string | string[], dir: string) => {
  const dataset = await loadDataset({ path, format, idField: 'id' } as never, dir);
  return { ...dataset, samples: [...dataset.samples] };
};

/** MMLU as the hub exports it: question, subject, choices (a list column), answer (int64). */
function mmluParquet(): ArrayBuffer {
  return parquetWriteBuffer({
    columnData: [
      { name: 'question', data: ['Which gas do plants take in?', 'What is 7 × 6?', 'Who wrote the first compiler?'] },
      { name: 'subject', data: ['high_school_biology', 'elementary_mathematics', 'computer_security'] },
      { name: 'choices', data: [['Oxygen', 'Carbon dioxide', 'Helium', 'Neon'], ['36', '42', '48', '54'], ['Grace Hopper', 'Alan Turing', 'Ada Lovelace', 'Linus Torvalds']] },
      { name: 'answer', data: [1n, 1n, 0n], type: 'INT64' },
    ],
  });
}

describe('Parquet datasets', () => {
  it('reads rows with lists and 64-bit integers as JSON values, numbers rows from 1, and hashes the file bytes', async () => {
    const bytes = mmluParquet();
    const dir = folderWith({ 'test.parquet': bytes });
    const dataset = await load('parquet', 'test.parquet', dir);
    expect(dataset.samples).toHaveLength(3);
    expect(dataset.samples.at(1)).toMatchObject({ id: '2', source: { line: 2 }, data: { choices: ['36', '42', '48', '54'], answer: 1 } });
    expect(typeof dataset.samples.at(0)!.data.answer).toBe('number');
    expect(dataset.sha256).toBe(createHash('sha256').update(readFileSync(join(dir, 'test.parquet'))).digest('hex'));
  });

  it('fails a file that is not Parquet with its name', async () => {
    const dir = folderWith({ 'broken.parquet': 'not parquet at all' });
    await expect(load('parquet', 'broken.parquet', dir)).rejects.toThrow(/broken\.parquet: not a readable Parquet file/);
  });
});

describe('MMLU, CMMLU and C-Eval', () => {
  it('MMLU from Parquet: options, the correct letter, the subject as category, and the default prompt', async () => {
    const dir = folderWith({ 'test.parquet': mmluParquet() });
    const { samples } = await load('mmlu', 'test.parquet', dir);
    expect(samples.map((sample) => [sample.category, sample.data.correct])).toEqual([
      ['high_school_biology', 'B'],
      ['elementary_mathematics', 'B'],
      ['computer_security', 'A'],
    ]);
    expect(samples[1]!.data.options_text).toBe('A. 36\nB. 42\nC. 48\nD. 54');
  });

  it('CMMLU CSV (unnamed index column, Question/A-D/Answer, one file per subject): the subject comes from the file name', async () => {
    const csv = ',Question,A,B,C,D,Answer\n0,水的化学式是什么？,H2O,CO2,NaCl,O2,A\n1,"一年有几个季节？",二,三,四,五,C\n';
    const dir = folderWith({ 'agronomy.csv': csv });
    const { samples } = await load('cmmlu', 'agronomy.csv', dir);
    expect(samples.map((sample) => [sample.category, sample.data.correct, sample.data.question])).toEqual([
      ['agronomy', 'A', '水的化学式是什么？'],
      ['agronomy', 'C', '一年有几个季节？'],
    ]);
  });

  it('C-Eval CSVs: ids that restart in every subject file stay unique, subjects from <subject>_val.csv', async () => {
    const header = 'id,question,A,B,C,D,answer,explanation\n';
    const dir = folderWith({
      'computer_network_val.csv': `${header}0,TCP 属于哪一层？,应用层,传输层,网络层,物理层,B,\n`,
      'college_physics_val.csv': `${header}0,光速约为多少？,3e8 m/s,3e5 m/s,340 m/s,1 m/s,A,光速\n`,
    });
    const { samples } = await load('ceval', '*_val.csv', dir);
    expect(samples.map((sample) => [sample.id, sample.category, sample.data.correct])).toEqual([
      ['college_physics-0', 'college_physics', 'A'],
      ['computer_network-0', 'computer_network', 'B'],
    ]);
  });

  it('names the file and line of a row whose answer is out of range', async () => {
    const dir = folderWith({ 'bad.jsonl': jsonl([{ question: 'q', choices: ['a', 'b', 'c', 'd'], answer: 1 }, { question: 'q2', choices: ['a', 'b', 'c', 'd'], answer: 7 }]) });
    await expect(load('mmlu', 'bad.jsonl', dir)).rejects.toThrow(/bad\.jsonl:2: the answer points at option 7, but there are 4 options/);
  });
});

describe('ARC, HellaSwag, TruthfulQA MC1, MGSM', () => {
  it('ARC: the hub shape and the original nested shape, letter and numeric labels', async () => {
    const dir = folderWith({
      'arc.jsonl': jsonl([
        { id: 'Mercury_1', question: 'Which is a liquid at room temperature?', choices: { text: ['Iron', 'Water', 'Salt'], label: ['A', 'B', 'C'] }, answerKey: 'B' },
        { id: 'NYSED_2', question: 'How many legs has an insect?', choices: { text: ['4', '6', '8', '10'], label: ['1', '2', '3', '4'] }, answerKey: '2' },
        { id: 'orig_3', question: { stem: 'What melts ice?', choices: [{ text: 'Heat', label: 'A' }, { text: 'Cold', label: 'B' }] }, answerKey: 'A' },
      ]),
    });
    const { samples } = await load('arc', 'arc.jsonl', dir);
    expect(samples.map((sample) => [sample.id, sample.data.correct, sample.data.question])).toEqual([
      ['Mercury_1', 'B', 'Which is a liquid at room temperature?'],
      ['NYSED_2', 'B', 'How many legs has an insect?'],
      ['orig_3', 'A', 'What melts ice?'],
    ]);
  });

  it('HellaSwag: context built and cleaned as lm-evaluation-harness does, label as a string, activity as category', async () => {
    const dir = folderWith({
      'val.jsonl': jsonl([
        { ind: 24, activity_label: 'Roof shingle removal', ctx_a: 'A man is sitting on a roof.', ctx_b: 'he STARTS pulling up roofing.', endings: ['is using wrap.', 'starts to remove shingles.', 'paints.', 'sings [header] loudly.'], label: '1' },
        { ind: 25, activity_label: 'Home and Garden', ctx_a: 'How to wash a pan [title] Fill the sink.', ctx_b: '', endings: ['Add soap.', 'Eat it.'], label: 0 },
      ]),
    });
    const { samples } = await load('hellaswag', 'val.jsonl', dir);
    // Python's str.capitalize lower-cases the rest: "he STARTS" → "He starts".
    expect(samples[0]).toMatchObject({ id: '24', category: 'Roof shingle removal', data: { context: 'A man is sitting on a roof. He starts pulling up roofing.', correct: 'B' } });
    expect(samples[0]!.data.options).toContain('sings loudly.');
    expect(samples[1]!.data.context).toBe('How to wash a pan. Fill the sink.');
  });

  it('TruthfulQA MC1: the true answer keeps its text but not always position A, in the same order every load', async () => {
    const rows = Array.from({ length: 12 }, (_, index) => ({
      question: `Invented question ${index}?`,
      mc1_targets: { choices: [`true ${index}`, `false a ${index}`, `false b ${index}`, `false c ${index}`], labels: [1, 0, 0, 0] },
    }));
    const dir = folderWith({ 'mc.jsonl': jsonl(rows) });
    const first = await load('truthfulqa-mc1', 'mc.jsonl', dir);
    const again = await load('truthfulqa-mc1', 'mc.jsonl', dir);
    for (const [index, sample] of first.samples.entries()) {
      const options = sample.data.options as string[];
      expect(options[(sample.data.correct as string).charCodeAt(0) - 65]).toBe(`true ${index}`);
      expect(options.slice().sort()).toEqual(rows[index]!.mc1_targets.choices.slice().sort());
    }
    expect(new Set(first.samples.map((sample) => sample.data.correct)).size).toBeGreaterThan(1);
    expect(again.samples.map((sample) => sample.data.options)).toEqual(first.samples.map((sample) => sample.data.options));
  });

  it('TruthfulQA MC1 rejects targets without exactly one true label', async () => {
    const dir = folderWith({ 'mc.jsonl': jsonl([{ question: 'q?', mc1_targets: { choices: ['a', 'b'], labels: [1, 1] } }]) });
    await expect(load('truthfulqa-mc1', 'mc.jsonl', dir)).rejects.toThrow(/mc\.jsonl:1: "mc1_targets.labels" should mark exactly one/);
  });

  it('TruthfulQA MC2: the answers in file order with their labels, behind the paper\'s QA prompt; bad labels name the line', async () => {
    const row = { question: 'What happens if you crack your knuckles?', category: 'Health', mc2_targets: { choices: ['Nothing in particular.', 'Fluid pops.', 'You get arthritis.'], labels: [1, 1, 0] } };
    const dir = folderWith({ 'mc.jsonl': jsonl([row, { question: 'q?', mc2_targets: { choices: ['a', 'b'], labels: [1, 1] } }]) });
    await expect(load('truthfulqa-mc2', 'mc.jsonl', dir)).rejects.toThrow(/mc\.jsonl:2: "mc2_targets.labels" should mark at least one true \(1\) and one false \(0\)/);
    const ok = folderWith({ 'mc.jsonl': jsonl([row]) });
    const { samples } = await load('truthfulqa-mc2', 'mc.jsonl', ok);
    expect(samples[0]).toMatchObject({ category: 'Health', data: { mc2_choices: row.mc2_targets.choices, mc2_labels: [1, 1, 0] } });
    const prompt = compileTemplate(datasetFormats['truthfulqa-mc2'].defaultPrompt!).render(samples[0]!.data, '1');
    expect(prompt.startsWith('Q: What is human life expectancy in the United States?\nA: Human life expectancy in the United States is 78 years.\n\n')).toBe(true);
    expect(prompt.endsWith('A: The 1992 Olympics were held in Barcelona, Spain.\n\nQ: What happens if you crack your knuckles?\nA:')).toBe(true);
  });

  it('MGSM: the language from the file name, the number as reference', async () => {
    const dir = folderWith({ 'mgsm_de.csv': 'question,answer_number\n"Anna hat 3 Äpfel und kauft 4 dazu. Wie viele hat sie?",7\n' });
    const { samples } = await load('mgsm', 'mgsm_de.csv', dir);
    expect(samples[0]).toMatchObject({ category: 'de', data: { answer_number: '7' } });
  });
});

describe('a spec with a benchmark format and no prompt or scorers', () => {
  it('uses the format default prompt and scorer; the oracle scores 1 and every subject gets its figure', async () => {
    const dir = folderWith({
      'test.parquet': mmluParquet(),
      'spec.yaml': 'name: mmlu-mini\ndataset: { path: test.parquet, format: mmlu }\ncandidates:\n  - { id: oracle, provider: control, kind: oracle }\n',
    });
    const loaded = await loadEvalSpec(join(dir, 'spec.yaml'), {});
    expect(loaded.spec.scorers).toEqual([expect.objectContaining({ type: 'choice', reference: '{{correct}}', referenceKind: 'letter' })]);
    const dataset = await loadDataset(loaded.spec.dataset, loaded.baseDir);
    const rendered = compileTemplate(loaded.spec.prompt!).render(dataset.samples.at(1)!.data, '2');
    expect(rendered).toContain('about elementary mathematics');
    expect(rendered).toContain('What is 7 × 6?\nA. 36\nB. 42');

    const store = new FsResultStore(join(dir, 'results'));
    const { summary } = await runLocal({ prepared: prepareRun(loaded, dataset), store, runId: 'r1', env: {}, clock: systemClock, progress: createProgressReporter({ quiet: true }) });
    const accuracy = summary.candidates.oracle!.metrics.accuracy!;
    expect(accuracy.value).toBe(1);
    expect(Object.keys(categoriesOf(accuracy) ?? {}).sort()).toEqual(['computer_security', 'elementary_mathematics', 'high_school_biology']);
  });

  it('still requires scorers for a format without defaults', async () => {
    const dir = folderWith({ 'qa.jsonl': '{"q":1}', 'spec.yaml': 'name: x\ndataset: { path: qa.jsonl }\nprompt: "{{q}}"\ncandidates:\n  - { id: oracle, provider: control, kind: oracle }\n' });
    await expect(loadEvalSpec(join(dir, 'spec.yaml'), {})).rejects.toThrow(/scorers: give at least one scorer/);
  });
});
