import { describe, expect, it } from 'vitest';
import { coloursFor } from '../../../bin/output/colour.ts';
import { runExitCode } from '../../../bin/output/exit-code.ts';
import { formatFailureDigest, plural } from '../../../bin/output/failure-digest.ts';
import { formatSummaryTable } from '../../../bin/output/summary-table.ts';
import { ErrorCauseTally } from '../../../lib/engine/index.ts';
import type { ResultRecord, Summary } from '../../../lib/results/index.ts';

const REFUSED = 'POST http://127.0.0.1:47399/v1/chat/completions failed: connection failed (connect ECONNREFUSED 127.0.0.1:47399); gave up after 3 attempts';

function failed(candidate: string, code: string, message: string): ResultRecord {
  return { error: { code, message: `candidate "${candidate}": ${message}` } } as ResultRecord;
}

function causesOf(records: ResultRecord[]) {
  const tally = new ErrorCauseTally();
  for (const record of records) tally.add(record);
  return tally.causes();
}

function summary(candidates: Summary['candidates'], gates: Summary['gates'] = []): Summary {
  return { schemaVersion: 2, runId: 'r', spec: { name: 's', sha256: '' }, dataset: { sha256: '', count: 10 }, candidates, gates, passed: gates.every((gate) => gate.pass) };
}

describe('first causes of failed items', () => {
  it('tallies a candidate’s errors by code and message, most frequent first, without the candidate prefix', () => {
    const causes = causesOf([
      failed('a', 'PROVIDER_HTTP', 'HTTP 429 rate limited'),
      ...Array.from({ length: 3 }, () => failed('a', 'PROVIDER_CONNECTION', REFUSED)),
      { error: null } as ResultRecord,
    ]);
    expect(causes).toEqual([
      { code: 'PROVIDER_CONNECTION', message: REFUSED, count: 3 },
      { code: 'PROVIDER_HTTP', message: 'HTTP 429 rate limited', count: 1 },
    ]);
    expect(causesOf([{ error: null } as ResultRecord])).toBeUndefined();
  });

  it('keeps at most eight causes and counts the rest as OTHER', () => {
    const causes = causesOf(Array.from({ length: 12 }, (_, index) => failed('a', 'PROVIDER_HTTP', `HTTP 400 bad request ${index}`)))!;
    expect(causes).toHaveLength(8);
    expect(causes.at(-1)).toEqual({ code: 'OTHER', message: '5 other causes (see the records)', count: 5 });
  });

  it('merges one dead endpoint behind two candidates into one line with both names', () => {
    const cause = { code: 'PROVIDER_CONNECTION', message: REFUSED, count: 15 };
    const dead = { n: 15, errors: 15, kind: 'model' as const, metrics: {}, errorCauses: [cause] };
    const text = formatFailureDigest(summary({ large: dead, small: dead, oracle: { n: 15, errors: 0, kind: 'control', metrics: {} } }));
    expect(text).toBe(`failed items: 30 (one cause)\n  30× PROVIDER_CONNECTION: ${REFUSED} (large, small)`);
    expect(formatFailureDigest(summary({ oracle: { n: 15, errors: 0, kind: 'control', metrics: {} } }))).toBe('');
  });

  it('prints the causes and no follow-on gate noise when a model answered nothing', () => {
    const dead = { n: 10, errors: 10, kind: 'model' as const, metrics: {}, errorCauses: [{ code: 'PROVIDER_CONNECTION', message: REFUSED, count: 10 }] };
    const ok = { n: 10, errors: 0, kind: 'model' as const, metrics: { accuracy: { kind: 'proportion' as const, value: 0.9, n: 10 } } };
    const gates: Summary['gates'] = [
      { candidate: 'large', metric: 'accuracy', op: '>=', threshold: 0.9, value: 0, pass: false, reason: 'accuracy = 0 fails >= 0.9' },
      { candidate: 'fine', metric: 'accuracy', op: '>=', threshold: 0.8, value: 0.9, pass: true, reason: 'accuracy = 0.9 meets >= 0.8' },
      { candidate: '*', metric: 'latency.p95_ms', op: '<=', threshold: 1500, value: null, pass: false, reason: 'no candidate reports metric "latency.p95_ms"' },
    ];
    const result = summary({ large: dead, fine: ok }, gates);
    const text = formatSummaryTable(result);
    expect(text).toContain(`10× PROVIDER_CONNECTION: ${REFUSED} (large)`);
    expect(text).toContain('PASS  fine: accuracy = 0.9 meets >= 0.8');
    expect(text).not.toContain('no candidate reports');
    expect(text).not.toContain('FAIL  large');
    expect(text).toContain('2 gates of large not listed: FAIL, since it answered nothing');
    expect(runExitCode(result)).toMatchObject({ code: 3 });
  });

  it('shows TTFT p50 and cost to significant digits', () => {
    const metrics = { accuracy: { kind: 'proportion' as const, value: 0.5, n: 2 }, 'ttft.p50_ms': { kind: 'distribution' as const, value: 212.4, n: 2 }, 'cost.usd': { kind: 'cost' as const, value: 0.0000103, n: 2 } };
    const text = formatSummaryTable(summary({ m: { n: 2, errors: 0, kind: 'model', metrics } }));
    expect(text.split('\n')[0]).toMatch(/TTFT p50\s+errors\s+tokens in\/out\s+cost$/);
    expect(text.split('\n')[1]).toMatch(/212\s+0\s+—\s+\$0\.0000103$/);
  });
});

describe('terminal colour and words', () => {
  it('colours only a TTY, and never under NO_COLOR or TERM=dumb; FORCE_COLOR colours a pipe', () => {
    expect(coloursFor({ isTTY: true }, {}).fail('x')).toBe('\u001b[31mx\u001b[39m');
    expect(coloursFor({ isTTY: true }, { NO_COLOR: '1' }).fail('x')).toBe('x');
    expect(coloursFor({ isTTY: true }, { TERM: 'dumb' }).fail('x')).toBe('x');
    expect(coloursFor({ isTTY: false }, {}).fail('x')).toBe('x');
    expect(coloursFor({ isTTY: false }, { FORCE_COLOR: '1' }).pass('x')).toBe('\u001b[32mx\u001b[39m');
  });

  it('keeps columns aligned when coloured', () => {
    const metrics = { accuracy: { kind: 'proportion' as const, value: 0.5, n: 2 } };
    const result = summary({ a: { n: 2, errors: 1, kind: 'model', metrics }, bb: { n: 2, errors: 0, kind: 'model', metrics } });
    const coloured = formatSummaryTable(result, coloursFor({ isTTY: true }, {})).replace(/\u001b\[\d+m/g, '');
    expect(coloured).toBe(formatSummaryTable(result));
  });

  it('says 1 repeat and 2 repeats', () => {
    expect(plural(1, 'repeat')).toBe('1 repeat');
    expect(plural(2, 'shard')).toBe('2 shards');
    expect(plural(0, 'cause')).toBe('0 causes');
  });
});
