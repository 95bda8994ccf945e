import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { createWorkspace, writeReplay, writeSpec } from '../integration/release/replay-runs.ts';

const VERDICT = join(import.meta.dirname, '..', '..', 'bin', 'verdict.js');

/** Runs the real CLI; resolves with the exit code and both streams (a non-zero exit is data). */
async function verdict(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [VERDICT, ...args], { cwd, env: { ...process.env, GITHUB_STEP_SUMMARY: '' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const replay = (file: string) => ({ provider: 'replay', file, key: 'id', field: 'output' });

describe('verdict run / gate / compare (CLI, offline)', () => {
  it('gates a run on its baseline, writes JUnit and Markdown, compares the runs, and never touches the sealed run', async () => {
    const n = 200;
    const { dir } = await createWorkspace(n);
    const gates = [
      { metric: 'accuracy', op: '>=', value: 0.5 },
      { metric: 'accuracy', maxDrop: 0.05 },
    ];
    const old = await writeReplay(dir, 'old.jsonl', n, (i) => i % 20 >= 2);
    const fresh = await writeReplay(dir, 'new.jsonl', n, (i) => i % 20 === 0 || i % 20 >= 7);
    await writeSpec(dir, 'before.yaml', { name: 'release', candidates: [{ id: 'model', ...replay(old) }], gates, baseline: 'latest' });
    await writeSpec(dir, 'after.yaml', { name: 'release', candidates: [{ id: 'model', ...replay(fresh) }], gates, baseline: 'latest' });

    const first = await verdict(['run', 'before.yaml', '--run-id', 'r1', '--quiet', '--junit', 'out/r1.xml'], dir);
    expect(first.code).toBe(0); // `latest` found nothing earlier: the baseline gate is skipped
    expect(first.stdout.trim()).toBe(join('results', 'r1'));
    const junit = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(await readFile(join(dir, 'out/r1.xml'), 'utf8'));
    expect(junit.testsuites['@skipped']).toBe('1');

    const second = await verdict(['run', 'after.yaml', '--run-id', 'r2', '--quiet', '--markdown', 'out/r2.md'], dir);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/FAIL {2}model: fails only when the accuracy drop is larger than 0.05 .* → FAIL/);
    expect(await readFile(join(dir, 'out/r2.md'), 'utf8')).toMatch(/^## ❌ Verdict: FAIL — `release`/);

    const sealed = await readFile(join(dir, 'results/r2/summary.json'), 'utf8');
    const regate = await verdict(['gate', 'results/r2', '--baseline', 'results/r1', '--json', '--junit', 'out/gate.xml'], dir);
    expect(regate.code).toBe(1);
    const gateJson = JSON.parse(regate.stdout) as { passed: boolean; gates: { pass: boolean; pValue?: number }[] };
    expect(gateJson.passed).toBe(false);
    expect(gateJson.gates.map((gate) => gate.pass)).toEqual([true, false]);
    expect(gateJson.gates[1]!.pValue).toBeLessThan(0.001);
    expect(await readFile(join(dir, 'results/r2/summary.json'), 'utf8')).toBe(sealed);

    const compared = await verdict(['compare', 'results/r1', 'results/r2', '--json'], dir);
    expect(compared.code).toBe(0);
    const report = JSON.parse(compared.stdout) as { pairs: { regressed: unknown[]; improved: unknown[] }[]; comparisons: { metric: string; counts: unknown; pValue: number }[] };
    expect(report.pairs[0]!.regressed).toHaveLength(50);
    expect(report.pairs[0]!.improved).toHaveLength(10);
    const accuracy = report.comparisons.find((comparison) => comparison.metric === 'accuracy')!;
    expect(accuracy.counts).toEqual({ onlyA: 50, onlyB: 10, both: 130, neither: 10 });
    expect(compared.stderr).toMatch(/regressed \(A right, B wrong\): 50: q2, q3/);
    // The first flips in full: the prompt and both outputs, so a reviewer sees what changed.
    expect(compared.stderr).toContain('regressed: q2 (model → model)\n  prompt: What is 2 times 2?\n  A model: 4\n  B model: no idea');
    expect(compared.stderr).toContain('improved: q0 (model → model)\n  prompt: What is 0 times 2?\n  A model: no idea\n  B model: 0');
    expect(compared.stderr.match(/^regressed: /gm)).toHaveLength(3);
    expect(second.stderr).toContain('baseline: r1, the newest earlier run that passed its gates');
    expect(second.stderr).toMatch(/FAIL {2}model: .* \[baseline: r1\]/);
    const none = await verdict(['compare', 'results/r1', 'results/r2', '--show', '0'], dir);
    expect(none.stderr).not.toContain('prompt:');
  });

  it('exits 2 with a clear message when a run folder does not exist', async () => {
    const { dir } = await createWorkspace(1);
    const result = await verdict(['gate', 'results/missing'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/runDir: no result set at results\/missing \(no manifest.json\)/);
  });
});
