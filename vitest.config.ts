import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // One file at a time: several tests measure latency against real local servers, and a
    // headless browser in a parallel file would distort those measurements on a 2-core machine.
    fileParallelism: false,
  },
});
