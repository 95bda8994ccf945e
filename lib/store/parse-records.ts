import { VerdictError } from '../errors/index.ts';
import { ResultRecordSchema, type ResultRecord } from '../results/index.ts';

/**
 * Parses one shard's lines. A line that does not parse is fatal unless it is the last one and
 * has no newline after it: that is a record torn by a crash mid-write, and it is skipped
 * (the item was never done, so a resume runs it again).
 */
export function* parseRecordLines(
  lines: Iterable<{ text: string; last: boolean }>,
  where: string,
  /** Number of the first line, for readers that parse a shard in pieces (the S3 store streams). */
  firstLine = 1,
): Generator<ResultRecord> {
  let line = firstLine - 1;
  for (const { text, last } of lines) {
    line++;
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      if (last) return;
      throw new VerdictError('STORE_READ', `${where}:${line}: record is not valid JSON (${(error as Error).message})`, {
        cause: error,
        context: { where, line },
      });
    }
    const parsed = ResultRecordSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new VerdictError('STORE_READ', `${where}:${line}: not a result record (${issue.path.join('.')}: ${issue.message})`, {
        context: { where, line },
      });
    }
    yield parsed.data;
  }
}

/** Splits shard text into lines, marking the final line when it lacks a trailing newline. */
export function* splitShardText(text: string): Generator<{ text: string; last: boolean }> {
  let start = 0;
  while (start < text.length) {
    const end = text.indexOf('\n', start);
    if (end === -1) {
      yield { text: text.slice(start), last: true };
      return;
    }
    yield { text: text.slice(start, end), last: false };
    start = end + 1;
  }
}
