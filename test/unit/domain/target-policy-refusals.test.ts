import { describe, expect, it } from 'vitest';
import { parseInsecureHost } from '../../../lambdas/domain/http-reach.js';
import type { Target } from '../../../lambdas/domain/target.js';
import { checkTarget, checkTargetUrl, type TargetPolicy } from '../../../lambdas/domain/target-policy.js';

// What a tenant reads when a target is refused: the problem's code, its title and each field's path and hint.
const ACCOUNT = '123456789012';
const policy: TargetPolicy = {
  insecureHostsAllowed: [],
  arnAllowlist: [`arn:aws:sqs:*:${ACCOUNT}:orders-*`],
  serviceResourcePrefix: 'Scheduler-',
};
const sqs = (name: string): Target => ({ type: 'sqs', queueArn: `arn:aws:sqs:eu-west-1:${ACCOUNT}:${name}` });
const lambda = (name: string): Target =>
  ({ type: 'lambda', functionArn: `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:${name}` }) as Target;
const bus = (name: string, source = 'billing'): Target =>
  ({
    type: 'eventbridge',
    eventBusArn: `arn:aws:events:eu-west-1:${ACCOUNT}:event-bus/${name}`,
    source,
    detailType: 'Invoice Due',
  }) as Target;
const refusalOf = (target: Target, p: TargetPolicy = policy) => {
  try {
    checkTarget(target, p, 'tenant-a');
  } catch (error) {
    return error;
  }
  return undefined;
};

describe('a refused AWS target, as the tenant reads it', () => {
  it('names the ARN missing from the allowlist and says whom to ask', () => {
    expect(refusalOf(sqs('billing'))).toMatchObject({
      status: 403,
      code: 'target_not_allowed',
      message: `The target arn:aws:sqs:eu-west-1:${ACCOUNT}:billing is not in this deployment's target allowlist.`,
      fields: [{ path: 'target', message: 'Ask the operator to add a matching ARN pattern to the stack.' }],
    });
    expect(refusalOf(sqs('orders-eu'))).toBeUndefined();
  });

  it.each([
    [sqs('Scheduler-Dispatch'), 'target.queueArn', 'its queue'],
    [lambda('Scheduler-Api:live'), 'target.functionArn', 'its function'],
    [bus('Scheduler-Events'), 'target.eventBusArn', 'its event bus'],
  ])('refuses one of the service’s own resources by the field that names it: %o', (target, path, what) => {
    expect(refusalOf(target, { ...policy, arnAllowlist: ['arn:*'] })).toMatchObject({
      status: 403,
      code: 'target_is_the_service',
      message: `The target is one of this service's own resources: ${what}.`,
      fields: [{ path, message: 'Jobs may not target the scheduler itself.' }],
    });
  });

  it('lets a function or bus whose name only contains the prefix through', () => {
    const open = { ...policy, arnAllowlist: ['arn:*'] };
    expect(refusalOf(lambda('orders-Scheduler-x'), open)).toBeUndefined();
    expect(refusalOf(bus('orders-Scheduler-x'), open)).toBeUndefined();
  });

  it('refuses the service’s own event source, saying it is reserved', () => {
    expect(
      refusalOf(bus('orders', 'serverless-scheduler.jobs'), { ...policy, arnAllowlist: ['arn:*'] }),
    ).toMatchObject({
      code: 'target_is_the_service',
      message:
        "The target is one of this service's own resources: the event source serverless-scheduler.jobs is reserved.",
      fields: [{ path: 'target.source', message: 'Jobs may not target the scheduler itself.' }],
    });
  });

  it('refuses every AWS target when no service prefix is configured (nothing can be told apart)', () => {
    expect(refusalOf(sqs('orders-eu'), { ...policy, serviceResourcePrefix: '' })).toMatchObject({
      code: 'target_is_the_service',
    });
  });
});

describe('a refused HTTP target, as the tenant reads it', () => {
  const reach = (...hosts: string[]) => ({ ports: [443, 80], insecureHosts: hosts.map(parseInsecureHost) });
  const problemOf = (url: string, r = reach()) => {
    try {
      checkTargetUrl(url, r);
    } catch (error) {
      return error;
    }
    return undefined;
  };

  it.each([
    'https://user@example.com/hook',
    'https://:secret@example.com/hook',
    'https://user:secret@example.com/',
  ])('refuses credentials in %s, saying where they go instead', (url) => {
    expect(problemOf(url)).toMatchObject({
      code: 'validation_failed',
      message: 'Credentials in the target URL are not accepted.',
      fields: [{ path: 'target.url', message: 'Pass credentials in target.headers instead of the URL.' }],
    });
  });

  it('names a refused port', () => {
    expect(problemOf('https://example.com:8443/')).toMatchObject({
      message: 'The target port is not allowed.',
      fields: [
        { path: 'target.url', message: 'Port 8443 is not allowed: HTTP targets may use port 443, 80.' },
      ],
    });
  });

  it('lists the hosts plain http is allowed for, or none', () => {
    expect(problemOf('http://example.com/')).toMatchObject({
      message: 'The target must use https.',
      fields: [{ path: 'target.url', message: 'Plain http is allowed only for: none.' }],
    });
    expect(problemOf('http://example.com/', reach('localhost', '127.0.0.1:8080'))).toMatchObject({
      fields: [{ path: 'target.url', message: 'Plain http is allowed only for: localhost, 127.0.0.1:8080.' }],
    });
  });

  it('refuses an internal address literal, saying to use a public host', () => {
    expect(problemOf('https://10.0.0.1/')).toMatchObject({
      message: 'The target is an internal address.',
      fields: [
        {
          path: 'target.url',
          message: '10.0.0.1 is loopback, private or otherwise internal: use a public host.',
        },
      ],
    });
  });
});
