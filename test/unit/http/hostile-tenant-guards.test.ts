import middy from '@middy/core';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { parseInsecureHost } from '../../../lambdas/domain/http-reach.js';
import { createApiRouter } from '../../../lambdas/http/api-router.js';
import { problemDetails } from '../../../lambdas/http/problem-middleware.js';
import type { ApiEvent } from '../../../lambdas/http/request.js';
import { LOCAL_HTTP_TARGET_INSECURE_HOSTS } from '../../../lib/local-development.js';
import { apiEvent } from '../../support/api-events.js';
import { hostileTenantLedger } from '../../support/hostile-tenant.js';
import { inMemoryApiDeps, webhookJob } from '../../support/use-case-deps.js';

// The API in-process, configured as the local stack is (loopback on 32768–60999 only, ports 443 and 80 for
// everyone else, IAM tenants by role), attacked by a tenant that controls its own job definitions and, in
// IAM mode, its own session names. Each create must answer 4xx; each read of the victim's jobs must find none.
const ATTACKER = 'arn:aws:sts::111122223333:assumed-role/team-a/deploy';
const VICTIM = 'arn:aws:sts::111122223333:assumed-role/team-b/deploy';

const context = { awsRequestId: 'req-1' } as Context;
const env = inMemoryApiDeps({
  targetPolicy: {
    insecureHostsAllowed: LOCAL_HTTP_TARGET_INSECURE_HOSTS.map(parseInsecureHost),
    arnAllowlist: [],
    serviceResourcePrefix: 'Scheduler-',
  },
  iamTenantFrom: 'role',
});
const handler = middy<ApiEvent, APIGatewayProxyStructuredResultV2>()
  .use(problemDetails())
  .handler(createApiRouter(env.deps));

/** A request as API Gateway's IAM authorizer passes it, for the caller `userArn`. */
const as = (userArn: string, routeKey: string, options: Parameters<typeof apiEvent>[1] = {}) =>
  handler(apiEvent(routeKey, { ...options, principal: userArn }), context);

/** True when the attacker's create with this target was accepted (the attack got through). */
const createdWith = async (target: Record<string, unknown>) => {
  const answer = await as(ATTACKER, 'POST /api/jobs', { body: JSON.stringify(webhookJob({ target })) });
  return (answer.statusCode ?? 500) < 400;
};
const webhook = (url: string, headers: Record<string, string> = {}) => ({ type: 'http', url, headers });

describe('hostile tenant: job headers, SSRF ranges, ports, IAM session names (in-process)', () => {
  const ledger = hostileTenantLedger('headers, SSRF, ports and IAM sessions');

  it('(control) accepts what the probes vary from: a plain header, a public https host, a receiver port', async () => {
    expect(await createdWith(webhook('https://hooks.example.com/', { 'X-Note': 'fine' }))).toBe(true);
    expect(await createdWith(webhook('https://[2606:4700::1111]/'))).toBe(true);
    expect(await createdWith(webhook('http://127.0.0.1:40000/hook'))).toBe(true);
  });

  it('cannot inject headers with CR, LF, NUL or other control characters', async () => {
    for (const [name, value] of [
      ['CRLF', 'x\r\nX-Scheduler-Tenant: team-b'],
      ['LF', 'x\nHost: internal'],
      ['CR', 'x\rwebhook-signature: v1,forged'],
      ['NUL', 'x\0y'],
      ['ESC', '\x1b]8;;'],
      ['DEL', 'x\x7f'],
      ['request splitting', 'x\r\n\r\nGET /admin HTTP/1.1\r\nHost: 169.254.169.254'],
    ]) {
      await ledger.attempt(`header value with ${name}`, () =>
        createdWith(webhook('https://hooks.example.com/', { 'X-Note': value as string })),
      );
    }
  });

  it('cannot set reserved, signature, hop-by-hop, framing or proxy headers', async () => {
    for (const name of [
      'X-Scheduler-Signature',
      'x-scheduler-timestamp',
      'X-Scheduler-Tenant',
      'webhook-id',
      'Webhook-Timestamp',
      'webhook-signature',
      'Idempotency-Key',
      'Host',
      'Content-Length',
      'Transfer-Encoding',
      'Connection',
      'Keep-Alive',
      'Proxy-Connection',
      'Proxy-Authorization',
      'TE',
      'Trailer',
      'Upgrade',
      'Expect',
      'X-Forwarded-For',
      'Forwarded',
      'X-Amzn-Trace-Id',
    ]) {
      await ledger.attempt(`header ${name}`, () =>
        createdWith(webhook('https://hooks.example.com/', { [name]: '1' })),
      );
    }
    await ledger.attempt('a header given twice in different case', () =>
      createdWith(webhook('https://hooks.example.com/', { 'X-Team': 'a', 'x-team': 'b' })),
    );
  });

  it('cannot target an internal or special-purpose address by literal', async () => {
    for (const host of [
      '127.0.0.1',
      '10.0.0.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '192.0.0.170',
      '192.0.2.1',
      '198.51.100.1',
      '203.0.113.1',
      '198.18.0.1',
      '240.0.0.1',
      '255.255.255.255',
      '[::1]',
      '[fd00:ec2::254]',
      '[fe80::1]',
      '[fec0::1]',
      '[::ffff:169.254.169.254]',
      '[::ffff:0:a9fe:a9fe]',
      '[0:0:0:0:0:ffff:7f00:1]',
      '[64:ff9b::a9fe:a9fe]',
      '[64:ff9b:1::a00:1]',
      '[100::1]',
      '[2001::1]',
      '[2001:0:4136:e378:8000:63bf:3fff:fdd2]',
      '[2001:db8::1]',
      '[3fff::1]',
      '[2002:a9fe:a9fe::1]',
    ]) {
      await ledger.attempt(`https://${host}/`, () => createdWith(webhook(`https://${host}/`)));
    }
  });

  it('cannot reach the emulator (4566) or a Lambda Runtime API (9001) on loopback, nor other ports', async () => {
    for (const url of [
      'http://127.0.0.1:4566/_localstack/health',
      'http://localhost:4566/',
      'http://[::1]:4566/',
      'http://127.0.0.1:9001/2018-06-01/runtime/invocation/next',
      'http://localhost:9001/2018-06-01/runtime/invocation/next',
      'https://127.0.0.1:4566/',
      'http://127.0.0.1/',
      'http://127.0.0.1:61000/',
      'https://hooks.example.com:8443/',
      'https://hooks.example.com:22/',
      'http://localhost.:40000/',
    ]) {
      await ledger.attempt(url, () => createdWith(webhook(url)));
    }
  });

  it('cannot become another tenant by its IAM session name', async () => {
    const victimJob = await as(VICTIM, 'POST /api/jobs', {
      body: JSON.stringify(webhookJob({ name: 'payroll' })),
    });
    expect(victimJob.statusCode).toBe(201);
    const victimJobId = JSON.parse(victimJob.body ?? '{}').id as string;
    // (control) another session of the victim's role is the victim, and finds the job
    const sameRole = await as('arn:aws:sts::111122223333:assumed-role/team-b/other', 'GET /api/jobs/{id}', {
      id: victimJobId,
    });
    expect(sameRole.statusCode).toBe(200);
    for (const spoof of [
      ATTACKER,
      'arn:aws:sts::111122223333:assumed-role/team-a/team-b',
      'arn:aws:sts::111122223333:assumed-role/team-a/arn:aws:iam::111122223333:role/team-b',
      'arn:aws:sts::111122223333:assumed-role/team-a/team-b/deploy',
      'arn:aws:sts::111122223333:federated-user/team-b',
      'arn:aws:iam::111122223333:user/team-b',
    ]) {
      await ledger.attempt(`session ${spoof} lists team-b's jobs`, async () => {
        const answer = await as(spoof, 'GET /api/jobs');
        return (answer.body ?? '').includes(victimJobId);
      });
      await ledger.attempt(`session ${spoof} reads team-b's job`, async () => {
        const answer = await as(spoof, 'GET /api/jobs/{id}', { id: victimJobId });
        return answer.statusCode === 200;
      });
    }
  });
});
