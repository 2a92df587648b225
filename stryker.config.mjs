// @ts-check
// `npm run mutation`: StrykerJS on the core files, unit tier only. Not part of `npm test` (a benchmark-like
// command: minutes per file). Run one file with `npm run mutation -- --mutate lambdas/domain/run.ts`.
// Incremental: results are kept in .local-aws/mutation/incremental.json (gitignored; `npm test` does not wipe it),
// so a rerun only tests the mutants whose code or covering tests changed.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'test/mutation/vitest.unit.config.ts', related: true },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.mutation.json',
  coverageAnalysis: 'perTest',
  // Two cores on CI and on the shared machine.
  concurrency: 2,
  timeoutMS: 10_000,
  incremental: true,
  incrementalFile: '.local-aws/mutation/incremental.json',
  reporters: ['html', 'clear-text', 'progress', 'json'],
  clearTextReporter: { reportTests: false, reportMutants: true, reportScoreTable: true },
  htmlReporter: { fileName: '.local-aws/test-results/mutation/index.html' },
  jsonReporter: { fileName: '.local-aws/test-results/mutation/mutation.json' },
  tempDirName: '.local-aws/stryker-tmp',
  ignorePatterns: ['.local-aws', '.venv', 'cdk.out', 'docs', 'dist'],
  thresholds: { high: 90, low: 85, break: null },
  mutate: [
    // The core files (reconcile.ts too; it is rewritten under issue 12).
    'lambdas/domain/run.ts',
    'lambdas/domain/cron-fire-times.ts',
    'lambdas/domain/blocked-addresses.ts',
    'lambdas/domain/zoned-time.ts',
    'lambdas/domain/retry-policy.ts',
    'lambdas/use-cases/execute-fire.ts',
    'lambdas/use-cases/create-job.ts',
    'lambdas/use-cases/reconcile.ts',
    // Added by the tenant-isolation and first-hour work.
    'lambdas/domain/webhook-signature.ts',
    'lambdas/domain/target-policy.ts',
    'lambdas/domain/signing-rotation.ts',
    'lambdas/domain/tenant-signing-secret.ts',
    'lambdas/domain/run-slots.ts',
    'lambdas/domain/http-reach.ts',
    'lambdas/use-cases/run-slot.ts',
    'lambdas/use-cases/signing-secret.ts',
  ],
};
