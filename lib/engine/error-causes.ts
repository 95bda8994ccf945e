import type { ResultRecord } from '../results/index.ts';

/** One first cause of failed items: the error code and message shared by `count` records. */
export interface ErrorCause {
  readonly code: string;
  readonly message: string;
  readonly count: number;
}

/** Distinct causes kept per candidate; the rest are counted under one `OTHER` entry. */
const MAX_CAUSES = 8;

/**
 * Tallies a candidate's failed records by first cause (code + message), so a run that failed says
 * why in its summary instead of only in the records. The `candidate "<id>": ` prefix providers put
 * on messages is dropped, so the same dead endpoint behind two candidates reads as one cause.
 */
export class ErrorCauseTally {
  private readonly counts = new Map<string, { code: string; message: string; count: number }>();

  add(record: ResultRecord): void {
    if (!record.error) return;
    const message = withoutCandidatePrefix(record.error.message);
    const key = `${record.error.code}\u0000${message}`;
    const cause = this.counts.get(key);
    if (cause) cause.count++;
    else this.counts.set(key, { code: record.error.code, message, count: 1 });
  }

  /** The causes, most frequent first; undefined when nothing failed. */
  causes(): ErrorCause[] | undefined {
    if (this.counts.size === 0) return undefined;
    const sorted = [...this.counts.values()].sort((a, b) => b.count - a.count || a.message.localeCompare(b.message));
    if (sorted.length <= MAX_CAUSES) return sorted;
    const rest = sorted.slice(MAX_CAUSES - 1);
    const other = rest.reduce((total, cause) => total + cause.count, 0);
    return [...sorted.slice(0, MAX_CAUSES - 1), { code: 'OTHER', message: `${rest.length} other causes (see the records)`, count: other }];
  }
}

function withoutCandidatePrefix(message: string): string {
  return message.replace(/^candidate "[^"]*": /, '');
}
