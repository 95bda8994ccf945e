import type { ResultRecord } from './record.ts';

/**
 * The hot path of reading a record line, for a seal of a million records: a hand-written check of
 * the record schema (record.ts) that accepts only what the schema accepts with output equal to
 * the input — keys in the schema's order, no key the schema would strip — and says "not sure"
 * for anything else, which then goes to the schema itself (and its error messages). It costs a
 * quarter of zod's parse.
 *
 * While it checks, it adds up the length of `JSON.stringify` of what it checked. When the line
 * has that length and none of the spellings that could make a different line as long or shorter
 * (see {@link isCanonicalLine}), the line is that JSON, and the record digest hashes it instead
 * of serialising the record again (run-digest.ts; the digest itself is unchanged).
 */

/**
 * A check returns false when it is not sure the schema accepts the value unchanged, else the
 * length of the value's JSON (NaN when that length does not prove a line, see {@link numberLength}).
 */
type Check = (value: unknown) => number | false;

/** Characters JSON.stringify escapes (surrogates: a lone one is escaped, a pair is not). */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

function stringLength(value: string): number {
  return NEEDS_ESCAPE.test(value) ? JSON.stringify(value).length : value.length + 2;
}

/**
 * Another number literal of the same length can read as the same double only past 15 significant
 * digits, or in exponent form: then the length proves nothing (NaN).
 */
function numberLength(value: number): number {
  const written = String(value);
  return written.length <= 15 && !written.includes('e') ? written.length : Number.NaN;
}

const text: Check = (value) => typeof value === 'string' && stringLength(value);

/** z.number() with bounds (z.number() refuses NaN and ±Infinity). */
function number(test: (value: number) => boolean): Check {
  return (value) => typeof value === 'number' && Number.isFinite(value) && test(value) && numberLength(value);
}

/** z.number().int().nonnegative(): zod's int() is a safe integer. */
const count = number((value) => Number.isSafeInteger(value) && value >= 0);
const nonnegative = number((value) => value >= 0);
const unit = number((value) => value >= 0 && value <= 1);
const anyNumber = number(() => true);
const boolean: Check = (value) => (value === true ? 4 : value === false ? 5 : false);
const one: Check = (value) => value === 1 && 1;

function oneOf(values: readonly string[]): Check {
  return (value) => typeof value === 'string' && values.includes(value) && stringLength(value);
}

function nullable(check: Check): Check {
  return (value) => (value === null ? 4 : check(value));
}

function array(check: Check): Check {
  return (value) => {
    if (!Array.isArray(value)) return false;
    let length = value.length === 0 ? 2 : value.length + 1;
    for (const item of value) {
      const itemLength = check(item);
      if (itemLength === false) return false;
      length += itemLength;
    }
    return length;
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/** An integer-like key comes first in a parsed object whatever the line's order: its length proves nothing. */
function keyLength(key: string): number {
  const first = key.charCodeAt(0);
  return first >= 0x30 && first <= 0x39 ? Number.NaN : stringLength(key);
}

/** Any JSON value (z.unknown() in a free-form map): always accepted, its JSON length. */
function jsonLength(value: unknown): number {
  if (value === null) return 4;
  switch (typeof value) {
    case 'string':
      return stringLength(value);
    case 'number':
      return Number.isFinite(value) ? numberLength(value) : Number.NaN;
    case 'boolean':
      return value ? 4 : 5;
    case 'object':
      if (Array.isArray(value)) return array(jsonLength)(value) as number;
      // jsonLength accepts every value, so the map's length is a number.
      return isPlainObject(value) ? (mapLength(value, jsonLength) as number) : Number.NaN;
    default:
      return Number.NaN;
  }
}

function mapLength(value: Record<string, unknown>, check: Check): number | false {
  let length = 1;
  for (const key in value) {
    const itemLength = check(value[key]);
    if (itemLength === false) return false;
    length += keyLength(key) + 2 + itemLength;
  }
  return length === 1 ? 2 : length;
}

/** z.record(z.string(), …): zod drops a `__proto__` key, so such a map is left to it. */
function map(check: Check): Check {
  return (value) => isPlainObject(value) && !Object.hasOwn(value, '__proto__') && mapLength(value, check);
}

interface Field {
  readonly check: Check;
  readonly optional: boolean;
}

const optional = (check: Check): Field => ({ check, optional: true });
const required = (check: Check): Field => ({ check, optional: false });

/**
 * A strict object whose keys come in the order of `fields` (the schema's). An unknown key, or
 * keys in another order (zod's output would reorder them), is "not sure".
 */
function object(fields: Readonly<Record<string, Field>>): Check {
  const keys = Object.keys(fields);
  const checks = keys.map((key) => fields[key]!.check);
  const optionals = keys.map((key) => fields[key]!.optional);
  // `"key":` plus the comma or brace before it.
  const keyLengths = keys.map((key) => JSON.stringify(key).length + 2);
  return (value) => {
    if (!isPlainObject(value)) return false;
    let next = 0;
    let length = 1;
    for (const key in value) {
      while (next < keys.length && keys[next] !== key) {
        if (!optionals[next]) return false;
        next++;
      }
      if (next === keys.length) return false;
      const item = value[key];
      if (item === undefined) return false;
      const itemLength = checks[next]!(item);
      if (itemLength === false) return false;
      length += keyLengths[next]! + itemLength;
      next++;
    }
    for (; next < keys.length; next++) if (!optionals[next]) return false;
    return length === 1 ? 2 : length;
  };
}

const chatMessage = object({ role: required(oneOf(['system', 'user', 'assistant'])), content: required(text) });
const score = object({ value: required(unit), pass: required(boolean), detail: optional(map(jsonLength)) });

/** Each key of ResultRecordSchema, in its order, with the check of its schema. */
const RECORD_FIELDS: Readonly<Record<keyof ResultRecord, Field>> = {
  schemaVersion: required(one),
  itemId: required(text),
  shard: required(text),
  sampleId: required(text),
  candidate: required(text),
  repeat: required(count),
  category: optional(text),
  cluster: optional(text),
  prompt: required(array(chatMessage)),
  reference: optional(text),
  output: required(nullable(text)),
  error: required(nullable(object({ code: required(text), message: required(text), status: optional(count) }))),
  scores: required(map(score)),
  latencyMs: required(nullable(nonnegative)),
  ttftMs: required(nullable(nonnegative)),
  chunkTimesMs: optional(array(anyNumber)),
  usage: required(nullable(object({ inputTokens: required(count), outputTokens: required(count), source: required(oneOf(['server', 'tokenizer', 'estimate', 'none'])) }))),
  attempts: required(count),
  startedAt: required(text),
  finishedAt: required(text),
  meta: optional(map(jsonLength)),
  reasoning: optional(
    object({
      text: required(text),
      source: required(oneOf(['field', 'think', 'strip'])),
      tokens: required(nullable(count)),
      tokensSource: optional(oneOf(['server', 'tokenizer', 'logprobs'])),
    }),
  ),
  confidence: optional(
    object({
      value: required(unit),
      source: required(oneOf(['logprobs', 'verbalized'])),
      method: required(oneOf(['option-probability', 'mean-token-probability', 'stated'])),
      tokens: optional(count),
      statement: optional(text),
    }),
  ),
  // z.object, not strict: zod strips an unknown key, so one is "not sure" here.
  cache: optional(object({ key: required(text), storedAt: required(text), latencyMs: required(nonnegative), ttftMs: required(nullable(nonnegative)) })),
};

const checkRecord = object(RECORD_FIELDS);

/**
 * Spellings that can make a line no longer than the JSON of what it parses to while differing
 * from it: a `\u` escape (its hex case), an exponent (`1e3` for 1000). Every other difference —
 * whitespace, `\/`, trailing zeros, a duplicate key — makes the line longer. A raw lone surrogate
 * (shorter than its escape) cannot be in a well-formed line.
 */
const SHORT_SPELLING = /\\u|\d[eE]/;

/** True when `line` is exactly JSON.stringify of what it parsed to, whose JSON is `length` long. */
function isCanonicalLine(line: string, length: number): boolean {
  return line.length === length && !SHORT_SPELLING.test(line) && (line as string & { isWellFormed(): boolean }).isWellFormed();
}

/** The record accepted last whose line is exactly JSON.stringify of it (see {@link canonicalLineOf}). */
let lastCanonical: { record: object; line: string } | undefined;

/**
 * True when `value` is a record the schema accepts unchanged (so the caller may use it as the
 * parsed record); false means "ask the schema". `line` is the text `value` was parsed from.
 */
export function isCommonRecord(value: unknown, line?: string): value is ResultRecord {
  const length = checkRecord(value);
  if (length === false) return false;
  if (line !== undefined && isCanonicalLine(line, length)) lastCanonical = { record: value as object, line };
  return true;
}

/**
 * `JSON.stringify(record)` without serialising again, when `record` is the one
 * {@link isCommonRecord} accepted last and its line was exactly that; else undefined. (One
 * record, not a map of them: readers digest each record as it is parsed, before the next.)
 */
export function canonicalLineOf(record: ResultRecord): string | undefined {
  return lastCanonical?.record === record ? lastCanonical.line : undefined;
}
