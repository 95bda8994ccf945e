import { z } from 'zod';
import { CODE_LANGUAGES } from '../datasets/index.ts';

/**
 * What a worker sends the sandbox function: the program, its limits, and the inline runner and
 * interpreter flags for its language (so the Python and Node functions share one runner each with
 * the local sandbox instead of keeping copies).
 */
export const SandboxEventSchema = z.object({
  schemaVersion: z.literal(1),
  language: z.enum(CODE_LANGUAGES),
  program: z.string(),
  programName: z.string().regex(/^[\w.-]+$/),
  /** Interpreter arguments (the inline runner and the program file), as `RUNNERS[language].args`. */
  args: z.array(z.string()),
  timeoutMs: z.number().int().positive().max(60_000),
  memoryMb: z.number().int().positive(),
  outputLimitBytes: z.number().int().positive(),
  captureBytes: z.number().int().positive(),
});
export type SandboxEvent = z.infer<typeof SandboxEventSchema>;

/** What the sandbox function answers: how the process ended (the caller names the failure class). */
export const SandboxOutcomeSchema = z.object({
  exitCode: z.number().int().nullable(),
  signal: z.string().nullable(),
  timedOut: z.boolean(),
  outputExceeded: z.boolean(),
  stdout: z.string(),
  stderr: z.string(),
  truncated: z.boolean(),
  durationMs: z.number().nonnegative(),
});
export type SandboxOutcome = z.infer<typeof SandboxOutcomeSchema>;
