import { describe, expect, it } from 'vitest';
import { seededPermutation } from '../../../lib/datasets/multiple-choice.ts';
import { fnv1aCodePoints, fnv1aUtf8Bytes, itemSeed } from '../../../lib/stats/index.ts';

// Seeds of existing runs derive from these hashes, so their outputs are pinned: the values were
// computed from the three separate implementations this module replaced.
const ascii = 's1|a|0';
const astral = 'emoji-😀|x|1';
/** The key the judge hashes for sample `id`, repeat 2, ask 1 (judge-ask.ts seedOf). */
const judgeKey = (id: string) => `${id}\u001f2\u001f1`;

describe('FNV-1a variants', () => {
  it('itemSeed hashes UTF-16 code units from the run seed', () => {
    expect(itemSeed(7, ascii)).toBe(2895104649);
    expect(itemSeed(0, ascii)).toBe(1553977206);
    expect(itemSeed(7, astral)).toBe(1257818105);
  });

  it('the judge seed hashes code points', () => {
    expect(fnv1aCodePoints(judgeKey(ascii))).toBe(3303980391);
    expect(fnv1aCodePoints(judgeKey(astral))).toBe(2805039898);
  });

  it('the multiple-choice permutation key hashes UTF-8 bytes', () => {
    expect(fnv1aUtf8Bytes(ascii)).toBe(1553977206);
    expect(fnv1aUtf8Bytes(astral)).toBe(1920380498);
    expect(seededPermutation(8, ascii)).toEqual([0, 6, 4, 5, 2, 3, 1, 7]);
    expect(seededPermutation(8, astral)).toEqual([4, 5, 7, 6, 2, 3, 0, 1]);
  });

  it('the three encodings agree on ASCII and differ on an astral character', () => {
    expect(fnv1aCodePoints(ascii)).toBe(itemSeed(0, ascii));
    expect(fnv1aUtf8Bytes(ascii)).toBe(itemSeed(0, ascii));
    const variants = new Set([itemSeed(0, astral), fnv1aCodePoints(astral), fnv1aUtf8Bytes(astral)]);
    expect(variants.size).toBe(3);
  });

  it('matches the published FNV-1a 32-bit test vectors', () => {
    // From the FNV reference test suite (Noll, fnv/test_fnv.c): "a" and "foobar".
    expect(fnv1aUtf8Bytes('a')).toBe(0xe40c292c);
    expect(fnv1aUtf8Bytes('foobar')).toBe(0xbf9cf968);
  });

  it('hashes the empty string to the offset basis', () => {
    expect(fnv1aUtf8Bytes('')).toBe(0x811c9dc5);
    expect(fnv1aCodePoints('')).toBe(0x811c9dc5);
    expect(itemSeed(0, '')).toBe(0x811c9dc5);
  });
});
