import { describe, expect, it } from 'vitest';
import { WallSpan } from '../../../lib/engine/wall-span.ts';

describe('WallSpan', () => {
  it('finds the first start and last finish of clock timestamps without parsing each', () => {
    const span = new WallSpan();
    span.add('2026-01-01T00:00:02.000Z', '2026-01-01T00:00:03.500Z');
    span.add('2026-01-01T00:00:01.250Z', '2026-01-01T00:00:02.000Z');
    span.add('2026-01-01T00:00:05.000Z', '2026-01-01T00:00:04.000Z');
    expect(span.startMs).toBe(Date.parse('2026-01-01T00:00:01.250Z'));
    expect(span.endMs).toBe(Date.parse('2026-01-01T00:00:04.000Z'));
  });

  it('orders other spellings by their instant, not their text', () => {
    const span = new WallSpan();
    span.add('2026-01-01T00:00:01.000Z', '2026-01-01T00:00:02.000Z');
    // One hour ahead of UTC: 00:30 UTC as text "01:30+01:00" — later than every Z text by its characters, earlier by time.
    span.add('2026-01-01T01:00:00.500+01:00', '2026-01-01T01:00:09.000+01:00');
    expect(span.startMs).toBe(Date.parse('2026-01-01T00:00:00.500Z'));
    expect(span.endMs).toBe(Date.parse('2026-01-01T00:00:09.000Z'));
    const empty = new WallSpan();
    expect([empty.startMs, empty.endMs]).toEqual([Infinity, -Infinity]);
  });
});
