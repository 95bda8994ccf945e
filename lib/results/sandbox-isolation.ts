import { z } from 'zod';

/** The isolation a code sandbox achieved (manifest.json and summary.json `sandbox`; lib/sandbox). */
export const SandboxIsolationSchema = z.strictObject({
  /** `local` or `lambda`. */
  kind: z.string(),
  network: z.enum(['none', 'host']),
  filesystem: z.string(),
  user: z.string(),
  limits: z.array(z.string()).readonly(),
  /** What the machine could not provide, in words (empty when fully isolated). */
  missing: z.array(z.string()).readonly(),
});
export type SandboxIsolation = z.infer<typeof SandboxIsolationSchema>;
