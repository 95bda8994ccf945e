import type { z } from 'zod';

/** Issues listed before the rest are only counted. */
const LISTED_ISSUES = 5;

/**
 * Zod issues as one line a person can act on: `candidates.a.metrics["score.exact"]: unknown key
 * "foo"; gates[2].op: ...`. Keys with dots (metric names) are quoted so the path stays readable.
 */
export function formatSchemaIssues(issues: readonly z.core.$ZodIssue[]): string {
  const lines = issues.flatMap((issue) => describeIssue(issue, []));
  const listed = lines.slice(0, LISTED_ISSUES);
  if (lines.length > LISTED_ISSUES) listed.push(`and ${lines.length - LISTED_ISSUES} more`);
  return listed.join('; ');
}

function describeIssue(issue: z.core.$ZodIssue, prefix: readonly PropertyKey[]): string[] {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => `${at(path)}unknown key ${JSON.stringify(key)}`);
  }
  // A union that no member matched: report the member that got furthest (fewest issues), not all of them.
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const closest = [...issue.errors].sort((a, b) => a.length - b.length)[0]!;
    return closest.flatMap((inner) => describeIssue(inner, path));
  }
  return [`${at(path)}${issue.message}`];
}

function at(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '' : `${formatPath(path)}: `;
}

/** `candidates.a.metrics["score.exact"].ci95[0]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$-]*$/.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}
