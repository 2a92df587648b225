import { describe, expect, it } from 'vitest';
import {
  SCHEDULED_TIME_PLACEHOLDER,
  substitutedScheduledTimeMs,
} from '../../../lambdas/domain/fire-message.js';
import { scheduledTimeOf } from '../../../lambdas/use-cases/execute-fire.js';
import { scheduledTimeText } from '../../../localstack/schedule-driver/context-attributes.js';
import { jobFixture } from '../../support/job-fixture.js';

const message = (scheduledTime: string) => ({ jobId: 'j', tenant: 't', revision: 1, scheduledTime });
const fire = (scheduledTime: string, sentAt: string) => ({
  message: message(scheduledTime),
  sentAtMs: Date.parse(sentAt),
  leaseMs: 60_000,
});

describe('the scheduled time of a fire: substituted where present, derived from SentTimestamp only without', () => {
  it('reads the time as EventBridge Scheduler and the local driver write it', () => {
    expect(substitutedScheduledTimeMs(message(scheduledTimeText(Date.parse('2026-12-01T18:05:00Z'))))).toBe(
      Date.parse('2026-12-01T18:05:00Z'),
    );
    expect(substitutedScheduledTimeMs(message(SCHEDULED_TIME_PLACEHOLDER))).toBeUndefined();
  });

  it('uses the substituted time even when the message was sent after a later fire was due', () => {
    // rate(1 minute) from 10:00: sent at 10:03:30, the derived time would be 10:03.
    const job = jobFixture();
    expect(
      new Date(scheduledTimeOf(job, fire('2026-11-27T10:01:00Z', '2026-11-27T10:03:30Z'))).toISOString(),
    ).toBe('2026-11-27T10:01:00.000Z');
    expect(
      new Date(scheduledTimeOf(job, fire(SCHEDULED_TIME_PLACEHOLDER, '2026-11-27T10:03:30Z'))).toISOString(),
    ).toBe('2026-11-27T10:03:00.000Z');
  });
});
