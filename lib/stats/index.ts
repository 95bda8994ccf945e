/**
 * Verdict's statistics: pure functions, no I/O, every formula cited beside its code.
 * Bootstraps are seeded ({@link createRng}) so any reported interval can be reproduced.
 */
export { binomialCdf, binomialSurvival } from './binomial.ts';
export {
  bootstrapInterval,
  clusteredBootstrapInterval,
  type BootstrapResult,
  type ClusteredBootstrapOptions,
  type ClusteredBootstrapResult,
  type Statistic,
} from './bootstrap.ts';
export type { BootstrapOptions } from './bootstrap-distribution.ts';
export {
  clusteredStandardError,
  type ClusterKey,
  type ClusteredStandardErrorOptions,
} from './clustered-standard-error.ts';
export { disparateImpact, parityDifference, type GroupRates } from './fairness-ratios.ts';
export { holmAdjust } from './holm-adjust.ts';
export { logBinomialCoefficient, logGamma } from './log-gamma.ts';
export { mean, standardError } from './mean.ts';
export {
  meanInterval,
  type MeanInterval,
  type MeanIntervalOptions,
  type StandardErrorMethod,
} from './mean-interval.ts';
export { mcnemarExact, type Alternative, type McNemarExactResult } from './mcnemar-exact.ts';
export {
  nonInferiorityTest,
  type NonInferiorityOptions,
  type NonInferiorityResult,
} from './non-inferiority-test.ts';
export { normalCdf, normalQuantile, normalSurvival } from './normal.ts';
export {
  pairedBootstrap,
  type PairedBootstrapOptions,
  type PairedBootstrapResult,
} from './paired-bootstrap.ts';
export {
  countDiscordantPairs,
  pairedDifference,
  type BinaryOutcome,
  type PairedCounts,
  type PairedDifference,
} from './paired-difference.ts';
export { passAtK } from './pass-at-k.ts';
export { percentile, sortAscending } from './percentile.ts';
export { createRng, type Rng } from './rng.ts';
export { summarizeDistribution, type DistributionSummary } from './summarize-distribution.ts';
export { wilsonInterval, type Interval } from './wilson.ts';
export {
  pairedMarginTest,
  pairedMeanDifference,
  pairedZTest,
  type PairedMarginTestResult,
  type PairedMeanDifference,
  type PairedMeanOptions,
  type PairedZTestResult,
} from './paired-mean-tests.ts';
export {
  brierScore,
  calibrationBins,
  expectedCalibrationError,
  maximumCalibrationError,
  type Binning,
  type BinningOptions,
  type CalibrationBin,
  type CalibrationItem,
} from './calibration-error.ts';
export {
  confidenceAuroc,
  coverageAccuracyArea,
  coverageAccuracyCurve,
  selectiveAccuracy,
  type CoveragePoint,
} from './selective-prediction.ts';
export { cohenKappa, fleissKappa, fleissTable, type Rating } from './agreement.ts';
export { krippendorffAlpha, type AlphaLevel } from './krippendorff-alpha.ts';
export { averageRanks, kendallTauB, spearmanRho } from './rank-correlation.ts';
export { bradleyTerry, bradleyTerryIntervals, type BradleyTerryResult, type PairedComparison } from './bradley-terry.ts';
export {
  corpusBootstrapInterval,
  corpusMarginTest,
  pairedApproximateRandomization,
  pairedCorpusBootstrap,
  type CorpusBootstrapResult,
  type CorpusMarginResult,
  type CorpusScore,
  type PairedCorpusBootstrapResult,
  type PairedCorpusOptions,
  type PairedCorpusResult,
  type SegmentStatistics,
} from './corpus-resampling.ts';
export { quantileInterval, type QuantileInterval } from './quantile-interval.ts';
export { percentileIncreaseTest, type PercentileIncreaseResult } from './percentile-increase-test.ts';
export { itemSeed } from './item-seed.ts';
