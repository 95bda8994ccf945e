import { describe, expect, it } from 'vitest';
import { aggregateRecords } from '../../../lib/engine/aggregate.ts';
import { collectSampleOutcomes } from '../../../lib/engine/sample-outcomes.ts';
import { evaluateBaselineGate } from '../../../lib/gate/baseline-gates.ts';
import type { Manifest, ResultRecord } from '../../../lib/results/index.ts';
import { ComparisonSchema } from '../../../lib/results/index.ts';
import { bleu } from '../../../lib/scorers/bleu.ts';
import { scoreSync } from '../../../lib/scorers/score-sync.ts';
import { computeBleu } from '../../../lib/scorers/text/bleu-statistics.ts';
import { makeSample } from '../scorers/helpers.ts';
import { manifest, record } from './records.ts';
import { ofKind } from '../../../lib/results/index.ts';

const REFS = [
  'Your order has shipped and will arrive on Friday.',
  'Please restart the router and try again.',
  'We have refunded the full amount to your card.',
  'The warranty covers parts and labour for two years.',
  'You can change the delivery address in your account settings.',
  'Our support team is available from nine to six on weekdays.',
];
const GOOD = [
  'Your order has shipped and will arrive on Friday.',
  'Please restart your router and try again.',
  'We refunded the full amount to your card.',
  'The warranty covers parts and labour for two years.',
  'You can change the delivery address in the account settings.',
  'Our support team is available nine to six on weekdays.',
];
const WEAK = ['Order sent.', 'Restart it.', 'Money back done.', 'Two years of warranty.', 'Change address.', 'Support weekdays.'];

const params = bleu.params.parse({ reference: '{{ref}}' });
const scorer = bleu.create(params, { id: 'bleu', ports: {} });

function bleuRecords(candidate: string, outputs: readonly string[], categories?: readonly string[]): ResultRecord[] {
  return outputs.map((output, i) => {
    const base = record({ sampleId: `s${i}`, candidate, pass: true, ...(categories && { category: categories[i] }) });
    const score = scoreSync(scorer, { sample: makeSample({ ref: REFS[i] }, `s${i}`), output });
    return { ...base, output, scores: { bleu: score } };
  });
}

function bleuManifest(candidates: string[], spec: Record<string, unknown> = {}): Manifest {
  const base = manifest({ candidates: candidates.map((id) => ({ id })), spec });
  return { ...base, scorers: [{ id: 'bleu', type: 'bleu', params }] };
}

describe('corpus metrics in the summary', () => {
  it('bleu is corpus BLEU of the summed statistics — not the mean of sentence BLEU — with signature, interval and byCategory', async () => {
    const categories = ['shipping', 'tech', 'billing', 'tech', 'shipping', 'billing'];
    const records = bleuRecords('good', GOOD, categories);
    const summary = await aggregateRecords(records, bleuManifest(['good']));
    const metric = ofKind(summary.candidates.good!.metrics.bleu, 'text-overlap')!;
    const summed = records.map((item) => item.scores.bleu!.detail!.stats as number[]).reduce((sum, stats) => sum.map((value, j) => value + stats[j]!));
    expect(metric.value).toBeCloseTo(computeBleu(summed, { smooth: 'exp', maxNgramOrder: 4, effectiveOrder: false }).score, 10);
    const meanSentence = records.reduce((sum, item) => sum + (item.scores.bleu!.detail!.sentence as number), 0) / records.length;
    expect(Math.abs(meanSentence - metric.value!)).toBeGreaterThan(0.5);
    expect(metric.signature).toBe('nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0');
    expect(metric.n).toBe(6);
    expect(metric.ci95![0]).toBeLessThanOrEqual(metric.value!);
    expect(metric.ci95![1]).toBeGreaterThanOrEqual(metric.value!);
    expect(Object.keys(metric.byCategory!)).toEqual(['billing', 'shipping', 'tech']);
    expect(metric.byCategory!.tech!.n).toBe(2);
    const again = await aggregateRecords(records, bleuManifest(['good']));
    expect(again.candidates.good!.metrics.bleu!.ci95).toEqual(metric.ci95);
  });

  it('compares candidates on corpus BLEU by paired bootstrap with the approximate-randomisation p, Holm-adjusted', async () => {
    const records = [...bleuRecords('weak', WEAK), ...bleuRecords('good', GOOD)];
    const summary = await aggregateRecords(records, bleuManifest(['weak', 'good']));
    const corpus = (summary.comparisons ?? []).map((comparison) => ComparisonSchema.parse(comparison)).find((comparison) => comparison.test === 'paired-bootstrap-corpus')!;
    expect(corpus).toMatchObject({ a: 'weak', b: 'good', metric: 'bleu', n: 6, resamples: 1000 });
    expect(corpus.valueB).toBeCloseTo(summary.candidates.good!.metrics.bleu!.value!, 10);
    expect(corpus.diff).toBeCloseTo(corpus.valueB! - corpus.valueA!, 10);
    expect(corpus.ci95![0]).toBeGreaterThan(0);
    expect((corpus as unknown as { approximateRandomization: { trials: number; pValue: number } }).approximateRandomization.trials).toBe(10_000);
    expect(corpus.pAdjusted).toBeGreaterThanOrEqual(corpus.pValue!);
  });

  it('a baseline gate on bleu uses the paired corpus test and fails a large, significant drop', async () => {
    const base = bleuManifest(['m']);
    const baseline = await collectSampleOutcomes(bleuRecords('m', GOOD), base);
    const current = await collectSampleOutcomes(bleuRecords('m', WEAK), base);
    const [failed] = evaluateBaselineGate({ metric: 'bleu', maxDrop: 2, alpha: 0.05 }, { outcomes: current, controls: new Set() }, { runId: 'r0', location: 'r0', outcomes: baseline });
    expect(failed).toMatchObject({ pass: false, test: 'paired-bootstrap-corpus', n: 6 });
    expect(failed!.value!).toBeGreaterThan(50);
    expect(failed!.reason).toMatch(/corpus bleu drop is larger than 2/);
    const [same] = evaluateBaselineGate({ metric: 'bleu', maxDrop: 2, alpha: 0.05 }, { outcomes: baseline, controls: new Set() }, { runId: 'r0', location: 'r0', outcomes: baseline });
    expect(same).toMatchObject({ pass: true, value: 0 });
  });
});
