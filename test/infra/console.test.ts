import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { buildConsole } from '../../lib/console-bundling.js';
import { CONSOLE_ROUTES } from '../../lib/jobs-console.js';
import { SchedulerStack } from '../../lib/scheduler-stack.js';

const env = { account: '111122223333', region: 'eu-west-1' };
const CONSOLE = 'The web console (static files, token exchange)';
const cognito = { mode: 'cognito', clients: ['alpha', 'beta'], domainPrefix: 'jobs-test' } as const;
const CONSOLE_KEYS = CONSOLE_ROUTES.map(([path, method]) => `${method} ${path}`).sort();

function synth(props: ConstructorParameters<typeof SchedulerStack>[2] = {}) {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  return Template.fromStack(new SchedulerStack(app, 'Scheduler', { env, ...props }));
}

const routesOf = (template: Template) =>
  Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((route) => route.Properties);
const consoleFunction = (template: Template) =>
  Object.entries(template.findResources('AWS::Lambda::Function', { Properties: { Description: CONSOLE } }));

describe('the web console on the stack', () => {
  it('in Cognito mode: only its three routes go without the authorizer, to a function that can read no data', () => {
    // GIVEN a stack with Cognito clients
    const template = synth({ auth: cognito });
    // THEN the console's routes are public and every other route keeps the JWT authorizer
    const routes = routesOf(template);
    const open = routes.filter((route) => route.AuthorizationType === 'NONE');
    expect(open.map((route) => route.RouteKey).sort()).toEqual(CONSOLE_KEYS);
    for (const route of routes.filter((r) => !CONSOLE_KEYS.includes(r.RouteKey)))
      expect(route.AuthorizationType).toBe('JWT');
    // AND the console's function exchanges tokens at the pool's endpoint
    const [[logicalId, fn] = ['', undefined]] = consoleFunction(template);
    const variables = fn?.Properties.Environment.Variables;
    expect(variables.CONSOLE_SIGN_IN).toBe('client-credentials');
    expect(JSON.stringify(variables.CONSOLE_TOKEN_URL)).toContain('.amazoncognito.com/oauth2/token');
    // AND its role may write its own logs and nothing else (no table, queue, secret or schedule)
    const roleRef = fn?.Properties.Role['Fn::GetAtt'][0];
    const policies = Object.values(
      template.findResources('AWS::IAM::Policy', {
        Properties: { Roles: Match.arrayWith([{ Ref: roleRef }]) },
      }),
    );
    const actions = policies.flatMap((p) =>
      p.Properties.PolicyDocument.Statement.flatMap((s: { Action: string | string[] }) => [s.Action].flat()),
    );
    expect(actions.every((action: string) => action.startsWith('logs:'))).toBe(true);
    expect(logicalId).not.toBe('');
  });

  it('in JWT mode (own issuer) offers a pasted token; in IAM mode, or when switched off, there is none', () => {
    const jwt = synth({ auth: { mode: 'jwt', issuer: 'https://issuer.example.com', audience: ['jobs'] } });
    const [[, fn] = ['', undefined]] = consoleFunction(jwt);
    expect(fn?.Properties.Environment.Variables.CONSOLE_SIGN_IN).toBe('token');
    expect(fn?.Properties.Environment.Variables).not.toHaveProperty('CONSOLE_TOKEN_URL');

    for (const template of [synth(), synth({ auth: cognito, console: { enabled: false } })]) {
      expect(consoleFunction(template)).toEqual([]);
      expect(routesOf(template).some((route) => route.AuthorizationType === 'NONE')).toBe(false);
    }
  });

  it('passes cdk-nag in Cognito mode, the public routes acknowledged with a reason', () => {
    const app = new App();
    new SchedulerStack(app, 'Scheduler', { env, auth: cognito });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    expect(() => app.synth()).not.toThrow();
  });

  it('bundles the browser code small, with nothing fetched from elsewhere (size printed)', () => {
    const out = mkdtempSync(join(tmpdir(), 'console-'));
    try {
      const { javascriptBytes, javascriptGzipBytes } = buildConsole(out);
      console.log(
        `console bundle: ${(javascriptBytes / 1024).toFixed(1)} KiB minified, ${(javascriptGzipBytes / 1024).toFixed(1)} KiB gzipped (budget 150 KB gzipped)`,
      );
      expect(javascriptGzipBytes).toBeLessThanOrEqual(150 * 1024);
      const page = readFileSync(join(out, 'index.html'), 'utf8');
      const css = readFileSync(join(out, 'console.css'), 'utf8');
      // Only relative references: no CDN, no font service.
      expect(page.match(/(?:src|href)="([^"#]+)"/g)).toEqual([
        'href="console/assets/console.css"',
        'src="console/assets/console.js"',
      ]);
      expect(css).not.toMatch(/@import|@font-face|url\(/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
