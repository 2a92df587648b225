import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { type BuildOptions, build } from 'esbuild';
import { lambdaBuildOptions } from '../../lib/lambda-bundling.js';
import { median, row, TABLE_HEADER } from './stats.js';

/**
 * Bundle size and cold init of each Lambda, built exactly as the stack builds them (lib/lambda-bundling.ts),
 * against a baseline bundle that only constructs the same AWS SDK clients. Init is the time a fresh
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
  'dead-letter-sorter': ['client-dynamodb:DynamoDBClient', 'client-sqs:SQSClient'],
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
  SIGNING_MASTER_KEY_SECRET_ID: 's',
  QUARANTINE_QUEUE_URL: 'http://127.0.0.1:4566/000000000000/quarantine',
  SERVICE_RESOURCE_PREFIX: 'ServerlessScheduler-',
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  LOG_LEVEL: 'silent',
};

// The stock baseline: the same clients with the SDK as it ships (its whole default credential chain).
const { alias: _, ...stockOptions } = lambdaBuildOptions;

/** Median import time of each file in fresh Node processes, the files taking turns so noise hits them alike. */
function initMs(files: readonly string[]): number[] {
  const samples = files.map(() => [] as number[]);
  for (let n = 0; n < RUNS; n++) {
    files.forEach((file, i) => {
      const script = `const t=performance.now();await import(${JSON.stringify(`${process.cwd()}/${file}`)});process.stdout.write(String(performance.now()-t));`;
      const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
        env: { ...process.env, ...ENV },
        encoding: 'utf8',
      });
      if (result.status !== 0) throw new Error(`importing ${file} failed: ${result.stderr}`);
      samples[i]?.push(Number(result.stdout));
    });
  }
  return samples.map(median);
}

/** KB a cold start compiles (the entry and the chunks it imports statically) and KB of the whole package. */
async function bundle(entry: string, outdir: string, options: BuildOptions) {
  const { metafile } = await build({ ...options, entryPoints: [entry], outdir, metafile: true });
  const outputs = metafile.outputs;
  const start = Object.keys(outputs).find((file) => file.endsWith('/index.mjs')) as string;
  const loaded = new Set([start]);
  for (const file of loaded) {
    for (const { path, kind } of outputs[file]?.imports ?? []) {
      if (kind === 'import-statement' && outputs[path]) loaded.add(path);
    }
  }
  const kb = (files: Iterable<string>) =>
    [...files].reduce((sum, f) => sum + (outputs[f]?.bytes ?? 0), 0) / 1024;
  const all = Object.keys(outputs).filter((file) => file.endsWith('.mjs'));
  return { file: `${outdir}/index.mjs`, initKb: kb(loaded), packageKb: kb(all) };
}

/**
 * Two baselines per Lambda: the issue's, the same SDK clients as the SDK ships them (default credential
 * chain and all), and a stricter one built exactly like the Lambda (credential alias included), which shows
 * what the service's own code adds. The bundle figure is what a cold start compiles (the entry and the chunks
 * it imports statically); lazy chunks (clients of rarer target kinds, the OpenAPI document, credential
 * providers a Lambda does not use) load on first use and count in the package figure only.
 */
export async function bundleFigures(): Promise<string[]> {
  mkdirSync(OUT, { recursive: true });
  const lines = [...TABLE_HEADER];
  for (const [name, clients] of Object.entries(HANDLERS)) {
    const dir = `${OUT}/${name}`;
    rmSync(dir, { recursive: true, force: true });
    const own = await bundle(`lambdas/handlers/${name}.ts`, dir, lambdaBuildOptions);
    const baselineSource = `${OUT}/${name}-baseline.ts`;
    writeFileSync(
      baselineSource,
      `${clients.map((c, i) => `import { ${c.split(':')[1]} as C${i} } from '@aws-sdk/${c.split(':')[0]}';`).join('\n')}\n` +
        `export const clients = [${clients.map((_, i) => `new C${i}({})`).join(', ')}];\n`,
    );
    const stockDir = mkdtempSync(`${OUT}/${name}-baseline-`);
    const stock = await bundle(baselineSource, stockDir, stockOptions);
    const leanDir = mkdtempSync(`${OUT}/${name}-baseline-lean-`);
    const lean = await bundle(baselineSource, leanDir, lambdaBuildOptions);
    lines.push(row(`${name} bundle (KB compiled at init)`, own.initKb, stock.initKb, 'KB', '≤ 300 KB'));
    lines.push(row(`${name} package (with lazy chunks)`, own.packageKb, stock.packageKb, 'KB'));
    lines.push(row(`${name} bundle vs clients bundled alike`, own.initKb, lean.initKb, 'KB'));
    const [ownMs = Number.NaN, stockMs = Number.NaN, leanMs = Number.NaN] = initMs([
      own.file,
      stock.file,
      lean.file,
    ]);
    lines.push(row(`${name} cold init (median of ${RUNS})`, ownMs, stockMs, 'ms', '≤ 1.3× baseline'));
    lines.push(row(`${name} cold init vs clients bundled alike`, ownMs, leanMs, 'ms'));
    for (const d of [stockDir, leanDir]) rmSync(d, { recursive: true, force: true });
  }
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log((await bundleFigures()).join('\n'));
}
