import { defineConfig } from 'vitest/config';

// Four tiers, run in order by `npm test` (test/run-all.sh): unit and infra need no network; integration and
// e2e need the local AWS on 127.0.0.1:4566 and fail (never skip) without it.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], env: { LOG_LEVEL: 'silent' } } },
      { test: { name: 'infra', include: ['test/infra/**/*.test.ts'], testTimeout: 120_000 } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          globalSetup: ['test/support/require-local-aws.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 300_000,
          hookTimeout: 300_000,
          globalSetup: ['test/support/require-local-aws.ts'],
          fileParallelism: false,
        },
      },
    ],
  },
});
