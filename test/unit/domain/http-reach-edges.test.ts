import { describe, expect, it } from 'vitest';
import {
  type HttpReach,
  insecureAllowed,
  parseInsecureHost,
  portOf,
  portRefusal,
} from '../../../lambdas/domain/http-reach.js';
import { checkTargetUrl } from '../../../lambdas/domain/target-policy.js';

const reach = (...entries: string[]): HttpReach => ({
  ports: [443, 80],
  insecureHosts: entries.map(parseInsecureHost),
});

describe('insecure hosts and ports at their edges', () => {
  it('tells an operator who wrote a bare IPv6 address, spaces and all, to bracket it', () => {
    expect(() => parseInsecureHost('  ::1:8080  ')).toThrow('put the IPv6 address in brackets ([::1:8080])');
  });

  it.each(['localhost:0-80', 'localhost:80-70000', 'localhost:0', 'localhost:9000-8000'])(
    'refuses the port range of %s',
    (entry) => {
      expect(() => parseInsecureHost(entry)).toThrow(/invalid port range/);
    },
  );

  it('reads an empty or a port-only host as no host', () => {
    expect(() => parseInsecureHost('[]')).toThrow(/names no valid host/);
    expect(() => parseInsecureHost('8080')).toThrow(/names no valid host/);
  });

  it('takes a URL without a port on its scheme’s port', () => {
    expect(portOf(new URL('http://example.com/hook'))).toBe(80);
    expect(portOf(new URL('https://example.com/hook'))).toBe(443);
    expect(portOf(new URL('http://example.com:8080/hook'))).toBe(8080);
  });

  it('lets a host listed twice be called on the ports of either entry, and names them all otherwise', () => {
    const twice = reach('localhost:8080', 'localhost:9000-9001');
    expect(portRefusal(twice, 'localhost', 8080)).toBeUndefined();
    expect(portRefusal(twice, 'localhost', 9001)).toBeUndefined();
    expect(portRefusal(twice, 'localhost', 7070)).toBe(
      'localhost may be called on port 8080, 9000-9001 only, not 7070',
    );
  });

  it('lets only the listed host use plain http, not another host on the same port', () => {
    const local = reach('localhost:32768-60999');
    expect(insecureAllowed(local, 'localhost', 40000)).toBe(true);
    expect(insecureAllowed(local, 'example.com', 40000)).toBe(false);
    expect(() => checkTargetUrl('http://example.com/hook', reach('localhost'))).toThrow(
      'The target must use https.',
    );
    expect(() => checkTargetUrl('http://localhost/hook', reach('localhost'))).not.toThrow();
  });
});
