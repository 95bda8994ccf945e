import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JudgeCallRecord } from '../../../lib/scorers/judge/judge-call.ts';
import { jsonl, runJudgedSpec, type JudgedRun } from './judge-run.ts';

// Offline: candidates and one judge are recordings (replay); the other judges are the judge controls.
const samples = ['s1', 's2', 's3', 's4'];
const rows = samples.map((id, index) => ({
  id,
  question: `Question ${index + 1}?`,
  good: `good answer ${index + 1}`,
  bad: `bad answer ${index + 1}`,
  answer_b: `reference answer ${index + 1}`,
  gold: index === 2 ? '2' : '1',
}));
// The recorded judge's replies for candidate "good", by sample and order (ab = good shown first).
const goodReplies: Record<string, { ab: string; ba: string }> = {
  s1: { ab: 'A is better.\nVERDICT: A', ba: 'B is better.\nVERDICT: B' }, // win both ways → win
  s2: { ab: 'VERDICT: A', ba: 'VERDICT: A' }, // follows the position → tie, inconsistent
  s3: { ab: 'VERDICT: B', ba: 'VERDICT: A' }, // loss both ways → loss
  s4: { ab: 'Hard to say.', ba: 'VERDICT: B' }, // one order unreadable → unscored
};
const judgements = samples.flatMap((id) => [
  { id, order: 'ab', candidate: 'good', text: goodReplies[id]!.ab },
  { id, order: 'ba', candidate: 'good', text: goodReplies[id]!.ba },
  { id, order: 'ab', candidate: 'bad', text: 'VERDICT: B' },
  { id, order: 'ba', candidate: 'bad', text: 'VERDICT: A' },
]);

let run: JudgedRun;

beforeAll(async () => {
  run = await runJudgedSpec({
    'rows.jsonl': jsonl(rows),
    'judgements.jsonl': jsonl(judgements),
    'spec.yaml': [
      'name: judge-pairwise',
      'dataset: { path: rows.jsonl }',
      'prompt: "{{question}}"',
      'candidates:',
      '  - { id: good, provider: replay, file: rows.jsonl, key: id, field: good }',
      '  - { id: bad, provider: replay, file: rows.jsonl, key: id, field: bad }',
      '  - { id: base, provider: replay, file: rows.jsonl, key: id, field: answer_b }',
      'judges:',
      '  - { id: recorded, provider: replay, file: judgements.jsonl, key: [id, order, candidate], field: text }',
      '  - { id: first, provider: control, kind: prefers-first }',
      'scorers:',
      '  - { type: includes, reference: "{{good}}" }',
      '  - { id: vs-field, type: judge, kind: pairwise, judge: recorded, baseline: { field: answer_b }, humanLabel: gold, humanLabelMap: { "1": win, "2": loss } }',
      '  - { id: biased, type: judge, kind: pairwise, judge: first, baseline: { field: answer_b } }',
      '  - { id: lenient, type: judge, kind: pairwise, judge: { provider: control, kind: always-pass }, baseline: { field: answer_b } }',
      '  - { id: vs-base, type: judge, kind: pairwise, judge: { provider: control, kind: always-pass }, baseline: { candidate: base } }',
    ].join('\n'),
  });
}, 60_000);

afterAll(async () => {
  await run?.cleanup();
});

const metricsOf = (candidate: string) => run.summary.candidates[candidate]!.metrics;
const scoreOf = (candidate: string, sampleId: string, scorer: string) =>
  run.records.find((record) => record.candidate === candidate && record.sampleId === sampleId)!.scores[scorer]!;

describe('pairwise judging in both orders', () => {
  it('counts a win only when both orders agree, a disagreement as a tie, and an unreadable order as unscored', () => {
    expect(scoreOf('good', 's1', 'vs-field')).toMatchObject({ value: 1, pass: true, detail: { outcome: 'win', consistent: true, byOrder: { ab: 'win', ba: 'win' } } });
    expect(scoreOf('good', 's2', 'vs-field')).toMatchObject({ value: 0.5, detail: { outcome: 'tie', consistent: false } });
    expect(scoreOf('good', 's3', 'vs-field')).toMatchObject({ value: 0, detail: { outcome: 'loss', consistent: true } });
    expect(scoreOf('good', 's4', 'vs-field').detail).toMatchObject({ unscored: true });
    const calls = scoreOf('good', 's1', 'vs-field').detail!.calls as JudgeCallRecord[];
    expect(calls.map((call) => [call.order, call.verdict])).toEqual([['ab', 'A'], ['ba', 'B']]);
    expect(calls[0]!.prompt[1]!.content.indexOf('good answer 1')).toBeLessThan(calls[0]!.prompt[1]!.content.indexOf('reference answer 1'));
    expect(calls[1]!.prompt[1]!.content.indexOf('reference answer 1')).toBeLessThan(calls[1]!.prompt[1]!.content.indexOf('good answer 1'));
  });

  it('reports win/tie/loss rates, position consistency and judge–human agreement with n and intervals', () => {
    const metrics = metricsOf('good');
    expect(metrics['judge.vs-field.win_rate']).toMatchObject({ value: 1 / 3, n: 3 });
    expect(metrics['judge.vs-field.tie_rate']).toMatchObject({ value: 1 / 3, n: 3 });
    expect(metrics['judge.vs-field.loss_rate']).toMatchObject({ value: 1 / 3, n: 3 });
    expect(metrics['judge.vs-field.position_consistency']).toMatchObject({ value: 2 / 3, n: 3 });
    expect(metrics['judge.vs-field.position_consistency']!.ci95).toHaveLength(2);
    expect(metrics['judge.vs-field.unscored']).toMatchObject({ count: 1, n: 4 });
    expect(metrics['judge.vs-field.human_accuracy']).toMatchObject({ value: 2 / 3, n: 3 });
    expect(metricsOf('bad')['judge.vs-field.loss_rate']).toMatchObject({ value: 1, n: 4 });
  });

  it('exposes the position-biased control: 0% position consistency, every item a tie', () => {
    for (const candidate of ['good', 'bad']) {
      expect(metricsOf(candidate)['judge.biased.position_consistency']).toMatchObject({ value: 0, n: 4 });
      expect(metricsOf(candidate)['judge.biased.tie_rate']).toMatchObject({ value: 1, n: 4 });
    }
    expect(metricsOf('good')['judge.lenient.win_rate']).toMatchObject({ value: 1, n: 4 });
    expect(metricsOf('good')['judge.lenient.position_consistency']).toMatchObject({ value: 1, n: 4 });
  });

  it('judges against another candidate in a second phase, with its answers, and ranks candidates by Bradley–Terry', () => {
    const calls = scoreOf('good', 's2', 'vs-base').detail!.calls as JudgeCallRecord[];
    expect(calls[0]!.prompt[1]!.content).toContain('<<<ANSWER B>>>\nreference answer 2\n<<<END ANSWER B>>>');
    expect(scoreOf('base', 's2', 'vs-base').detail).toMatchObject({ isBaseline: true });
    expect(metricsOf('base')['judge.vs-base.unscored']).toMatchObject({ n: 0 });
    const strength = (candidate: string) => metricsOf(candidate)['judge.vs-base.bt_strength']!.value as number;
    expect(strength('good')).toBeGreaterThan(strength('base'));
    expect(strength('good')).toBeCloseTo(strength('bad'), 9);
    expect(metricsOf('good')['judge.vs-base.bt_strength']!.ci95).toHaveLength(2);
  });
});
