import middy from '@middy/core';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createApiRouter } from '../../../lambdas/http/api-router.js';
import { type IamTenantFrom, iamTenant, PrincipalNotATenantError } from '../../../lambdas/http/iam-tenant.js';
import { problemDetails } from '../../../lambdas/http/problem-middleware.js';
import { type ApiEvent, tenantOf } from '../../../lambdas/http/request.js';
import { apiEvent } from '../../support/api-events.js';
import { inMemoryApiDeps, webhookJob } from '../../support/use-case-deps.js';

/** API Gateway's IAM authorizer context for one caller, as an HTTP API (payload 2.0) event carries it. */
const iamEvent = (userArn: string, routeKey = 'GET /api/jobs'): ApiEvent => {
  const event = apiEvent(routeKey);
  return {
    ...event,
    requestContext: {
      ...event.requestContext,
      authorizer: { iam: { userArn, accountId: '111122223333', callerId: userArn.split('/').pop() ?? '' } },
    },
  };
};

const USER = 'arn:aws:iam::111122223333:user/alice';
const USER_WITH_PATH = 'arn:aws:iam::111122223333:user/teams/payments/alice';
const ROOT = 'arn:aws:iam::111122223333:root';
const SESSION_A = 'arn:aws:sts::111122223333:assumed-role/payments-scheduler/ci-run-1';
const SESSION_B = 'arn:aws:sts::111122223333:assumed-role/payments-scheduler/alice@example.com';
const OTHER_ROLE_SESSION = 'arn:aws:sts::111122223333:assumed-role/billing-scheduler/ci-run-1';
const ROLE = 'arn:aws:iam::111122223333:role/payments-scheduler';
const FEDERATED = 'arn:aws:sts::111122223333:federated-user/payments';

describe('iamTenant', () => {
  it.each<[string, string, IamTenantFrom, string]>([
    ['an IAM user', USER, 'role', USER],
    ['an IAM user with a path', USER_WITH_PATH, 'role', USER_WITH_PATH],
    ['the account root', ROOT, 'role', ROOT],
    ['an assumed-role session', SESSION_A, 'role', ROLE],
    ['another session of the same role', SESSION_B, 'role', ROLE],
    [
      'a session of another role',
      OTHER_ROLE_SESSION,
      'role',
      'arn:aws:iam::111122223333:role/billing-scheduler',
    ],
    [
      'an SSO session',
      'arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Admin_0123/bob@example.com',
      'role',
      'arn:aws:iam::111122223333:role/AWSReservedSSO_Admin_0123',
    ],
    [
      'a session in AWS China',
      'arn:aws-cn:sts::111122223333:assumed-role/r/s',
      'role',
      'arn:aws-cn:iam::111122223333:role/r',
    ],
    [
      'a session in GovCloud',
      'arn:aws-us-gov:sts::111122223333:assumed-role/r/s',
      'role',
      'arn:aws-us-gov:iam::111122223333:role/r',
    ],
    ['a session, by session', SESSION_A, 'session', SESSION_A],
    ['a user, by session', USER, 'session', USER],
    ['a federated user, by session', FEDERATED, 'session', FEDERATED],
  ])('%s: %s → %s', (_case, arn, from, tenant) => {
    expect(iamTenant(arn, from)).toBe(tenant);
  });

  it.each([
    ['a federated-user session, which names itself', FEDERATED],
    ['an assumed role without a session', 'arn:aws:sts::111122223333:assumed-role/payments-scheduler'],
    ['an assumed role without a name', 'arn:aws:sts::111122223333:assumed-role//s'],
    ['something else', 'anonymous'],
  ])('refuses %s under role with 403 principal_not_a_tenant', (_case, arn) => {
    expect(() => iamTenant(arn, 'role')).toThrow(PrincipalNotATenantError);
    expect(() => iamTenant(arn, 'role')).toThrow(
      expect.objectContaining({ status: 403, code: 'principal_not_a_tenant' }),
    );
  });

  it('is what tenantOf answers for IAM events, role by default', () => {
    expect(tenantOf(iamEvent(SESSION_A))).toBe(ROLE);
    expect(tenantOf(iamEvent(SESSION_A), 'session')).toBe(SESSION_A);
  });
});

describe('IAM tenancy through the API', () => {
  const context = { awsRequestId: 'req-1' } as Context;
  const api = (iamTenantFrom?: IamTenantFrom) => {
    const env = inMemoryApiDeps(iamTenantFrom ? { iamTenantFrom } : {});
    const handler = middy<ApiEvent, APIGatewayProxyStructuredResultV2>()
      .use(problemDetails())
      .handler(createApiRouter(env.deps));
    return async (event: ApiEvent) => {
      const response = await handler(event, context);
      return { status: response.statusCode, body: JSON.parse(response.body ?? '{}') };
    };
  };
  const createAs = (arn: string) => {
    const event = iamEvent(arn, 'POST /api/jobs');
    return { ...event, body: JSON.stringify(webhookJob({ name: 'nightly' })) };
  };

  it('by role (the default): every session of a role is one tenant, other roles see nothing', async () => {
    const call = api();
    const created = await call(createAs(SESSION_A));
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await call(iamEvent(SESSION_B))).body.items.map((job: { id: string }) => job.id)).toEqual([id]);
    expect((await call(iamEvent(OTHER_ROLE_SESSION))).body.items).toEqual([]);
  });

  it('by session: each session is its own tenant', async () => {
    const call = api('session');
    expect((await call(createAs(SESSION_A))).status).toBe(201);
    expect((await call(iamEvent(SESSION_A))).body.items).toHaveLength(1);
    expect((await call(iamEvent(SESSION_B))).body.items).toEqual([]);
  });

  it('refuses a federated-user session by role with a 403 problem', async () => {
    const answer = await api()(iamEvent(FEDERATED));
    expect(answer).toMatchObject({ status: 403, body: { code: 'principal_not_a_tenant' } });
  });
});
