import { defineConfig } from 'vitest/config';

// The unit tier alone, for StrykerJS: the mutation run needs no network, and the other tiers would only slow each
// mutant down. Same include and environment as the unit project in vitest.config.ts.
export default defineConfig({
  test: { include: ['test/unit/**/*.test.ts'], env: { LOG_LEVEL: 'silent' } },
});
