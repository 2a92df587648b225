// @ts-check
// StrykerJS on the core files, unit tier only, run by `npm run mutation` (test/mutation/run.sh) one file at a
// time. Not part of `npm test`: a benchmark-like command (minutes per file on 2 cores).
// Incremental: each file's results are kept in .local-aws/mutation/<file>.json (gitignored; `npm test` does not
// wipe it), so a rerun only tests the mutants whose code or covering tests changed. run.sh sets the paths below
// through the environment; `npx stryker run stryker.config.mjs` alone mutates every file into one report.
// Equivalent mutants left counted as survivors (a `// Stryker disable` there would hide killable mutants of the
// same mutator on the same line), each with the reason no behaviour can tell it from the code:
// - blocked-addresses.ts, the dotted quad's `$`: once the zone id is gone, a dotted quad can only end the address.
// - zoned-time.ts, IANA_NAME's `^` and `$`: only offsets (+01:00) get past Intl, and they hold no letter to match.
// - http-reach.ts, hostOf's `^` and `$`: a URL's hostname holds brackets only around an IPv6 address, at its ends.
// - cron-fire-times.ts, wallTimesDownFrom's pruning (sameYear … sameHour made false): it only skips wall times
//   after `from`, which latestCronFireAtOrBefore's `fire <= atMs` skips anyway; wallClockOccurrences' sort (or its
//   comparator made a + b): the offsets arrive before-then-after, so the instants are ascending already. (The
//   `minute <= from.minute` survivor in wallTimesFrom is not yet judged.)
// - target-policy.ts, resourceNameOf: the anchors of /^function:/ and /^event-bus\// (a Lambda resource always
//   starts with function:, an event bus's with event-bus/), `service === 'events'` made true (no other resource
//   starts with event-bus/), and the fallbacks of its destructuring (never used for an ARN the schema let in);
//   `if (!serviceResourcePrefix)` made false: every name starts with the empty prefix anyway; arnAllowlistOf's
//   `?? []` (a listed tenant's entry is always a list).
// - reconcile.ts, the loops over batches (`n < items.length` in inBatches, `n < ids.length` in the due pass)
//   made `<=`: the extra turn happens only at a multiple of the batch size and works on an empty slice (no
//   check; getMany of no ids sends no BatchGetItem).
// - execute-fire.ts, the attempt's `retryAfterSeconds === undefined ? {} : { retryAfterSeconds }` made false: the
//   attempt then carries `retryAfterSeconds: undefined`, which every reader treats as absent (the spread exists for
//   exactOptionalPropertyTypes, not for behaviour).
// Equivalent mutants disabled where they are: grep for "Stryker disable".

const reportDir = process.env.MUTATION_REPORT_DIR ?? '.local-aws/test-results/mutation';

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
  incrementalFile: process.env.MUTATION_INCREMENTAL_FILE ?? '.local-aws/mutation/all.json',
  reporters: ['html', 'clear-text', 'progress', 'json'],
  clearTextReporter: { reportTests: false, reportMutants: true, reportScoreTable: true },
  htmlReporter: { fileName: `${reportDir}/index.html` },
  jsonReporter: { fileName: `${reportDir}/mutation.json` },
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
    // Added by the scale work (issue 12) and the legibility pass (issue 15).
    'lambdas/use-cases/reconcile-job.ts',
    'lambdas/use-cases/name-comparison.ts',
    'lambdas/use-cases/scheduler-budget.ts',
    'lambdas/domain/lease.ts',
  ],
};
