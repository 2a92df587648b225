import type { SchedulerClient } from '@aws-sdk/client-scheduler';
import { beforeEach, describe, expect, it } from 'vitest';
import { EventBridgeScheduleRegistry } from '../../../lambdas/adapters/eventbridge-schedule-registry.js';
import { parseCron } from '../../../lambdas/domain/cron.js';
import { DependencyFailedError, ValidationError } from '../../../lambdas/domain/errors.js';
import { canonicalRate } from '../../../lambdas/domain/schedule.js';
import { createJob } from '../../../lambdas/use-cases/create-job.js';
import { getJob } from '../../../lambdas/use-cases/get-job.js';
import { updateJob } from '../../../lambdas/use-cases/update-job.js';
import { inMemoryApiDeps, webhookJob } from '../../support/use-case-deps.js';

/*
 * What the API accepts, EventBridge Scheduler accepts: rates registered in the form AWS documents, cron steps
 * Scheduler would refuse answered 400 up front, and a ValidationException Scheduler still raises answered 400
 * with its reason (never a 503 "retry" that can never succeed).
 */

const validationException = (message: string) =>
  Object.assign(new Error(message), { name: 'ValidationException' });

/** The real registry adapter on a Scheduler client that refuses every call with `error`: AWS's error translated. */
const refusingRegistry = (error: Error) =>
  new EventBridgeScheduleRegistry(
    {
      send: async () => {
        throw error;
      },
    } as unknown as SchedulerClient,
    {
      groupName: 'jobs',
      dispatchQueueArn: 'arn:aws:sqs:us-east-1:1:q',
      schedulerRoleArn: 'arn:aws:iam::1:role/r',
    },
  );

describe('rate expressions', () => {
  it.each([
    ['rate(1 minutes)', 'rate(1 minute)'],
    ['rate(5 minute)', 'rate(5 minutes)'],
    ['rate(1 hours)', 'rate(1 hour)'],
    ['rate(2 hour)', 'rate(2 hours)'],
    ['rate(1 days)', 'rate(1 day)'],
    ['rate(007 day)', 'rate(7 days)'],
    ['rate(1 minute)', 'rate(1 minute)'],
    ['rate(10 minutes)', 'rate(10 minutes)'],
  ])('%s is registered as %s', async (written, registered) => {
    expect(canonicalRate(written)).toBe(registered);
    const env = inMemoryApiDeps();
    const { job } = await createJob(env.deps, 't', webhookJob({ schedule: { expression: written } }));
    expect(env.schedules.schedules.get(job.jobId)?.expression).toBe(registered);
    // The job keeps what its owner wrote.
    expect(job.schedule.expression).toBe(written);
  });
});

describe('cron steps Scheduler refuses', () => {
  it.each([
    ['cron(*/60 * * * ? *)', 'Minutes', '1-59'],
    ['cron(0/61 * * * ? *)', 'Minutes', '1-59'],
    ['cron(0 */24 * * ? *)', 'Hours', '1-23'],
    ['cron(0 0 */32 * ? *)', 'Day-of-month', '1-31'],
    ['cron(0 0 1 */13 ? *)', 'Month', '1-12'],
    ['*/60 * * * *', 'Minutes', '1-59'],
  ])('%s is refused with the step allowed for its %s', (expression, field, range) => {
    expect(() => parseCron(expression)).toThrow(ValidationError);
    try {
      parseCron(expression);
    } catch (error) {
      expect((error as ValidationError).fields[0]?.message).toContain(`${field}: the step`);
      expect((error as ValidationError).fields[0]?.message).toContain(range);
    }
  });

  it.each(['cron(*/59 * * * ? *)', 'cron(0 */23 * * ? *)', 'cron(0 0 */31 * ? *)', 'cron(0 0 1 */12 ? *)'])(
    '%s, the largest step of its field, is accepted',
    (expression) => {
      expect(() => parseCron(expression)).not.toThrow();
    },
  );
});

describe('a schedule EventBridge Scheduler refuses', () => {
  let env: ReturnType<typeof inMemoryApiDeps>;
  beforeEach(() => {
    env = inMemoryApiDeps();
  });

  it('answers a create with 400 and Scheduler’s reason (ARNs left out), and leaves no job behind', async () => {
    const refusing = refusingRegistry(
      validationException(
        'Invalid Schedule Expression cron(0 9 L-40 * ? *) for arn:aws:scheduler:us-east-1:000000000000:schedule/jobs/01J',
      ),
    );
    env.schedules.create = (spec) => refusing.create(spec);
    const refused = await createJob(env.deps, 't', webhookJob()).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ValidationError);
    expect(refused).not.toBeInstanceOf(DependencyFailedError);
    const problem = refused as ValidationError;
    expect(problem.status).toBe(400);
    expect(problem.code).toBe('validation_failed');
    expect(problem.fields).toEqual([
      { path: 'schedule', message: 'Invalid Schedule Expression cron(0 9 L-40 * ? *) for <arn>' },
    ]);
    expect(env.jobs.jobs.size).toBe(0);
  });

  it('answers an update with 400 and keeps the job as it was', async () => {
    const { job } = await createJob(env.deps, 't', webhookJob());
    const refusing = refusingRegistry(validationException('Invalid time zone.'));
    env.schedules.update = (spec) => refusing.update(spec);
    const refused = await updateJob(
      env.deps,
      't',
      job.jobId,
      webhookJob({ schedule: { expression: 'rate(2 minutes)' } }),
    ).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).fields[0]?.message).toBe('Invalid time zone.');
    expect((await getJob(env.deps, 't', job.jobId)).revision).toBe(1);
  });

  it('still answers any other Scheduler failure with a retryable 503', async () => {
    env.schedules.failNext.add('create');
    const failed = await createJob(env.deps, 't', webhookJob()).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(DependencyFailedError);
    expect((failed as DependencyFailedError).message).toBe(
      'The schedule could not be registered (ThrottlingException); no job was created. Retry the request.',
    );
  });
});
