import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import {
  type ConsoleSiteDeps,
  createConsoleSite,
  type TokenExchange,
} from '../../../lambdas/http/console-site.js';

const event = (method: string, rawPath: string, options: Partial<APIGatewayProxyEventV2> = {}) =>
  ({
    rawPath,
    headers: {},
    isBase64Encoded: false,
    requestContext: { http: { method } },
    ...options,
  }) as unknown as APIGatewayProxyEventV2;

const basic = `Basic ${Buffer.from('client:secret').toString('base64')}`;

function site(overrides: Partial<ConsoleSiteDeps> = {}) {
  const exchanged: { authorization: string; form: string }[] = [];
  const exchangeToken: TokenExchange = async (authorization, form) => {
    exchanged.push({ authorization, form });
    return { status: 200, body: '{"access_token":"t","expires_in":3600}' };
  };
  const serve = createConsoleSite({
    page: '<!doctype html><title>console</title>',
    assets: { 'console.js': 'export {}', 'console.css': 'body{}' },
    exchangeToken,
    ...overrides,
  });
  return { serve, exchanged };
}

describe('the console site', () => {
  it('serves the page at /console with a same-origin-only content security policy', async () => {
    const answer = await site().serve(event('GET', '/console'));
    expect(answer.statusCode).toBe(200);
    expect(answer.headers?.['content-type']).toBe('text/html; charset=utf-8');
    expect(answer.body).toContain('<title>console</title>');
    const csp = String(answer.headers?.['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(answer.headers?.['x-content-type-options']).toBe('nosniff');
  });

  it('serves its files with their types, under the local stack’s stage path too', async () => {
    const { serve } = site();
    const script = await serve(event('GET', '/console/assets/console.js'));
    expect(script).toMatchObject({ statusCode: 200, body: 'export {}' });
    expect(script.headers?.['content-type']).toBe('text/javascript; charset=utf-8');
    const style = await serve(event('GET', '/_aws/execute-api/abc/$default/console/assets/console.css'));
    expect(style).toMatchObject({ statusCode: 200, body: 'body{}' });
    expect(style.headers?.['content-type']).toBe('text/css; charset=utf-8');
  });

  it.each([
    '/console/assets/missing.js',
    '/console/assets/../handler.mjs',
    '/console/assets/%2e%2e%2fhandler.mjs',
    '/console/assets/console.js.map',
    '/console/other',
  ])('answers 404 problem+json for %s', async (path) => {
    const answer = await site().serve(event('GET', path));
    expect(answer.statusCode).toBe(404);
    expect(answer.headers?.['content-type']).toBe('application/problem+json');
  });

  it('passes a client-credentials request on with its Basic credentials, and nothing else of the form', async () => {
    const { serve, exchanged } = site();
    const answer = await serve(
      event('POST', '/console/token', {
        headers: { authorization: basic },
        body: 'grant_type=client_credentials&scope=scheduler%2Fjobs%3Aread&redirect_uri=https%3A%2F%2Fevil.example',
      }),
    );
    expect(answer).toMatchObject({ statusCode: 200, body: '{"access_token":"t","expires_in":3600}' });
    expect(answer.headers?.['cache-control']).toBe('no-store');
    expect(exchanged).toEqual([
      { authorization: basic, form: 'grant_type=client_credentials&scope=scheduler%2Fjobs%3Aread' },
    ]);
  });

  it('reads a base64-encoded form', async () => {
    const { serve, exchanged } = site();
    const body = Buffer.from('grant_type=client_credentials').toString('base64');
    await serve(
      event('POST', '/console/token', { headers: { authorization: basic }, body, isBase64Encoded: true }),
    );
    expect(exchanged).toHaveLength(1);
  });

  it.each([
    ['no credentials', {}, 'grant_type=client_credentials', 401, 'unauthenticated'],
    [
      'another grant',
      { authorization: basic },
      'grant_type=password&username=a',
      400,
      'unsupported_grant_type',
    ],
    ['no form', { authorization: basic }, '', 400, 'unsupported_grant_type'],
    [
      'a huge form',
      { authorization: basic },
      `grant_type=client_credentials&x=${'a'.repeat(3000)}`,
      400,
      'malformed_request',
    ],
  ])('refuses %s without calling the identity provider', async (_, headers, body, status, code) => {
    const { serve, exchanged } = site();
    const answer = await serve(event('POST', '/console/token', { headers, body }));
    expect(answer.statusCode).toBe(status);
    expect(JSON.parse(String(answer.body)).code).toBe(code);
    expect(exchanged).toEqual([]);
  });

  it('says so when the identity provider fails or there is none, never a 5xx of its own', async () => {
    const down = site({
      exchangeToken: async () => {
        throw new Error('ECONNREFUSED');
      },
    });
    const failed = await down.serve(
      event('POST', '/console/token', {
        headers: { authorization: basic },
        body: 'grant_type=client_credentials',
      }),
    );
    expect(failed.statusCode).toBe(502);
    expect(JSON.parse(String(failed.body)).code).toBe('token_endpoint_unreachable');

    const refused = site({
      exchangeToken: async () => ({ status: 400, body: '{"error":"invalid_client"}' }),
    });
    const answer = await refused.serve(
      event('POST', '/console/token', {
        headers: { authorization: basic },
        body: 'grant_type=client_credentials',
      }),
    );
    expect(answer).toMatchObject({ statusCode: 400, body: '{"error":"invalid_client"}' });

    const none = createConsoleSite({ page: '', assets: {} });
    const missing = await none(
      event('POST', '/console/token', {
        headers: { authorization: basic },
        body: 'grant_type=client_credentials',
      }),
    );
    expect(missing.statusCode).toBe(404);
  });
});
