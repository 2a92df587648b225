import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../lambdas/domain/errors.js';
import { headerProblems } from '../../../lambdas/domain/http-headers.js';
import { JobSpecSchema } from '../../../lambdas/domain/job.js';
import { parseWith } from '../../../lambdas/domain/validation.js';

const jobWithHeaders = (headers: Record<string, string>) => ({
  name: 'h',
  schedule: { expression: 'rate(5 minutes)' },
  target: { type: 'http', url: 'https://example.com/hook', headers },
});

/** The 400 a create with these headers answers: its code and the problems by path. */
function refusal(headers: Record<string, string>) {
  try {
    parseWith(JobSpecSchema, jobWithHeaders(headers), 'job');
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return { status: error.status, code: error.code, fields: error.fields };
  }
  return undefined;
}

describe('header values (RFC 9110 field-value, ASCII only)', () => {
  it.each([
    ['CRLF injection', 'a\r\nX-Injected: 1', /line break/],
    ['a bare LF', 'a\nb', /line break/],
    ['a bare CR', 'a\rb', /line break/],
    ['NUL', 'a\0b', /control character/],
    ['a backspace', 'a\bb', /control character/],
    ['DEL', 'a\x7fb', /control character/],
    ['ESC', '\x1b[31m', /control character/],
    ['obs-text (Latin-1)', 'café', /non-ASCII.*percent-encode/],
    ['a character above U+00FF', 'τ', /non-ASCII/],
    ['an emoji', 'ok 👍', /non-ASCII/],
    ['leading whitespace', ' token', /whitespace: trim/],
    ['trailing whitespace', 'token ', /whitespace: trim/],
    ['a trailing tab', 'token\t', /whitespace: trim/],
    ['only a space', ' ', /whitespace/],
  ])('refuses %s with 400 validation_failed at target.headers.<name>', (_case, value, message) => {
    expect(refusal({ 'X-Custom': value })).toEqual({
      status: 400,
      code: 'validation_failed',
      fields: [{ path: 'target.headers.X-Custom', message: expect.stringMatching(message) }],
    });
  });

  it.each([
    ['a bearer token', 'Bearer abc.def-ghi_jkl'],
    ['inner spaces and tabs', 'a b\tc'],
    [
      'every visible ASCII character',
      Array.from({ length: 94 }, (_, i) => String.fromCharCode(33 + i)).join(''),
    ],
    ['an empty value', ''],
    ['a one-character value', 'x'],
  ])('accepts %s', (_case, value) => {
    expect(refusal({ 'X-Custom': value })).toBeUndefined();
  });
});

describe('header names', () => {
  it.each([
    // Hop-by-hop and framing headers: the service's HTTP client owns them.
    ['Connection', /hop-by-hop/],
    ['keep-alive', /hop-by-hop/],
    ['Proxy-Connection', /hop-by-hop/],
    ['proxy-authenticate', /hop-by-hop/],
    ['Proxy-Authorization', /hop-by-hop/],
    ['TE', /hop-by-hop/],
    ['trailer', /hop-by-hop/],
    ['Upgrade', /hop-by-hop/],
    ['HTTP2-Settings', /hop-by-hop/],
    ['Transfer-Encoding', /framing/],
    ['Content-Length', /framing/],
    ['Expect', /100-continue/],
    ['Host', /target\.url/],
    ['Idempotency-Key', /run’s own key/],
    // Reserved prefixes: the service's own headers and the Standard Webhooks signature.
    ['X-Scheduler-Signature', /reserved: the scheduler/],
    ['x-scheduler-timestamp', /reserved: the scheduler/],
    ['x-scheduler-tenant', /reserved: the scheduler/],
    ['webhook-id', /reserved: webhook-id/],
    ['Webhook-Timestamp', /reserved: webhook-id/],
    ['webhook-signature', /reserved: webhook-id/],
    ['x-amzn-trace-id', /reserved: AWS/],
    // The network path is for proxies to state.
    ['X-Forwarded-For', /proxies/],
    ['x-forwarded-host', /proxies/],
    ['Forwarded', /proxies/],
    ['Via', /proxies/],
    ['X-Real-IP', /proxies/],
  ])('refuses %s, saying why and to remove it', (name, why) => {
    const result = refusal({ [name]: 'x' });
    expect(result?.code).toBe('validation_failed');
    expect(result?.fields).toEqual([{ path: `target.headers.${name}`, message: expect.stringMatching(why) }]);
    expect(result?.fields[0]?.message).toMatch(/Remove it from target\.headers\.$/);
  });

  it.each(['a b', 'x:y', 'ümlaut', '', 'a'.repeat(129), '(paren)', 'semi;colon'])(
    'refuses the non-token name %j',
    (name) => {
      expect(refusal({ [name]: 'x' })?.fields).toEqual([
        { path: `target.headers.${name}`, message: expect.stringMatching(/Not a valid HTTP header name/) },
      ]);
    },
  );

  it('refuses a name given twice in different case, at the second spelling', () => {
    expect(refusal({ 'X-A': '1', 'x-a': '2' })?.fields).toEqual([
      { path: 'target.headers.x-a', message: expect.stringMatching(/also as X-A.*case-insensitive/) },
    ]);
  });

  it.each([
    'Authorization',
    'X-Api-Key',
    'Content-Type',
    'User-Agent',
    'X-Amz-Meta-Team',
    'webhooks',
    'x-scheduler',
  ])('accepts the ordinary header %s', (name) => {
    expect(headerProblems({ [name]: 'value' })).toEqual([]);
  });

  it('reports every problem at once', () => {
    expect(headerProblems({ Host: 'a', 'X-Ok': 'b\n', 'x-ok': 'c' }).map((p) => p.name)).toEqual([
      'Host',
      'X-Ok',
      'x-ok',
    ]);
  });
});
