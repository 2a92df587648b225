import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import type { CognitoClient } from '../../lib/jobs-identity.js';
import { SchedulerStack } from '../../lib/scheduler-stack.js';

const env = { account: '111122223333', region: 'eu-west-1' };
const API = 'The jobs API';

function synth(props: ConstructorParameters<typeof SchedulerStack>[2] = {}) {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  return Template.fromStack(new SchedulerStack(app, 'Scheduler', { env, ...props }));
}

const apiVariables = (template: Template): Record<string, unknown> => {
  const [fn] = Object.values(
    template.findResources('AWS::Lambda::Function', { Properties: { Description: API } }),
  );
  return fn?.Properties.Environment.Variables;
};

describe('IAM mode: the tenant is the role unless told otherwise', () => {
  it.each([
    [{ mode: 'iam' } as const, 'role'],
    [{ mode: 'iam', tenantFrom: 'role' } as const, 'role'],
    [{ mode: 'iam', tenantFrom: 'session' } as const, 'session'],
  ])('%j gives the API IAM_TENANT_FROM=%s', (auth, tenantFrom) => {
    expect(apiVariables(synth({ auth }))).toMatchObject({ IAM_TENANT_FROM: tenantFrom });
  });

  it('passes nothing about IAM in token modes', () => {
    const template = synth({ auth: { mode: 'jwt', issuer: 'https://issuer.example', audience: ['jobs'] } });
    expect(apiVariables(template)).not.toHaveProperty('IAM_TENANT_FROM');
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
