import { describe, expect, it } from 'vitest';
import type { CompletionRequest, Provider } from '../../../lib/ports/index.ts';
import { judge } from '../../../lib/scorers/judge/judge.ts';
import type { JudgeCallRecord } from '../../../lib/scorers/judge/judge-call.ts';
import type { JudgePort } from '../../../lib/scorers/judge/judge-port.ts';
import type { Scorer } from '../../../lib/scorers/types.ts';
import { makeSample } from '../scorers/helpers.ts';

// A fake judge port (the port is the seam; the executor's real port is tested in test/integration/judge).
function fakePort(reply: (request: CompletionRequest) => string, meta: Record<string, unknown> = {}): { port: JudgePort; requests: CompletionRequest[] } {
  const requests: CompletionRequest[] = [];
  const provider: Provider = {
    id: 'fake-judge',
    async complete(request) {
      requests.push(request);
      return { text: reply(request), latencyMs: 3, ttftMs: null, usage: { inputTokens: 10, outputTokens: 2, source: 'server' }, attempts: 1, meta };
    },
  };
  return { port: { provider: () => provider }, requests };
}

function create(params: Record<string, unknown>, port?: JudgePort): Scorer {
  return judge.create(judge.params.parse(params), { id: 'graded', ports: port ? { judge: port } : {} });
}

describe('the judge scorer', () => {
  it('asks `samples` times, reports the mean and spread, and picks the zh prompt for a Chinese question with language: auto', async () => {
    const grades = [5, 3, 4];
    const { port, requests } = fakePort((request) => `理由。\n评分：${grades[request.repeat]}`);
    const scorer = create({ kind: 'rubric', judge: 'g', rubric: '礼貌且正确', scale: [1, 5], samples: 3, language: 'auto' }, port);
    const score = await scorer.score({ sample: makeSample({ q: '发票能重开吗？' }), output: '可以。', prompt: [{ role: 'user', content: '发票能重开吗？' }], candidate: 'bot' });
    expect(requests.map((request) => request.repeat)).toEqual([0, 1, 2]);
    expect(requests[0]!.sample.data).toMatchObject({ q: '发票能重开吗？', candidate: 'bot', judgeSample: 0 });
    expect(score.detail).toMatchObject({ grade: 4, stable: true });
    expect(score.value).toBeCloseTo(0.75, 12);
    expect(score.detail!.spread).toBeCloseTo(Math.sqrt(((1 - 0.75) ** 2 + (0.5 - 0.75) ** 2 + 0) / 3), 12);
    expect((score.detail!.calls as JudgeCallRecord[]).map((call) => call.promptVersion)).toEqual(['verdict-rubric-zh-v1', 'verdict-rubric-zh-v1', 'verdict-rubric-zh-v1']);
  });

  it('flags self-preference when the judge is the candidate it grades', async () => {
    const { port } = fakePort(() => 'GRADE: 5', { alsoCandidate: ['bot'] });
    const scorer = create({ kind: 'rubric', judge: 'g', rubric: 'r', scale: 'pass-fail' }, port);
    const own = await scorer.score({ sample: makeSample({}), output: 'x', candidate: 'bot' });
    const other = await scorer.score({ sample: makeSample({}), output: 'x', candidate: 'rival' });
    expect(own.detail).toMatchObject({ selfPreference: true });
    expect(other.detail!.selfPreference).toBeUndefined();
  });

  it('treats an out-of-range or missing grade as unscored with the reason', async () => {
    const { port } = fakePort(() => 'GRADE: 9');
    const score = await create({ kind: 'rubric', judge: 'g', rubric: 'r', scale: [1, 5] }, port).score({ sample: makeSample({}), output: 'x' });
    expect(score).toMatchObject({ value: 0, pass: false, detail: { unscored: true, problem: 'grade 9 is outside the scale 1..5' } });
  });

  it('refuses inconsistent params naming the key, and says when a run gives no judge port', async () => {
    expect(() => create({ kind: 'pairwise', judge: 'g' })).toThrow(/scorer "graded": baseline: pairwise judging needs/);
    expect(() => create({ kind: 'panel', rubric: 'r' })).toThrow(/judges: a panel needs two or more judges/);
    expect(() => create({ kind: 'rubric', judge: 'g', rubric: 'r', verdictPattern: 'no group' })).toThrow(/verdictPattern: .*capture group/);
    await expect(async () => create({ kind: 'rubric', judge: 'g', rubric: 'r' }).score({ sample: makeSample({}), output: 'x' })).rejects.toThrow(/no judge port/);
  });
});
