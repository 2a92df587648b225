import { describe, expect, it } from 'vitest';
import type { FireMessage } from '../../../lambdas/domain/fire-message.js';
import { type FireResult, redeliveryOf } from '../../../lambdas/use-cases/execute-fire.js';

const message: FireMessage = {
  jobId: '01J',
  tenant: 't',
  revision: 1,
  scheduledTime: '<aws.scheduler.scheduled-time>',
};
const runId = '2026-11-27T10:01:00.000Z';

describe('redeliveryOf', () => {
  it.each<[string, FireResult]>([
    ['a retry', { kind: 'retry', runId, attempt: 1, delaySeconds: 30 }],
    ["another holder's lease", { kind: 'in_progress', runId, delaySeconds: 30 }],
  ])('delivers the same message again for %s, when it is due', (_case, result) => {
    expect(redeliveryOf(message, result)).toEqual({ kind: 'deliver_again', delaySeconds: 30 });
  });

  it('sends a fire kept waiting for a run slot as a new message with its scheduled time and one more wait', () => {
    const result: FireResult = { kind: 'delayed', runId, scheduledTime: runId, delaySeconds: 10 };
    expect(redeliveryOf({ ...message, slotWaits: 2 }, result)).toEqual({
      kind: 'send_again',
      message: { ...message, scheduledTime: runId, slotWaits: 3 },
      delaySeconds: 10,
    });
  });

  it.each<[string, FireResult]>([
    ['a finished run', { kind: 'ran', runId, status: 'SUCCEEDED', attempt: 1 }],
    ['a duplicate', { kind: 'duplicate', runId }],
    ['a lost lease', { kind: 'lease_lost', runId }],
    ['a skip', { kind: 'skipped', reason: 'paused', runId }],
  ])('acknowledges %s', (_case, result) => {
    expect(redeliveryOf(message, result)).toEqual({ kind: 'acknowledge' });
  });
});
