import { afterEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../client/src/cli/command.js';
import { commands, EXIT, runCli } from '../../../client/src/cli/main.js';
import { jobAnswer, problem, startFakeApi } from './fake-api.js';

let api: Awaited<ReturnType<typeof startFakeApi>> | undefined;
afterEach(async () => api?.close());

/** Runs the CLI with captured output, the given environment and files. */
async function cli(argv: string[], env: Record<string, string> = {}, files: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    env,
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    readFile: async (path) => {
      const text = files[path];
      if (text === undefined) throw new Error('ENOENT');
      return text;
    },
  };
  return { code: await runCli(argv, io), stdout, stderr };
}

const bearerEnv = () => ({ SCHEDULER_API_URL: api?.url ?? '', SCHEDULER_TOKEN: 'token-a' });

describe('scheduler CLI', () => {
  it.each(commands.map((command) => [command.path.join(' ')]))(
    '%s --help prints its usage and exits 0',
    async (path) => {
      const { code, stdout } = await cli([...path.split(' '), '--help']);

      expect(code).toBe(EXIT.ok);
      expect(stdout).toContain(`Usage: scheduler ${path}`);
      expect(stdout).toContain('--output');
    },
  );

  it('exits 1 with usage for an unknown command, an unknown flag, a missing argument or no API URL', async () => {
    expect((await cli(['jobs', 'frob'])).code).toBe(EXIT.usage);
    expect(
      (await cli(['jobs', 'list', '--frob'], { SCHEDULER_API_URL: 'http://x', SCHEDULER_TOKEN: 't' })).code,
    ).toBe(EXIT.usage);
    expect((await cli(['jobs', 'get'], { SCHEDULER_API_URL: 'http://x', SCHEDULER_TOKEN: 't' })).code).toBe(
      EXIT.usage,
    );
    const noUrl = await cli(['jobs', 'list'], { SCHEDULER_TOKEN: 't' });
    expect(noUrl).toMatchObject({ code: EXIT.usage, stderr: expect.stringContaining('SCHEDULER_API_URL') });
  });

  it('exits 2 and prints the problem with its field errors when the API refuses', async () => {
    api = await startFakeApi(() => ({
      status: 400,
      body: problem(400, 'validation_failed', 'Invalid job.', {
        errors: [{ path: 'name', message: 'Too long.' }],
      }),
    }));

    const { code, stderr } = await cli(
      ['jobs', 'create', '--name', 'x', '--schedule', 'rate(5 minutes)', '--url', 'https://e.x'],
      bearerEnv(),
    );

    expect(code).toBe(EXIT.api);
    expect(stderr).toContain('Error 400 validation_failed: Invalid job.');
    expect(stderr).toContain('name: Too long.');
  });

  it('exits 3 when the API cannot be reached, or refuses the credentials', async () => {
    api = await startFakeApi(() => ({ status: 401, body: { message: 'Unauthorized' } }));

    expect((await cli(['jobs', 'get', '01JOB'], bearerEnv())).code).toBe(EXIT.unreachable);
    const unreachable = await cli(['jobs', 'run', '01JOB'], {
      SCHEDULER_API_URL: 'http://127.0.0.1:9',
      SCHEDULER_TOKEN: 't',
    });
    expect(unreachable.code).toBe(EXIT.unreachable);
  });

  it('prints tables for people and JSON with --output json, sending the bearer token from the environment', async () => {
    api = await startFakeApi(() => ({
      status: 200,
      body: { items: [jobAnswer({ nextRunAt: '2026-12-01T00:05:00.000Z' })] },
    }));

    const human = await cli(['jobs', 'list'], bearerEnv());
    const json = await cli(['jobs', 'list', '-o', 'json'], bearerEnv());

    expect(human.stdout.split('\n')[0]).toMatch(/^ID\s+NAME\s+STATUS\s+SCHEDULE\s+NEXT RUN\s+LAST RUN$/);
    expect(human.stdout).toContain('nightly-report');
    expect(JSON.parse(json.stdout)).toMatchObject([{ name: 'nightly-report' }]);
    expect(api.requests[0]?.headers.authorization).toBe('Bearer token-a');
  });

  it('marks DST gaps and overlaps in preview', async () => {
    api = await startFakeApi(() => ({
      status: 200,
      body: {
        timezone: 'Europe/Berlin',
        fires: [
          { utc: '2027-03-28T01:30:00.000Z', local: '2027-03-28T03:30:00+02:00', dst: 'gap' },
          { utc: '2027-10-31T00:30:00.000Z', local: '2027-10-31T02:30:00+02:00', dst: 'overlap' },
          { utc: '2027-11-01T01:30:00.000Z', local: '2027-11-01T02:30:00+01:00' },
        ],
      },
    }));

    const { stdout } = await cli(
      ['preview', 'cron(30 2 * * ? *)', '--timezone', 'Europe/Berlin'],
      bearerEnv(),
    );

    const lines = stdout.trim().split('\n');
    expect(lines[1]).toContain('DST gap');
    expect(lines[2]).toContain('DST overlap');
    expect(lines[3]).not.toContain('DST');
    expect(JSON.parse(api.requests[0]?.body ?? '{}')).toEqual({
      schedule: { expression: 'cron(30 2 * * ? *)', timezone: 'Europe/Berlin' },
    });
  });

  it('apply --dry-run prints the diff and changes nothing', async () => {
    api = await startFakeApi((request) =>
      request.method === 'GET' ? { status: 200, body: { items: [jobAnswer()] } } : { status: 500 },
    );
    const file =
      'jobs:\n  - name: nightly-report\n    schedule: { expression: "rate(10 minutes)" }\n    target: { type: http, url: "https://example.com/hook" }\n  - name: fresh\n    schedule: { expression: "rate(1 hour)" }\n    target: { type: http, url: "https://example.com/hook" }\n';

    const { code, stdout } = await cli(['apply', '-f', 'jobs.yaml', '--dry-run'], bearerEnv(), {
      'jobs.yaml': file,
    });

    expect(code).toBe(EXIT.ok);
    expect(stdout).toContain('~ update nightly-report');
    expect(stdout).toContain('schedule.expression: "rate(5 minutes)" → "rate(10 minutes)"');
    expect(stdout).toContain('+ create fresh');
    expect(stdout).toContain('dry run');
    expect(api.requests.every((request) => request.method === 'GET')).toBe(true);
  });
});
