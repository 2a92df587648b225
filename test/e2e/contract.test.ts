import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientToken } from '../../localstack/client-token.js';
import { ApiClient, deployedApiUrl } from '../support/api-client.js';
import { servedDocument } from '../support/openapi-contract.js';

/*
 * The OpenAPI document is the contract: schemathesis (pinned in localstack/requirements.txt, installed in
 * .venv by localstack/install.sh) runs every phase (examples, coverage, fuzzing, stateful) and every check
 * but the one API Gateway answers for (test/contract/schemathesis.toml says which, and why) against the
 * deployed local stack, as the tenant `contract`, and must find nothing. Its hooks
 * (test/contract/hooks.py) refuse any request not to 127.0.0.1 and point every webhook at a closed
 * loopback port, so nothing the run creates ever calls out.
 */

const ROOT = new URL('../../', import.meta.url).pathname;
const WORK_DIR = `${ROOT}.local-aws/contract`;
/** The run's budget: fuzzing and stateful testing repeat until it is spent (the e2e tier's share). */
const MAX_TIME_SECONDS = 150;

interface Run {
  readonly code: number | null;
  readonly output: string;
  readonly seconds: number;
}

function schemathesis(baseUrl: string, token: string): Promise<Run> {
  mkdirSync(WORK_DIR, { recursive: true });
  const started = Date.now();
  const child = spawn(
    `${ROOT}.venv/bin/schemathesis`,
    [
      '--config-file',
      `${ROOT}test/contract/schemathesis.toml`,
      'run',
      `${ROOT}lambdas/http/openapi.json`,
      '--max-time',
      String(MAX_TIME_SECONDS),
      '--report',
      'junit',
      '--report-junit-path',
      `${WORK_DIR}/junit.xml`,
    ],
    {
      // Its caches (.schemathesis, .hypothesis) go where the local stack's state is, not into the tree.
      cwd: WORK_DIR,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? WORK_DIR,
        SCHEMATHESIS_BASE_URL: baseUrl,
        CONTRACT_TOKEN: token,
        CONTRACT_HOOKS: `${ROOT}test/contract/hooks.py`,
        // Straight to the local stack: no proxy from the environment.
        NO_PROXY: '*',
        NO_COLOR: '1',
        COLUMNS: '120',
      },
    },
  );
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code, output, seconds: Math.round((Date.now() - started) / 1000) }),
    );
  });
}

describe('the OpenAPI document, checked by schemathesis against the deployed stack', () => {
  let contract: ApiClient;

  beforeAll(async () => {
    contract = await ApiClient.forTenant('contract');
  });

  afterAll(async () => {
    // Every job the run made (none fires for years, but the tenant starts the next run empty).
    let deleted = 0;
    for (let round = 0; round < 50; round++) {
      const page = await contract.request<{ items: Array<{ id: string }> }>('GET', '/api/jobs?limit=100');
      if (page.status !== 200 || page.body.items.length === 0) break;
      await Promise.all(
        page.body.items.map(async ({ id }) => {
          if ((await contract.request('DELETE', `/api/jobs/${id}`)).status === 204) deleted++;
        }),
      );
    }
    console.log(`[contract] deleted the ${deleted} jobs the run left`);
  });

  it('finds no failure in any phase of any operation, and talks to 127.0.0.1 only', {
    timeout: (MAX_TIME_SECONDS + 120) * 1000,
  }, async () => {
    const baseUrl = deployedApiUrl();
    expect(new URL(baseUrl).hostname).toBe('127.0.0.1');
    const run = await schemathesis(baseUrl, await clientToken('contract'));
    const cases = /(\d+) generated/.exec(run.output)?.[1] ?? '?';
    const failures = /(\d+) found (\d+) unique failures/.exec(run.output)?.[2] ?? '0';
    const operations = /Tested: (\d+)/.exec(run.output)?.[1] ?? '?';
    console.log(
      `[contract] schemathesis: ${operations} operations, ${cases} cases, ${failures} failures, ${run.seconds} s ` +
        `(exit ${run.code}); report ${WORK_DIR}/junit.xml`,
    );
    if (run.code !== 0) console.log(run.output.slice(-20_000));
    const documented = Object.values(servedDocument.paths).flatMap((methods) => Object.keys(methods)).length;
    expect(operations).toBe(String(documented));
    // Every phase ran and passed: the examples (none are given), coverage, fuzzing, and the stateful one.
    for (const phase of ['Coverage', 'Fuzzing', 'Stateful'])
      expect(run.output).toMatch(new RegExp(`✅ ${phase}`));
    expect(failures).toBe('0');
    expect(run.code).toBe(0);
  });
});
