import { describe, expect, it } from 'vitest';
import { substituteContextAttributes } from '../../../localstack/schedule-driver/context-attributes.js';
import type {
  CursorStore,
  ScheduleCursor,
  ScheduleDetail,
  SchedulerApi,
  TargetDelivery,
} from '../../../localstack/schedule-driver/ports.js';
import { type DriverEvent, ScheduleDriver } from '../../../localstack/schedule-driver/schedule-driver.js';
import { UnsupportedTargetError } from '../../../localstack/schedule-driver/sqs-target-delivery.js';

const at = (iso: string) => Date.parse(iso);
const INPUT = '{"jobId":"j1","scheduledTime":"<aws.scheduler.scheduled-time>"}';

class FakeScheduler implements SchedulerApi {
  readonly schedules = new Map<string, ScheduleDetail>();
  readonly deleted: string[] = [];
  put(detail: Partial<ScheduleDetail> & { name: string }): void {
    this.schedules.set(detail.name, {
      arn: `arn:aws:scheduler:us-east-1:000000000000:schedule/jobs/${detail.name}`,
      groupName: 'jobs',
      modifiedMs: at('2026-12-01T10:00:00Z'),
      createdMs: at('2026-12-01T10:00:00Z'),
      expression: 'rate(5 minutes)',
      timezone: 'UTC',
      enabled: true,
      targetArn: 'arn:aws:sqs:us-east-1:000000000000:dispatch',
      input: INPUT,
      deleteAfterCompletion: false,
      ...detail,
    });
  }
  async list() {
    return [...this.schedules.values()];
  }
  async get(_group: string, name: string) {
    return this.schedules.get(name);
  }
  async delete(_group: string, name: string) {
    this.deleted.push(name);
    this.schedules.delete(name);
  }
}

class MemoryStore implements CursorStore {
  saved: Record<string, ScheduleCursor> = {};
  load() {
    return structuredClone(this.saved);
  }
  save(cursors: Record<string, ScheduleCursor>) {
    this.saved = structuredClone(cursors);
  }
}

class RecordingTarget implements TargetDelivery {
  readonly bodies: string[] = [];
  failNext = 0;
  async deliver(_arn: string, body: string) {
    if (this.failNext-- > 0) throw new Error('queue unreachable');
    this.bodies.push(body);
  }
}

function rig() {
  const scheduler = new FakeScheduler();
  const store = new MemoryStore();
  const target = new RecordingTarget();
  const events: DriverEvent[] = [];
  const make = () =>
    new ScheduleDriver(
      scheduler,
      target,
      store,
      { catchUpMs: 300_000, maxFiresPerPass: 10, groups: [] },
      (e) => events.push(e),
    );
  const scheduledTimes = () =>
    target.bodies.map((b) => (JSON.parse(b) as { scheduledTime: string }).scheduledTime);
  return { scheduler, store, target, events, make, scheduledTimes };
}

async function pass(driver: ScheduleDriver, nowIso: string) {
  await driver.refresh();
  return driver.fireDue(() => at(nowIso));
}

describe('ScheduleDriver', () => {
  it('delivers each fire to the target with the scheduled time substituted', async () => {
    const { scheduler, make, scheduledTimes } = rig();
    scheduler.put({ name: 'nyc', expression: 'cron(5 13 * * ? *)', timezone: 'America/New_York' });
    const driver = make();
    expect(await pass(driver, '2026-12-01T18:04:59Z')).toBe(0);
    expect(driver.nextDueMs()).toBe(at('2026-12-01T18:05:00Z'));
    expect(await pass(driver, '2026-12-01T18:05:00.050Z')).toBe(1);
    expect(scheduledTimes()).toEqual(['2026-12-01T18:05:00Z']);
  });

  it('counts a rate from the whole second after its creation, and writes whole seconds as AWS does', async () => {
    const { scheduler, make, scheduledTimes } = rig();
    scheduler.put({ name: 'rate', createdMs: at('2026-12-01T10:00:00.411Z') });
    const driver = make();
    expect(await pass(driver, '2026-12-01T10:00:00.900Z')).toBe(0);
    expect(await pass(driver, '2026-12-01T10:00:01.010Z')).toBe(1);
    expect(scheduledTimes()).toEqual(['2026-12-01T10:00:01Z']);
    expect(driver.nextDueMs()).toBe(at('2026-12-01T10:05:01Z'));
  });

  it("fires a rate at once when its StartDate (the job's grid) is a moment before the schedule was made", async () => {
    const { scheduler, make, scheduledTimes } = rig();
    scheduler.put({
      name: 'grid',
      expression: 'rate(1 minute)',
      startMs: at('2026-12-01T10:00:00.552Z'),
      createdMs: at('2026-12-01T10:00:00.560Z'),
    });
    const driver = make();
    expect(await pass(driver, '2026-12-01T10:00:01Z')).toBe(1);
    expect(scheduledTimes()).toEqual(['2026-12-01T10:00:00.552Z']);
    expect(driver.nextDueMs()).toBe(at('2026-12-01T10:01:00.552Z'));
    // A StartDate long before the schedule was made is not fired retroactively.
    scheduler.put({ name: 'old', expression: 'rate(1 minute)', startMs: at('2026-12-01T09:00:30Z') });
    expect(await pass(driver, '2026-12-01T10:00:01Z')).toBe(0);
    expect(scheduledTimes()).toHaveLength(1);
  });

  it('does not deliver a fire again after a restart (cursors persisted)', async () => {
    const { scheduler, make, scheduledTimes } = rig();
    scheduler.put({ name: 'rate' });
    expect(await pass(make(), '2026-12-01T10:00:00.100Z')).toBe(1);
    const restarted = make();
    expect(await pass(restarted, '2026-12-01T10:00:01Z')).toBe(0);
    expect(await pass(restarted, '2026-12-01T10:05:00.100Z')).toBe(1);
    expect(scheduledTimes()).toEqual(['2026-12-01T10:00:00Z', '2026-12-01T10:05:00Z']);
  });

  it('does not fire a disabled schedule, nor what fell due while it was disabled', async () => {
    const { scheduler, make, target } = rig();
    scheduler.put({ name: 'paused', enabled: false });
    const driver = make();
    expect(await pass(driver, '2026-12-01T10:20:00Z')).toBe(0);
    scheduler.put({ name: 'paused', enabled: true, modifiedMs: at('2026-12-01T10:21:00Z') });
    expect(await pass(driver, '2026-12-01T10:24:00Z')).toBe(0);
    expect(await pass(driver, '2026-12-01T10:25:00Z')).toBe(1);
    expect(target.bodies).toHaveLength(1);
  });

  it('retries a delivery that failed, and only then marks the fire done', async () => {
    const { scheduler, make, target, events, scheduledTimes } = rig();
    scheduler.put({ name: 'rate', createdMs: at('2026-12-01T10:03:00Z') });
    target.failNext = 1;
    const driver = make();
    expect(await pass(driver, '2026-12-01T10:03:00.010Z')).toBe(0);
    expect(events[0]).toMatchObject({ kind: 'failed' });
    expect(await pass(driver, '2026-12-01T10:03:01.100Z')).toBe(1);
    expect(scheduledTimes()).toEqual(['2026-12-01T10:03:00Z']);
  });

  it('reports a target it cannot deliver to once, and does not retry it every pass', async () => {
    const { scheduler, make, target, events } = rig();
    scheduler.put({ name: 'lambda', createdMs: at('2026-12-01T10:03:00Z') });
    target.deliver = async () => {
      throw new UnsupportedTargetError('arn:aws:lambda:us-east-1:000000000000:function:f');
    };
    const driver = make();
    await pass(driver, '2026-12-01T10:03:00.010Z');
    await pass(driver, '2026-12-01T10:03:05Z');
    expect(events).toEqual([expect.objectContaining({ kind: 'unreadable', schedule: 'jobs/lambda' })]);
    expect(driver.nextDueMs()).toBeUndefined();
  });

  it('deletes a one-time schedule after its fire when ActionAfterCompletion is DELETE', async () => {
    const { scheduler, make } = rig();
    scheduler.put({ name: 'once', expression: 'at(2026-12-01T10:01:00)', deleteAfterCompletion: true });
    await pass(make(), '2026-12-01T10:01:00.010Z');
    expect(scheduler.deleted).toEqual(['once']);
  });

  it('counts a rate from an expression change, and forgets schedules that are gone', async () => {
    const { scheduler, store, make, scheduledTimes } = rig();
    scheduler.put({ name: 'rate' });
    const driver = make();
    await pass(driver, '2026-12-01T10:00:00.010Z');
    scheduler.put({ name: 'rate', expression: 'rate(10 minutes)', modifiedMs: at('2026-12-01T10:02:30Z') });
    await pass(driver, '2026-12-01T10:02:31Z');
    await pass(driver, '2026-12-01T10:12:31Z');
    expect(scheduledTimes()).toEqual([
      '2026-12-01T10:00:00Z',
      '2026-12-01T10:02:30Z',
      '2026-12-01T10:12:30Z',
    ]);
    scheduler.schedules.clear();
    await driver.refresh();
    expect(store.saved).toEqual({});
  });
});

describe('substituteContextAttributes', () => {
  it('replaces the four attributes EventBridge Scheduler documents, and leaves other text alone', () => {
    const input =
      '{"a":"<aws.scheduler.schedule-arn>","t":"<aws.scheduler.scheduled-time>","e":"<aws.scheduler.execution-id>","n":<aws.scheduler.attempt-number>,"x":"<aws.scheduler.other>"}';
    expect(
      JSON.parse(
        substituteContextAttributes(input, {
          scheduleArn: 'arn:s',
          scheduledMs: at('2026-12-01T18:05:00Z'),
          executionId: 'e-1',
          attemptNumber: 1,
        }),
      ),
    ).toEqual({ a: 'arn:s', t: '2026-12-01T18:05:00Z', e: 'e-1', n: 1, x: '<aws.scheduler.other>' });
  });
});
