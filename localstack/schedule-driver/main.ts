import { mkdirSync } from 'node:fs';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { SQSClient } from '@aws-sdk/client-sqs';
import { localAws } from '../local-aws.js';
import { AwsSchedulerApi, DriverMarkOnEmulator } from './aws-scheduler-api.js';
import { FileCursorStore } from './file-cursor-store.js';
import { type DriverEvent, ScheduleDriver } from './schedule-driver.js';
import { SqsTargetDelivery } from './sqs-target-delivery.js';

/**
 * The local schedule driver as a process (`bash localstack/driver.sh start`, run by `npm start`): fires the
 * emulator's schedules as EventBridge Scheduler does, until stopped (SIGTERM) or until the emulator has been
 * unreachable for GIVE_UP_MS. Settings: SCHEDULE_DRIVER_GROUPS (comma-separated; default every group),
 * SCHEDULE_DRIVER_CATCH_UP_SECONDS (default 300), SCHEDULE_DRIVER_STATE (cursor file).
 */
const REFRESH_MS = 500;
const MAX_SLEEP_MS = 100;
const BEAT_MS = 3_000;
/** A mark older than this is a driver that is gone. */
const MARK_STALE_MS = 10_000;
const GIVE_UP_MS = 60_000;

const chosen = localAws();
const stateDir = new URL('../../.local-aws/', import.meta.url).pathname;
mkdirSync(stateDir, { recursive: true });
const config = {
  endpoint: chosen.endpoint,
  region: process.env.AWS_REGION ?? 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
};
const schedulerClient = new SchedulerClient(config);
const log = (line: string) => process.stdout.write(`${new Date().toISOString()} ${line}\n`);
const report = (event: DriverEvent) => {
  const at = 'scheduledMs' in event ? new Date(event.scheduledMs).toISOString() : '';
  switch (event.kind) {
    case 'fired':
      return log(`fired ${event.schedule} ${at} lag ${event.lagMs} ms`);
    case 'failed':
      return log(`delivery failed ${event.schedule} ${at} (retried): ${event.error}`);
    case 'missed':
      return log(`passed over ${event.count} fire(s) of ${event.schedule}: due before the catch-up horizon`);
    case 'unreadable':
      return log(`not firing ${event.schedule}: ${event.error}`);
    case 'completed':
      return log(`deleted ${event.schedule}: completed (ActionAfterCompletion DELETE)`);
  }
};

const driver = new ScheduleDriver(
  new AwsSchedulerApi(schedulerClient, chosen.name === 'ministack' ? 10_000 : 100),
  new SqsTargetDelivery(new SQSClient(config)),
  new FileCursorStore(process.env.SCHEDULE_DRIVER_STATE ?? `${stateDir}schedule-driver.json`),
  {
    catchUpMs: Number(process.env.SCHEDULE_DRIVER_CATCH_UP_SECONDS ?? 300) * 1000,
    maxFiresPerPass: 10,
    groups: (process.env.SCHEDULE_DRIVER_GROUPS ?? '').split(',').filter(Boolean),
  },
  report,
);
const mark = new DriverMarkOnEmulator(schedulerClient);
const me = { pid: process.pid, dir: stateDir };

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => (stopping = true));

const other = await mark.read().catch(() => undefined);
if (other && other.pid !== me.pid && Date.now() - other.beatMs < MARK_STALE_MS) {
  // One driver per emulator: a second would deliver every fire twice.
  log(
    `not started: the driver of ${other.dir} (pid ${other.pid}) already fires ${chosen.endpoint}'s schedules`,
  );
  process.exit(0);
}

log(`driving the schedules of ${chosen.name} at ${chosen.endpoint} (pid ${process.pid})`);
let lastRefresh = 0;
let lastBeat = 0;
let lastReached = Date.now();
while (!stopping) {
  const now = Date.now();
  try {
    if (now - lastBeat >= BEAT_MS) {
      await mark.beat({ ...me, beatMs: now });
      lastBeat = now;
    }
    if (now - lastRefresh >= REFRESH_MS) {
      await driver.refresh();
      lastRefresh = now;
    }
    await driver.fireDue(Date.now);
    lastReached = Date.now();
  } catch (error) {
    if (Date.now() - lastReached > GIVE_UP_MS) {
      log(
        `stopping: ${chosen.endpoint} unreachable for ${GIVE_UP_MS / 1000} s (${(error as Error).message})`,
      );
      process.exit(1);
    }
  }
  // Wake for the next fire, the next refresh, or at the latest in MAX_SLEEP_MS: fires go out within ~0.1 s.
  const wake = Math.min(driver.nextDueMs() ?? Number.POSITIVE_INFINITY, lastRefresh + REFRESH_MS);
  await new Promise((resolve) => setTimeout(resolve, Math.max(5, Math.min(MAX_SLEEP_MS, wake - Date.now()))));
}
// A clean stop frees the emulator for another driver at once.
await mark.beat({ ...me, beatMs: 0 }).catch(() => undefined);
log('stopped');
