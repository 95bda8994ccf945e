import { VerdictError } from '../errors/index.ts';
import { readRecordLine, type ResultRecord } from '../results/index.ts';

/**
 * Parses one shard's lines. A line that is not JSON is fatal (STORE_READ) unless it is the last
 * one and has no newline after it: that is a record torn by a crash mid-write, and it is skipped
 * (the item was never done, so a resume runs it again). A line that is JSON but not a record of
 * the contract — a missing or mistyped field, a key the schema does not declare — is
 * RESULT_INVALID naming `<file>:<line>` and the JSON path.
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
    // A record line starts with "{": trimming a million of them to find blank lines costs ~0.3 s at the seal.
    if (text.charCodeAt(0) !== 0x7b && text.trim() === '') continue;
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
    yield readRecordLine(value, `${where}:${line}`, text);
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
