import { defineConfig } from 'vitest/config';

// The unit tier for StrykerJS: same include and environment as the unit project in vitest.config.ts, without
// the API fuzz test. That one asks "never a 5xx", not what an answer says, and takes 45 s of the tier's 60: every
// surviving mutant of a domain file would run it (hours per file). Nor the OpenAPI contract test: it reads the
// error codes out of the source text, which Stryker rewrites with its mutants (target-policy.ts cannot be run
// with it). Both run in `npm test` as always.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    exclude: ['test/unit/http/api-fuzz.test.ts', 'test/unit/http/openapi-contract.test.ts'],
    env: { LOG_LEVEL: 'silent' },
  },
});
