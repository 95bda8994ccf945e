/**
 * The word-level edit distance behind TER, as sacreBLEU `metrics/lib_ter.py` `BeamEditDistance`
 * computes it: Levenshtein distance restricted to a beam around the (length-ratio) diagonal,
 * with the edit trace, and a prefix cache of matrix rows (rows depend only on the hypothesis
 * prefix, so shifted variants of one hypothesis reuse them).
 */

const BEAM_WIDTH = 25;
const MAX_CACHE_SIZE = 10_000;
const INFINITY = 1e16;

/** Edit operations; the trace rewrites the hypothesis into the reference. */
export const OP_NOP = ' ';
export const OP_SUB = 's';
export const OP_INS = 'i';
export const OP_DEL = 'd';
const OP_UNDEF = 'x';

/** One matrix row: costs and the operation that reached each cell. */
interface Row {
  readonly cost: Float64Array;
  readonly op: string[];
}

interface CacheNode {
  readonly children: Map<string, { node: CacheNode; row: Row }>;
}

/** Edit distance from any hypothesis to one fixed reference (sacreBLEU `BeamEditDistance`). */
export class BeamEditDistance {
  private readonly refLength: number;
  private readonly initialRow: Row;
  private readonly cache: CacheNode = { children: new Map() };
  private cacheSize = 0;

  constructor(private readonly reference: readonly string[]) {
    this.refLength = reference.length;
    const cost = new Float64Array(this.refLength + 1);
    for (let j = 0; j <= this.refLength; j++) cost[j] = j;
    this.initialRow = { cost, op: new Array<string>(this.refLength + 1).fill(OP_INS) };
  }

  /** The edit distance and the trace of operations. */
  distance(hypothesis: readonly string[]): { distance: number; trace: string } {
    const { start, rows } = this.findCache(hypothesis);
    const result = this.compute(hypothesis, start, rows);
    this.addCache(hypothesis, result.newRows);
    return { distance: result.distance, trace: result.trace };
  }

  private compute(words: readonly string[], start: number, cached: Row[]): { distance: number; newRows: Row[]; trace: string } {
    const n = words.length;
    const m = this.refLength;
    const rows: Row[] = [...cached];
    for (let i = start; i < n; i++) rows.push({ cost: new Float64Array(m + 1).fill(INFINITY), op: new Array<string>(m + 1).fill(OP_UNDEF) });
    const lengthRatio = n > 0 ? m / n : 1;
    const beamWidth = BEAM_WIDTH < lengthRatio / 2 ? Math.ceil(lengthRatio / 2 + BEAM_WIDTH) : BEAM_WIDTH;
    for (let i = start + 1; i <= n; i++) {
      const diagonal = Math.floor(i * lengthRatio);
      const minJ = Math.max(0, diagonal - beamWidth);
      const maxJ = i === n ? m + 1 : Math.min(m + 1, diagonal + beamWidth);
      const previous = rows[i - 1]!;
      const row = rows[i]!;
      for (let j = minJ; j < maxJ; j++) {
        if (j === 0) {
          row.cost[0] = previous.cost[0]! + 1;
          row.op[0] = OP_DEL;
          continue;
        }
        const match = words[i - 1] === this.reference[j - 1];
        // Tercom prefers no-op/substitution, then deletion, then insertion (sacreBLEU swaps the
        // last two because it flips the trace afterwards); strict < keeps the first best.
        const candidates: [number, string][] = [
          [previous.cost[j - 1]! + (match ? 0 : 1), match ? OP_NOP : OP_SUB],
          [previous.cost[j]! + 1, OP_DEL],
          [row.cost[j - 1]! + 1, OP_INS],
        ];
        for (const [cost, op] of candidates) {
          if (row.cost[j]! > cost) {
            row.cost[j] = cost;
            row.op[j] = op;
          }
        }
      }
    }
    return { distance: rows[n]!.cost[m]!, newRows: rows.slice(cached.length), trace: traceBack(rows, n, m) };
  }

  private findCache(words: readonly string[]): { start: number; rows: Row[] } {
    let node = this.cache;
    const rows: Row[] = [this.initialRow];
    for (const word of words) {
      const next = node.children.get(word);
      if (!next) break;
      rows.push(next.row);
      node = next.node;
    }
    return { start: rows.length - 1, rows };
  }

  private addCache(words: readonly string[], newRows: readonly Row[]): void {
    if (this.cacheSize >= MAX_CACHE_SIZE) return;
    let node = this.cache;
    const skip = words.length - newRows.length;
    for (let i = 0; i < skip; i++) node = node.children.get(words[i]!)!.node;
    newRows.forEach((row, k) => {
      const word = words[skip + k]!;
      let next = node.children.get(word);
      if (!next) {
        next = { node: { children: new Map() }, row };
        node.children.set(word, next);
        this.cacheSize++;
      }
      node = next.node;
    });
  }
}

function traceBack(rows: readonly Row[], n: number, m: number): string {
  const ops: string[] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const op = rows[i]!.op[j]!;
    ops.push(op);
    if (op === OP_SUB || op === OP_NOP) {
      i--;
      j--;
    } else if (op === OP_INS) {
      j--;
    } else if (op === OP_DEL) {
      i--;
    } else {
      throw new Error(`TER edit distance: undefined operation at (${i}, ${j})`);
    }
  }
  return ops.reverse().join('');
}
