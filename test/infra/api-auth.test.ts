import { describe, expect, it } from 'vitest';
import type { CognitoClient } from '../../lib/jobs-identity.js';
import type { SchedulerStackProps } from '../../lib/scheduler-stack.js';
import { functionProperties, synthStack } from '../support/stack-functions.js';

const synth = (props: SchedulerStackProps = {}) => synthStack(props).template;

const apiVariables = (props: SchedulerStackProps = {}) =>
  functionProperties(synthStack(props), 'api').Environment.Variables;

describe('IAM mode: the tenant is the role unless told otherwise', () => {
  it.each([
    [{ mode: 'iam' } as const, 'role'],
    [{ mode: 'iam', tenantFrom: 'role' } as const, 'role'],
    [{ mode: 'iam', tenantFrom: 'session' } as const, 'session'],
  ])('%j gives the API IAM_TENANT_FROM=%s', (auth, tenantFrom) => {
    expect(apiVariables({ auth })).toMatchObject({ IAM_TENANT_FROM: tenantFrom });
  });

  it('passes nothing about IAM in token modes', () => {
    const variables = apiVariables({
      auth: { mode: 'jwt', issuer: 'https://issuer.example', audience: ['jobs'] },
    });
    expect(variables).not.toHaveProperty('IAM_TENANT_FROM');
  });
});

describe('Cognito clients with their own scopes', () => {
  const cognito = (clients: readonly CognitoClient[]) =>
    synth({ auth: { mode: 'cognito', clients, domainPrefix: 'jobs-test' } });

  it('gives a named client read and write, and a read-only client jobs:read alone', () => {
    // GIVEN two read-write tenants and a read-only one
    const template = cognito([
      'alpha',
      { name: 'beta', scopes: ['read', 'write'] },
      { name: 'monitor', scopes: ['read'] },
    ]);
    // THEN each client's AllowedOAuthScopes are its own
    template.resourceCountIs('AWS::Cognito::UserPoolClient', 3);
    const scopesOf = (name: string) =>
      Object.values(
        template.findResources('AWS::Cognito::UserPoolClient', { Properties: { ClientName: name } }),
      ).map((client) => client.Properties.AllowedOAuthScopes);
    const scope = (name: string) => ({ 'Fn::Join': ['', [{ Ref: expect.any(String) }, `/${name}`]] });
    for (const readWrite of ['alpha', 'beta']) {
      expect(scopesOf(readWrite)).toEqual([
        [expect.objectContaining(scope('jobs:read')), expect.objectContaining(scope('jobs:write'))],
      ]);
    }
    expect(scopesOf('monitor')).toEqual([[expect.objectContaining(scope('jobs:read'))]]);
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ClientName: 'monitor',
      AllowedOAuthFlows: ['client_credentials'],
      GenerateSecret: true,
    });
    // AND every client is an audience of the authorizer (a read-only token must still be accepted to read)
    const [authorizer] = Object.values(template.findResources('AWS::ApiGatewayV2::Authorizer'));
    expect(authorizer?.Properties.JwtConfiguration.Audience).toHaveLength(3);
  });

  it.each([
    [[{ name: 'x', scopes: ['write'] }], /scopes must be \['read'\] or \['read', 'write'\]/],
    [[{ name: 'x', scopes: [] }], /scopes must be/],
    [['alpha', { name: 'alpha', scopes: ['read'] }], /names must be unique/],
    [['a-b', 'ab'], /names must be unique/],
  ])('refuses %j at synth', (clients, message) => {
    expect(() => cognito(clients as unknown as CognitoClient[])).toThrow(message);
  });
});
