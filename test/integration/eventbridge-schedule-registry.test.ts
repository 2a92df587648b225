import {
  CreateScheduleGroupCommand,
  DeleteScheduleGroupCommand,
  GetScheduleCommand,
  SchedulerClient,
} from '@aws-sdk/client-scheduler';
import {
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventBridgeScheduleRegistry } from '../../lambdas/adapters/eventbridge-schedule-registry.js';
import { SCHEDULED_TIME_PLACEHOLDER } from '../../lambdas/domain/fire-message.js';
import { FireMessageSchema } from '../../lambdas/domain/fire-message-schema.js';
import { ScheduleNotFoundError } from '../../lambdas/use-cases/ports.js';
import { localAws } from '../support/local-aws.js';

const scheduler = new SchedulerClient(localAws);
const sqs = new SQSClient(localAws);
const suffix = `${Date.now()}`;
const groupName = `registry-test-${suffix}`;
const roleArn = 'arn:aws:iam::000000000000:role/registry-test';

describe('EventBridgeScheduleRegistry against the local Scheduler', () => {
  let queueUrl: string;
  let queueArn: string;
  let registry: EventBridgeScheduleRegistry;

  beforeAll(async () => {
    await scheduler.send(new CreateScheduleGroupCommand({ Name: groupName }));
    queueUrl =
      (await sqs.send(new CreateQueueCommand({ QueueName: `registry-test-${suffix}` }))).QueueUrl ?? '';
    const attributes = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
    );
    queueArn = attributes.Attributes?.QueueArn ?? '';
    registry = new EventBridgeScheduleRegistry(scheduler, {
      groupName,
      dispatchQueueArn: queueArn,
      schedulerRoleArn: roleArn,
    });
  });
  afterAll(async () => {
    await sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl }));
    await scheduler.send(new DeleteScheduleGroupCommand({ Name: groupName }));
  });

  it('creates a schedule named by job id that carries the fire message to the dispatch queue', async () => {
    await registry.create({
      jobId: '01JFFFFFFFFFFFFFFFFFFFFFFF',
      tenant: 'alice',
      revision: 3,
      expression: 'rate(5 minutes)',
      timezone: 'Europe/Berlin',
      oneTime: false,
      enabled: true,
      startAt: '2026-01-01T00:00:00Z',
    });
    const schedule = await scheduler.send(
      new GetScheduleCommand({ Name: '01JFFFFFFFFFFFFFFFFFFFFFFF', GroupName: groupName }),
    );
    expect(schedule.StartDate?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(schedule).toMatchObject({
      State: 'ENABLED',
      ScheduleExpression: 'rate(5 minutes)',
      ScheduleExpressionTimezone: 'Europe/Berlin',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'NONE',
      Target: { Arn: queueArn, RoleArn: roleArn },
    });
    expect(JSON.parse(schedule.Target?.Input ?? '{}')).toEqual({
      jobId: '01JFFFFFFFFFFFFFFFFFFFFFFF',
      tenant: 'alice',
      revision: 3,
      scheduledTime: SCHEDULED_TIME_PLACEHOLDER,
    });
  });

  it('updates a schedule in place: new expression, new revision in the fire message, disabled while paused', async () => {
    await registry.update({
      jobId: '01JFFFFFFFFFFFFFFFFFFFFFFF',
      tenant: 'alice',
      revision: 4,
      expression: 'cron(0 9 ? * MON-FRI *)',
      timezone: 'America/New_York',
      oneTime: false,
      enabled: false,
    });
    const schedule = await scheduler.send(
      new GetScheduleCommand({ Name: '01JFFFFFFFFFFFFFFFFFFFFFFF', GroupName: groupName }),
    );
    expect(schedule).toMatchObject({ ScheduleExpression: 'cron(0 9 ? * MON-FRI *)', State: 'DISABLED' });
    expect(JSON.parse(schedule.Target?.Input ?? '{}')).toMatchObject({ revision: 4 });
  });

  it('reports an update of a missing schedule as ScheduleNotFoundError, so callers can recreate it', async () => {
    await expect(
      registry.update({
        jobId: '01JMISSINGMISSINGMISSINGMI',
        tenant: 'a',
        revision: 1,
        expression: 'rate(1 hour)',
        timezone: 'UTC',
        oneTime: false,
        enabled: true,
      }),
    ).rejects.toBeInstanceOf(ScheduleNotFoundError);
  });

  it('deletes a schedule, and treats deleting a missing one as done', async () => {
    await registry.delete('01JFFFFFFFFFFFFFFFFFFFFFFF');
    await expect(
      scheduler.send(new GetScheduleCommand({ Name: '01JFFFFFFFFFFFFFFFFFFFFFFF', GroupName: groupName })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(registry.delete('01JFFFFFFFFFFFFFFFFFFFFFFF')).resolves.toBeUndefined();
  });

  it('fires a one-time schedule into the queue once, as a valid fire message', async () => {
    const at = new Date(Date.now() + 1_000).toISOString().slice(0, 19);
    await registry.create({
      jobId: '01JGGGGGGGGGGGGGGGGGGGGGGG',
      tenant: 'alice',
      revision: 1,
      expression: `at(${at})`,
      timezone: 'UTC',
      oneTime: true,
      enabled: true,
    });
    const bodies: string[] = [];
    const deadline = Date.now() + 30_000; // the local Scheduler sweeps every 10 s
    while (bodies.length === 0 && Date.now() < deadline) {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 2 }),
      );
      bodies.push(...Messages.map((message) => message.Body ?? ''));
    }
    expect(bodies).toHaveLength(1);
    const message = FireMessageSchema.parse(JSON.parse(bodies[0] ?? ''));
    expect(message).toMatchObject({ jobId: '01JGGGGGGGGGGGGGGGGGGGGGGG', tenant: 'alice', revision: 1 });
    // AWS substitutes the scheduled time; the local emulator passes the placeholder through (see localstack/README.md).
    expect(
      message.scheduledTime === SCHEDULED_TIME_PLACEHOLDER ||
        !Number.isNaN(Date.parse(message.scheduledTime)),
    ).toBe(true);
    // ActionAfterCompletion DELETE: the one-time schedule is gone after it fired.
    await expect(
      scheduler.send(new GetScheduleCommand({ Name: '01JGGGGGGGGGGGGGGGGGGGGGGG', GroupName: groupName })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});
