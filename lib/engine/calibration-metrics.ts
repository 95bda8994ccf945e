import type { MetricOf, ResultRecord } from '../results/index.ts';
import type { CalibrationSpec } from '../spec/index.ts';
import { compareSampleKeys, SampleOrder } from './sample-order.ts';
import {
  bootstrapInterval,
  brierScore,
  calibrationBins,
  confidenceAuroc,
  coverageAccuracyArea,
  coverageAccuracyCurve,
  expectedCalibrationError,
  maximumCalibrationError,
  selectiveAccuracy,
  type CalibrationItem,
  type Statistic,
} from '../stats/index.ts';

/** Above this many answers the bootstrap behind each interval is cut to {@link LARGE_RUN_RESAMPLES} (each resample sorts). */
const LARGE_RUN = 20_000;
const LARGE_RUN_RESAMPLES = 200;
/** The coverage–accuracy curve in summary.json is thinned to about this many points. */
const CURVE_POINTS = 100;

/**
 * Collects one candidate's (confidence, correct) pairs for the `calibration.*` metrics. With
 * `confidence: agreement` there is one pair per sample (self-consistency, Wang et al. 2023): the
 * majority answer over the repeats, its vote share as the confidence, its correctness as the
 * outcome. Otherwise one pair per answered record that has a confidence (`record.confidence`).
 * Correct means the primary scorer passed, as in `accuracy`.
 */
export class CalibrationAccumulator {
  /** Answered records' pairs, with the (sample, repeat) key they are put in sample order by. */
  private readonly items: (CalibrationItem & { readonly key: { sampleId: string; repeat: number } })[] = [];
  private readonly sources = new Map<string, number>();
  private readonly votes = new Map<string, Map<string, { count: number; correct: boolean }>>();
  private withoutConfidence = 0;

  constructor(
    private readonly spec: CalibrationSpec,
    private readonly primaryScorer: string,
    /** Sample order (sample-order.ts): the bootstrap resamples items in it, not in arrival order. */
    private readonly order: SampleOrder = new SampleOrder(),
  ) {}

  add(record: ResultRecord): void {
    if (record.error) return;
    const score = record.scores[this.primaryScorer];
    const correct = score?.pass === true;
    if (this.spec.confidence === 'agreement') {
      const chosen = score?.detail?.chosen;
      const key = typeof chosen === 'number' ? `option:${chosen}` : normalizeAnswer(record.output ?? '');
      let sample = this.votes.get(record.sampleId);
      if (!sample) {
        sample = new Map();
        this.votes.set(record.sampleId, sample);
      }
      const vote = sample.get(key) ?? { count: 0, correct };
      vote.count++;
      sample.set(key, vote);
      return;
    }
    if (!record.confidence) {
      this.withoutConfidence++;
      return;
    }
    this.items.push({ confidence: record.confidence.value, correct, key: { sampleId: record.sampleId, repeat: record.repeat } });
    const source = `${record.confidence.source}/${record.confidence.method}`;
    this.sources.set(source, (this.sources.get(source) ?? 0) + 1);
  }

  /** The calibration metrics, each with n and a seeded bootstrap interval; empty when no answer had a confidence. */
  metrics(seed: number): Record<string, MetricOf<'calibration'>> {
    const items: CalibrationItem[] = this.spec.confidence === 'agreement' ? this.agreementItems() : this.answerItems();
    if (items.length === 0) return {};
    const resamples = items.length > LARGE_RUN ? Math.min(LARGE_RUN_RESAMPLES, this.spec.resamples) : this.spec.resamples;
    const withInterval = (statistic: Statistic<CalibrationItem>, extra: Omit<Partial<MetricOf<'calibration'>>, 'kind'> = {}): MetricOf<'calibration'> => {
      const result = bootstrapInterval(items, statistic, { seed, resamples });
      return {
        kind: 'calibration',
        value: result.estimate,
        n: items.length,
        ...(result.lo !== null && result.hi !== null && { ci95: [result.lo, result.hi] as [number, number] }),
        ...extra,
      };
    };
    const bins = this.spec.bins;
    const described = { source: this.spec.confidence, sources: Object.fromEntries(this.sources), withoutConfidence: this.withoutConfidence };
    const width = { bins, binning: 'equal-width' as const };
    return {
      'calibration.ece': withInterval((sample) => expectedCalibrationError(sample, { bins }), {
        bins,
        binning: 'equal-mass',
        reliability: calibrationBins(items, { bins }),
        ...described,
      }),
      'calibration.ece_equal_width': withInterval((sample) => expectedCalibrationError(sample, width), { bins, binning: 'equal-width', reliability: calibrationBins(items, width) }),
      'calibration.mce': withInterval((sample) => maximumCalibrationError(sample, width), { bins, binning: 'equal-width' }),
      'calibration.brier': withInterval(brierScore),
      'calibration.auroc': withInterval(confidenceAuroc),
      'calibration.selective_accuracy': withInterval(coverageAccuracyArea, {
        measure: 'area under the coverage-accuracy curve',
        byCoverage: Object.fromEntries(
          this.spec.coverage.map((coverage) => {
            // A coverage level is a value with its n and interval, not a metric of its own: no kind.
            const { kind: _kind, ...atCoverage } = withInterval((sample) => selectiveAccuracy(sample, coverage));
            return [String(coverage), { ...atCoverage, n: Math.max(1, Math.ceil(coverage * items.length - 1e-9)) }];
          }),
        ),
        curve: thin(coverageAccuracyCurve(items)),
      }),
    };
  }

  private answerItems(): CalibrationItem[] {
    return [...this.items].sort((a, b) => compareSampleKeys(this.order, a.key, b.key)).map(({ confidence, correct }) => ({ confidence, correct }));
  }

  private agreementItems(): CalibrationItem[] {
    const items: CalibrationItem[] = [];
    const samples = [...this.votes.keys()].sort((a, b) => compareSampleKeys(this.order, { sampleId: a, repeat: 0 }, { sampleId: b, repeat: 0 }));
    for (const sample of samples.map((id) => this.votes.get(id)!)) {
      let total = 0;
      let best: { key: string; count: number; correct: boolean } | undefined;
      for (const [key, vote] of sample) {
        total += vote.count;
        // The majority answer; ties go to the lexically first answer, so the result does not depend on record order.
        if (!best || vote.count > best.count || (vote.count === best.count && key < best.key)) best = { key, ...vote };
      }
      items.push({ confidence: best!.count / total, correct: best!.correct });
    }
    this.sources.set('agreement/majority-share', items.length);
    return items;
  }
}

/** Answers that differ only in case, spacing or a final full stop count as the same vote. */
function normalizeAnswer(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').replace(/[\s.。]+$/u, '').trim();
}

function thin(points: readonly { coverage: number; accuracy: number }[]): { coverage: number; accuracy: number }[] {
  if (points.length <= CURVE_POINTS) return [...points];
  const step = points.length / CURVE_POINTS;
  const out: { coverage: number; accuracy: number }[] = [];
  for (let index = 1; index <= CURVE_POINTS; index++) out.push(points[Math.round(index * step) - 1]!);
  return out;
}
