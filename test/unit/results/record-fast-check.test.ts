import { describe, expect, it } from 'vitest';
import { canonicalLineOf, readRecordLine, ResultRecordSchema, type ResultRecord } from '../../../lib/results/index.ts';
import { isCommonRecord } from '../../../lib/results/record-fast-check.ts';

/** Records of every shape the writer makes: plain, failed, streamed, cached, reasoning, confidence, free-form maps. */
const base: ResultRecord = {
  schemaVersion: 1,
  itemId: 's1|a|0',
  shard: 'shard-00000',
  sampleId: 's1',
  candidate: 'a',
  repeat: 0,
  cluster: 'c1',
  prompt: [{ role: 'user', content: 'What is 1 + 1?' }],
  reference: '2',
  output: '2',
  error: null,
  scores: { exact: { value: 1, pass: true } },
  latencyMs: 50.125,
  ttftMs: 20,
  usage: { inputTokens: 12, outputTokens: 3, source: 'server' },
  attempts: 1,
  startedAt: '2026-01-01T00:00:00.000Z',
  finishedAt: '2026-01-01T00:00:00.050Z',
};
const shapes: ResultRecord[] = [
  base,
  { ...base, category: 'math', output: null, error: { code: 'HTTP_500', message: 'server said "no"\nretry', status: 500 }, scores: {}, latencyMs: null, ttftMs: null, usage: null },
  { ...base, chunkTimesMs: [1.5, 2, 30.25], meta: { replay: true, nested: { list: [1, 'two', null], flag: false } } },
  { ...base, latencyMs: null, cache: { key: 'k', storedAt: '2026-01-01T00:00:00.000Z', latencyMs: 12.5, ttftMs: null } },
  { ...base, output: 'é ☃ 😀 tab\there', reasoning: { text: 'because', source: 'think', tokens: null, tokensSource: 'tokenizer' } },
  { ...base, confidence: { value: 0.75, source: 'verbalized', method: 'stated', statement: 'I am 75% sure' } },
  { ...base, scores: { f1: { value: 0.6666666666666666, pass: false, detail: { precision: 0.5, counts: [1, 2] } } } },
];

/** What the store's reader did before the fast path: the schema, then JSON of its output. */
function bySchema(value: unknown): { ok: boolean; json?: string } {
  const parsed = ResultRecordSchema.safeParse(value);
  return parsed.success ? { ok: true, json: JSON.stringify(parsed.data) } : { ok: false };
}

/** Checks the fast path against the schema on one line; returns whether the line was proven canonical. */
function agreesWithSchema(line: string): boolean {
  const value: unknown = JSON.parse(line);
  const schema = bySchema(value);
  const fast = isCommonRecord(value, line);
  // Accepting means: the schema accepts, and its output serialises as the input does (same keys, same order).
  if (fast) {
    expect(schema.ok, line).toBe(true);
    expect(JSON.stringify(value), line).toBe(schema.json);
  }
  const canonical = fast && canonicalLineOf(value as ResultRecord) === line;
  if (canonical) expect(line, 'a line hashed as it is must be the JSON the digest defines').toBe(schema.json);
  return canonical;
}

describe('record fast path', () => {
  it('accepts every shape the writer makes unchanged, and proves its line canonical', () => {
    for (const record of shapes) {
      const line = JSON.stringify(ResultRecordSchema.parse(record));
      expect(agreesWithSchema(line), line).toBe(!line.includes('0.6666666666666666'));
    }
  });

  it('a line in another key order (written before the writer used the schema order) is read through the schema, same record', () => {
    const { startedAt, ...rest } = base;
    const older = JSON.stringify({ startedAt, ...rest });
    const value: unknown = JSON.parse(older);
    expect(isCommonRecord(value, older)).toBe(false);
    const record = readRecordLine(value, 'r.jsonl:1', older);
    expect(Object.keys(record)).toEqual(Object.keys(ResultRecordSchema.parse(base)));
    expect(canonicalLineOf(record)).toBeUndefined();
  });

  it('leaves anything the schema would refuse or change to the schema, with its message', () => {
    const refused: [string, unknown][] = [
      ['unknown key', { ...base, extra: 1 }],
      ['missing key', { ...base, attempts: undefined }],
      ['negative repeat', { ...base, repeat: -1 }],
      ['fractional attempts', { ...base, attempts: 1.5 }],
      ['unsafe integer', { ...base, attempts: 2 ** 53 }],
      ['score above 1', { ...base, scores: { exact: { value: 1.5, pass: true } } }],
      ['wrong role', { ...base, prompt: [{ role: 'tool', content: 'x' }] }],
      ['prompt message with an extra key', { ...base, prompt: [{ role: 'user', content: 'x', name: 'n' }] }],
      ['usage source', { ...base, usage: { inputTokens: 1, outputTokens: 1, source: 'guess' } }],
      ['schemaVersion 2', { ...base, schemaVersion: 2 }],
      ['null category', { ...base, category: null }],
    ];
    for (const [why, value] of refused) {
      const line = JSON.stringify(value);
      const parsed: unknown = JSON.parse(line);
      expect(isCommonRecord(parsed, line), why).toBe(false);
      expect(() => readRecordLine(parsed, 'r.jsonl:3', line), why).toThrow(/^r\.jsonl:3: /);
    }
    // Accepted by the schema but changed by it: a stripped key in `cache`, a dropped `__proto__` score.
    for (const line of [
      JSON.stringify({ ...base, cache: { key: 'k', storedAt: 't', latencyMs: 1, ttftMs: null, extra: true } }),
      JSON.stringify(base).replace('"scores":{', '"scores":{"__proto__":{"value":1,"pass":true},'),
    ]) {
      const value: unknown = JSON.parse(line);
      expect(isCommonRecord(value, line)).toBe(false);
      expect(bySchema(value).ok).toBe(true);
    }
  });

  it('never takes a line for canonical when it differs from the JSON (spellings that parse the same)', () => {
    const canonical = JSON.stringify({ ...base, meta: { a: 1, b: 'x/y' } });
    expect(agreesWithSchema(canonical)).toBe(true);
    const variants = [
      canonical.replace('"repeat":0', '"repeat": 0'), // whitespace
      `${canonical}\r`, // a CRLF line end left on the line
      canonical.replace('"ttftMs":20', '"ttftMs":2e1'), // an exponent as long as the digits
      canonical.replace('"ttftMs":20', '"ttftMs":20.0'),
      canonical.replace('"latencyMs":50.125', '"latencyMs":5.0125E1'),
      canonical.replace('"repeat":0', '"repeat":-0'),
      canonical.replace('"attempts":1', '"attempts":1e0'),
      canonical.replace('x/y', 'x\\/y'), // an escape JSON.stringify does not write
      canonical.replace('"output":"2"', '"output":"\\u0032"'), // the same text, escaped
      canonical.replace('"meta":{"a":1,"b":"x/y"}', '"meta":{"b":"x/y","a":1,"a":1}'), // a duplicate key
      canonical.replace('"meta":{"a":1,"b":"x/y"}', '"meta":{"b":"x/y","1":2}'), // an integer key (parsed first)
      canonical.replace('"meta":{"a":1,"b":"x/y"}', '"meta":{"a":{"y":1,"0":2},"b":"x/y"}'), // nested too
    ];
    for (const line of variants) expect(agreesWithSchema(line), line).toBe(false);
    // A control character escaped in upper-case hex reads back the same and is just as long.
    const control = JSON.stringify({ ...base, output: 'bell\u0007' });
    expect(control).toContain('\\u0007');
    expect(agreesWithSchema(control)).toBe(false);
    expect(agreesWithSchema(control.replace('\\u0007', '\\u0007'.toUpperCase().replace('\\U', '\\u')))).toBe(false);
  });

  it('numbers: only those no other literal of the same length reads as are proven', () => {
    const line = (latency: string) => JSON.stringify(base).replace('"latencyMs":50.125', `"latencyMs":${latency}`);
    expect(agreesWithSchema(line('123456.789'))).toBe(true);
    // 9007199254740993 reads as 9007199254740992, which JSON.stringify writes with as many digits.
    expect(agreesWithSchema(line('9007199254740993'))).toBe(false);
    expect(agreesWithSchema(line('9007199254740992'))).toBe(false);
    expect(agreesWithSchema(line('0.12345678901234567'))).toBe(false);
    expect(agreesWithSchema(line('1e21'))).toBe(false);
    expect(agreesWithSchema(line('0.0000001'))).toBe(false);
  });

  it('agrees with the schema on random edits of record lines', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const edits: ((line: string) => string)[] = [
      (line) => line.replace(/,"/g, (match) => (random(8) === 0 ? ', "' : match)),
      (line) => line.replace(/:(\d+)([,}])/, ':$1.0$2'),
      (line) => line.replace(/:(\d+)([,}])/, (_m, digits: string, end: string) => `:${digits}e0${end}`),
      (line) => line.replace(/"([a-zA-Z]+)":/, (match, key: string) => (random(2) === 0 ? `"${key}x":` : match)),
      (line) => line.replace(/:"([^"\\]*)"/, ':1'),
      (line) => line.replace(/:(\d+)([,}])/, ':"$1"$2'),
      (line) => line.replace(/\}$/, ',"meta":{"9":1}}'),
      (line) => line.replace(/"repeat":\d+/, '"repeat":null'),
      (line) => line.replace(/true/, '1'),
      (line) => line.replace(/:"([a-z])/, (_match, letter: string) => `:"\\u00${letter.charCodeAt(0).toString(16)}`),
    ];
    let canonical = 0;
    for (let round = 0; round < 400; round++) {
      let line = JSON.stringify(ResultRecordSchema.parse(shapes[random(shapes.length)]!));
      for (let count = random(3); count >= 0; count--) line = edits[random(edits.length)]!(line);
      let parsed = true;
      try {
        JSON.parse(line);
      } catch {
        parsed = false;
      }
      if (parsed && agreesWithSchema(line)) canonical++;
    }
    expect(canonical).toBeGreaterThan(0);
  });
});
