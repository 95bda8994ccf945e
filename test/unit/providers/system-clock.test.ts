import { describe, expect, it } from 'vitest';
import { systemClock } from '../../../lib/providers/index.ts';

describe('system clock', () => {
  it('sleeps about as long as asked on a monotonic clock', async () => {
    const startMs = systemClock.now();
    await systemClock.sleep(30);
    expect(systemClock.now() - startMs).toBeGreaterThanOrEqual(29);
    expect(systemClock.isoNow()).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('stops sleeping with the abort reason when the signal aborts', async () => {
    const controller = new AbortController();
    const sleeping = systemClock.sleep(10_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(sleeping).rejects.toThrow('stop');
    await expect(systemClock.sleep(10, controller.signal)).rejects.toThrow('stop');
  });
});
