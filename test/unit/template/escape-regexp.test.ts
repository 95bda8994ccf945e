import { describe, expect, it } from 'vitest';
import { escapeRegExp } from '../../../lib/template/index.ts';

describe('escapeRegExp', () => {
  it('escapes every syntax character and leaves the rest, so the result is valid under the u flag', () => {
    const text = 'a.b*c+d?e^f$g{h}i(j)k|l[m]n\\o/p-q';
    const escaped = escapeRegExp(text);
    expect(new RegExp(`^${escaped}$`, 'u').test(text)).toBe(true);
    expect(new RegExp(escaped, 'u').test(text.replace('.', 'x'))).toBe(false);
    expect(escaped).toContain('-q');
  });
});
