import {
  CreateScheduleCommand,
  CreateScheduleGroupCommand,
  DeleteScheduleGroupCommand,
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
import { DriverMarkOnEmulator } from '../../localstack/schedule-driver/aws-scheduler-api.js';
import { ApiClient } from '../support/api-client.js';
import { eventually } from '../support/eventually.js';
import { localAws } from '../support/local-aws.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';

/**
 * The local schedule driver on the deployed stack (`npm start` runs it with the emulator). Cron jobs in
 * America/New_York and Australia/Lord_Howe are set to fire at the same near-future instant, written as each
 * zone's wall time: the emulator's own sweep would fire them hours off (it reads cron as UTC), the driver at that
 * instant. The bound below is for correctness (hours off would fail it), not a latency target; the fire lag is
 * measured by `npm run bench`.
 */
const ON_TIME_MS = 30_000;
const ZONES = ['America/New_York', 'Australia/Lord_Howe'] as const;

/** The wall-clock hour and minute of `ms` in `timeZone`, as a daily AWS cron expression. */
function dailyCronAt(ms: number, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      hour: '2-digit',
      minute: '2-digit',
    })
      .formatToParts(new Date(ms))
      .map((part) => [part.type, part.value]),
  );
  return `cron(${Number(parts.minute)} ${Number(parts.hour)} * * ? *)`;
}

interface Run {
  readonly scheduledTime: string;
  readonly status: string;
}

describe('the local schedule driver on the deployed stack', () => {
  const receiver = new WebhookReceiver();
  const scheduler = new SchedulerClient(localAws);
  const sqs = new SQSClient(localAws);
  const group = `e2e-driver-${Date.now()}`;
  let api: ApiClient;
  let queueUrl = '';
  /** The next whole minute at least 45 s away: time to create everything before it. */
  const fireMs = Math.ceil((Date.now() + 45_000) / 60_000) * 60_000;
  const fireIso = `${new Date(fireMs).toISOString().slice(0, 19)}Z`;
  const jobs: Record<string, string> = {};

  beforeAll(async () => {
    const mark = await new DriverMarkOnEmulator(scheduler).read();
    if (!mark || Date.now() - mark.beatMs > 10_000) {
      throw new Error(
        "No schedule driver fires this emulator's schedules. Start the local AWS with `npm start` (it starts the driver), or run `bash localstack/driver.sh start`.",
      );
    }
    await receiver.start();
    api = await ApiClient.forTenant('alpha');
    for (const zone of ZONES) {
      const created = await api.request<{ id: string }>('POST', '/api/jobs', {
        name: `driver-${zone}`,
        schedule: { expression: dailyCronAt(fireMs, zone), timezone: zone },
        target: { type: 'http', url: receiver.url(`/${zone}`) },
      });
      expect(created.status).toBe(201);
      jobs[zone] = created.body.id;
    }
    const disabled = await api.request<{ id: string }>('POST', '/api/jobs', {
      name: 'driver-disabled',
      schedule: { expression: dailyCronAt(fireMs, 'America/New_York'), timezone: 'America/New_York' },
      target: { type: 'http', url: receiver.url('/disabled') },
    });
    jobs.disabled = disabled.body.id;
    expect((await api.request('POST', `/api/jobs/${jobs.disabled}/pause`, { reason: 'e2e' })).status).toBe(
      200,
    );

    // A schedule of the test's own, into a queue it reads: the message as the target receives it.
    queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: group }))).QueueUrl ?? '';
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
    );
    await scheduler.send(new CreateScheduleGroupCommand({ Name: group }));
    await scheduler.send(
      new CreateScheduleCommand({
        Name: 'context',
        GroupName: group,
        ScheduleExpression: dailyCronAt(fireMs, 'Australia/Lord_Howe'),
        ScheduleExpressionTimezone: 'Australia/Lord_Howe',
        FlexibleTimeWindow: { Mode: 'OFF' },
        Target: {
          Arn: Attributes?.QueueArn,
          RoleArn: 'arn:aws:iam::000000000000:role/e2e-driver',
          Input:
            '{"scheduledTime":"<aws.scheduler.scheduled-time>","arn":"<aws.scheduler.schedule-arn>","attempt":<aws.scheduler.attempt-number>}',
        },
      }),
    );
  }, 60_000);

  afterAll(async () => {
    await api?.cleanup();
    await receiver.stop();
    await scheduler.send(new DeleteScheduleGroupCommand({ Name: group })).catch(() => undefined);
    await sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl })).catch(() => undefined);
  });

  it('delivers the fire to the target with the scheduled time and the other context attributes substituted', async () => {
    const messages = await eventually(
      async () =>
        (
          await sqs.send(
            new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 2, AttributeNames: ['All'] }),
          )
        ).Messages ?? [],
      (received) => received.length > 0,
      fireMs + ON_TIME_MS - Date.now(),
      0,
    );
    expect(messages).toHaveLength(1);
    const body = JSON.parse(messages[0]?.Body ?? '{}');
    expect(body).toEqual({
      scheduledTime: fireIso,
      arn: expect.stringMatching(new RegExp(`:schedule/${group}/context$`)),
      attempt: 1,
    });
    const sentMs = Number(messages[0]?.Attributes?.SentTimestamp);
    expect(sentMs).toBeGreaterThanOrEqual(fireMs);
    expect(sentMs).toBeLessThan(fireMs + ON_TIME_MS);
  });

  it.each(ZONES)(
    'fires a cron job in %s at its local time, and the executor runs it for that scheduled time',
    async (zone) => {
      const [call] = await receiver.waitForCalls(`/${zone}`, 1, fireMs + ON_TIME_MS - Date.now());
      expect(call?.at).toBeGreaterThanOrEqual(fireMs);
      expect(call?.at).toBeLessThan(fireMs + ON_TIME_MS);
      const runs = await eventually(
        async () => (await api.request<{ items: Run[] }>('GET', `/api/jobs/${jobs[zone]}/runs`)).body.items,
        (items) => items.some((run) => run.status === 'SUCCEEDED'),
        10_000,
      );
      // The substituted time, exactly: one run, for the fire at that local wall time.
      expect(runs).toEqual([
        expect.objectContaining({ scheduledTime: new Date(fireMs).toISOString(), status: 'SUCCEEDED' }),
      ]);
    },
  );

  it('does not fire a disabled (paused) schedule', async () => {
    // Wait until the enabled ones have fired: the disabled one would have by then too.
    await receiver.waitForCalls(`/${ZONES[0]}`, 1, Math.max(0, fireMs + ON_TIME_MS - Date.now()));
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const runs = await api.request<{ items: Run[] }>('GET', `/api/jobs/${jobs.disabled}/runs`);
    expect(runs.body.items).toEqual([]);
    expect(receiver.calls.filter((call) => call.path === '/disabled')).toEqual([]);
  });
});
