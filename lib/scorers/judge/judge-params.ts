import { z } from 'zod';
import { JUDGE_LANGUAGES, type JudgeScale } from './judge-prompts.ts';

/**
 * A judge reference: the id of a spec-level `judges:` entry, or an inline judge with the keys a
 * candidate has (`{ provider: openai, model: ..., apiKeyEnv: ... }`, `{ provider: replay, ... }`)
 * or a judge control (`{ provider: control, kind: prefers-first | always-pass }`). The inline
 * keys are checked when the run resolves the judge, like a candidate's.
 */
export const JudgeRefSchema = z.union([
  z.string().min(1),
  z.looseObject({ provider: z.string().min(1) }),
]);
export type JudgeRef = z.infer<typeof JudgeRefSchema>;

/** Where a pairwise scorer finds the answer it compares against. */
export const BaselineSchema = z.union([
  z.strictObject({ field: z.string().min(1).describe('Dotted path to the baseline answer in the dataset row.') }),
  z.strictObject({
    run: z.string().min(1).describe('A result set (folder or s3://) whose answers are the baseline.'),
    candidate: z.string().min(1).optional().describe('The candidate of that run; default its only one.'),
  }),
  z.strictObject({ candidate: z.string().min(1).describe('Another candidate of this run (answers judged in a second phase).') }),
]);

const scaleParam = z
  .union([z.tuple([z.number().int(), z.number().int()]), z.enum(['pass-fail', 'pass/fail'])])
  .default([1, 5])
  .describe('A whole-number scale [lo, hi] (default [1, 5]) or "pass-fail".');

/** Parameters of the `judge` scorer. */
export const judgeParams = z
  .strictObject({
    kind: z.enum(['rubric', 'pairwise', 'panel']).describe('rubric: pointwise; pairwise: against a baseline, both orders; panel: several judges.'),
    judge: JudgeRefSchema.optional().describe('The judge (rubric, pairwise): a `judges:` id or an inline judge.'),
    judges: z.array(JudgeRefSchema).min(2).optional().describe('The panel (kind: panel): two or more judges.'),
    task: z.enum(['rubric', 'pairwise']).default('rubric').describe('What each panel judge does. Default rubric.'),
    rubric: z.string().min(1).optional().describe('What a good answer is; {{field}} placeholders are filled from the row.'),
    scale: scaleParam,
    passAt: z.number().optional().describe('The lowest grade that passes; default the middle of the scale rounded up.'),
    reference: z.string().min(1).optional().describe('A reference answer shown to the judge, e.g. "{{answer}}".'),
    question: z.string().min(1).optional().describe('What the judge is told was asked; default the prompt\'s last user message.'),
    samples: z.number().int().positive().max(20).default(1).describe('Ask the judge n times per item: mean and spread.'),
    language: z.enum([...JUDGE_LANGUAGES, 'auto']).default('en').describe('The judge prompt\'s language: en, zh, or auto (zh when the question has Chinese characters).'),
    verdictPattern: z.string().min(1).optional().describe('A regular expression in RE2 syntax (no backreferences or lookaround; matched case-insensitively in linear time) whose first group holds the grade or verdict; the last match wins.'),
    baseline: BaselineSchema.optional().describe('pairwise: { field }, { run, candidate? } or { candidate }.'),
    combine: z.enum(['mean', 'majority']).optional().describe('panel: mean of grades, or majority vote. Default mean (majority for pass-fail and pairwise).'),
    humanLabel: z.string().min(1).optional().describe('Dotted path to a human grade in the row (judge validation); {{candidate}} is replaced by the candidate id.'),
    humanLabelMap: z
      .record(z.string(), z.union([z.number(), z.enum(['win', 'tie', 'loss'])]))
      .optional()
      .describe('Maps human label values to grades or to win/tie/loss (e.g. { "1": win, "2": loss }).'),
  });
export type JudgeParams = z.infer<typeof judgeParams>;

/**
 * Cross-key checks (kept out of the zod object, which the spec schema extends): a panel needs
 * `judges`, pairwise needs a `baseline`, rubric judging a `rubric`, a scale lo < hi.
 * Returns the problems as `key: message`, empty when the params are consistent.
 */
export function judgeParamProblems(params: JudgeParams): string[] {
  const problems: string[] = [];
  if (params.kind === 'panel' && !params.judges) problems.push('judges: a panel needs two or more judges');
  if (params.kind !== 'panel' && params.judge === undefined) problems.push(`judge: kind ${params.kind} needs a judge (a judges: id or an inline judge)`);
  const pairwise = isPairwise(params);
  if (pairwise && !params.baseline) problems.push('baseline: pairwise judging needs { field } | { run } | { candidate }');
  if (!pairwise && params.rubric === undefined) problems.push('rubric: rubric judging needs a rubric');
  if (Array.isArray(params.scale) && params.scale[0] >= params.scale[1]) problems.push(`scale: expected [lo, hi] with lo < hi, got [${params.scale.join(', ')}]`);
  return problems;
}

/** True when the scorer judges pairs (kind pairwise, or a panel whose task is pairwise). */
export function isPairwise(params: Pick<JudgeParams, 'kind' | 'task'>): boolean {
  return params.kind === 'pairwise' || (params.kind === 'panel' && params.task === 'pairwise');
}

/** The spec's `scale` as a {@link JudgeScale}. */
export function scaleOf(params: Pick<JudgeParams, 'scale'>): JudgeScale {
  return Array.isArray(params.scale) ? { kind: 'range', lo: params.scale[0], hi: params.scale[1] } : { kind: 'pass-fail' };
}
