/**
 * The first start and last finish of a stream of records, in ms since the epoch. Timestamps the
 * run clock writes (`toISOString()`: `2026-01-01T00:00:00.000Z`, UTC, fixed width) order as text,
 * so they are compared as strings and only the two ends are parsed — not two `Date.parse` per
 * record. Any other spelling is parsed as it comes, so the result is the same either way.
 */
export class WallSpan {
  private firstText: string | null = null;
  private lastText: string | null = null;
  private firstParsed = Infinity;
  private lastParsed = -Infinity;

  add(startedAt: string, finishedAt: string): void {
    if (!isClockTimestamp(startedAt)) this.firstParsed = Math.min(this.firstParsed, Date.parse(startedAt));
    else if (this.firstText === null || startedAt < this.firstText) this.firstText = startedAt;
    if (!isClockTimestamp(finishedAt)) this.lastParsed = Math.max(this.lastParsed, Date.parse(finishedAt));
    else if (this.lastText === null || finishedAt > this.lastText) this.lastText = finishedAt;
  }

  /** Earliest start (Infinity when nothing was added). */
  get startMs(): number {
    return this.firstText === null ? this.firstParsed : Math.min(this.firstParsed, Date.parse(this.firstText));
  }

  /** Latest finish (-Infinity when nothing was added). */
  get endMs(): number {
    return this.lastText === null ? this.lastParsed : Math.max(this.lastParsed, Date.parse(this.lastText));
  }
}

/** `YYYY-MM-DDTHH:mm:ss.sssZ`: digits where digits go, separators where they go. */
function isClockTimestamp(text: string): boolean {
  if (text.length !== 24) return false;
  for (let index = 0; index < 24; index++) {
    const code = text.charCodeAt(index);
    const expected = SEPARATORS[index];
    if (expected === 0 ? code < 48 || code > 57 : code !== expected) return false;
  }
  return true;
}

/** Character code of the separator at each position of a clock timestamp, 0 for a digit. */
const SEPARATORS = Array.from('0000-00-00T00:00:00.000Z', (char) => (char === '0' ? 0 : char.charCodeAt(0)));
