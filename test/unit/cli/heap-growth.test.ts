import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../fixtures/workspace.ts';

function peakHeapMb(mode: 'bounded' | 'default'): number {
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'test/fixtures/heap-churn.ts', mode], { encoding: 'utf8', cwd: REPO_ROOT });
  return (JSON.parse(out) as { peakHeapMb: number }).peakHeapMb;
}

describe('boundHeapGrowth', () => {
  it('keeps the heap near the live data where V8 alone lets garbage pile up (set after start-up, as run and verify do)', () => {
    const unbounded = peakHeapMb('default');
    const bounded = peakHeapMb('bounded');
    // ~60 MB live plus 200,000-object batches: V8 alone reaches ~450 MB here, bounded ~220 MB.
    expect(bounded).toBeLessThan(unbounded * 0.75);
    expect(bounded).toBeGreaterThan(60);
  });
});
