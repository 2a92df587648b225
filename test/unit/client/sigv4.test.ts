import { afterEach, describe, expect, it, vi } from 'vitest';
import { iam, signRequest } from '../../../client/src/index.js';

// The AWS SigV4 test suite (aws-sig-v4-test-suite): its credentials, date, region and service.
const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};
const suite = {
  region: 'us-east-1',
  service: 'service',
  credentials,
  signingDate: new Date('2015-08-30T12:36:00Z'),
};
const scope = 'Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date';

describe('SigV4 signing', () => {
  it.each([
    [
      'get-vanilla',
      'GET',
      'https://example.amazonaws.com/',
      '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
    ],
    [
      'get-vanilla-query-order-key-case',
      'GET',
      'https://example.amazonaws.com/?Param2=value2&Param1=value1',
      'b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500',
    ],
    [
      'post-vanilla',
      'POST',
      'https://example.amazonaws.com/',
      '5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b',
    ],
  ])('reproduces the test suite vector %s', async (_name, method, url, signature) => {
    const headers = await signRequest({ method, url: new URL(url), headers: {} }, suite);

    expect(headers['x-amz-date']).toBe('20150830T123600Z');
    expect(headers.authorization).toBe(`AWS4-HMAC-SHA256 ${scope}, Signature=${signature}`);
  });

  it('covers the body, so a changed body changes the signature', async () => {
    const sign = (body: string) =>
      signRequest(
        { method: 'POST', url: new URL('https://example.amazonaws.com/'), headers: {}, body },
        suite,
      );

    expect((await sign('{"a":1}')).authorization).not.toBe((await sign('{"a":2}')).authorization);
  });

  it('signs for execute-api in the region the API URL names, with the session token', async () => {
    const auth = iam({ credentials: { ...credentials, sessionToken: 'session-token' } });
    const url = new URL('https://abc123.execute-api.eu-west-1.amazonaws.com/api/jobs');

    const headers = await auth.headers({ method: 'GET', url, headers: {} });

    expect(headers.authorization).toMatch(
      /Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/execute-api\/aws4_request/,
    );
    expect(headers['x-amz-security-token']).toBe('session-token');
  });
});

describe('IAM auth without credentials passed', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('signs with the default AWS credential chain (here: the environment), loaded on first use', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDFROMCHAIN');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'secret-from-chain');
    vi.stubEnv('AWS_SESSION_TOKEN', '');
    const url = new URL('https://abc123.execute-api.us-west-2.amazonaws.com/api/jobs');

    const headers = await iam().headers({ method: 'GET', url, headers: {} });

    expect(headers.authorization).toMatch(
      /Credential=AKIDFROMCHAIN\/\d{8}\/us-west-2\/execute-api\/aws4_request/,
    );
  });
});
