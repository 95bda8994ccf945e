import type { CompletionRequest } from '../ports/index.ts';
import { createRng } from '../stats/index.ts';

type Answered = { text: string } | { problem: string };

/**
 * `overconfident`: a seeded uniform pick among the sample's options (accuracy at chance, 1/k),
 * always stated with "Confidence: 100%" — the positive control of a calibration audit: its ECE is
 * about 1 − 1/k (≥ 0.5 with two options or more).
 */
export function answerOverconfident(request: CompletionRequest): Answered {
  const options = request.options;
  if (options === undefined || options.length === 0) {
    return { problem: `sample "${request.sample.id}" has no answer options (overconfident needs a multiple-choice dataset)` };
  }
  const rng = createRng(request.seed);
  return { text: `${options[rng.nextInt(options.length)]!}\nConfidence: 100%` };
}

/**
 * `calibrated`: states a seeded confidence c (uniform over 1%..99%) and is right with
 * probability exactly c (a second seeded draw), so its stated confidence is its true hit rate —
 * the negative control: ECE near 0, up to sampling noise (about 0.03 for 1,000 answers and 10
 * bins). Right means the primary scorer's reference; wrong means another option, or a fixed wrong
 * answer when the sample has no options.
 */
export function answerCalibrated(request: CompletionRequest): Answered {
  if (request.expected === undefined) {
    return { problem: `sample "${request.sample.id}" has no expected answer: the primary scorer has no reference (calibrated needs one)` };
  }
  const rng = createRng(request.seed);
  const percent = 1 + rng.nextInt(99);
  const right = rng.nextFloat() < percent / 100;
  return { text: `${right ? request.expected : wrongAnswer(request, rng.nextInt(1 << 30))}\nConfidence: ${percent}%` };
}

function wrongAnswer(request: CompletionRequest, draw: number): string {
  const others = (request.options ?? []).filter((option) => option !== request.expected && !sameOptionLetter(option, request.expected!, request.options!));
  if (others.length === 0) return '(calibrated control: a deliberately wrong answer)';
  return others[draw % others.length]!;
}

/** A `choice` reference may be the letter of an option rather than its text. */
function sameOptionLetter(option: string, expected: string, options: readonly string[]): boolean {
  return /^[A-Z]$/.test(expected) && options.indexOf(option) === expected.charCodeAt(0) - 65;
}
