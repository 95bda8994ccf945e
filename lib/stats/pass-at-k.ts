import { assertInteger } from './validate.ts';

/**
 * Unbiased pass@k for one problem with n samples of which c are correct:
 * pass@k = 1 − C(n − c, k) / C(n, k).
 *
 * Chen et al. (2021), "Evaluating Large Language Models Trained on Code", arXiv 2107.03374, §2.1,
 * computed in their numerically stable product form (`openai/human-eval`
 * `human_eval/evaluation.py::estimate_pass_at_k`):
 *   1 if n − c < k, else 1 − Π_{i=n−c+1}^{n} (1 − k/i).
 * Average the per-problem values over problems for the benchmark score. Source: docs/metrics.md §4.8.
 *
 * @param n - samples drawn for the problem (n ≥ k).
 * @param c - samples that passed (0 ≤ c ≤ n).
 * @param k - the k in pass@k (k ≥ 1).
 * @example
 * passAtK(10, 3, 5); // 0.9166666666666666 (= 1 − 21/252)
 */
export function passAtK(n: number, c: number, k: number): number {
  assertInteger('passAtK', 'n', n);
  assertInteger('passAtK', 'c', c);
  assertInteger('passAtK', 'k', k, 1);
  if (c > n) throw new RangeError(`passAtK: c must be ≤ n, got c = ${c}, n = ${n}`);
  if (k > n) {
    throw new RangeError(`passAtK: k must be ≤ n (draw at least k samples per problem), got k = ${k}, n = ${n}`);
  }
  if (n - c < k) return 1;
  let allFail = 1;
  for (let i = n - c + 1; i <= n; i++) allFail *= 1 - k / i;
  return 1 - allFail;
}
