import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkSealSignature, signSummary } from '../../../lib/engine/index.ts';
import { isVerdictError, type VerdictError } from '../../../lib/errors/index.ts';
import { MANIFEST_SCHEMA_VERSION, readManifestFile, readSummaryFile, readVersioned, storedFormOf, SUMMARY_SCHEMA_VERSION, SummarySchema, type Summary, type VersionedFormat } from '../../../lib/results/index.ts';
import { FsResultStore } from '../../../lib/store/index.ts';
import { fakeManifest } from '../../fixtures/result-set.ts';
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

describe('metrics are a union by kind', () => {
  it('rejects a detail of another kind, naming the JSON path: no latency percentile on a proportion', () => {
    const value = clone(releaseSummary) as unknown as { candidates: Record<string, { metrics: Record<string, Record<string, unknown>> }> };
    value.candidates['model-new']!.metrics.accuracy!.p95 = 900;
    value.candidates.oracle!.metrics['errors.rate']!.kind = 'latency';
    expect(errorOf(() => readSummaryFile(value, 's.json')).message).toMatch(
      /^s\.json: candidates\.model-new\.metrics\.accuracy: unknown key "p95"; candidates\.oracle\.metrics\["errors\.rate"\]\.kind: Invalid discriminator value\. Expected 'proportion' \| 'pass-at-k'/,
    );
  });

  it('rejects a category of the wrong kind, and a kind without its required details', () => {
    const value = clone(releaseSummary) as unknown as { candidates: Record<string, { metrics: Record<string, unknown> }> };
    value.candidates['model-new']!.metrics.accuracy = { kind: 'proportion', value: 1, n: 2, byCategory: { x: { kind: 'distribution', value: 1, n: 2 } } };
    value.candidates.oracle!.metrics['goodput.rate'] = { kind: 'goodput', value: 1, n: 2 };
    const message = errorOf(() => readSummaryFile(value, 's.json')).message;
    expect(message).toMatch(/^s\.json: candidates\.model-new\.metrics\.accuracy\.byCategory\.x\.kind: /);
    expect(message).toMatch(/candidates\.oracle\.metrics\["goodput\.rate"\]\.good: /);
  });
});

/** A summary as version 1 wrote it: no metric kinds. */
function asVersion1(summary: Summary): Record<string, unknown> {
  const stripped = clone(summary) as unknown as { schemaVersion: number; candidates: Record<string, { metrics: Record<string, Record<string, unknown>> }> };
  stripped.schemaVersion = 1;
  for (const candidate of Object.values(stripped.candidates)) {
    for (const metric of Object.values(candidate.metrics)) {
      delete metric.kind;
      for (const category of Object.values((metric.byCategory ?? {}) as Record<string, Record<string, unknown>>)) delete category.kind;
    }
  }
  return stripped;
}

describe('summary.json version 1 is upgraded: each metric gets the kind its writer gives it', () => {
  const v2: Summary = {
    ...clone(releaseSummary),
    candidates: {
      m: {
        n: 4,
        errors: 0,
        metrics: {
          accuracy: { kind: 'proportion', value: 0.5, n: 4, method: 'iid-ddof1', byCategory: { x: { kind: 'proportion', value: 0.5, n: 2 } } },
          'score.judge': { kind: 'judge', value: 0.5, n: 4 },
          'judge.judge.unscored': { kind: 'judge', value: 0, n: 4, count: 0 },
          'judge.judge.kappa': { kind: 'agreement', value: null, n: 4 },
          'judge.judge.calls': { kind: 'cost', value: 4, n: 4, inputTokens: 10, outputTokens: 2 },
          'score.exact': { kind: 'proportion', value: 0.5, n: 4 },
          'accuracy.pass@2': { kind: 'pass-at-k', value: 0.6, n: 4, k: 2, estimator: 'chen2021-unbiased' },
          'latency.p95_ms': { kind: 'distribution', value: 812, n: 4, ci95: [700, 900], method: 'exact-bootstrap-percentile' },
          'tokens.output': { kind: 'tokens', value: 12, n: 4, source: { server: 4, tokenizer: 0 } },
          'throughput.requests_per_s': { kind: 'throughput', value: 2, n: 4, wallSeconds: 2 },
          'goodput.rate': { kind: 'goodput', value: 1, n: 4, good: 4, unmeasured: 0, slo: { e2e_ms: 1000 } },
          'fairness.disparate_impact': { kind: 'fairness', value: 0.5, n: 4, flagged: true, byCategory: { a: { kind: 'fairness', value: 1, n: 2, flagged: false } } },
          'privacy.pii_leak_rate': { kind: 'privacy', value: 0, n: 4, leaked: 0, byType: {}, byCategory: { a: { kind: 'proportion', value: 0, n: 2 } } },
          'fairness.rouge1': { kind: 'text-overlap', value: 0.4, n: 4, signature: 'nrefs:1', scale: '0-1' },
          'robustness.accuracy_change': { kind: 'paired-difference', value: 0, n: 4, pValue: 1, b: 0, c: 0, test: 'mcnemar-exact', byCategory: { typo: { kind: 'paired-difference', value: 0, n: 4, pValue: 1, b: 0, c: 0, test: 'mcnemar-exact' } } },
          'reasoning.rate': { kind: 'reasoning', value: 1, n: 4, sources: { field: 4 } },
          'calibration.brier': { kind: 'calibration', value: 0.2, n: 4 },
        },
        sweep: [{ index: 0, label: 'c=1', n: 4, metrics: { 'latency.p50_ms': { kind: 'distribution', value: 1, n: 4 } } }],
      },
    },
  };

  it('reads version 1 as the current version, values untouched', () => {
    expect(readSummaryFile(asVersion1(v2), 'r/summary.json')).toEqual(v2);
    expect(readSummaryFile(asVersion1(releaseSummary), 'r/summary.json')).toEqual(releaseSummary);
  });

  it('checks a version-1 seal signature on the file as it was written, not the upgraded form', () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    // Signed over the version-1 bytes, as a Verdict of version 1 did.
    const stored = signSummary(asVersion1(releaseSummary) as unknown as Summary, pem);
    const read = readSummaryFile(clone(stored), 'r/summary.json');
    expect(read.schemaVersion).toBe(SUMMARY_SCHEMA_VERSION);
    expect(checkSealSignature(read).status).toBe('valid');
    // A summary changed after reading is judged on its own bytes.
    expect(checkSealSignature({ ...read, passed: !read.passed }).status).toBe('invalid');
  });
});

describe('manifest.json versions 1 and 2 are upgraded unchanged (2 added cloud.judgeRateLimits, 3 run.execution.overrides.workers)', () => {
  it('reads versions 1 and 2 as the current version and keeps the stored form, which the manifest digest covers', () => {
    const current = fakeManifest('run-v1');
    for (const version of [1, 2]) {
      const stored = { ...clone(current), schemaVersion: version, cloud: { workers: 4, rateLimits: { oracle: { rpm: 15 } } } };
      const read = readManifestFile(clone(stored), 'r/manifest.json');
      expect(read).toEqual({ ...stored, schemaVersion: MANIFEST_SCHEMA_VERSION });
      expect(storedFormOf(read)).toEqual(stored);
    }
    expect(MANIFEST_SCHEMA_VERSION).toBe(3);
    expect(storedFormOf(readManifestFile(clone(current), 'r/manifest.json'))).toBeUndefined();
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
