import type { z } from 'zod';

/** `candidates[1].params.temperature` from a zod path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const step of path) {
    if (typeof step === 'number') out += `[${step}]`;
    else out += out ? `.${String(step)}` : String(step);
  }
  return out || '(top level)';
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const step of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[step];
  }
  return current;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const json = JSON.stringify(value);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}

/**
 * Turns one zod issue into a line that says where, what was expected and what was found:
 * `scorers[1].threshold: expected number, got "high"`.
 */
export function formatIssue(issue: z.core.$ZodIssue, input: unknown): string {
  const where = formatPath(issue.path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys
        .map((key) => `${formatPath([...issue.path, key])}: unknown key "${key}" (check the spelling, or remove it)`)
        .join('\n');
    case 'invalid_union': {
      const note = 'note' in issue ? issue.note : undefined;
      const options = 'options' in issue ? (issue.options as unknown[]) : undefined;
      if (note === 'No matching discriminator' && options) {
        const field = String(issue.path[issue.path.length - 1]);
        const got = valueAt(input, issue.path);
        const label = field === 'type' ? 'scorer' : field;
        return `${where}: unknown ${label} ${describeValue(got)}; known: ${options.join(', ')}`;
      }
      const branch = closestUnionBranch(issue);
      if (branch) return branch.map((inner) => formatIssue({ ...inner, path: [...issue.path, ...inner.path] }, input)).join('\n');
      return `${where}: ${issue.message}`;
    }
    case 'invalid_type': {
      const got = valueAt(input, issue.path);
      if (got === undefined) return `${where}: required ${issue.expected} is missing`;
      return `${where}: expected ${issue.expected}, got ${describeValue(got)}`;
    }
    default:
      // A custom issue that already names what it found (e.g. a gate metric with did-you-mean).
      if (issue.code === 'custom' && (issue.params as { verbatim?: boolean } | undefined)?.verbatim) return `${where}: ${issue.message}`;
      return `${where}: ${issue.message.replace(/^Invalid input: /, '')}, got ${describeValue(valueAt(input, issue.path))}`;
  }
}

/**
 * For a union of objects without a discriminator (e.g. threshold vs baseline gates), the issues of
 * the branch that came closest (fewest problems; ties go to the first), so the message names the
 * actual typo instead of "Invalid input".
 */
function closestUnionBranch(issue: z.core.$ZodIssue): z.core.$ZodIssue[] | undefined {
  const branches = 'errors' in issue ? (issue.errors as z.core.$ZodIssue[][] | undefined) : undefined;
  if (!branches || branches.length === 0) return undefined;
  const weight = (issues: z.core.$ZodIssue[]) =>
    issues.reduce((total, inner) => total + (inner.code === 'unrecognized_keys' ? inner.keys.length : 1), 0);
  return branches.reduce((best, branch) => (weight(branch) < weight(best) ? branch : best));
}

/** All issues, one per line, each prefixed with `prefix`. */
export function formatIssues(error: z.ZodError, input: unknown, prefix: string): string {
  return error.issues
    .flatMap((issue) => formatIssue(issue, input).split('\n'))
    .map((line) => `${prefix}: ${line}`)
    .join('\n');
}
