import type { Scorer } from '../scorers/index.ts';

/**
 * The output as the record stores it: each scorer with a `redact` hook (e.g. `pii` with
 * `redact: true`) masks it in turn. Runs after scoring, so scores see the original text.
 * `redacted` is null when no scorer redacts, else the kinds of data masked (possibly none).
 */
export function redactOutput(output: string, scorers: readonly Scorer[]): { text: string; redacted: string[] | null } {
  let text = output;
  let redacted: string[] | null = null;
  for (const scorer of scorers) {
    if (!scorer.redact) continue;
    const result = scorer.redact(text);
    text = result.text;
    redacted = [...new Set([...(redacted ?? []), ...result.redacted])];
  }
  return { text, redacted };
}
