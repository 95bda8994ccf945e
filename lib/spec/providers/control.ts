import { z } from 'zod';
import { defineProviderDefinition } from './definition.ts';

/**
 * The control kinds: reference points that bracket real models in a report. The best a
 * scorer allows (`oracle`), a parrot (`echo`) and a coin (`chance`).
 *
 * Extension point: to add a kind (e.g. `stereotype`, which picks a BBQ item's stereotyped
 * answer), add its name here and its answerer to `CONTROL_ANSWERERS` in lib/providers/control.ts; the `satisfies` there
 * makes a name without an answerer a compile error, and the params schema follows the list.
 */
export const CONTROL_KINDS = ['oracle', 'echo', 'chance', 'stereotype', 'overconfident', 'calibrated', 'brittle'] as const;
export type ControlKind = (typeof CONTROL_KINDS)[number];

/** Parameters of a `control` candidate. */
export const ControlProviderParamsSchema = z.strictObject({
  kind: z.enum(CONTROL_KINDS),
});

/** Built-in reference candidates that need no model, network or key; the answerers are lib/providers/control.ts. */
export const controlDefinition = defineProviderDefinition({
  id: 'control',
  description: 'Reference candidates: oracle (the expected answer), echo (the prompt), chance (a seeded random option), stereotype (the biased answer), overconfident (chance answers at 100% confidence), calibrated (stated confidence = hit rate), brittle (right on originals, wrong on perturbed variants)',
  kind: 'control',
  params: ControlProviderParamsSchema,
});

/**
 * Controls for the judge itself, like the audit's controls for a bias metric: `prefers-first`
 * always picks the answer shown first (a position-biased judge: the position-consistency rate
 * must expose it at 0%), `always-pass` always gives the best grade or favours the candidate.
 */
export const JUDGE_CONTROL_KINDS = ['prefers-first', 'always-pass'] as const;
export type JudgeControlKind = (typeof JUDGE_CONTROL_KINDS)[number];

/** A judge control: `{ provider: control, kind: prefers-first | always-pass }`. */
export const JudgeControlParamsSchema = z.strictObject({
  provider: z.literal('control'),
  kind: z.enum(JUDGE_CONTROL_KINDS),
});
