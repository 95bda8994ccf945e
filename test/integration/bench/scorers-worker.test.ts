import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { scorerRegistry } from '../../../lib/scorers/index.ts';
import { REPO_ROOT } from '../../fixtures/workspace.ts';

/** Graders that call a port (a judge model, a sandbox): the scorer row leaves them out. */
const PORT_BOUND = new Set(['judge', 'code']);

describe('npm run bench: the scorer worker', () => {
  // A new scorer whose inputs the worker's synthetic row lacks ended the whole bench (MC2 did).
  it('measures every synchronous scorer in the registry and exits 0', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'bench/workers/scorers.ts'), '300'], { cwd: REPO_ROOT, timeout: 120_000 });
    const result = JSON.parse(stdout) as { count: number; scorers: { type: string; itemsPerS: number }[]; aggregationMs: number };
    expect(result.count).toBe(300);
    expect(result.scorers.map((scorer) => scorer.type).sort()).toEqual(Object.keys(scorerRegistry).filter((type) => !PORT_BOUND.has(type)).sort());
    for (const scorer of result.scorers) expect(scorer.itemsPerS, scorer.type).toBeGreaterThan(0);
    expect(Number.isFinite(result.aggregationMs)).toBe(true);
  }, 150_000);
});
