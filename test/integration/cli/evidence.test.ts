import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { signSummary } from '../../../lib/engine/index.ts';
import { buildReportIndex } from '../../../lib/report/index.ts';
import type { Summary } from '../../../lib/results/index.ts';
import { makeWorkspace, runCli } from '../../fixtures/workspace.ts';

// echo repeats the prompt, so it answers q2 right and q1, q3, q4 wrong: accuracy 0.25, gate failed.
const SPEC = `
name: evidence
dataset: { path: qa.jsonl }
prompt: "{{question}}"
candidates: [{ id: oracle, provider: control, kind: oracle }, { id: echo, provider: control, kind: echo }]
scorers: [{ type: includes, reference: "{{answer}}" }]
gates: [{ metric: accuracy, op: ">=", value: 0.9 }]
execution: { shardSize: 4 }
`;
const ROWS = ['a', 'b', 'c', 'd'].map((id, index) => JSON.stringify({ id, question: `q${index + 1}`, answer: index === 1 ? 'q2' : 'x' })).join('\n');

async function sealedRun(extra: string[] = []): Promise<{ dir: string; run: string }> {
  const dir = makeWorkspace({ 'qa.jsonl': ROWS, 'spec.yaml': SPEC });
  const result = await runCli(['run', 'spec.yaml', '--run-id', 'r', '--quiet', ...extra], { cwd: dir });
  expect(result.code).toBe(1);
  return { dir, run: join(dir, 'results', 'r') };
}

/** Raises the failing candidate to a pass everywhere a reader would look. */
function forge(summary: Summary): Summary {
  const echo = summary.candidates.echo!;
  echo.metrics.accuracy = { ...echo.metrics.accuracy!, value: 1, ci95: [0.95, 1] };
  summary.gates = summary.gates.map((gate) => ({ ...gate, value: gate.candidate === 'echo' ? 1 : gate.value, pass: true }));
  summary.passed = true;
  return summary;
}

const readSummary = (run: string) => JSON.parse(readFileSync(join(run, 'summary.json'), 'utf8')) as Summary;
const writeSummary = (run: string, summary: Summary) => writeFileSync(join(run, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);

// Each test starts the real CLI four to seven times as a child process; on a busy shared machine
// one start alone can take 20 s, so the limit bounds a hang, not a speed (docs/decisions/0004).
const CLI_TEST_TIMEOUT_MS = 240_000;

describe('evidence that cannot be quietly changed', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it('a forged summary.json fails verify, never passes gate and shows as TAMPERED in the report', async () => {
    const { dir, run } = await sealedRun();
    expect((await runCli(['verify', run])).code).toBe(0);
    writeSummary(run, forge(readSummary(run)));

    const verify = await runCli(['verify', run]);
    expect(verify.code).toBe(1);
    expect(verify.stderr).toContain('summary.json: candidates.echo.metrics.accuracy.value differs from the value recomputed from the records');
    expect(verify.stderr).toMatch(/summary\.json: gates\[\d\]\.pass differs/);

    const gate = await runCli(['gate', run]);
    expect(gate.code).toBe(1);
    expect(gate.stderr).toContain('TAMPERED');
    expect(gate.stderr).not.toContain('verdict: PASS');

    const compare = await runCli(['compare', run, run]);
    expect(compare.stderr).toContain(`verdict compare: ${run}: TAMPERED`);

    const report = await runCli(['report', join(dir, 'results'), '--out', join(dir, 'site')]);
    expect(report.code).toBe(0);
    expect(report.stderr).toContain('run r: TAMPERED');
    const index = await buildReportIndex({ resultsDir: join(dir, 'results'), sink: { writeChunk: async () => {} } });
    expect(index.runs[0]!.status).toBe('tampered');
  });

  it('catches a line moved between shards and a renamed shard, which leave every digest as it was', async () => {
    const spec = SPEC.replace('shardSize: 4', 'shardSize: 3');
    const dir = makeWorkspace({ 'qa.jsonl': ROWS, 'spec.yaml': spec });
    expect((await runCli(['run', 'spec.yaml', '--run-id', 'r', '--quiet'], { cwd: dir })).code).toBe(1);
    const records = join(dir, 'results', 'r', 'records');
    const first = readFileSync(join(records, 'shard-00000.jsonl'), 'utf8').trimEnd().split('\n');
    const second = readFileSync(join(records, 'shard-00001.jsonl'), 'utf8');
    // The last line of shard 0 moved to the head of shard 1: the records in order are unchanged.
    writeFileSync(join(records, 'shard-00000.jsonl'), `${first.slice(0, -1).join('\n')}\n`);
    writeFileSync(join(records, 'shard-00001.jsonl'), `${first.at(-1)}\n${second}`);
    const moved = await runCli(['verify', join(dir, 'results', 'r')]);
    expect(moved.code).toBe(1);
    expect(moved.stderr).toContain('records/shard-00001.jsonl holds a record of shard-00000');
    expect(moved.stderr).not.toContain('records changed');

    renameSync(join(records, 'shard-00002.jsonl'), join(records, 'shard-00009.jsonl'));
    const renamed = await runCli(['verify', join(dir, 'results', 'r')]);
    expect(renamed.stderr).toContain('records/shard-00009.jsonl is not a shard of the plan');
  });

  it('signs the seal with an Ed25519 key file and checks it against a pinned public key', async () => {
    const keys = generateKeyPairSync('ed25519');
    const other = generateKeyPairSync('ed25519');
    const pem = (key: { export(options: object): string | Buffer }, type: string) => key.export({ type, format: 'pem' }) as string;
    const { dir, run } = await sealedRun(['--sign-key', join(makeWorkspace({ 'k.pem': pem(keys.privateKey, 'pkcs8') }), 'k.pem')]);
    writeFileSync(join(dir, 'pub.pem'), pem(keys.publicKey, 'spki'));
    writeFileSync(join(dir, 'other.pem'), pem(other.publicKey, 'spki'));
    const signature = readSummary(run).signature!;
    expect(signature.algorithm).toBe('ed25519');

    const ok = await runCli(['verify', run, '--public-key', join(dir, 'pub.pem')]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain(`seal signed by Ed25519 key ${signature.keyFingerprint} (the key given)`);
    const wrongKey = await runCli(['verify', run, '--public-key', join(dir, 'other.pem')]);
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.stderr).toContain('signed by another key');

    // A forger who re-signs with a key of their own passes the embedded-key check only, and the
    // recomputation still catches the forged numbers.
    const { signature: _old, ...unsigned } = forge(readSummary(run));
    writeSummary(run, signSummary(unsigned as Summary, pem(other.privateKey, 'pkcs8')));
    const forged = await runCli(['verify', run, '--public-key', join(dir, 'pub.pem')]);
    expect(forged.code).toBe(1);
    expect(forged.stderr).toContain('signed by another key');
    expect(forged.stderr).toContain('candidates.echo.metrics.accuracy.value differs');
  });

  it('refuses a signing key that is not an Ed25519 private key before calling any model', async () => {
    const dir = makeWorkspace({ 'qa.jsonl': ROWS, 'spec.yaml': SPEC, 'bad.pem': 'not a key' });
    const result = await runCli(['run', 'spec.yaml', '--sign-key', 'bad.pem', '--quiet'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--sign-key bad.pem: not a readable key');
  });
});
