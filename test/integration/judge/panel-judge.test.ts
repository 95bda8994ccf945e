import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonl, runJudgedSpec, type JudgedRun } from './judge-run.ts';
import { ofKind } from '../../../lib/results/index.ts';

// Three recorded judges grade 8 answers on 1..5; the dataset carries human grades. Expected
// values were computed with the reference implementations on the same grades (Python 3.11):
// the `krippendorff` package (pln-fing-udelar/fast-krippendorff @ b1eb616) `alpha(reliability_data=[j1, j2, j3], ...)`,
// statsmodels 0.15 `fleiss_kappa(aggregate_raters(...)[0], method='fleiss')`, scikit-learn 1.9.1
// `cohen_kappa_score`, scipy 1.17 `spearmanr` and `kendalltau`.
const j1 = [5, 4, 2, 1, 3, 5, 2, 4];
const j1Second = [5, 3, 2, 1, 2, 5, 2, 4]; // j1 asked again (samples: 2): s2 and s5 move
const j2 = [5, 4, 3, 1, 3, 4, 2, 4];
const j3 = [4, 4, 2, 2, 3, 5, 1, 5];
const human = [5, 4, 3, 1, 2, 4, 2, 4];
const ids = j1.map((_, index) => `s${index + 1}`);
const replies = (grades: number[]) => ids.map((id, index) => ({ id, text: `Reasoning for ${id}.\nGRADE: ${grades[index]}` }));

let run: JudgedRun;

beforeAll(async () => {
  run = await runJudgedSpec({
    'rows.jsonl': jsonl(ids.map((id, index) => ({ id, question: `Write a reply ${id}`, reply: `reply ${id}`, human: human[index] }))),
    'j1.jsonl': jsonl(ids.flatMap((id, index) => [replies(j1)[index]!, { id, text: `Again.\nGRADE: ${j1Second[index]}` }])),
    'j2.jsonl': jsonl(replies(j2)),
    'j3.jsonl': jsonl(replies(j3)),
    'spec.yaml': [
      'name: judge-panel',
      'dataset: { path: rows.jsonl }',
      'prompt: "{{question}}"',
      'candidates:',
      '  - { id: writer, provider: replay, file: rows.jsonl, key: id, field: reply }',
      'judges:',
      '  - { id: j1, provider: replay, file: j1.jsonl, key: id, field: text }',
      '  - { id: j2, provider: replay, file: j2.jsonl, key: id, field: text }',
      '  - { id: j3, provider: replay, file: j3.jsonl, key: id, field: text }',
      'scorers:',
      '  - { id: trio, type: judge, kind: panel, judges: [j1, j2, j3], rubric: "Helpful and polite?", scale: [1, 5], combine: mean }',
      '  - { id: duo, type: judge, kind: panel, judges: [j1, j2], rubric: "Helpful and polite?", scale: [1, 5], combine: mean }',
      '  - { id: resampled, type: judge, kind: rubric, judge: j1, rubric: "Helpful and polite?", scale: [1, 5], samples: 2 }',
      '  - { id: validated, type: judge, kind: rubric, judge: j2, rubric: "Helpful and polite?", scale: [1, 5], humanLabel: human }',
      'gates:',
      '  - { metric: judge.validated.human_kappa, op: ">=", value: 0.6 }',
      '  - { metric: judge.duo.kappa, op: ">=", value: 0.7 }',
    ].join('\n'),
  });
}, 60_000);

afterAll(async () => {
  await run?.cleanup();
});

const metric = (name: string) => run.summary.candidates.writer!.metrics[name]!;

describe('a panel of judges', () => {
  it("gives Krippendorff's alpha at three levels and Fleiss' kappa equal to the reference implementations", () => {
    expect(metric('judge.trio.alpha')).toMatchObject({ level: 'ordinal', n: 8 });
    expect(metric('judge.trio.alpha').value).toBeCloseTo(0.8597507610350076, 12);
    expect(metric('judge.trio.alpha_nominal').value).toBeCloseTo(0.38938053097345127, 12);
    expect(metric('judge.trio.alpha_interval').value).toBeCloseTo(0.8647058823529412, 12);
    expect(metric('judge.trio.kappa')).toMatchObject({ method: 'fleiss' });
    expect(metric('judge.trio.kappa').value).toBeCloseTo(0.36283185840707965, 12);
    expect(metric('judge.trio.alpha').ci95).toHaveLength(2);
  });

  it("gives Cohen's kappa for two judges, and combines grades by their mean", () => {
    expect(metric('judge.duo.kappa')).toMatchObject({ method: 'cohen' });
    expect(metric('judge.duo.kappa').value).toBeCloseTo(0.6862745098039216, 12);
    const meanGrade = j1.reduce((sum, grade, index) => sum + (grade + j2[index]! + j3[index]!) / 3, 0) / 8;
    expect(metric('score.trio')).toMatchObject({ n: 8 });
    expect(ofKind(metric('score.trio'), 'judge')!.raw).toBeCloseTo(meanGrade, 12);
    expect(metric('score.trio').value).toBeCloseTo((meanGrade - 1) / 4, 12);
  });

  it('reports the spread across samples and whether the pass held', () => {
    expect(metric('judge.resampled.stability').value).toBeCloseTo(0.03125, 12);
    expect(metric('judge.resampled.stable_rate')).toMatchObject({ value: 7 / 8, n: 8 });
  });

  it('reports judge–human agreement (accuracy, kappa, Spearman, Kendall tau-b) and gates on it', () => {
    expect(metric('judge.validated.human_accuracy')).toMatchObject({ value: 0.875, n: 8 });
    expect(metric('judge.validated.human_kappa').value).toBeCloseTo(0.8367346938775511, 12);
    expect(metric('judge.validated.human_spearman').value).toBeCloseTo(0.9810126582278483, 12);
    expect(metric('judge.validated.human_kendall_tau_b').value).toBeCloseTo(0.9583333333333335, 12);
    const gate = (name: string) => run.summary.gates.find((result) => result.metric === name)!;
    expect(gate('judge.validated.human_kappa')).toMatchObject({ pass: true });
    expect(gate('judge.duo.kappa')).toMatchObject({ pass: false });
  });
});
