/**
 * Verdict's own fixed patterns run on untrusted model output too: the verbalised-confidence
 * statements (RE2) and the PII detectors (native RegExp, linear by construction; e-mail found from
 * its `@`). Each adversarial output is 1 MB. Before, "confidence" + 2,000 spaces took 14 s (cubic)
 * and 20,000 digits took 3 s in the e-mail detector (quadratic), so at 1 MB neither would finish;
 * now each takes under 2 s on an idle machine. The bound is generous for a loaded 2-core one.
 */
import { describe, expect, it } from 'vitest';
import { parseStatedConfidence } from '../../../lib/engine/verbalized-confidence.ts';
import { detectPii } from '../../../lib/scorers/pii/detectors.ts';

const SIZE = 1_000_000;
const BOUND_MS = 20_000;

/** `prefix`, then `unit` repeated, then `suffix`: about 1 MB in all. */
function output(unit: string, prefix = '', suffix = ''): string {
  return prefix + unit.repeat(Math.ceil((SIZE - prefix.length - suffix.length) / unit.length)) + suffix;
}

function timed<T>(run: () => T): { result: T; ms: number } {
  const started = performance.now();
  const result = run();
  return { result, ms: performance.now() - started };
}

describe('verbalised confidence on adversarial outputs', () => {
  it.each([
    ['"confidence" and a long run of spaces', output(' ', 'confidence', 'x'), undefined],
    ['"置信度" and a long run of ideographic spaces', output('\u3000', '置信度', 'x'), undefined],
    ['"confidence 9" repeated', output('confidence 9 '), 0.09],
    ['"9%" and a long run of spaces', output(' ', '9%', 'x'), undefined],
    ['a long digit run', output('1'), undefined],
  ])('%s', (_name, text, value) => {
    const { result, ms } = timed(() => parseStatedConfidence(text));
    expect(ms).toBeLessThan(BOUND_MS);
    expect(result?.value).toBe(value);
  });
});

describe('PII detectors on adversarial outputs', () => {
  it.each([
    ['a long digit run', output('1'), 0],
    ['a long run of e-mail local-part characters', output("a.!#"), 0],
    ['an @ and endless one-letter labels', output('b.', 'a@'), 0],
    ['repeated separators', output('1-'), 0],
    ['repeated colons', output('1:'), 0],
    ['repeated IBAN-like groups', output('AB12 '), 0],
    ['repeated international phone numbers', output('+4420794609 '), Math.ceil(SIZE / 12)],
  ])('%s', (_name, text, count) => {
    const { result, ms } = timed(() => detectPii(text));
    expect(ms).toBeLessThan(BOUND_MS);
    expect(result).toHaveLength(count);
  });
});
