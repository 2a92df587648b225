import { beforeEach, describe, expect, it } from 'vitest';
import { ValidationError } from '../../../lambdas/domain/errors.js';
import { peekDeadLetters, redriveDeadLetters } from '../../../lambdas/use-cases/dead-letters.js';
import { inMemoryApiDeps } from '../../support/use-case-deps.js';

const fire = (tenant: string, jobId: string) =>
  JSON.stringify({ jobId, tenant, revision: 1, scheduledTime: '2026-11-27T10:00:00.000Z' });

describe('the DLQ tools', () => {
  let env: ReturnType<typeof inMemoryApiDeps>;
  beforeEach(() => {
    env = inMemoryApiDeps();
    env.deadLetters.put(fire('alice', 'J1'), 'AccessDeniedException');
    env.deadLetters.put(fire('bob', 'J2'));
    env.deadLetters.put('{not json', 'malformed fire message');
    env.deadLetters.put(fire('alice', 'J3'));
  });

  it('shows a tenant its own dead fires only, with the reason, and leaves them on the queue', async () => {
    const { items } = await peekDeadLetters(env.deps, 'alice', {});
    expect(items.map((item) => item.fire.jobId)).toEqual(['J1', 'J3']);
    expect(items[0]).toMatchObject({ messageId: 'm-1', reason: 'AccessDeniedException' });
    expect(items[0]).not.toHaveProperty('receiptHandle');
    expect(env.deadLetters.messages).toHaveLength(4);
  });

  it("redrives a tenant's dead fires to the dispatch queue and leaves everyone else's, malformed ones included", async () => {
    expect(await redriveDeadLetters(env.deps, 'alice', undefined)).toEqual({ redriven: 2 });
    expect(env.dispatch.messages.map((message) => message.jobId)).toEqual(['J1', 'J3']);
    expect(env.deadLetters.messages.map((message) => message.body)).toEqual([fire('bob', 'J2'), '{not json']);
    expect(env.deadLetters.messages.every((message) => message.hiddenUntil === 0)).toBe(true);
  });

  it('honours a limit and refuses a bad one', async () => {
    expect(await redriveDeadLetters(env.deps, 'alice', { limit: 1 })).toEqual({ redriven: 1 });
    await expect(redriveDeadLetters(env.deps, 'alice', { limit: 0 })).rejects.toThrow(ValidationError);
    await expect(peekDeadLetters(env.deps, 'alice', { limit: '500' })).rejects.toThrow(ValidationError);
  });
});
