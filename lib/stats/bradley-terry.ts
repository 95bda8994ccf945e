import { drawIndices } from './bootstrap-distribution.ts';
import { percentile } from './percentile.ts';
import { createRng } from './rng.ts';

/** One comparison between two players: `score` is 1 when `a` won, 0 when `b` won, ½ a tie. */
export interface PairedComparison {
  readonly a: string;
  readonly b: string;
  readonly score: number;
}

/** Bradley–Terry strengths, normalised so their geometric mean is 1 (log-strengths sum to 0). */
export interface BradleyTerryResult {
  readonly strengths: Record<string, number>;
  readonly iterations: number;
  readonly converged: boolean;
}

/**
 * Maximum-likelihood Bradley–Terry strengths, P(i beats j) = p_i / (p_i + p_j) (Bradley & Terry
 * 1952), fitted by the MM iteration of Hunter (2004), "MM algorithms for generalized
 * Bradley–Terry models", eq. (3): p_i ← W_i / Σ_j n_ij / (p_i + p_j), where W_i counts i's wins
 * and n_ij the comparisons of i and j. A tie counts half a win to each side (as Chatbot Arena's
 * and Rao–Kupper-free treatments do). A player with no win or no loss has no finite MLE: add
 * `prior` pseudo-comparisons (½ win each way against every other player; default 0.5) to keep
 * every estimate finite.
 *
 * @example
 * bradleyTerry([{ a: 'x', b: 'y', score: 1 }, { a: 'x', b: 'y', score: 1 }, { a: 'x', b: 'y', score: 1 }, { a: 'y', b: 'x', score: 1 }], { prior: 0 })
 * // strengths x / y = 3
 */
export function bradleyTerry(comparisons: readonly PairedComparison[], options: { prior?: number; maxIterations?: number; tolerance?: number } = {}): BradleyTerryResult {
  const prior = options.prior ?? 0.5;
  const players = [...new Set(comparisons.flatMap((c) => [c.a, c.b]))].sort();
  const index = new Map(players.map((player, position) => [player, position]));
  const size = players.length;
  const wins = new Array<number>(size).fill(0);
  const games = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  for (const { a, b, score } of comparisons) {
    const i = index.get(a)!;
    const j = index.get(b)!;
    wins[i]! += score;
    wins[j]! += 1 - score;
    games[i]![j]! += 1;
    games[j]![i]! += 1;
  }
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      if (i === j || prior === 0) continue;
      games[i]![j]! += prior; // `prior` games per pair, each side winning half of them
      wins[i]! += prior / 2;
    }
  }
  let strengths = new Array<number>(size).fill(1);
  const maxIterations = options.maxIterations ?? 10_000;
  const tolerance = options.tolerance ?? 1e-10;
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations && !converged) {
    iterations++;
    const next = strengths.map((p, i) => {
      let denominator = 0;
      for (let j = 0; j < size; j++) if (j !== i && games[i]![j]! > 0) denominator += games[i]![j]! / (p + strengths[j]!);
      return denominator === 0 ? p : wins[i]! / denominator;
    });
    const logMean = next.reduce((sum, p) => sum + Math.log(p), 0) / size;
    const scaled = next.map((p) => p / Math.exp(logMean));
    converged = scaled.every((p, i) => Math.abs(p - strengths[i]!) <= tolerance * Math.max(1, strengths[i]!));
    strengths = scaled;
  }
  return { strengths: Object.fromEntries(players.map((player, i) => [player, strengths[i]!])), iterations, converged };
}

/** Percentile-bootstrap intervals of each player's strength, resampling comparisons (seeded). */
export function bradleyTerryIntervals(
  comparisons: readonly PairedComparison[],
  options: { seed: number; resamples?: number; prior?: number },
): Record<string, { strength: number; lo: number; hi: number }> {
  const fit = bradleyTerry(comparisons, { prior: options.prior ?? 0.5 });
  const rng = createRng(options.seed);
  const draws = new Map(Object.keys(fit.strengths).map((player) => [player, [] as number[]]));
  for (let r = 0; r < (options.resamples ?? 1000); r++) {
    const sample = drawIndices(rng, comparisons.length).map((i) => comparisons[i]!);
    const refit = bradleyTerry(sample, { prior: options.prior ?? 0.5, maxIterations: 2000, tolerance: 1e-8 });
    for (const [player, values] of draws) values.push(refit.strengths[player] ?? Number.NaN);
  }
  return Object.fromEntries(
    [...draws].map(([player, values]) => {
      const finite = values.filter(Number.isFinite);
      return [player, { strength: fit.strengths[player]!, lo: percentile(finite, 2.5) ?? Number.NaN, hi: percentile(finite, 97.5) ?? Number.NaN }];
    }),
  );
}
