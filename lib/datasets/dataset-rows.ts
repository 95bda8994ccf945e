import { closeSync, openSync, readSync } from 'node:fs';
import { VerdictError } from '../errors/index.ts';
import { parseJsonObject } from './read-rows.ts';
import type { Sample } from './sample.ts';
import type { SampleList } from './sample-list.ts';
import { toSample, type SampleShape } from './to-sample.ts';

/** Bytes read at once: rows are asked for roughly in file order, so one read serves many. */
const BLOCK_BYTES = 64 * 1024;

/**
 * The rows of JSONL files by position, kept as where they are — file, byte offset, length and
 * line in typed arrays, plus the sample id — not as parsed objects: a row is read back
 * (`readSync` on a file kept open until {@link close}) and parsed when it is asked for, so memory
 * stays flat in the size of the dataset. Every row was parsed and checked when the dataset was
 * loaded; a row that reads back differently means the file changed during the run.
 */
export class DatasetRows implements SampleList {
  readonly #paths: string[] = [];
  readonly #names: string[] = [];
  readonly #fds: (number | undefined)[] = [];
  readonly #ids: string[] = [];
  #file = new Uint32Array(1024);
  #start = new Float64Array(1024);
  #length = new Uint32Array(1024);
  #line = new Uint32Array(1024);
  #block = Buffer.alloc(BLOCK_BYTES);
  #blockFile = -1;
  #blockStart = 0;
  #blockLength = 0;
  // Items are sample-major: a sample's candidates and repeats ask for it one after another.
  #last: { index: number; sample: Sample } | undefined;

  constructor(readonly shape: SampleShape) {}

  /** Adds a file (its path and the name messages show); returns its number for {@link add}. */
  addFile(path: string, name: string): number {
    this.#paths.push(path);
    this.#names.push(name);
    this.#fds.push(undefined);
    return this.#paths.length - 1;
  }

  /** Records the sample `id`, whose row is bytes [start, start + length) of `file`, on 1-based `line`. */
  add(id: string, file: number, start: number, length: number, line: number): void {
    const index = this.#ids.length;
    if (index === this.#file.length) this.#grow();
    this.#file[index] = file;
    this.#start[index] = start;
    this.#length[index] = length;
    this.#line[index] = line;
    this.#ids.push(id);
  }

  get length(): number {
    return this.#ids.length;
  }

  /** The sample ids, in row order. */
  get ids(): readonly string[] {
    return this.#ids;
  }

  /** `file:line` of the row at `index`. */
  where(index: number): string {
    return `${this.#names[this.#file[index]!]}:${this.#line[index]}`;
  }

  at(index: number): Sample | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.#ids.length) return undefined;
    if (this.#last?.index === index) return this.#last.sample;
    const file = this.#file[index]!;
    const name = this.#names[file]!;
    const line = this.#line[index]!;
    const text = this.#text(index);
    let sample: Sample;
    try {
      sample = toSample(parseJsonObject(text, name, line), name, line, this.shape);
    } catch (error) {
      // It parsed and adapted when the dataset was loaded.
      throw changed(`${name}:${line}`, error);
    }
    if (sample.id !== this.#ids[index]) throw changed(`${name}:${line}`);
    this.#last = { index, sample };
    return sample;
  }

  *[Symbol.iterator](): Iterator<Sample> {
    for (let index = 0; index < this.#ids.length; index++) yield this.at(index)!;
  }

  /** Closes the files (they reopen if a row is asked for again). */
  close(): void {
    this.#fds.forEach((fd, index) => {
      if (fd !== undefined) closeSync(fd);
      this.#fds[index] = undefined;
    });
    this.#blockFile = -1;
  }

  /** The row's text, from the block last read when it holds the row, else from a new read at the row. */
  #text(index: number): string {
    const file = this.#file[index]!;
    const start = this.#start[index]!;
    const length = this.#length[index]!;
    const inBlock = file === this.#blockFile && start >= this.#blockStart && start + length <= this.#blockStart + this.#blockLength;
    if (!inBlock) {
      if (this.#block.length < length) this.#block = Buffer.alloc(length);
      const fd = (this.#fds[file] ??= openSync(this.#paths[file]!, 'r'));
      this.#blockFile = file;
      this.#blockStart = start;
      this.#blockLength = readSync(fd, this.#block, 0, this.#block.length, start);
      if (this.#blockLength < length) {
        this.#blockFile = -1;
        throw changed(this.where(index));
      }
    }
    const from = start - this.#blockStart;
    return this.#block.toString('utf8', from, from + length);
  }

  #grow(): void {
    const size = this.#file.length * 2;
    const grown = <T extends Uint32Array | Float64Array>(array: T, make: (size: number) => T): T => {
      const next = make(size);
      next.set(array);
      return next;
    };
    this.#file = grown(this.#file, (n) => new Uint32Array(n));
    this.#start = grown(this.#start, (n) => new Float64Array(n));
    this.#length = grown(this.#length, (n) => new Uint32Array(n));
    this.#line = grown(this.#line, (n) => new Uint32Array(n));
  }
}

function changed(where: string, cause?: unknown): VerdictError {
  const message = `${where}: the dataset file changed while the run read it (the row differs from the one loaded); rerun with the file unchanged`;
  return new VerdictError('DATASET_INVALID', message, { context: { where }, ...(cause !== undefined && { cause }) });
}
