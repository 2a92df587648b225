import { describe, expect, it } from 'vitest';
import type { ApiAuth } from '../../lib/jobs-api.js';
import { checkTenantAllowlistKeys } from '../../lib/tenant-allowlist-keys.js';

const QUEUES = ['arn:aws:sqs:eu-west-1:111122223333:team-a-*'];
const check = (auth: ApiAuth, key: string) => () => checkTenantAllowlistKeys(auth, { [key]: QUEUES });
const role: ApiAuth = { mode: 'iam' };
const session: ApiAuth = { mode: 'iam', tenantFrom: 'session' };
const cognito: ApiAuth = { mode: 'cognito', clients: ['alpha'], domainPrefix: 'x' };
const jwt: ApiAuth = { mode: 'jwt', issuer: 'https://issuer.example.com', audience: ['jobs'] };

// A per-tenant list under a key the API never names a tenant with would leave that tenant on the shared list.
describe('tenantTargetArnAllowlists keys, checked against the auth mode at synth', () => {
  it.each([
    [role, 'arn:aws:iam::111122223333:role/team-a'],
    [role, 'arn:aws:iam::111122223333:user/deploy'],
    [session, 'arn:aws:sts::111122223333:assumed-role/team-a/ci'],
    [session, 'arn:aws:iam::111122223333:role/team-a'],
    [jwt, 'team-a'],
  ])('accepts a key the API names tenants with (%o, %s)', (auth, key) => {
    expect(check(auth, key)).not.toThrow();
  });

  it.each([
    [role, 'arn:aws:sts::111122223333:assumed-role/team-a/ci', /tenantFrom: role/],
    [role, 'arn:aws:iam::111122223333:role/teams/team-a', /no path/],
    [role, 'team-a', /tenantFrom: role/],
    [session, 'team-a', /tenantFrom: session/],
    [cognito, 'alpha', /app client id/],
  ])('refuses a key that can never match (%o, %s)', (auth, key, reason) => {
    expect(check(auth, key)).toThrow(reason);
  });

  it('accepts no lists in any mode', () => {
    expect(() => checkTenantAllowlistKeys(cognito, {})).not.toThrow();
  });
});
