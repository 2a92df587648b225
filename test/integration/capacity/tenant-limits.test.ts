import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbRateLimiter } from '../../../lambdas/adapters/dynamodb-rate-limiter.js';
import { DynamoDbTenantRunSlots } from '../../../lambdas/adapters/dynamodb-tenant-run-slots.js';
import { rateKey, runningKey } from '../../../lambdas/adapters/job-keys.js';
import { rateWindowOf } from '../../../lambdas/domain/rate-limit.js';
import { createJobTable, deleteTable, documentClient } from '../../support/local-aws.js';

const LIMIT = 7;
const PARALLEL = 40;
const LIMITS = {
  create: { limit: LIMIT, windowSeconds: 60 },
  update: { limit: LIMIT, windowSeconds: 60 },
  execute: { limit: 3, windowSeconds: 60 },
};
/** The middle of a window, so that no take of a test straddles two windows. */
const NOW = rateWindowOf(Date.now(), 60).startMs + 30_000;

describe('DynamoDbRateLimiter against the local DynamoDB', () => {
  let tableName: string;
  let limiter: DynamoDbRateLimiter;
  beforeAll(async () => {
    tableName = await createJobTable('rate-limiter');
    limiter = new DynamoDbRateLimiter(documentClient, tableName, LIMITS);
  });
  afterAll(async () => deleteTable(tableName));

  it(`counts exactly ${LIMIT} of ${PARALLEL} parallel takes at limit ${LIMIT}, and says when to come back`, async () => {
    const decisions = await Promise.all(
      Array.from({ length: PARALLEL }, () => limiter.take('tenant-a', 'create', NOW)),
    );
    const allowed = decisions.filter((decision) => decision.allowed).length;
    const refused = decisions.find((decision) => !decision.allowed);
    const { Item } = await documentClient.send(
      new GetCommand({
        TableName: tableName,
        Key: rateKey('tenant-a', 'create', rateWindowOf(NOW, 60).startMs),
      }),
    );
    console.log(
      `[capacity] rate limiter: ${PARALLEL} parallel takes at limit ${LIMIT}: ${allowed} allowed, ` +
        `${PARALLEL - allowed} refused, counter ${Item?.count}`,
    );
    expect(allowed).toBe(LIMIT);
    expect(Item?.count).toBe(LIMIT); // a refused take wrote nothing
    expect(refused).toEqual({ allowed: false, limit: LIMITS.create, retryAfterSeconds: 30 });
    // The counter expires after its window, by DynamoDB's TTL.
    expect(Item?.ttlEpochSeconds).toBeGreaterThan(rateWindowOf(NOW, 60).endMs / 1000);
  });

  it('keeps tenants, operations and windows apart', async () => {
    for (let n = 0; n < 3; n++)
      expect(await limiter.take('tenant-b', 'execute', NOW)).toEqual({ allowed: true });
    expect((await limiter.take('tenant-b', 'execute', NOW)).allowed).toBe(false);
    expect((await limiter.take('tenant-c', 'execute', NOW)).allowed).toBe(true);
    expect((await limiter.take('tenant-b', 'update', NOW)).allowed).toBe(true);
    expect((await limiter.take('tenant-b', 'execute', NOW + 60_000)).allowed).toBe(true);
  });
});

describe('DynamoDbTenantRunSlots against the local DynamoDB', () => {
  let tableName: string;
  let slots: DynamoDbTenantRunSlots;
  const holders = async (tenant: string) => {
    const { Item } = await documentClient.send(
      new GetCommand({ TableName: tableName, Key: runningKey(tenant) }),
    );
    return Object.keys((Item?.holders as Record<string, number> | undefined) ?? {});
  };
  beforeAll(async () => {
    tableName = await createJobTable('run-slots');
    slots = new DynamoDbTenantRunSlots(documentClient, tableName, LIMIT);
  });
  afterAll(async () => deleteTable(tableName));

  it(`grants exactly ${LIMIT} of ${PARALLEL} parallel acquires, the tenant's first included`, async () => {
    const now = Date.now();
    const tokens = await Promise.all(
      Array.from({ length: PARALLEL }, () =>
        slots.acquire({ tenant: 'busy', leaseUntilMs: now + 60_000, nowMs: now }),
      ),
    );
    const granted = tokens.filter((token) => token !== undefined);
    console.log(
      `[capacity] run slots: ${PARALLEL} parallel acquires at limit ${LIMIT}: ${granted.length} granted`,
    );
    expect(granted).toHaveLength(LIMIT);
    expect((await holders('busy')).sort()).toEqual([...granted].sort());
  });

  it('frees a released slot for the next run, and never another tenant’s', async () => {
    const now = Date.now();
    expect(await slots.acquire({ tenant: 'busy', leaseUntilMs: now + 60_000, nowMs: now })).toBeUndefined();
    expect(await slots.acquire({ tenant: 'quiet', leaseUntilMs: now + 60_000, nowMs: now })).toBeDefined();
    const [first] = await holders('busy');
    await slots.release('busy', first as string);
    const next = await slots.acquire({ tenant: 'busy', leaseUntilMs: now + 60_000, nowMs: now });
    expect(next).toBeDefined();
    expect(await holders('busy')).toHaveLength(LIMIT);
  });

  it('frees the slots of a dead executor when their leases end, and only those', async () => {
    const now = Date.now();
    const dead = await Promise.all(
      Array.from({ length: LIMIT }, () =>
        slots.acquire({ tenant: 'crashed', leaseUntilMs: now + 1_000, nowMs: now }),
      ),
    );
    expect(dead.every((token) => token !== undefined)).toBe(true);
    // Before the leases end, the tenant is full; after, a new run prunes them and takes a slot.
    expect(
      await slots.acquire({ tenant: 'crashed', leaseUntilMs: now + 60_000, nowMs: now + 500 }),
    ).toBeUndefined();
    const after = await slots.acquire({ tenant: 'crashed', leaseUntilMs: now + 60_000, nowMs: now + 2_000 });
    expect(after).toBeDefined();
    expect(await holders('crashed')).toEqual([after]);
  });

  it('releasing a slot twice, or of a tenant with no runs, is harmless', async () => {
    await slots.release('nobody', 'no-such-token');
    const token = await slots.acquire({
      tenant: 'twice',
      leaseUntilMs: Date.now() + 60_000,
      nowMs: Date.now(),
    });
    await slots.release('twice', token as string);
    await slots.release('twice', token as string);
    expect(await holders('twice')).toEqual([]);
  });
});
