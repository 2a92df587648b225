import { beforeEach, describe, expect, it } from 'vitest';
import type { DeadFire } from '../../../lambdas/domain/dead-fire.js';
import { ValidationError } from '../../../lambdas/domain/errors.js';
import { listDeadFires, redriveDeadLetters } from '../../../lambdas/use-cases/dead-letters.js';
import { inMemoryApiDeps } from '../../support/use-case-deps.js';

let sequence = 0;
/** A dead fire as the sorter files it, one second after the previous one. */
function deadFire(tenant: string, jobId: string): DeadFire {
  const sentAt = new Date(Date.parse('2026-11-27T10:00:00Z') + 1000 * ++sequence).toISOString();
  const messageId = `m-${sequence}`;
  return {
    id: `${sentAt}#${messageId}`,
    tenant,
    messageId,
    fire: { jobId, tenant, revision: 1, scheduledTime: '2026-11-27T10:00:00.000Z' },
    sentAt,
    filedAt: sentAt,
    receiveCount: 1,
  };
}

describe('the DLQ tools, per tenant', () => {
  let env: ReturnType<typeof inMemoryApiDeps>;
  beforeEach(async () => {
    env = inMemoryApiDeps();
    for (const [tenant, jobId] of [
      ['alice', 'J1'],
      ['bob', 'J2'],
      ['alice', 'J3'],
    ] as const) {
      await env.deadFires.file(deadFire(tenant, jobId));
    }
  });

  it("shows a tenant its own dead fires only, newest first, and none of another tenant's", async () => {
    const alice = await listDeadFires(env.deps, 'alice', {});
    expect(alice.items.map((item) => item.fire.jobId)).toEqual(['J3', 'J1']);
    const bob = await listDeadFires(env.deps, 'bob', {});
    expect(bob.items.map((item) => item.fire.jobId)).toEqual(['J2']);
    expect(await listDeadFires(env.deps, 'carol', {})).toEqual({ items: [] });
  });

  it('pages with a cursor', async () => {
    const first = await listDeadFires(env.deps, 'alice', { limit: '1' });
    expect(first.items.map((item) => item.fire.jobId)).toEqual(['J3']);
    const second = await listDeadFires(env.deps, 'alice', { limit: '1', cursor: first.nextCursor });
    expect(second.items.map((item) => item.fire.jobId)).toEqual(['J1']);
    expect(second.nextCursor).toBeUndefined();
  });

  it("redrives a tenant's own dead fires to the dispatch queue, oldest first, and leaves everyone else's", async () => {
    expect(await redriveDeadLetters(env.deps, 'alice', undefined)).toEqual({ redriven: 2 });
    expect(env.dispatch.messages.map((message) => message.jobId).sort()).toEqual(['J1', 'J3']);
    expect(env.deadFires.of('alice')).toEqual([]);
    expect(env.deadFires.of('bob').map((item) => item.fire.jobId)).toEqual(['J2']);
  });

  it('redrives the ones named by id, and finds none of another tenant by its id', async () => {
    const [bobs] = env.deadFires.of('bob');
    const [aliceOldest] = env.deadFires.of('alice');
    expect(
      await redriveDeadLetters(env.deps, 'alice', { ids: [bobs?.id ?? '', aliceOldest?.id ?? ''] }),
    ).toEqual({ redriven: 1 });
    expect(env.dispatch.messages.map((message) => message.jobId)).toEqual(['J1']);
    expect(env.deadFires.of('bob')).toHaveLength(1);
    expect(env.deadFires.of('alice').map((item) => item.fire.jobId)).toEqual(['J3']);
  });

  it('sends each fire before it removes it, so a failed send loses nothing', async () => {
    const steps: string[] = [];
    const send = env.dispatch.send.bind(env.dispatch);
    const remove = env.deadFires.remove.bind(env.deadFires);
    env.dispatch.send = async (fire) => {
      steps.push(`send ${fire.jobId}`);
      await send(fire);
    };
    env.deadFires.remove = async (tenant, id) => {
      steps.push(`remove ${env.deadFires.of(tenant).find((item) => item.id === id)?.fire.jobId}`);
      await remove(tenant, id);
    };
    await redriveDeadLetters(env.deps, 'alice', { limit: 1 });
    expect(steps).toEqual(['send J1', 'remove J1']);

    env.dispatch.send = async () => {
      throw Object.assign(new Error('queue unreachable'), { name: 'ServiceUnavailable' });
    };
    await expect(redriveDeadLetters(env.deps, 'alice', {})).rejects.toThrow('queue unreachable');
    expect(env.deadFires.of('alice').map((item) => item.fire.jobId)).toEqual(['J3']);
  });

  it('honours a limit and refuses bad requests', async () => {
    expect(await redriveDeadLetters(env.deps, 'alice', { limit: 1 })).toEqual({ redriven: 1 });
    for (const body of [{ limit: 0 }, { limit: 101 }, { ids: [] }, { ids: ['a'], limit: 1 }, { other: 1 }]) {
      await expect(redriveDeadLetters(env.deps, 'alice', body), JSON.stringify(body)).rejects.toThrow(
        ValidationError,
      );
    }
    await expect(listDeadFires(env.deps, 'alice', { limit: '500' })).rejects.toThrow(ValidationError);
  });
});
