import { VerdictError } from '../errors/index.ts';
import { LineLocations } from './line-locations.ts';
import { parseJsonObject } from './read-rows.ts';
import type { Sample } from './sample.ts';
import type { SampleList } from './sample-list.ts';
import { toSample, type SampleShape } from './to-sample.ts';

/** Bytes read at once: rows are asked for roughly in file order, so one read serves many. */
const BLOCK_BYTES = 64 * 1024;

/**
 * The rows of JSONL files by position, kept as where they are — file, byte offset, length and
 * line ({@link LineLocations}), plus the sample id — not as parsed objects: a row is read back
 * and parsed when it is asked for, so memory stays flat in the size of the dataset. Every row was
 * parsed and checked when the dataset was loaded; a row that reads back differently means the
 * file changed during the run.
 */
export class DatasetRows implements SampleList {
  readonly #locations = new LineLocations(BLOCK_BYTES);
  readonly #ids: string[] = [];
  // Items are sample-major: a sample's candidates and repeats ask for it one after another.
  #last: { index: number; sample: Sample } | undefined;
  #released = false;

  constructor(readonly shape: SampleShape) {}

  /** Adds a file (its path and the name messages show); returns its number for {@link add}. */
  addFile(path: string, name: string): number {
    return this.#locations.addFile(path, name);
  }

  /** Records the sample `id`, whose row is bytes [start, start + length) of `file`, on 1-based `line`. */
  add(id: string, file: number, start: number, length: number, line: number): void {
    this.#locations.add(file, start, length, line);
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
    return this.#locations.where(index);
  }

  at(index: number): Sample | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.#ids.length) return undefined;
    if (this.#last?.index === index) return this.#last.sample;
    if (this.#released) throw new Error(`dataset row ${index} asked for after the rows were released`);
    const name = this.#locations.fileName(index);
    const line = this.#locations.line(index);
    const text = this.#locations.text(index);
    if (text === undefined) throw changed(`${name}:${line}`);
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

  /** Closes the files and frees where the rows are (the ids stay): no row can be read after. */
  release(): void {
    this.#released = true;
    this.#last = undefined;
    this.#locations.release();
  }
}

function changed(where: string, cause?: unknown): VerdictError {
  const message = `${where}: the dataset file changed while the run read it (the row differs from the one loaded); rerun with the file unchanged`;
  return new VerdictError('DATASET_INVALID', message, { context: { where }, ...(cause !== undefined && { cause }) });
}
