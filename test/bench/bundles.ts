import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
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

const kb = (file: string) => statSync(file).size / 1024;
const dirKb = (dir: string) =>
  readdirSync(dir).reduce((sum, f) => sum + (f.endsWith('.mjs') ? kb(`${dir}/${f}`) : 0), 0);

/**
 * Two baselines per Lambda: the issue's, the same SDK clients as the SDK ships them (default credential
 * chain and all), and a stricter one built exactly like the Lambda (credential alias included), which shows
 * what the service's own code adds. The bundle figure is the entry file, what a cold start compiles; chunks
 * (the clients of rarer target kinds) load on first use and are counted in the package figure.
 */
export async function bundleFigures(): Promise<string[]> {
  mkdirSync(OUT, { recursive: true });
  const lines = [...TABLE_HEADER];
  for (const [name, clients] of Object.entries(HANDLERS)) {
    const dir = `${OUT}/${name}`;
    rmSync(dir, { recursive: true, force: true });
    await build({ ...lambdaBuildOptions, entryPoints: [`lambdas/handlers/${name}.ts`], outdir: dir });
    const baselineSource = `${OUT}/${name}-baseline.ts`;
    writeFileSync(
      baselineSource,
      `${clients.map((c, i) => `import { ${c.split(':')[1]} as C${i} } from '@aws-sdk/${c.split(':')[0]}';`).join('\n')}\n` +
        `export const clients = [${clients.map((_, i) => `new C${i}({})`).join(', ')}];\n`,
    );
    const stock = mkdtempSync(`${OUT}/${name}-baseline-`);
    await build({ ...stockOptions, entryPoints: [baselineSource], outdir: stock });
    const lean = mkdtempSync(`${OUT}/${name}-baseline-lean-`);
    await build({ ...lambdaBuildOptions, entryPoints: [baselineSource], outdir: lean });
    const [entry, stockEntry, leanEntry] = [dir, stock, lean].map((d) => `${d}/index.mjs`) as [
      string,
      string,
      string,
    ];
    lines.push(row(`${name} bundle (entry, compiled at init)`, kb(entry), kb(stockEntry), 'KB', '≤ 300 KB'));
    lines.push(row(`${name} package (entry + lazy chunks)`, dirKb(dir), kb(stockEntry), 'KB'));
    lines.push(row(`${name} bundle vs clients bundled alike`, kb(entry), kb(leanEntry), 'KB'));
    const [own = Number.NaN, stockInit = Number.NaN, leanInit = Number.NaN] = initMs([
      entry,
      stockEntry,
      leanEntry,
    ]);
    lines.push(row(`${name} cold init (median of ${RUNS})`, own, stockInit, 'ms', '≤ 1.3× baseline'));
    lines.push(row(`${name} cold init vs clients bundled alike`, own, leanInit, 'ms'));
    for (const d of [stock, lean]) rmSync(d, { recursive: true, force: true });
  }
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log((await bundleFigures()).join('\n'));
}
