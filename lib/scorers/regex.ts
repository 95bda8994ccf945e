import { z } from 'zod';
import type { Sample } from '../datasets/index.ts';
import { VerdictError } from '../errors/index.ts';
import { compileTemplate, escapeRegExp, type CompiledTemplate } from '../template/index.ts';
import { compileLinearPattern, type LinearPattern } from './linear-pattern.ts';
import { defineScorer } from './types.ts';

const regexParams = z
  .object({
    pattern: z
      .string()
      .min(1)
      .describe('Regular expression in RE2 syntax (JavaScript syntax without backreferences or lookaround), matched in linear time; {{field}} placeholders are filled with regex-escaped values.'),
    flags: z.string().default('').describe('Flags from i, m, s (and d, u, v, accepted for JavaScript habits: matching is always Unicode-aware); g and y are refused. Default "".'),
    reference: z
      .string()
      .min(1)
      .optional()
      .describe('What the oracle candidate answers, as a {{field}} template; not used for matching.'),
  })
  .strict();

/**
 * `regex`: 1 when `pattern` matches somewhere in the output. Model outputs are untrusted, so
 * matching uses RE2 (re2js, a pure-JavaScript port): linear time in the output whatever the
 * pattern, so `(a+)+$` cannot hang a run; backreferences and lookaround, which need
 * backtracking, are refused when the scorer is created. `{{field}}`
 * placeholders are rendered from the row with regex-escaped values, so `\b{{answer}}\b` matches
 * the answer literally even when it holds `.` or `(`. Placeholders belong outside character
 * classes. Matching is case-sensitive unless `flags` has `i`. The pattern is checked when the
 * scorer is created: an invalid one throws `SPEC_INVALID` naming it.
 *
 * @example
 * // scorers: [{ type: regex, pattern: "\\b{{answer}}\\b", flags: i, reference: "{{answer}}" }]
 */
export const regex = defineScorer({
  id: 'regex',
  description: 'The output matches a regular expression, optionally built from the row.',
  params: regexParams,
  create(params, { id }) {
    checkFlags(params.flags, id);
    const template = compileTemplate(params.pattern, `scorer "${id}" pattern`);
    checkPatternFields(template, id);
    const fixed = compileRegExp(template.render(emptyRow(template.fields), 'pattern check'), params.flags, id);
    const reference = params.reference === undefined ? undefined : compileTemplate(params.reference, `scorer "${id}" reference`);
    const renderPattern = createEscapedRenderer(template);
    const regExpFor = (sample: Sample): LinearPattern =>
      template.fields.length === 0 ? fixed : compileRegExp(renderPattern(sample), params.flags, id, sample);
    return {
      id,
      type: 'regex',
      expected: (sample) => reference?.render(sample.data, sample.id),
      options: () => undefined,
      score({ sample, output }) {
        const pass = regExpFor(sample).matcher(output).find();
        return { value: pass ? 1 : 0, pass };
      },
    };
  },
});

/** `g` and `y` make `test` stateful (`lastIndex`), so the same output could score differently. */
function checkFlags(flags: string, scorerId: string): void {
  const unknown = flags.replace(/[dimsuvgy]/g, '');
  if (unknown !== '' || new Set(flags).size !== flags.length) {
    throw new VerdictError('SPEC_INVALID', `scorer "${scorerId}": flags "${flags}": expected each of i, m, s (d, u, v) at most once`, {
      context: { scorer: scorerId, flags },
    });
  }
  if (/[gy]/.test(flags)) {
    throw new VerdictError(
      'SPEC_INVALID',
      `scorer "${scorerId}": flags "${flags}": g and y make matching depend on the previous output; drop them`,
      { context: { scorer: scorerId, flags } },
    );
  }
}

/** Rendering writes each field into a fresh row, which cannot hold both `a` and `a.b`. */
function checkPatternFields(template: CompiledTemplate, scorerId: string): void {
  for (const field of template.fields) {
    const clash = template.fields.find((other) => other.startsWith(`${field}.`));
    if (clash !== undefined) {
      throw new VerdictError(
        'SPEC_INVALID',
        `scorer "${scorerId}": pattern "${template.source}" uses both {{${field}}} and {{${clash}}}; use only one of them`,
        { context: { scorer: scorerId, pattern: template.source } },
      );
    }
  }
}

function compileRegExp(source: string, flags: string, scorerId: string, sample?: Sample): LinearPattern {
  try {
    return compileLinearPattern(source, flags);
  } catch (error) {
    const where = sample === undefined ? '' : ` for sample "${sample.id}"`;
    throw new VerdictError(
      'SPEC_INVALID',
      `scorer "${scorerId}": pattern "${source}" with flags "${flags}" is not a valid regular expression${where}` +
        `: ${(error as Error).message}; fix the pattern, or escape special characters with \\`,
      { cause: error, context: { scorer: scorerId, pattern: source, flags } },
    );
  }
}

/**
 * Renders the pattern from a copy of the row whose fields are regex-escaped strings; each field
 * is rendered by its own `{{field}}` template, so values are stringified exactly as in prompts.
 */
function createEscapedRenderer(template: CompiledTemplate): (sample: Sample) => string {
  const fields = template.fields.map((field) => ({
    field,
    value: compileTemplate(`{{${field}}}`, `pattern "${template.source}"`),
  }));
  return (sample) => {
    const row: Record<string, unknown> = Object.create(null);
    for (const { field, value } of fields) setPath(row, field, escapeRegExp(value.render(sample.data, sample.id)));
    return template.render(row, sample.id);
  };
}

/** A row where every field of the pattern is the empty string: enough to check the syntax. */
function emptyRow(fields: readonly string[]): Record<string, unknown> {
  const row: Record<string, unknown> = Object.create(null);
  for (const field of fields) setPath(row, field, '');
  return row;
}

function setPath(row: Record<string, unknown>, path: string, value: string): void {
  const steps = path.split('.');
  let current = row;
  for (const step of steps.slice(0, -1)) {
    current[step] ??= Object.create(null);
    current = current[step] as Record<string, unknown>;
  }
  current[steps[steps.length - 1]!] = value;
}

