import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientToken } from '../../localstack/client-token.js';
import { deployedApiUrl } from '../support/api-client.js';
import { eventually } from '../support/eventually.js';
import { localClientCredentials } from '../support/local-client-credentials.js';

const bin = new URL('../../client/bin/scheduler.mjs', import.meta.url).pathname;
const prefix = `e2e-cli-${Date.now().toString(36)}-`;

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

describe('the scheduler CLI on the deployed stack', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scheduler-cli-'));
  let env: Record<string, string>;

  /** Runs `scheduler …` as a child process, as a person or a CI job would. */
  const scheduler = async (args: string[], extraEnv: Record<string, string> = {}): Promise<Outcome> => {
    try {
      const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, ...args], {
        env: { ...process.env, ...env, ...extraEnv },
        timeout: 120_000,
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code?: number; stdout?: string; stderr?: string };
      return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
    }
  };
  const json = async <T>(args: string[]): Promise<T> => {
    const outcome = await scheduler([...args, '--output', 'json']);
    expect(outcome, outcome.stderr).toMatchObject({ code: 0 });
    return JSON.parse(outcome.stdout) as T;
  };
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  beforeAll(async () => {
    env = { SCHEDULER_API_URL: deployedApiUrl(), SCHEDULER_TOKEN: await clientToken('alpha') };
  });
  afterAll(async () => {
    const left = await json<{ id: string }[]>(['jobs', 'list', '--name-prefix', prefix]).catch(() => []);
    for (const job of left) await scheduler(['jobs', 'delete', job.id]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('drives a job through every jobs and runs command', async () => {
    const created = await json<{ id: string; revision: number }>([
      'jobs',
      'create',
      '--name',
      `${prefix}one`,
      '--schedule',
      'rate(1 day)',
      '--url',
      'https://hooks.example.com/cli',
    ]);
    const listed = await scheduler(['jobs', 'list', '--name-prefix', prefix]);
    const got = await json<{ name: string }>(['jobs', 'get', created.id]);
    const updated = await json<{ schedule: { expression: string }; revision: number }>([
      'jobs',
      'update',
      created.id,
      '--schedule',
      'rate(2 days)',
    ]);
    const stale = await scheduler([
      'jobs',
      'update',
      created.id,
      '--description',
      'x',
      '--if-revision',
      String(created.revision),
    ]);
    const paused = await json<{ status: string }>(['jobs', 'pause', created.id, '--reason', 'e2e']);
    const resumed = await json<{ status: string }>(['jobs', 'resume', created.id]);
    const execution = await json<{ runId: string }>(['jobs', 'run', created.id]);
    const runs = await eventually(
      () => json<{ runId: string }[]>(['runs', 'list', created.id]),
      (seen) => seen.some((run) => run.runId === execution.runId),
      60_000,
      1000,
    );
    const run = await scheduler(['runs', 'get', created.id, execution.runId]);
    const deleted = await scheduler(['jobs', 'delete', created.id]);
    const gone = await scheduler(['jobs', 'get', created.id]);

    expect(listed.stdout).toMatch(new RegExp(`${created.id}\\s+${prefix}one\\s+ACTIVE\\s+rate\\(1 day\\)`));
    expect(got.name).toBe(`${prefix}one`);
    expect(updated).toMatchObject({
      schedule: { expression: 'rate(2 days)' },
      revision: created.revision + 1,
    });
    expect(stale).toMatchObject({ code: 2, stderr: expect.stringContaining('412 revision_mismatch') });
    expect([paused.status, resumed.status]).toEqual(['PAUSED', 'ACTIVE']);
    expect(runs.map((seen) => seen.runId)).toContain(execution.runId);
    expect(run).toMatchObject({ code: 0, stdout: expect.stringContaining('trigger: manual') });
    expect(deleted).toMatchObject({ code: 0, stdout: `Deleted job ${created.id}.\n` });
    expect(gone).toMatchObject({ code: 2, stderr: expect.stringContaining('404') });
  });

  it('creates from a YAML file with Cognito client credentials from the environment', async () => {
    const credentials = await localClientCredentials('alpha');
    const spec = file(
      'job.yaml',
      `name: ${prefix}from-file\nschedule: { expression: "cron(0 9 ? * MON-FRI *)", timezone: Europe/Berlin }\ntarget: { type: http, url: "https://hooks.example.com/cli" }\n`,
    );

    const created = await scheduler(['jobs', 'create', '-f', spec], {
      SCHEDULER_TOKEN: '',
      SCHEDULER_AUTH: 'cognito',
      SCHEDULER_CLIENT_ID: credentials.clientId,
      SCHEDULER_CLIENT_SECRET: credentials.clientSecret,
      SCHEDULER_TOKEN_URL: credentials.tokenUrl,
    });

    expect(created, created.stderr).toMatchObject({
      code: 0,
      stdout: expect.stringContaining(`(${prefix}from-file)`),
    });
  });

  it('previews with DST marked, lists and redrives dead letters, reads and rotates the signing secret', async () => {
    const preview = await scheduler([
      'preview',
      'cron(30 2 * * ? *)',
      '--timezone',
      'Europe/Berlin',
      '--after',
      '2027-03-26T00:00:00Z',
      '--count',
      '4',
    ]);
    const dead = await scheduler(['dlq', 'list']);
    const redrive = await json<{ redriven: number }>(['dlq', 'redrive', '--limit', '1']);
    const secret = await scheduler(['signing-secret', 'get']);
    const begun = await json<{ next?: { generation: number } }>([
      'signing-secret',
      'rotate',
      '--phase',
      'begin',
    ]);
    const cancelled = await json<{ next?: unknown }>(['signing-secret', 'rotate', '--phase', 'cancel']);

    expect(preview.stdout.split('\n').filter((line) => line.includes('DST gap'))).toHaveLength(1);
    expect(dead).toMatchObject({ code: 0, stdout: expect.stringMatching(/^ID\s+JOB/) });
    expect(redrive.redriven).toBeLessThanOrEqual(1);
    expect(secret.stdout).toMatch(/secret: whsec_/);
    expect(begun.next?.generation).toBeGreaterThan(1);
    expect(cancelled.next).toBeUndefined();
  });

  it('apply creates, then shows no changes the second time; --dry-run changes nothing; --prune deletes', async () => {
    const jobs = (names: string[], expression = 'rate(1 day)') =>
      `jobs:\n${names
        .map(
          (name) =>
            `  - name: ${prefix}apply-${name}\n    schedule: { expression: "${expression}" }\n    target: { type: http, url: "https://hooks.example.com/apply" }\n`,
        )
        .join('')}`;
    const both = file('both.yaml', jobs(['a', 'b']));
    const changed = file('changed.yaml', jobs(['a', 'b'], 'rate(3 days)'));
    const onlyA = file('only-a.yaml', jobs(['a'], 'rate(3 days)'));
    const scope = ['--prefix', `${prefix}apply-`];

    const first = await scheduler(['apply', '-f', both, ...scope]);
    const second = await scheduler(['apply', '-f', both, ...scope]);
    const dryRun = await scheduler(['apply', '-f', changed, '--dry-run', ...scope]);
    const afterDryRun = await json<{ unchanged: string[] }>(['apply', '-f', both, '--dry-run', ...scope]);
    const update = await json<{ update: { name: string }[] }>(['apply', '-f', changed, ...scope]);
    const prune = await scheduler(['apply', '-f', onlyA, '--prune', ...scope]);
    const last = await json<{ create: string[]; update: unknown[]; delete: unknown[]; unchanged: string[] }>([
      'apply',
      '-f',
      onlyA,
      '--prune',
      ...scope,
    ]);

    expect(first).toMatchObject({ code: 0, stdout: expect.stringContaining(`+ create ${prefix}apply-a`) });
    expect(second).toMatchObject({ code: 0, stdout: expect.stringContaining('No changes.') });
    expect(dryRun.stdout).toContain('schedule.expression: "rate(1 day)" → "rate(3 days)"');
    expect(afterDryRun.unchanged).toHaveLength(2);
    expect(update.update.map((entry) => entry.name).sort()).toEqual([`${prefix}apply-a`, `${prefix}apply-b`]);
    expect(prune.stdout).toContain(`- delete ${prefix}apply-b`);
    expect(last).toMatchObject({ create: [], update: [], delete: [], unchanged: [`${prefix}apply-a`] });
  });

  it('exits 1 on usage, 2 on a refused request with the problem, 3 on refused credentials', async () => {
    const usage = await scheduler(['jobs', 'get']);
    const refused = await scheduler([
      'jobs',
      'create',
      '--name',
      `${prefix}bad`,
      '--schedule',
      'never',
      '--url',
      'https://e.x',
    ]);
    const unauthenticated = await scheduler(['jobs', 'list'], { SCHEDULER_TOKEN: 'not-a-token' });

    expect(usage.code).toBe(1);
    expect(refused).toMatchObject({ code: 2, stderr: expect.stringContaining('Error 400') });
    expect(unauthenticated.code).toBe(3);
  });
});
