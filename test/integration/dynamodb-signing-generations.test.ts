import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbSigningGenerations } from '../../lambdas/adapters/dynamodb-signing-generations.js';
import { INITIAL_GENERATIONS, rotated } from '../../lambdas/domain/signing-rotation.js';
import { systemClock } from '../../lambdas/use-cases/ports.js';
import { rotateSigningSecret } from '../../lambdas/use-cases/signing-secret.js';
import { TEST_MASTER_KEY } from '../support/in-memory-signing.js';
import { createJobTable, deleteTable, documentClient } from '../support/local-aws.js';

const NOW = '2026-11-27T10:00:00.000Z';

describe('DynamoDbSigningGenerations against the local DynamoDB', () => {
  let tableName: string;
  let store: DynamoDbSigningGenerations;
  beforeAll(async () => {
    tableName = await createJobTable('signing-generations');
    store = new DynamoDbSigningGenerations(documentClient, tableName);
  });
  afterAll(async () => deleteTable(tableName));

  it('answers generation 1 for a tenant with no item, and stores numbers and times only', async () => {
    expect(await store.get('fresh')).toEqual(INITIAL_GENERATIONS);
    const begun = rotated(INITIAL_GENERATIONS, { phase: 'begin' }, NOW);
    expect(await store.save('alpha#1', begun ?? INITIAL_GENERATIONS)).toBe(true);
    expect(await store.get('alpha#1')).toEqual({ ...begun, version: 1 });
    const { Item } = await documentClient.send(
      new GetCommand({ TableName: tableName, Key: { PK: 'TENANT#alpha#1', SK: 'SIGNING' } }),
    );
    expect(Item).toEqual({
      PK: 'TENANT#alpha#1',
      SK: 'SIGNING',
      entity: 'signing',
      tenant: 'alpha#1',
      current: 1,
      next: 2,
      issued: 2,
      rotationStartedAt: NOW,
      version: 1,
    });
    expect(JSON.stringify(Item)).not.toContain('whsec_');
    expect(await store.get('alpha')).toEqual(INITIAL_GENERATIONS);
  });

  it('writes only over the version it read: a stale first write or a stale update is refused', async () => {
    const begun = rotated(INITIAL_GENERATIONS, { phase: 'begin' }, NOW) ?? INITIAL_GENERATIONS;
    expect(await store.save('beta', begun)).toBe(true);
    expect(await store.save('beta', begun)).toBe(false);
    const stored = await store.get('beta');
    const completed = rotated(stored, { phase: 'complete' }, NOW) ?? stored;
    expect(await store.save('beta', completed)).toBe(true);
    expect(await store.save('beta', completed)).toBe(false);
    expect(await store.get('beta')).toMatchObject({ current: 2, issued: 2, version: 2 });
  });

  it('keeps concurrent rotations consistent: ten parallel begins issue one next generation', async () => {
    const deps = {
      signingGenerations: store,
      signingMasterKey: async () => TEST_MASTER_KEY,
      clock: systemClock,
    };
    const views = await Promise.allSettled(
      Array.from({ length: 10 }, () => rotateSigningSecret(deps, 'gamma', { phase: 'begin' })),
    );
    const answered = views.flatMap((view) => (view.status === 'fulfilled' ? [view.value] : []));
    // Losers re-read and answer the same rotation; under heavy contention some may give up with a 409.
    for (const view of views) {
      if (view.status === 'rejected')
        expect(view.reason).toMatchObject({ code: 'signing_rotation_contended' });
    }
    expect(answered.length).toBeGreaterThan(0);
    expect(new Set(answered.map((view) => view.next?.secret)).size).toBe(1);
    expect(await store.get('gamma')).toMatchObject({ current: 1, next: 2, issued: 2, version: 1 });
  });
});
