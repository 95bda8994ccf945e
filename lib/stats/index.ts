/**
 * Verdict's statistics: pure functions, no I/O, every formula cited beside its code.
 * Bootstraps are seeded ({@link createRng}) so any reported interval can be reproduced.
 */
export { bootstrapInterval, clusteredBootstrapInterval, type Statistic } from './bootstrap.ts';
export { disparateImpact, parityDifference } from './fairness-ratios.ts';
export { holmAdjust } from './holm-adjust.ts';
export { standardError } from './mean.ts';
export { meanInterval } from './mean-interval.ts';
export { mcnemarExact } from './mcnemar-exact.ts';
export { normalQuantile } from './normal.ts';
export { pairedBootstrap } from './paired-bootstrap.ts';
export { countDiscordantPairs, pairedDifference } from './paired-difference.ts';
export { passAtK } from './pass-at-k.ts';
export { percentile, sortAscending } from './percentile.ts';
export { createRng, type Rng } from './rng.ts';
export { summarizeDistribution, summarizeSorted } from './summarize-distribution.ts';
export { wilsonInterval } from './wilson.ts';
export { pairedMarginTest, pairedZTest, type PairedMarginTestResult } from './paired-mean-tests.ts';
export { brierScore, calibrationBins, expectedCalibrationError, maximumCalibrationError, type CalibrationItem } from './calibration-error.ts';
export { confidenceAuroc, coverageAccuracyArea, coverageAccuracyCurve, selectiveAccuracy } from './selective-prediction.ts';
export { cohenKappa, fleissKappa, fleissTable } from './agreement.ts';
export { krippendorffAlpha, type AlphaLevel } from './krippendorff-alpha.ts';
export { averageRanks, kendallTauB, spearmanRho } from './rank-correlation.ts';
export { bradleyTerry, bradleyTerryIntervals, type PairedComparison } from './bradley-terry.ts';
export { corpusBootstrapInterval, corpusMarginTest, pairedApproximateRandomization, pairedCorpusBootstrap } from './corpus-resampling.ts';
export { quantileInterval } from './quantile-interval.ts';
export { percentileIncreaseTest } from './percentile-increase-test.ts';
export { itemSeed } from './item-seed.ts';
export { fnv1aCodePoints, fnv1aUtf8Bytes } from './fnv1a.ts';
