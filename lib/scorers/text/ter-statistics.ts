import { BeamEditDistance, OP_DEL, OP_INS, OP_NOP, OP_SUB } from './ter-edit-distance.ts';
import { pyRstrip, pySplit } from './python-strings.ts';
import { tokenizeTercom, type TerTokenizerOptions } from './ter-tokenizer.ts';

// Tercom's limits, and sacreBLEU's own cap on shift candidates (`metrics/lib_ter.py`).
const MAX_SHIFT_SIZE = 10;
const MAX_SHIFT_DIST = 50;
const MAX_SHIFT_CANDIDATES = 1000;

/** What a trace says about each position: the alignment of reference to hypothesis and the errors. */
interface Alignment {
  readonly align: Map<number, number>;
  readonly refErr: number[];
  readonly hypErr: number[];
}

/** sacreBLEU `trace_to_alignment` on the flipped trace (rewriting the reference into the hypothesis). */
function traceToAlignment(trace: string): Alignment {
  let posHyp = -1;
  let posRef = -1;
  const align = new Map<number, number>();
  const refErr: number[] = [];
  const hypErr: number[] = [];
  for (const raw of trace) {
    const op = raw === OP_INS ? OP_DEL : raw === OP_DEL ? OP_INS : raw;
    if (op === OP_NOP || op === OP_SUB) {
      posHyp++;
      posRef++;
      align.set(posRef, posHyp);
      const error = op === OP_SUB ? 1 : 0;
      hypErr.push(error);
      refErr.push(error);
    } else if (op === OP_INS) {
      posHyp++;
      hypErr.push(1);
    } else {
      posRef++;
      align.set(posRef, posHyp);
      refErr.push(1);
    }
  }
  return { align, refErr, hypErr };
}

/** sacreBLEU `_find_shifted_pairs`: matching word runs (h, r, length) up to the Tercom limits. */
function* shiftedPairs(hyp: readonly string[], ref: readonly string[]): Generator<[number, number, number]> {
  for (let startH = 0; startH < hyp.length; startH++) {
    for (let startR = 0; startR < ref.length; startR++) {
      if (Math.abs(startR - startH) > MAX_SHIFT_DIST) continue;
      let length = 0;
      while (hyp[startH + length] === ref[startR + length] && length < MAX_SHIFT_SIZE) {
        length++;
        yield [startH, startR, length];
        if (hyp.length === startH + length || ref.length === startR + length) break;
      }
    }
  }
}

/** sacreBLEU `_perform_shift`: move words[start, start + length) to before `target`. */
function performShift(words: readonly string[], start: number, length: number, target: number): string[] {
  if (target < start) return [...words.slice(0, target), ...words.slice(start, start + length), ...words.slice(target, start), ...words.slice(start + length)];
  if (target > start + length) return [...words.slice(0, start), ...words.slice(start + length, target), ...words.slice(start, start + length), ...words.slice(target)];
  return [...words.slice(0, start), ...words.slice(start + length, length + target), ...words.slice(start, start + length), ...words.slice(length + target)];
}

function sumRange(values: readonly number[], from: number, length: number): number {
  let total = 0;
  for (let k = from; k < from + length && k < values.length; k++) total += values[k]!;
  return total;
}

/** A candidate shift, ranked as Tercom ranks them: gain, then length, then earliest start, then earliest target. */
type Candidate = readonly [gain: number, length: number, negStart: number, negTarget: number, words: string[]];

function better(a: Candidate, b: Candidate | undefined): boolean {
  if (!b) return true;
  for (let k = 0; k < 4; k++) if (a[k] !== b[k]) return (a[k] as number) > (b[k] as number);
  return false;
}

/** sacreBLEU `_shift`: the best single shift of the hypothesis, and the running candidate count. */
function bestShift(hyp: readonly string[], ref: readonly string[], editDistance: BeamEditDistance, checked: number): { gain: number; words: readonly string[]; checked: number } {
  const { distance: before, trace } = editDistance.distance(hyp);
  const { align, refErr, hypErr } = traceToAlignment(trace);
  let best: Candidate | undefined;
  let count = checked;
  for (const [startH, startR, length] of shiftedPairs(hyp, ref)) {
    if (sumRange(hypErr, startH, length) === 0) continue;
    if (sumRange(refErr, startR, length) === 0) continue;
    const aligned = align.get(startR);
    if (aligned !== undefined && startH <= aligned && aligned < startH + length) continue;
    let previous = -1;
    for (let offset = -1; offset < length; offset++) {
      let target: number;
      if (startR + offset === -1) target = 0;
      else if (align.has(startR + offset)) target = align.get(startR + offset)! + 1;
      else break;
      if (target === previous) continue;
      previous = target;
      const shifted = performShift(hyp, startH, length, target);
      const candidate: Candidate = [before - editDistance.distance(shifted).distance, length, -startH, -target, shifted];
      count++;
      if (better(candidate, best)) best = candidate;
    }
    if (count >= MAX_SHIFT_CANDIDATES) break;
  }
  return best ? { gain: best[0], words: best[4], checked: count } : { gain: 0, words: hyp, checked: count };
}

/**
 * sacreBLEU `translation_edit_rate`: shift greedily while a shift lowers the edit distance
 * (Snover et al. 2006, after Tercom), then edits = shifts + edit distance. Returns the edits and
 * the reference length; an empty reference costs one edit per hypothesis word.
 */
export function translationEditRate(hyp: readonly string[], ref: readonly string[]): { edits: number; refLength: number } {
  if (ref.length === 0) return { edits: hyp.length, refLength: 0 };
  const editDistance = new BeamEditDistance(ref);
  let shifts = 0;
  let words = hyp;
  let checked = 0;
  for (;;) {
    const step = bestShift(words, ref, editDistance, checked);
    checked = step.checked;
    if (checked >= MAX_SHIFT_CANDIDATES || step.gain <= 0) break;
    shifts++;
    words = step.words;
  }
  return { edits: shifts + editDistance.distance(words).distance, refLength: ref.length };
}

/** sacreBLEU TER's pre-processing of a segment: right-strip, then the Tercom tokenizer, as words. */
export function terWords(text: string, options: TerTokenizerOptions): string[] {
  return pySplit(tokenizeTercom(pyRstrip(text), options));
}

/**
 * One segment's TER statistics as sacreBLEU `TER._compute_segment_statistics`:
 * `[fewest edits over the references, average reference length]`.
 */
export function terSegmentStatistics(hypothesis: string, references: readonly string[], options: TerTokenizerOptions): number[] {
  const hyp = terWords(hypothesis, options);
  let best = 1e16;
  let lengths = 0;
  for (const reference of references) {
    const { edits, refLength } = translationEditRate(hyp, terWords(reference, options));
    lengths += refLength;
    if (edits < best) best = edits;
  }
  return [best, lengths / references.length];
}

/** TER (0–100, lower is better) from summed `[edits, reference length]`, as sacreBLEU `TER._compute_score_from_stats`. */
export function computeTer(stats: readonly number[]): number {
  const [edits, refLength] = [stats[0]!, stats[1]!];
  if (refLength > 0) return (100 * edits) / refLength;
  return edits > 0 ? 100 : 0;
}

/** sacreBLEU's TER signature, e.g. `nrefs:1|case:lc|tok:tercom|norm:no|punct:yes|asian:no|version:2.6.0`. */
export function terSignature(options: TerTokenizerOptions, nrefs: number | 'var', version: string): string {
  const yesNo = (value: boolean) => (value ? 'yes' : 'no');
  return [
    `nrefs:${nrefs}`,
    `case:${options.caseSensitive ? 'mixed' : 'lc'}`,
    'tok:tercom',
    `norm:${yesNo(options.normalized)}`,
    `punct:${yesNo(!options.noPunct)}`,
    `asian:${yesNo(options.asianSupport)}`,
    `version:${version}`,
  ].join('|');
}
