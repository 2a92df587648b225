import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearerToken,
  cognitoClientCredentials,
  collect,
  type JobSpec,
  SchedulerClient,
  SchedulerProblem,
} from '../../client/src/index.js';
import { clientToken } from '../../localstack/client-token.js';
import { deployedApiUrl } from '../support/api-client.js';
import { eventually } from '../support/eventually.js';
import { localClientCredentials } from '../support/local-client-credentials.js';

const run = `e2e-client-${Date.now().toString(36)}`;
const spec = (name: string, extra: Partial<JobSpec> = {}): JobSpec => ({
  name: `${run}-${name}`,
  schedule: { expression: 'rate(1 day)' },
  target: { type: 'http', url: 'https://hooks.example.com/e2e-client' },
  ...extra,
});
const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('the typed client on the deployed stack', () => {
  let alpha: SchedulerClient;
  let beta: SchedulerClient;

  beforeAll(async () => {
    // alpha by Cognito client credentials (token fetched and cached by the client), beta by a bearer token.
    alpha = new SchedulerClient({
      baseUrl: deployedApiUrl(),
      auth: cognitoClientCredentials({
        ...(await localClientCredentials('alpha')),
        scopes: ['scheduler/jobs:read', 'scheduler/jobs:write'],
      }),
    });
    beta = new SchedulerClient({ baseUrl: deployedApiUrl(), auth: bearerToken(await clientToken('beta')) });
  });
  afterAll(async () => {
    for (const client of [alpha, beta])
      for await (const job of client.listJobs({ namePrefix: run }))
        await client.deleteJob(job.id).catch(() => undefined);
  });

  it('creates a job once per Idempotency-Key, and reads it back', async () => {
    const key = `${run}-key`;
    const first = await alpha.createJob(spec('once'), { idempotencyKey: key });
    const replay = await alpha.createJob(spec('once'), { idempotencyKey: key });

    expect(replay.id).toBe(first.id);
    expect(await alpha.getJob(first.id)).toMatchObject({ name: `${run}-once`, revision: first.revision });
    expect(await collect(alpha.listJobs({ namePrefix: `${run}-once` }))).toHaveLength(1);
  });

  it('updates with If-Match: editJob succeeds, a stale revision is a 412 SchedulerProblem', async () => {
    const job = await alpha.createJob(spec('edit'));

    const edited = await alpha.editJob(job.id, (current) => ({ ...current, description: 'edited' }));
    const stale = await failureOf(alpha.updateJob(job.id, spec('edit', { description: 'lost' }), job));

    expect(edited).toMatchObject({ description: 'edited', revision: job.revision + 1 });
    expect(stale).toBeInstanceOf(SchedulerProblem);
    expect(stale).toMatchObject({ status: 412, code: 'revision_mismatch' });
  });

  it('pauses, resumes, runs now and lists the run', async () => {
    const job = await alpha.createJob(spec('lifecycle'));

    expect(await alpha.pauseJob(job.id, { reason: 'e2e' })).toMatchObject({ status: 'PAUSED' });
    expect(await alpha.resumeJob(job.id)).toMatchObject({ status: 'ACTIVE' });
    const execution = await alpha.executeJob(job.id);
    const runs = await eventually(
      () => collect(alpha.listRuns(job.id)),
      (seen) => seen.some((runSeen) => runSeen.runId === execution.runId),
      60_000,
      1000,
    );

    expect(runs.map((runSeen) => runSeen.runId)).toContain(execution.runId);
    expect(await alpha.getRun(job.id, execution.runId)).toMatchObject({
      runId: execution.runId,
      trigger: 'manual',
    });
    await alpha.deleteJob(job.id, await alpha.getJob(job.id));
    expect(await failureOf(alpha.getJob(job.id))).toMatchObject({ status: 404 });
  });

  it('iterates a list page by page', async () => {
    for (const name of ['page-a', 'page-b', 'page-c']) await alpha.createJob(spec(name));

    const pages = await collect(alpha.listJobPages({ namePrefix: `${run}-page-`, limit: 2 }));

    expect(pages.map((page) => page.items.length)).toEqual([2, 1]);
    expect(pages.flatMap((page) => page.items.map((job) => job.name)).sort()).toEqual(
      ['page-a', 'page-b', 'page-c'].map((name) => `${run}-${name}`),
    );
  });

  it('turns a refused create into a typed problem with field errors, and keeps tenants apart (404)', async () => {
    const invalid = await failureOf(
      alpha.createJob(spec('bad', { schedule: { expression: 'every tuesday' } })),
    );
    const job = await alpha.createJob(spec('private'));

    expect(invalid).toBeInstanceOf(SchedulerProblem);
    expect((invalid as SchedulerProblem).status).toBe(400);
    expect((invalid as SchedulerProblem).errors.length).toBeGreaterThan(0);
    expect(await failureOf(beta.getJob(job.id))).toMatchObject({ status: 404, code: 'job_not_found' });
  });

  it('previews a schedule with its DST gap, lists and redrives dead letters, reads the signing secret', async () => {
    const preview = await beta.previewSchedule({
      schedule: { expression: 'cron(30 2 * * ? *)', timezone: 'Europe/Berlin' },
      count: 5,
      after: '2027-03-26T00:00:00Z',
    });
    const dead = await collect(beta.listDeadLetters());
    const redriven = await beta.redriveDeadLetters({ limit: 1 });
    const secrets = await beta.getSigningSecret();

    expect(preview.fires.filter((fire) => fire.dst === 'gap')).toHaveLength(1);
    expect(Array.isArray(dead)).toBe(true);
    expect(redriven.redriven).toBeLessThanOrEqual(1);
    expect(secrets.current.secret).toMatch(/^whsec_/);
  });
});
