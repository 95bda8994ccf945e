import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isVerdictError, type VerdictError } from '../../../lib/errors/index.ts';
import { readSummaryFile, readVersioned, SUMMARY_SCHEMA_VERSION, SummarySchema, type VersionedFormat } from '../../../lib/results/index.ts';
import { FsResultStore } from '../../../lib/store/index.ts';
import { releaseSummary } from '../../fixtures/summaries/release-summary.ts';

/** The error `run` throws (it must throw a VerdictError). */
function errorOf(run: () => unknown): VerdictError {
  try {
    run();
  } catch (error) {
    if (isVerdictError(error)) return error;
    throw error;
  }
  throw new Error('expected a VerdictError');
}

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('summary.json read strictly', () => {
  it('reads a known summary unchanged (threshold, baseline and skipped gates, comparisons)', () => {
    expect(readSummaryFile(clone(releaseSummary), 'r/summary.json')).toEqual(releaseSummary);
  });

  it('rejects an unknown metric key, naming the file and the JSON path (metric names quoted)', () => {
    const value = clone(releaseSummary) as unknown as { candidates: Record<string, { metrics: Record<string, Record<string, unknown>> }> };
    value.candidates['model-new']!.metrics['score.exact']!.foo = 1;
    const error = errorOf(() => readSummaryFile(value, 'results/run-x/summary.json'));
    expect(error.code).toBe('RESULT_INVALID');
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe('results/run-x/summary.json: candidates.model-new.metrics["score.exact"]: unknown key "foo"');
  });

  it('checks each gate by its kind: a threshold gate may not carry baseline fields, a latency gate no drop fields', () => {
    const value = clone(releaseSummary) as unknown as { gates: Record<string, unknown>[] };
    value.gates[0]!.pValue = 0.5;
    value.gates[2]!.increaseCi95 = [0, 1];
    const error = errorOf(() => readSummaryFile(value, 's.json'));
    expect(error.message).toBe('s.json: gates[0]: unknown key "pValue"; gates[2]: unknown key "increaseCi95"');
    const latency = clone(releaseSummary) as unknown as { gates: Record<string, unknown>[] };
    Object.assign(latency.gates[2]!, { op: 'maxIncrease', increaseCi95: [1, 2], baselineN: 30 });
    expect(readSummaryFile(latency, 's.json').gates[2]).toMatchObject({ op: 'maxIncrease', baselineN: 30 });
  });

  it('rejects an unknown gate kind and a wrongly typed field with the path', () => {
    const value = clone(releaseSummary) as unknown as { gates: Record<string, unknown>[]; candidates: Record<string, Record<string, unknown>> };
    value.gates[1]!.kind = 'bias';
    expect(errorOf(() => readSummaryFile(value, 's.json')).message).toMatch(/^s\.json: gates\[1\]\.kind: Invalid discriminator value/);
    const typed = clone(releaseSummary) as unknown as { candidates: Record<string, Record<string, unknown>> };
    typed.candidates.oracle!.n = 'twenty';
    expect(errorOf(() => readSummaryFile(typed, 's.json')).message).toBe('s.json: candidates.oracle.n: Invalid input: expected number, received string');
  });

  it('refuses a newer schemaVersion, naming it and the newest this Verdict reads', () => {
    const error = errorOf(() => readSummaryFile({ ...clone(releaseSummary), schemaVersion: SUMMARY_SCHEMA_VERSION + 1 }, 'r/summary.json'));
    expect(error.code).toBe('RESULT_INVALID');
    expect(error.message).toBe(
      `r/summary.json: written by a newer Verdict (schemaVersion ${SUMMARY_SCHEMA_VERSION + 1}); this Verdict reads up to ${SUMMARY_SCHEMA_VERSION} — upgrade Verdict to read it`,
    );
  });

  it('refuses a file without a usable schemaVersion', () => {
    const { schemaVersion: _version, ...rest } = clone(releaseSummary);
    expect(errorOf(() => readSummaryFile(rest, 'r/summary.json')).message).toBe(
      'r/summary.json: schemaVersion: expected a positive whole number, got nothing; not a Verdict summary.json',
    );
    expect(errorOf(() => readSummaryFile([1], 'r/summary.json')).message).toBe('r/summary.json: not a Verdict summary.json (expected a JSON object)');
  });

  it('is the schema writers are typed from: the summary type is the schema’s', () => {
    expect(SummarySchema.safeParse(releaseSummary).success).toBe(true);
  });
});

describe('older versions go through the upgrade chain, one version at a time', () => {
  // A toy format at version 3 that renamed `x` to `y` in 2 and added `z` in 3.
  const format: VersionedFormat<{ schemaVersion: 3; y: number; z: string }> = {
    file: 'toy.json',
    current: 3,
    schema: z.strictObject({ schemaVersion: z.literal(3), y: z.number(), z: z.string() }),
    upgrades: {
      1: ({ x, ...rest }) => ({ ...rest, y: x }),
      2: (value) => ({ ...value, z: 'added in 3' }),
    },
  };

  it('upgrades 1 → 2 → 3 and 2 → 3, and reads 3 as it is', () => {
    expect(readVersioned({ schemaVersion: 1, x: 5 }, 't', format)).toEqual({ schemaVersion: 3, y: 5, z: 'added in 3' });
    expect(readVersioned({ schemaVersion: 2, y: 6 }, 't', format)).toEqual({ schemaVersion: 3, y: 6, z: 'added in 3' });
    expect(readVersioned({ schemaVersion: 3, y: 7, z: 'own' }, 't', format)).toEqual({ schemaVersion: 3, y: 7, z: 'own' });
  });

  it('checks the upgraded value strictly, and refuses a version with no upgrade', () => {
    expect(errorOf(() => readVersioned({ schemaVersion: 1, x: 5, w: 1 }, 't', format)).message).toBe('t: unknown key "w"');
    const gap = { ...format, upgrades: { 2: format.upgrades[2]! } };
    expect(errorOf(() => readVersioned({ schemaVersion: 1, x: 5 }, 't', gap)).message).toBe('t: schemaVersion 1 is not a version this Verdict can read (it reads 3 and upgrades 2)');
  });
});

describe('the stores read through the contract', () => {
  it('a local summary.json with an unknown key fails with RESULT_INVALID naming its path', async () => {
    const root = mkdtempSync(join(tmpdir(), 'verdict-strict-'));
    mkdirSync(join(root, 'run-x'));
    writeFileSync(join(root, 'run-x', 'summary.json'), JSON.stringify({ ...releaseSummary, extra: true }));
    const error = await new FsResultStore(root).readSummary('run-x').then(() => null, (caught: unknown) => caught as VerdictError);
    expect(error?.code).toBe('RESULT_INVALID');
    expect(error?.message).toBe(`${join(root, 'run-x', 'summary.json')}: unknown key "extra"`);
  });

  it('a truncated summary.json is a read error saying it is not JSON', async () => {
    const root = mkdtempSync(join(tmpdir(), 'verdict-strict-'));
    mkdirSync(join(root, 'run-x'));
    writeFileSync(join(root, 'run-x', 'summary.json'), JSON.stringify(releaseSummary).slice(0, 40));
    const error = await new FsResultStore(root).readSummary('run-x').then(() => null, (caught: unknown) => caught as VerdictError);
    expect(error?.code).toBe('STORE_READ');
    expect(error?.message).toMatch(/summary\.json: not valid JSON/);
  });
});
