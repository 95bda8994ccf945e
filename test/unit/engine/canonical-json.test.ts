import { describe, expect, it } from 'vitest';
import { canonicalJson, writeCanonicalJson } from '../../../lib/engine/canonical-json.ts';

/** The text every sealed digest so far was computed over: JSON.stringify with each object rebuilt sorted. */
function sortedStringify(value: unknown): string | undefined {
  return JSON.stringify(value, (_key, item: unknown) =>
    item !== null && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}

describe('canonical JSON', () => {
  it('sorts keys at every depth, integer-like keys first in numeric order as in any rebuilt object', () => {
    // A writer that only sorted key strings would write "10" before "2", changing every sealed digest.
    expect(canonicalJson({ b: 4, a: 3, '10': 2, '2': 1 })).toBe('{"2":1,"10":2,"a":3,"b":4}');
    expect(canonicalJson({ z: { y: [{ d: 1, c: 2 }], x: null }, é: 'ü', E: '\u2028' })).toBe('{"E":"\u2028","z":{"x":null,"y":[{"c":2,"d":1}]},"é":"ü"}');
  });

  it('writes exactly the text sealed digests were computed over, JSON.stringify steps included', () => {
    class Stamp {
      toJSON(key: string): unknown {
        return { key, at: 'later' };
      }
    }
    const values: unknown[] = [
      { b: undefined, a: () => 1, c: Symbol('s'), d: [undefined, () => 1, Symbol('s'), 1] },
      { when: new Date(Date.UTC(2026, 11, 4)), stamp: new Stamp(), list: [new Stamp()] },
      { nan: Number.NaN, inf: Number.POSITIVE_INFINITY, negZero: -0, big: 1e21, tiny: 5e-324 },
      { nested: [[[]], {}, [{ '1': 'one', '01': 'zero-one', '-1': 'minus' }]], quote: '"\\\n\t\u0001' },
      { boxed: Object(1), boxedString: Object('text') },
      'top-level string',
      42,
      null,
      [],
      [1, [2, [3, { b: 1, a: 2 }]]],
    ];
    for (const value of values) expect(canonicalJson(value)).toBe(sortedStringify(value));
  });

  it('hands a large value on in chunks of about 64 KB that join to the whole text', () => {
    const manifest = { sampleIds: Array.from({ length: 50_000 }, (_, index) => `sample-${index}`), name: 'big', meta: { b: 1, a: 2 } };
    const chunks: string[] = [];
    writeCanonicalJson(manifest, (chunk) => chunks.push(chunk));
    expect(chunks.join('')).toBe(sortedStringify(manifest));
    expect(chunks.length).toBeGreaterThan(10);
    for (const chunk of chunks.slice(0, -1)) expect(chunk.length).toBeGreaterThanOrEqual(65_536);
    for (const chunk of chunks) expect(chunk.length).toBeLessThan(65_536 + 100);
  });
});
