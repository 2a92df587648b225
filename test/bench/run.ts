import { apiFigures } from './api-latency.js';
import { bundleFigures } from './bundles.js';
import { executorFigures } from './executor-throughput.js';
import { fireLagFigures } from './fire-lag.js';
import { reconcilerLocalFigures } from './reconciler-local.js';
import { reconcilerScaleFigures } from './reconciler-scale.js';

/**
 * `npm run bench`: every figure with its baseline measured in the same run (this machine is shared and
 * noisy: compare ratios, not absolutes). test/bench/run.sh starts the local AWS and deploys first.
 */
const sections: Array<[string, () => Promise<string[]>]> = [
  ['Bundles and cold init', bundleFigures],
  ['API handler against the local AWS', apiFigures],
  ['Executor', executorFigures],
  ['Fire lag on the deployed local stack', fireLagFigures],
  ['Reconciler at scale (simulated)', reconcilerScaleFigures],
  ['Reconciler on the deployed local stack at 5,000 jobs', reconcilerLocalFigures],
];
const only = process.argv[2];
for (const [title, figures] of sections) {
  if (only && !title.toLowerCase().includes(only.toLowerCase())) continue;
  console.log(`\n### ${title}\n`);
  console.log((await figures()).join('\n'));
}
