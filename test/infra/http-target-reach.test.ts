import { describe, expect, it } from 'vitest';
import { functionProperties, synthStack } from '../support/stack-functions.js';

const synth = synthStack;

describe('HTTP target reach: the port policy and the insecure hosts by host and port', () => {
  it('gives the API (checked at create) and the executor (checked at call time) the same reach', () => {
    // GIVEN the defaults, and a local-style configuration
    const defaults = synth();
    const local = synth({
      httpTargetPorts: [443, 8443],
      httpTargetInsecureHosts: ['127.0.0.1:32768-60999', '[::1]:32768-60999', 'intranet.example'],
    });
    // THEN both functions carry them
    for (const name of ['api', 'executor'] as const) {
      expect(functionProperties(defaults, name).Environment.Variables).toMatchObject({
        HTTP_TARGET_PORTS: '443,80',
        HTTP_TARGET_INSECURE_HOSTS: '',
      });
      expect(functionProperties(local, name).Environment.Variables).toMatchObject({
        HTTP_TARGET_PORTS: '443,8443',
        HTTP_TARGET_INSECURE_HOSTS: '127.0.0.1:32768-60999,[::1]:32768-60999,intranet.example',
      });
    }
  });

  it.each([
    [
      { httpTargetInsecureHosts: ['::1'] },
      "httpTargetInsecureHosts: '::1' is not an insecure-host entry: put the IPv6 address in brackets ([::1]).",
    ],
    [
      { httpTargetInsecureHosts: ['127.0.0.1:60999-32768'] },
      /'127\.0\.0\.1:60999-32768' has an invalid port range/,
    ],
    [{ httpTargetInsecureHosts: ['127.0.0.1:http'] }, /expected host, host:port or host:low-high/],
    [{ httpTargetInsecureHosts: ['a,b'] }, /holds a comma/],
    [{ httpTargetPorts: [] }, 'httpTargetPorts must list ports from 1 to 65535, not [].'],
    [{ httpTargetPorts: [443, 70000] }, /not \[443, 70000\]/],
  ])('fails the deployment on a malformed setting %j', (props, message) => {
    expect(() => synth(props)).toThrow(message);
  });
});
