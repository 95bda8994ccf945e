import { describe, expect, it } from 'vitest';
import { describeRun, storedRunDescription } from '../../../lib/engine/run-description.ts';
import { RunDescriptionSchema } from '../../../lib/results/run-description.ts';
import { ExecutionSpecSchema } from '../../../lib/spec/index.ts';

const parts = { sampleIds: ['a'], candidates: [{ id: 'm', provider: 'openai', kind: 'model' as const, params: {} }], scorers: [] };
const spec = (cache?: unknown) => ({ execution: ExecutionSpecSchema.parse({}), gates: [], ...(cache !== undefined && { cache }) }) as never;

describe('manifest.run.cache records the effective cache settings (#10)', () => {
  it('records the spec mode and dir, and defaults to auto', () => {
    expect(describeRun(spec(), {}, parts).cache).toEqual({ mode: 'auto', overrides: {} });
    expect(describeRun(spec(false), {}, parts).cache).toEqual({ mode: 'off', overrides: {} });
    expect(describeRun(spec({ mode: 'on', dir: 'cache' }), {}, parts).cache).toEqual({ mode: 'on', dir: 'cache', overrides: {} });
  });

  it('applies --no-cache and --cache-dir and lists them as overrides in the stored manifest', () => {
    const stored = storedRunDescription(describeRun(spec({ mode: 'on', dir: 'cache' }), { cache: false, cacheDir: '/tmp/elsewhere' }, parts));
    expect(stored.cache).toEqual({ mode: 'off', dir: '/tmp/elsewhere', overrides: { enabled: false, dir: '/tmp/elsewhere' } });
    expect(RunDescriptionSchema.parse(stored).cache).toEqual(stored.cache);
  });
});
