/**
 * Argument checks shared by the statistics functions. Internal: not exported from `index.ts`.
 *
 * The stats layer is pure and imports nothing outside `lib/stats`, so bad arguments raise a
 * plain `RangeError` (a programming error, not bad user input). Every message names the
 * function, the argument, the value received and what was expected.
 */

/** Throws unless `value` is a finite number. */
export function assertFinite(fn: string, name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new RangeError(`${fn}: ${name} must be a finite number, got ${String(value)}`);
  }
}

/** Throws unless `value` is an integer ≥ `min`. */
export function assertInteger(fn: string, name: string, value: number, min = 0): void {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`${fn}: ${name} must be an integer ≥ ${min}, got ${String(value)}`);
  }
}

/** Throws unless `value` is strictly between 0 and 1 (a confidence level or alpha). */
export function assertOpenUnit(fn: string, name: string, value: number): void {
  if (typeof value !== 'number' || !(value > 0 && value < 1)) {
    throw new RangeError(`${fn}: ${name} must be a number strictly between 0 and 1, got ${String(value)}`);
  }
}

/** Throws unless every element is a finite number; the message points at the first bad index. */
export function assertFiniteValues(fn: string, name: string, values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new RangeError(`${fn}: ${name}[${i}] must be a finite number, got ${String(value)}`);
    }
  }
}

/** Throws unless two parallel arrays have the same length. */
export function assertSameLength(
  fn: string,
  names: readonly [string, string],
  first: readonly unknown[],
  second: readonly unknown[],
): void {
  if (first.length !== second.length) {
    throw new RangeError(
      `${fn}: ${names[0]} and ${names[1]} must have the same length, got ${first.length} and ${second.length}`,
    );
  }
}

/**
 * Converts a binary outcome (`true`/`false`/`1`/`0`) to 0 or 1, or throws naming the index.
 */
export function toBinary(fn: string, name: string, index: number, value: boolean | number): 0 | 1 {
  if (value === true || value === 1) return 1;
  if (value === false || value === 0) return 0;
  throw new RangeError(`${fn}: ${name}[${index}] must be true, false, 1 or 0, got ${String(value)}`);
}
