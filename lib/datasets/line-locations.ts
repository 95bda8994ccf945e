import { closeSync, openSync, readSync } from 'node:fs';

/**
 * Where lines of text files are — file, byte offset, length and 1-based line, in typed arrays —
 * so a caller can keep millions of rows as locations and read one back (`readSync` on a file
 * kept open until {@link close}) when it is asked for. Dataset rows and replay recordings both
 * keep their rows this way.
 */
export class LineLocations {
  readonly #paths: string[] = [];
  readonly #names: string[] = [];
  readonly #fds: (number | undefined)[] = [];
  #count = 0;
  #file = new Uint32Array(1024);
  #start = new Float64Array(1024);
  #length = new Uint32Array(1024);
  #line = new Uint32Array(1024);
  #block: Buffer;
  #blockFile = -1;
  #blockStart = 0;
  #blockLength = 0;

  /**
   * @param blockBytes bytes read at once when a line is not in the last block read: a large block
   *   serves lines asked for in file order with one read; 0 reads each line alone.
   */
  constructor(private readonly blockBytes: number) {
    this.#block = Buffer.alloc(Math.max(blockBytes, 4096));
  }

  /** Adds a file (its path and the name messages show); returns its number for {@link add}. */
  addFile(path: string, name: string): number {
    this.#paths.push(path);
    this.#names.push(name);
    this.#fds.push(undefined);
    return this.#paths.length - 1;
  }

  /** Records that bytes [start, start + length) of `file` are on 1-based `line`; returns the entry's number. */
  add(file: number, start: number, length: number, line: number): number {
    const entry = this.#count++;
    if (entry === this.#file.length) this.#grow();
    this.#file[entry] = file;
    this.#start[entry] = start;
    this.#length[entry] = length;
    this.#line[entry] = line;
    return entry;
  }

  get size(): number {
    return this.#count;
  }

  /** The display name of the entry's file. */
  fileName(entry: number): string {
    return this.#names[this.#file[entry]!]!;
  }

  /** The entry's 1-based line. */
  line(entry: number): number {
    return this.#line[entry]!;
  }

  /** `file:line` of the entry. */
  where(entry: number): string {
    return `${this.fileName(entry)}:${this.line(entry)}`;
  }

  /** The entry's text, or undefined when the file no longer holds that many bytes there (it changed). */
  text(entry: number): string | undefined {
    const file = this.#file[entry]!;
    const start = this.#start[entry]!;
    const length = this.#length[entry]!;
    const inBlock = file === this.#blockFile && start >= this.#blockStart && start + length <= this.#blockStart + this.#blockLength;
    if (!inBlock) {
      if (this.#block.length < length) this.#block = Buffer.alloc(Math.max(length, this.#block.length * 2));
      const fd = this.#fds[file] ?? openSync(this.#paths[file]!, 'r');
      this.#fds[file] = fd;
      this.#blockFile = file;
      this.#blockStart = start;
      this.#blockLength = readSync(fd, this.#block, 0, Math.max(this.blockBytes, length), start);
      if (this.#blockLength < length) {
        this.#blockFile = -1;
        return undefined;
      }
    }
    const from = start - this.#blockStart;
    return this.#block.toString('utf8', from, from + length);
  }

  /** Closes the files (they reopen if a line is asked for again). */
  close(): void {
    this.#fds.forEach((fd, index) => {
      if (fd !== undefined) closeSync(fd);
      this.#fds[index] = undefined;
    });
    this.#blockFile = -1;
  }

  /** Closes the files and frees the locations (~20 bytes a line): for an owner done with every line. */
  release(): void {
    this.close();
    this.#count = 0;
    this.#file = new Uint32Array(1024);
    this.#start = new Float64Array(1024);
    this.#length = new Uint32Array(1024);
    this.#line = new Uint32Array(1024);
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
