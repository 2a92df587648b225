import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { median, row, TABLE_HEADER } from './stats.js';

/**
 * Bundle size and cold init of each Lambda, built exactly as the stack builds them (minified ESM, AWS SDK
 * inside), against a baseline bundle that only constructs the same AWS SDK clients. Init is the time a fresh
 * Node process takes to import the bundle (which builds the handler), median of RUNS processes.
 */
const RUNS = Number(process.env.BENCH_INIT_RUNS ?? 21);
const OUT = '.local-aws/bench';

// What each handler's module scope constructs, for its baseline.
const HANDLERS = {
  api: ['client-dynamodb:DynamoDBClient', 'client-scheduler:SchedulerClient', 'client-sqs:SQSClient'],
  executor: [
    'client-dynamodb:DynamoDBClient',
    'client-sqs:SQSClient',
    'client-eventbridge:EventBridgeClient',
    'client-secrets-manager:SecretsManagerClient',
  ],
  reconciler: ['client-dynamodb:DynamoDBClient', 'client-scheduler:SchedulerClient', 'client-sqs:SQSClient'],
} as const;

const ENV = {
  TABLE_NAME: 't',
  SCHEDULE_GROUP_NAME: 'g',
  DISPATCH_QUEUE_ARN: 'arn:aws:sqs:us-east-1:000000000000:q',
  DISPATCH_QUEUE_URL: 'http://127.0.0.1:4566/000000000000/q',
  DEAD_LETTER_QUEUE_ARN: 'arn:aws:sqs:us-east-1:000000000000:dlq',
  DEAD_LETTER_QUEUE_URL: 'http://127.0.0.1:4566/000000000000/dlq',
  SCHEDULER_ROLE_ARN: 'arn:aws:iam::000000000000:role/r',
  EVENT_BUS_NAME: 'b',
  SIGNING_SECRET_ID: 's',
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  LOG_LEVEL: 'silent',
};

const options = {
  bundle: true,
  platform: 'node' as const,
  format: 'esm' as const,
  target: 'node24',
  minify: true,
  mainFields: ['module', 'main'],
  banner: {
    js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
  logLevel: 'error' as const,
};

function initMs(file: string): number {
  const samples: number[] = [];
  for (let n = 0; n < RUNS; n++) {
    const script = `const t=performance.now();await import(${JSON.stringify(`${process.cwd()}/${file}`)});process.stdout.write(String(performance.now()-t));`;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      env: { ...process.env, ...ENV },
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`importing ${file} failed: ${result.stderr}`);
    samples.push(Number(result.stdout));
  }
  return median(samples);
}

export async function bundleFigures(): Promise<string[]> {
  mkdirSync(OUT, { recursive: true });
  const lines = [...TABLE_HEADER];
  for (const [name, clients] of Object.entries(HANDLERS)) {
    const bundle = `${OUT}/${name}.mjs`;
    await build({ ...options, entryPoints: [`lambdas/handlers/${name}.ts`], outfile: bundle });
    const baselineSource = `${OUT}/${name}-baseline.ts`;
    writeFileSync(
      baselineSource,
      `${clients.map((c, i) => `import { ${c.split(':')[1]} as C${i} } from '@aws-sdk/${c.split(':')[0]}';`).join('\n')}\n` +
        `export const clients = [${clients.map((_, i) => `new C${i}({})`).join(', ')}];\n`,
    );
    const baseline = `${OUT}/${name}-baseline.mjs`;
    await build({ ...options, entryPoints: [baselineSource], outfile: baseline });
    const size = statSync(bundle).size / 1024;
    const baseSize = statSync(baseline).size / 1024;
    lines.push(row(`${name} bundle`, size, baseSize, 'KB', '≤ 300 KB'));
    lines.push(
      row(`${name} cold init (median of ${RUNS})`, initMs(bundle), initMs(baseline), 'ms', '≤ 1.3× baseline'),
    );
  }
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log((await bundleFigures()).join('\n'));
}
