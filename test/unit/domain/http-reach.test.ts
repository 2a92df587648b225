import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../lambdas/domain/errors.js';
import {
  formatInsecureHost,
  type HttpReach,
  parseInsecureHost,
  portRefusal,
} from '../../../lambdas/domain/http-reach.js';
import { checkTargetUrl } from '../../../lambdas/domain/target-policy.js';

describe('parseInsecureHost', () => {
  it.each([
    ['localhost', { host: 'localhost' }],
    ['LocalHost', { host: 'localhost' }],
    ['hooks.internal.example', { host: 'hooks.internal.example' }],
    ['127.0.0.1:8080', { host: '127.0.0.1', ports: { low: 8080, high: 8080 } }],
    ['127.0.0.1:32768-60999', { host: '127.0.0.1', ports: { low: 32768, high: 60999 } }],
    [' 127.0.0.1:1-65535 ', { host: '127.0.0.1', ports: { low: 1, high: 65535 } }],
    ['[::1]', { host: '::1' }],
    ['[::1]:32768-60999', { host: '::1', ports: { low: 32768, high: 60999 } }],
    ['[0:0:0:0:0:0:0:1]:9000', { host: '::1', ports: { low: 9000, high: 9000 } }],
    ['[FD00:EC2::254]', { host: 'fd00:ec2::254' }],
  ])('reads %j', (entry, expected) => {
    expect(parseInsecureHost(entry)).toEqual(expected);
  });

  it.each([
    ['::1', /put the IPv6 address in brackets \(\[::1\]\)/],
    ['', /expected host, host:port or host:low-high/],
    ['127.0.0.1:', /expected host/],
    ['127.0.0.1:80-', /expected host/],
    ['127.0.0.1:abc', /expected host/],
    ['127.0.0.1:0', /invalid port range/],
    ['127.0.0.1:65536', /invalid port range/],
    ['127.0.0.1:9000-8000', /invalid port range/],
    ['[::1', /expected host/],
    ['[not-v6]:80', /names no valid host/],
    ['8080', /names no valid host/],
    ['user@host', /names no valid host/],
    ['host/path', /names no valid host/],
    ['ex ample.com', /names no valid host/],
  ])('refuses %j, saying what is expected', (entry, message) => {
    expect(() => parseInsecureHost(entry)).toThrow(message);
  });

  it.each(['localhost', '127.0.0.1:8080', '127.0.0.1:32768-60999', '[::1]:32768-60999'])(
    'writes %s back as given',
    (entry) => {
      expect(formatInsecureHost(parseInsecureHost(entry))).toBe(entry);
    },
  );
});

describe('the port policy', () => {
  const reach: HttpReach = {
    ports: [443, 80],
    insecureHosts: ['127.0.0.1:32768-60999', '[::1]:32768-60999', 'intranet.example'].map(parseInsecureHost),
  };

  it.each([
    ['https://hooks.example.com/', undefined],
    ['http://hooks.example.com:80/', undefined],
    ['https://hooks.example.com:443/', undefined],
    ['https://hooks.example.com:8443/', /port 8443 is not allowed: HTTP targets may use port 443, 80/],
    ['https://hooks.example.com:22/', /port 22 is not allowed/],
    ['http://127.0.0.1:32768/', undefined],
    ['http://127.0.0.1:60999/', undefined],
    ['http://127.0.0.1:4566/', /127\.0\.0\.1 may be called on port 32768-60999 only, not 4566/],
    ['http://127.0.0.1:9001/', /not 9001/],
    ['https://127.0.0.1/', /not 443/],
    ['http://127.0.0.1:61000/', /not 61000/],
    ['http://[::1]:40000/', undefined],
    ['http://[::1]:4566/', /::1 may be called on port 32768-60999 only/],
    // A listed host without ports keeps the port policy's ports.
    ['http://intranet.example/', undefined],
    ['http://intranet.example:8080/', /intranet\.example may be called on port 443, 80 only, not 8080/],
  ])('%s → %s', (url, refusal) => {
    const parsed = new URL(url);
    const host = parsed.hostname.replace(/^\[|\]$/g, '');
    const port = Number(parsed.port || (parsed.protocol === 'https:' ? 443 : 80));
    const answer = portRefusal(reach, host, port);
    if (refusal) expect(answer).toMatch(refusal);
    else expect(answer).toBeUndefined();
  });
});

describe('checkTargetUrl with ports and insecure hosts', () => {
  const reach: HttpReach = { ports: [443, 80], insecureHosts: [parseInsecureHost('127.0.0.1:32768-60999')] };

  /** The field problem a create with this URL answers, or undefined when it is accepted. */
  const problem = (url: string, policy = reach) => {
    try {
      checkTargetUrl(url, policy);
      return undefined;
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      return (error as ValidationError).fields[0];
    }
  };

  it.each([
    ['https://hooks.example.com:8443/x', 'Port 8443 is not allowed: HTTP targets may use port 443, 80.'],
    ['http://127.0.0.1:4566/', '127.0.0.1 may be called on port 32768-60999 only, not 4566.'],
    [
      'http://127.0.0.1:9001/2018-06-01/runtime/invocation/next',
      '127.0.0.1 may be called on port 32768-60999 only, not 9001.',
    ],
    ['http://hooks.example.com/x', 'Plain http is allowed only for: 127.0.0.1:32768-60999.'],
    [
      'https://169.254.169.254/latest/meta-data/',
      '169.254.169.254 is loopback, private or otherwise internal: use a public host.',
    ],
    [
      'https://[::ffff:a9fe:a9fe]/',
      '::ffff:a9fe:a9fe is loopback, private or otherwise internal: use a public host.',
    ],
    ['https://10.0.0.1/', '10.0.0.1 is loopback, private or otherwise internal: use a public host.'],
  ])('refuses %s at target.url: %s', (url, message) => {
    expect(problem(url)).toEqual({ path: 'target.url', message });
  });

  it('honours another port policy', () => {
    const policy = { ports: [8443], insecureHosts: [] };
    expect(problem('https://hooks.example.com:8443/x', policy)).toBeUndefined();
    expect(problem('https://hooks.example.com/x', policy)?.message).toBe(
      'Port 443 is not allowed: HTTP targets may use port 8443.',
    );
  });

  it('accepts a listed loopback host on its ports, over plain http', () => {
    expect(problem('http://127.0.0.1:45678/hook')).toBeUndefined();
  });
});
