import { defineConfig } from 'vitest/config';

/** The four test tiers; `npm test` runs all of them, `npm run test:<tier>` one (CONTRIBUTING.md). */
const TIERS = ['unit', 'integration', 'e2e', 'infra'] as const;

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // One file at a time: several tests measure latency against real local servers, and a
    // headless browser in a parallel file would distort those measurements on a 2-core machine.
    fileParallelism: false,
    projects: TIERS.map((tier) => ({
      extends: true,
      test: { name: tier, include: [`test/${tier}/**/*.test.ts`] },
    })),
  },
});
