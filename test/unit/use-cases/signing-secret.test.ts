import middy from '@middy/core';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { Webhook } from 'standardwebhooks';
import { beforeEach, describe, expect, it } from 'vitest';
import { INITIAL_GENERATIONS } from '../../../lambdas/domain/signing-rotation.js';
import { tenantSigningSecrets } from '../../../lambdas/domain/tenant-signing-secret.js';
import { signatureHeaders, webhookIdOf } from '../../../lambdas/domain/webhook-signature.js';
import { createApiRouter } from '../../../lambdas/http/api-router.js';
import { problemDetails } from '../../../lambdas/http/problem-middleware.js';
import type { ApiEvent } from '../../../lambdas/http/request.js';
import {
  getSigningSecret,
  rotateSigningSecret,
  type SigningSecretView,
} from '../../../lambdas/use-cases/signing-secret.js';
import { apiEvent } from '../../support/api-events.js';
import { hostileTenantLedger } from '../../support/hostile-tenant.js';
import { InMemorySigningGenerations, TEST_MASTER_KEY } from '../../support/in-memory-signing.js';
import { inMemoryApiDeps } from '../../support/use-case-deps.js';

const ALPHA = 'arn:aws:iam::111122223333:user/alpha';
const BETA = 'arn:aws:iam::111122223333:user/beta';

describe('signing-secret use cases', () => {
  let env: ReturnType<typeof inMemoryApiDeps>;
  beforeEach(() => {
    env = inMemoryApiDeps();
  });
  const rotate = (phase: string, extra: Record<string, unknown> = {}) =>
    rotateSigningSecret(env.deps, ALPHA, { phase, ...extra });

  it('answers generation 1 for a tenant that never rotated, without writing anything', async () => {
    const view = await getSigningSecret(env.deps, ALPHA);
    expect(view).toEqual({
      current: {
        generation: 1,
        secret: tenantSigningSecrets(TEST_MASTER_KEY, ALPHA, INITIAL_GENERATIONS).current,
      },
      propagationSeconds: 30,
    });
    expect(env.signingGenerations.states.size).toBe(0);
  });

  it('rotates in two phases: begin signs with both, complete with next alone; each step answers the secrets', async () => {
    const before = await getSigningSecret(env.deps, ALPHA);
    const begun = await rotate('begin');
    expect(begun.current).toEqual(before.current);
    expect(begun.next?.generation).toBe(2);
    expect(begun.rotationStartedAt).toBe('2026-11-27T10:00:00.000Z');
    expect(begun.signedWithNextFrom).toBe('2026-11-27T10:00:30.000Z');
    expect(await getSigningSecret(env.deps, ALPHA)).toEqual(begun);

    // A call signed while rotating verifies with either secret.
    const secrets = { current: begun.current.secret, next: begun.next?.secret ?? '' };
    const headers = signatureHeaders(secrets, webhookIdOf('job', 'run'), Math.floor(Date.now() / 1000), '{}');
    expect(new Webhook(begun.current.secret).verify('{}', headers)).toEqual({});
    expect(new Webhook(begun.next?.secret ?? '').verify('{}', headers)).toEqual({});

    env.clock.advance(60_000);
    const completed = await rotate('complete');
    expect(completed).toEqual({
      current: begun.next,
      rotatedAt: '2026-11-27T10:01:00.000Z',
      propagationSeconds: 30,
    });
  });

  it('answers a repeated begin with the same next secret, and a repeated complete naming its generation with 200', async () => {
    const begun = await rotate('begin');
    expect(await rotate('begin')).toEqual(begun);
    const completed = await rotate('complete', { generation: 2 });
    expect(await rotate('complete', { generation: 2 })).toEqual(completed);
  });

  it('cancels a rotation: next is dropped and never issued again', async () => {
    const begun = await rotate('begin');
    const cancelled = await rotate('cancel');
    expect(cancelled.next).toBeUndefined();
    expect(cancelled.current).toEqual(begun.current);
    const again = await rotate('begin');
    expect(again.next?.generation).toBe(3);
    expect(again.next?.secret).not.toBe(begun.next?.secret);
  });

  it.each([
    ['complete', {}, 'signing_rotation_not_started'],
    ['cancel', {}, 'signing_rotation_not_started'],
    ['complete', { generation: 5 }, 'signing_generation_mismatch'],
  ])('refuses %s %j without a rotation in progress: 409 %s', async (phase, extra, code) => {
    await expect(rotate(phase, extra)).rejects.toMatchObject({ status: 409, code });
  });

  it.each([
    [{ phase: 'rotate' }],
    [{}],
    [{ phase: 'begin', tenant: 'beta' }],
    [{ phase: 'complete', generation: 0 }],
  ])('refuses the body %j with 400', async (body) => {
    await expect(rotateSigningSecret(env.deps, ALPHA, body)).rejects.toMatchObject({
      status: 400,
      code: 'validation_failed',
    });
  });

  it('lets only one of two concurrent begins write; both answer the same next secret', async () => {
    let concurrent: Promise<SigningSecretView> | undefined;
    env.signingGenerations.beforeSave = async () => {
      concurrent = rotate('begin');
      await concurrent;
    };
    const first = await rotate('begin');
    expect(await concurrent).toEqual(first);
    expect(env.signingGenerations.states.get(ALPHA)).toMatchObject({
      current: 1,
      next: 2,
      issued: 2,
      version: 1,
    });
  });

  it('lets only one of two concurrent completes promote; the other answers 409', async () => {
    await rotate('begin');
    let concurrent: Promise<unknown> | undefined;
    env.signingGenerations.beforeSave = async () => {
      concurrent = rotate('complete');
      await concurrent;
    };
    await expect(rotate('complete')).rejects.toMatchObject({ code: 'signing_rotation_not_started' });
    expect(env.signingGenerations.states.get(ALPHA)).toMatchObject({ current: 2, issued: 2, version: 2 });
    expect(env.signingGenerations.states.get(ALPHA)?.next).toBeUndefined();
  });

  it('gives up with 409 signing_rotation_contended when every write loses', async () => {
    const store = new InMemorySigningGenerations();
    store.save = async () => false;
    await expect(
      rotateSigningSecret({ ...env.deps, signingGenerations: store }, ALPHA, { phase: 'begin' }),
    ).rejects.toMatchObject({ status: 409, code: 'signing_rotation_contended' });
  });

  it('answers 503 with no part of the cause when the master key cannot be read', async () => {
    const leaky = new SyntaxError('Unexpected token s in JSON at position 0: "s3cr3t-master…"');
    const deps = { ...env.deps, signingMasterKey: async () => Promise.reject(leaky) };
    const error = await getSigningSecret(deps, ALPHA).catch((caught: Error) => caught);
    expect(error).toMatchObject({ status: 503, code: 'dependency_unavailable' });
    expect((error as Error).message).not.toMatch(/s3cr3t|position|token/);
  });
});

describe('hostile tenant: signing-secret routes', () => {
  const ledger = hostileTenantLedger('signing-secret routes');
  const context = { awsRequestId: 'req-1' } as Context;
  let env: ReturnType<typeof inMemoryApiDeps>;
  let call: (event: ApiEvent) => Promise<APIGatewayProxyStructuredResultV2>;
  beforeEach(() => {
    env = inMemoryApiDeps();
    const handler = middy<ApiEvent, APIGatewayProxyStructuredResultV2>()
      .use(problemDetails())
      .handler(createApiRouter(env.deps));
    call = (event) => handler(event, context);
  });
  const secretOf = async (principal: string) =>
    JSON.parse(
      (await call(apiEvent('GET /api/signing-secret', { principal }))).body ?? '{}',
    ) as SigningSecretView;
  const rotateAs = (principal: string, body: unknown) =>
    call(apiEvent('POST /api/signing-secret/rotate', { principal, body: JSON.stringify(body) }));

  it('serves each tenant its own secret, never cached by intermediaries', async () => {
    const response = await call(apiEvent('GET /api/signing-secret', { principal: ALPHA }));
    expect(response.statusCode).toBe(200);
    expect(response.headers?.['cache-control']).toBe('no-store');
    const alpha = await secretOf(ALPHA);
    const beta = await secretOf(BETA);
    await ledger.attempt("B reads A's current secret", () => beta.current.secret === alpha.current.secret);
  });

  it("cannot read, begin, complete or cancel another tenant's rotation", async () => {
    const alphaBefore = await secretOf(ALPHA);
    await rotateAs(BETA, { phase: 'begin' });
    const betaRotating = await secretOf(BETA);
    await ledger.attempt(
      "B's begin starts a rotation of A",
      async () => (await secretOf(ALPHA)).next !== undefined,
    );
    await ledger.attempt(
      "B's next secret is A's",
      () => betaRotating.next?.secret === alphaBefore.current.secret,
    );
    await rotateAs(ALPHA, { phase: 'begin' });
    const alphaRotating = await secretOf(ALPHA);
    await ledger.attempt(
      "A's next secret is B's",
      () => alphaRotating.next?.secret === betaRotating.next?.secret,
    );
    await rotateAs(BETA, { phase: 'complete' });
    await ledger.attempt("B's complete promotes A's next", async () => {
      const alpha = await secretOf(ALPHA);
      return alpha.current.generation !== 1 || alpha.next?.generation !== 2;
    });
    await rotateAs(BETA, { phase: 'begin' });
    await rotateAs(BETA, { phase: 'cancel' });
    await ledger.attempt("B's cancel drops A's next", async () => (await secretOf(ALPHA)).next === undefined);
    const named = await rotateAs(BETA, { phase: 'complete', tenant: ALPHA });
    await ledger.attempt('B names A in the rotation body', () => named.statusCode !== 400);
  });

  it('cannot read a secret without being authenticated', async () => {
    const response = await call(apiEvent('GET /api/signing-secret', { principal: null }));
    await ledger.attempt('an anonymous caller reads a secret', () => response.statusCode === 200);
    expect(response.statusCode).toBe(401);
  });

  it('makes a rotation conflict a 409 problem with a stable code', async () => {
    const response = await rotateAs(ALPHA, { phase: 'complete' });
    expect(response.statusCode).toBe(409);
    expect(response.headers?.['content-type']).toBe('application/problem+json');
    expect(JSON.parse(response.body ?? '{}')).toMatchObject({ code: 'signing_rotation_not_started' });
  });
});
