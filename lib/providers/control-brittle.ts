import type { CompletionRequest } from '../ports/index.ts';

type Answered = { text: string } | { problem: string };

/**
 * `brittle`: the expected answer on an original row (or a variant the perturbation left
 * unchanged), a wrong one on every perturbed variant — the positive control of a robustness audit
 * (`dataset.perturbations`): robustness.accuracy 0 and consistency.rate 0 where variants differ,
 * beside `oracle` (1 and 1). Wrong means another option when the sample has options.
 */
export function answerBrittle(request: CompletionRequest): Answered {
  if (request.expected === undefined) {
    return { problem: `sample "${request.sample.id}" has no expected answer: the primary scorer has no reference (brittle needs one)` };
  }
  const perturbation = request.sample.data.perturbation as { name?: unknown; changed?: unknown } | undefined;
  const perturbed = perturbation !== undefined && perturbation.name !== 'original' && perturbation.changed !== false;
  if (!perturbed) return { text: request.expected };
  const other = (request.options ?? []).find((option, index) => option !== request.expected && String.fromCharCode(65 + index) !== request.expected);
  return { text: other ?? '(brittle control: thrown by the perturbation)' };
}
