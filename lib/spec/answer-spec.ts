import { z } from 'zod';
import { compileLinearPattern } from '../scorers/index.ts';

/** Where each answer's confidence comes from (`calibration.confidence`). */
export const CONFIDENCE_SOURCES = ['auto', 'logprobs', 'verbalized', 'agreement'] as const;

/**
 * `calibration:` — turns on per-answer confidence and the `calibration.*` metrics.
 * - `confidence`: `logprobs` (the endpoint's token log-probabilities; ask for them with
 *   `params: { logprobs: true, top_logprobs: 5 }`), `verbalized` (a "Confidence: 80%" statement the
 *   prompt asks for, en/zh), `agreement` (self-consistency: the share of `execution.repeats` that
 *   give the majority answer) or `auto` (log-probabilities when the answer has them, else a stated
 *   confidence).
 * - `bins`: bins of `calibration.ece` (equal-mass, as HELM) and `calibration.ece_equal_width`.
 * - `coverage`: levels of `calibration.selective_accuracy` `byCoverage`.
 */
export const CalibrationSpecSchema = z
  .object({
    confidence: z.enum(CONFIDENCE_SOURCES).default('auto'),
    bins: z.number().int().min(1).max(100).default(10),
    coverage: z.array(z.number().gt(0).max(1)).min(1).default([0.1, 0.25, 0.5, 0.75, 1]),
    /** Bootstrap resamples behind each metric's interval. */
    resamples: z.number().int().min(100).default(1000),
  })
  .strict();
export type CalibrationSpec = z.infer<typeof CalibrationSpecSchema>;

/**
 * `reasoning:` — how a chain of thought is told apart from the answer. Reasoning returned in a
 * field (`reasoning_content`, `reasoning`) and `<think>` blocks are always stored apart and never
 * scored; `think: false` keeps think blocks in the scored text. `strip` is a regular expression
 * (RE2 syntax, case-insensitive, matched in linear time: no backreferences or lookaround) marking where the final answer begins: what precedes its last match is
 * stored as reasoning and left out of scoring (e.g. `strip: "final answer\\s*:"`).
 */
export const ReasoningSpecSchema = z
  .object({
    think: z.boolean().default(true),
    strip: z
      .string()
      .min(1)
      .superRefine((pattern, context) => {
        const problem = regexProblem(pattern);
        if (problem !== undefined) context.addIssue({ code: 'custom', message: `not a valid regular expression: ${problem}` });
      })
      .optional(),
  })
  .strict();
export type ReasoningSpec = z.infer<typeof ReasoningSpecSchema>;

function regexProblem(pattern: string): string | undefined {
  try {
    compileLinearPattern(pattern, 'i');
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
