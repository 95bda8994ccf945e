import { rm } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { formatP } from '../../../lib/gate/index.ts';
import { mcnemarExact } from '../../../lib/stats/index.ts';
import { runCli } from '../../fixtures/workspace.ts';
import { createWorkspace, writeReplay, writeSpec } from '../release/replay-runs.ts';

// `verdict run` (the real CLI, offline: two replay candidates) prints the run's paired
// comparisons after its table, as `verdict compare` prints them.
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('verdict run prints comparisons[]', () => {
  it('lists each pair and metric with B − A and its interval, p and Holm-adjusted p, and marks the significant ones', async () => {
    const n = 200;
    const { dir } = await createWorkspace(n);
    dirs.push(dir);
    // old is right on 180 samples, new on 140: 50 samples only old gets right, 10 only new.
    const old = await writeReplay(dir, 'old.jsonl', n, (i) => i % 20 >= 2);
    const fresh = await writeReplay(dir, 'new.jsonl', n, (i) => i % 20 === 0 || i % 20 >= 7);
    await writeSpec(dir, 'spec.yaml', {
      name: 'pairs',
      candidates: [
        { id: 'old', provider: 'replay', file: old, key: 'id', field: 'output' },
        { id: 'new', provider: 'replay', file: fresh, key: 'id', field: 'output' },
      ],
      compare: [{ a: 'old', b: 'new' }],
    });
    const result = await runCli(['run', 'spec.yaml', '--run-id', 'r1', '--quiet'], { cwd: dir });
    expect(result.code).toBe(0);
    const block = result.stderr.slice(result.stderr.indexOf('comparisons (paired, B − A):'));
    expect(block.startsWith('comparisons (paired, B − A):')).toBe(true);
    const row = block.split('\n').find((line) => /^old\s+new\s+accuracy\s/.test(line));
    expect(row, block).toBeDefined();
    const p = mcnemarExact(50, 10).pValue;
    expect(p).toBeLessThan(0.05);
    // 90% → 70%: −20 points, Wald interval for matched pairs ±1.96·√(60/200 − 0.2²)/√200 = ±7.07 points;
    // exact McNemar on 50 against 10; the only test here, so Holm leaves p as it is.
    expect(row!.split(/\s{2,}/)).toEqual(['old', 'new', 'accuracy', '200', '90.0%', '70.0%', '-20.0 pp [-27.1, -12.9]', 'mcnemar-exact', formatP(p), `${formatP(p)} *`]);
    expect(block).toContain('* significant at 0.05 after Holm correction');
    // The block sits between the table and the verdict line.
    expect(result.stderr.indexOf('comparisons (paired')).toBeGreaterThan(result.stderr.indexOf('accuracy [95% CI]'));
    expect(result.stderr.indexOf('comparisons (paired')).toBeLessThan(result.stderr.indexOf('verdict: PASS'));
  });
});
