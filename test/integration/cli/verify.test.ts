import { createHash } from 'node:crypto';
import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../lib/engine/index.ts';
import { MANIFEST_SCHEMA_VERSION } from '../../../lib/results/index.ts';
import { makeWorkspace, runCli } from '../../fixtures/workspace.ts';

const SPEC = `
name: verify-me
dataset: { path: qa.jsonl }
prompt: "{{question}}"
candidates: [{ id: oracle, provider: control, kind: oracle }, { id: echo, provider: control, kind: echo }]
scorers: [{ type: includes, reference: "{{answer}}" }]
`;
const ROWS = '{"id":"a","question":"q1","answer":"x"}\n{"id":"b","question":"q2","answer":"q2"}\n';

async function sealedRun(): Promise<string> {
  const dir = makeWorkspace({ 'qa.jsonl': ROWS, 'spec.yaml': SPEC });
  const result = await runCli(['run', 'spec.yaml', '--run-id', 'r', '--quiet'], { cwd: dir });
  expect(result.code).toBe(0);
  return join(dir, 'results', 'r');
}

describe('verdict verify', () => {
  it('says a sealed run is intact', async () => {
    const run = await sealedRun();
    const result = await runCli(['verify', run]);
    expect(result.stdout).toContain('intact — manifest and 4 records match summary.json');
    expect(result.code).toBe(0);
  });

  it('catches a quietly edited score', async () => {
    const run = await sealedRun();
    const shard = join(run, 'records', 'shard-00000.jsonl');
    writeFileSync(shard, readFileSync(shard, 'utf8').replace('"value":0,"pass":false', '"value":1,"pass":true'));
    const result = await runCli(['verify', run]);
    expect(result.stderr).toMatch(/TAMPERED\n {2}- records changed since the run was sealed/);
    expect(result.code).toBe(1);
  });

  it('catches a record added after sealing and an edited manifest', async () => {
    const run = await sealedRun();
    const shard = join(run, 'records', 'shard-00000.jsonl');
    appendFileSync(shard, `${readFileSync(shard, 'utf8').split('\n')[0]!.replace('"itemId":"a|oracle|0"', '"itemId":"z|oracle|0"')}\n`);
    const manifest = join(run, 'manifest.json');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('"verify-me"', '"verify-you"'));
    const result = await runCli(['verify', run]);
    expect(result.stderr).toContain('manifest.json changed since the run was sealed');
    expect(result.stderr).toContain('5 records now, 4 when sealed');
    expect(result.code).toBe(1);
  });

  it('says a run sealed as summary.json version 1 (metrics without kinds) is intact: the upgrade gives the kinds the recompute does', async () => {
    const run = await sealedRun();
    const path = join(run, 'summary.json');
    const summary = JSON.parse(readFileSync(path, 'utf8')) as { schemaVersion: number; candidates: Record<string, { metrics: Record<string, Record<string, unknown>> }> };
    summary.schemaVersion = 1;
    for (const candidate of Object.values(summary.candidates)) {
      for (const metric of Object.values(candidate.metrics)) {
        expect(metric.kind).toBeTypeOf('string');
        delete metric.kind;
        for (const category of Object.values((metric.byCategory ?? {}) as Record<string, Record<string, unknown>>)) delete category.kind;
      }
    }
    writeFileSync(path, JSON.stringify(summary, null, 2));
    const result = await runCli(['verify', run]);
    expect(result.stdout).toContain('intact — manifest and 4 records match summary.json');
    expect(result.code).toBe(0);
  });

  it('says a run sealed with manifest.json version 1 is intact (its digest is of the file as stored), and still catches an edit of that manifest', async () => {
    const run = await sealedRun();
    const manifestPath = join(run, 'manifest.json');
    const summaryPath = join(run, 'summary.json');
    // A run as a version-1 Verdict sealed it: the manifest says version 1 and the summary holds the
    // digest that Verdict computed, SHA-256 of the canonical JSON of the manifest as read.
    setJsonField(manifestPath, ['schemaVersion'], 1);
    const v1Manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as unknown;
    setJsonField(summaryPath, ['integrity', 'manifestSha256'], createHash('sha256').update(canonicalJson(v1Manifest)).digest('hex'));
    const intact = await runCli(['verify', run]);
    expect(intact.stdout).toContain('intact — manifest and 4 records match summary.json');
    expect(intact.code).toBe(0);

    writeFileSync(manifestPath, readFileSync(manifestPath, 'utf8').replace('"verify-me"', '"verify-you"'));
    const edited = await runCli(['verify', run]);
    expect(edited.stderr).toContain('manifest.json changed since the run was sealed');
    expect(edited.code).toBe(1);

    // Relabelling the sealed version-1 manifest as the current version is an edit too.
    writeFileSync(manifestPath, JSON.stringify({ ...(v1Manifest as object), schemaVersion: MANIFEST_SCHEMA_VERSION }, null, 2));
    const relabelled = await runCli(['verify', run]);
    expect(relabelled.stderr).toContain('manifest.json changed since the run was sealed');
    expect(relabelled.code).toBe(1);
  });

  it('seals a run started with manifest.json version 1 and resumed now so that it verifies intact', async () => {
    const run = await sealedRun();
    rmSync(join(run, 'summary.json'));
    setJsonField(join(run, 'manifest.json'), ['schemaVersion'], 1);
    const resumed = await runCli(['run', 'spec.yaml', '--run-id', 'r', '--resume', '--quiet'], { cwd: join(run, '..', '..') });
    expect(resumed.code).toBe(0);
    expect(JSON.parse(readFileSync(join(run, 'manifest.json'), 'utf8'))).toMatchObject({ schemaVersion: 1 });
    const result = await runCli(['verify', run]);
    expect(result.stdout).toContain('intact — manifest and 4 records match summary.json');
    expect(result.code).toBe(0);
  });

  it('canonical JSON does not depend on key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } })).toBe(canonicalJson({ a: { c: null, d: [1, { e: 3, f: 2 }] }, b: 1 }));
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: 2 }));
  });
});

/** Sets one field of a JSON file, found by its keys from the top. */
function setJsonField(path: string, keys: readonly string[], value: unknown): void {
  const json = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  let target = json;
  for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
  target[keys.at(-1)!] = value;
  writeFileSync(path, JSON.stringify(json, null, 2));
}

describe('verify and gate reject what the contract does not declare (exit 2)', { timeout: 240_000 }, () => {
  it('names the file and JSON path of an unknown metric key, and of an unknown manifest key', async () => {
    const run = await sealedRun();
    expect((await runCli(['gate', run])).code).toBe(0);
    setJsonField(join(run, 'summary.json'), ['candidates', 'oracle', 'metrics', 'accuracy', 'foo'], 1);
    const gate = await runCli(['gate', run]);
    expect(gate.code).toBe(2);
    expect(gate.stderr).toContain(`${join(run, 'summary.json')}: candidates.oracle.metrics.accuracy: unknown key "foo"`);
    setJsonField(join(run, 'manifest.json'), ['plan', 'shardCount'], 1);
    const verify = await runCli(['verify', run]);
    expect(verify.code).toBe(2);
    expect(verify.stderr).toContain(`${join(run, 'manifest.json')}: plan: unknown key "shardCount"`);
  });

  it('refuses a record line with a key the schema does not declare, in verify and in the seal of a resumed run', async () => {
    const run = await sealedRun();
    const shard = join(run, 'records', 'shard-00000.jsonl');
    const lines = readFileSync(shard, 'utf8').trimEnd().split('\n');
    lines[1] = lines[1]!.replace('"schemaVersion":1,', '"schemaVersion":1,"approved":true,');
    writeFileSync(shard, `${lines.join('\n')}\n`);
    const verify = await runCli(['verify', run]);
    expect(verify.code).toBe(2);
    expect(verify.stderr).toContain(`${shard}:2: unknown key "approved"`);

    // The same line in a run not sealed yet: resuming it refuses to seal over the forged record.
    rmSync(join(run, 'summary.json'));
    const resumed = await runCli(['run', 'spec.yaml', '--run-id', 'r', '--resume', '--quiet'], { cwd: join(run, '..', '..') });
    expect(resumed.code).toBe(2);
    expect(resumed.stderr).toContain('results/r/records/shard-00000.jsonl:2: unknown key "approved"');
  });

  it('refuses a summary written by a newer Verdict, naming both versions', async () => {
    const run = await sealedRun();
    setJsonField(join(run, 'summary.json'), ['schemaVersion'], 99);
    const result = await runCli(['gate', run]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('summary.json: written by a newer Verdict (schemaVersion 99); this Verdict reads up to 2');
  });
});
