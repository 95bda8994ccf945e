/**
 * Checks that a byte stream is well-formed UTF-8 as it passes, counting lines, so a dataset
 * with a broken byte is refused at `file:line` instead of being read with U+FFFD in its place
 * (which would silently change prompts and references). The byte ranges are those of the
 * WHATWG Encoding Standard's UTF-8 decoder: no overlong forms, no surrogates, nothing past U+10FFFF.
 */
export class Utf8Checker {
  private line = 1;
  private needed = 0;
  private lower = 0x80;
  private upper = 0xbf;

  /** Checks the next chunk; returns the 1-based line of the first invalid byte, or null. */
  feed(chunk: Uint8Array): number | null {
    for (let index = 0; index < chunk.length; index++) {
      const byte = chunk[index]!;
      if (this.needed > 0) {
        if (byte < this.lower || byte > this.upper) return this.line;
        this.lower = 0x80;
        this.upper = 0xbf;
        this.needed--;
        continue;
      }
      if (byte <= 0x7f) {
        if (byte === 0x0a) this.line++;
      } else if (!this.lead(byte)) return this.line;
    }
    return null;
  }

  /** At the end of the stream: the line of a sequence cut off by the end of the file, or null. */
  end(): number | null {
    return this.needed > 0 ? this.line : null;
  }

  private lead(byte: number): boolean {
    if (byte >= 0xc2 && byte <= 0xdf) this.needed = 1;
    else if (byte >= 0xe0 && byte <= 0xef) {
      this.needed = 2;
      if (byte === 0xe0) this.lower = 0xa0;
      if (byte === 0xed) this.upper = 0x9f;
    } else if (byte >= 0xf0 && byte <= 0xf4) {
      this.needed = 3;
      if (byte === 0xf0) this.lower = 0x90;
      if (byte === 0xf4) this.upper = 0x8f;
    } else return false;
    return true;
  }
}
