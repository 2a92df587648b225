/**
 * The rules a job's own HTTP headers follow. Checked at create and update, so that a header the executor
 * could not send, or should not let a tenant send, is a 400 naming the header rather than a failure at
 * every run.
 */

/** An RFC 9110 token: what a header name may be (capped at 128 characters). */
export const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}$/;

/**
 * An RFC 9110 field-value limited to ASCII: visible characters, spaces and tabs, neither first nor last.
 * obs-text (bytes 0x80–0xFF) is refused too: a JavaScript string has no bytes, so U+0080–U+00FF would go out
 * as single Latin-1 bytes that receivers read as broken UTF-8, and anything above U+00FF cannot be sent at
 * all. Non-ASCII text belongs percent-encoded (RFC 8187) or in the body.
 */
export const FIELD_VALUE = /^(?:[\x21-\x7e](?:[\x20-\x7e\t]*[\x21-\x7e])?)?$/;

/** Prefixes the service (x-scheduler-*, the Standard Webhooks signature webhook-*), AWS or proxies own. */
const RESERVED_PREFIXES: ReadonlyArray<readonly [string, string]> = [
  ['x-scheduler-', 'the scheduler sets headers starting with x-scheduler- itself'],
  ['webhook-', 'webhook-id, webhook-timestamp and webhook-signature sign the call'],
  ['x-amzn-', 'AWS sets headers starting with x-amzn- (trace and request ids)'],
  ['x-forwarded-', 'only proxies state the network path, and a receiver may trust what they say'],
];

const HOP_BY_HOP = 'a hop-by-hop header, which the service’s HTTP client manages';
const PROXY_ONLY = 'for proxies to state the network path, and a receiver may trust what it says';

/** Single headers a job may not set, and why. */
const RESERVED_NAMES: ReadonlyMap<string, string> = new Map([
  ['connection', HOP_BY_HOP],
  ['keep-alive', HOP_BY_HOP],
  ['proxy-connection', HOP_BY_HOP],
  ['proxy-authenticate', HOP_BY_HOP],
  ['proxy-authorization', HOP_BY_HOP],
  ['te', HOP_BY_HOP],
  ['trailer', HOP_BY_HOP],
  ['upgrade', HOP_BY_HOP],
  ['http2-settings', HOP_BY_HOP],
  ['transfer-encoding', 'message framing, which the service’s HTTP client sets'],
  ['content-length', 'message framing, computed from the payload'],
  ['expect', 'a request for 100-continue, which the service does not use'],
  ['host', 'taken from target.url (put the host there)'],
  ['idempotency-key', 'sent by the service with the run’s own key (deduplicate on that one)'],
  ['forwarded', PROXY_ONLY],
  ['via', PROXY_ONLY],
  ['x-real-ip', PROXY_ONLY],
]);

/** One header problem: the header's name as given, and how to fix it. */
export interface HeaderProblem {
  readonly name: string;
  readonly message: string;
}

/** Every problem with a job's headers: names, values, reserved names and prefixes, case-insensitive duplicates. */
export function headerProblems(headers: Readonly<Record<string, string>>): HeaderProblem[] {
  const problems: HeaderProblem[] = [];
  const seen = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    const refusal = reservedReason(lower);
    if (!HEADER_NAME.test(name)) {
      problems.push({
        name,
        message: "Not a valid HTTP header name: 1 to 128 letters, digits and !#$%&'*+-.^_`|~ only.",
      });
    } else if (refusal) {
      problems.push({ name, message: `${name} is ${refusal}. Remove it from target.headers.` });
    } else if (seen.has(lower)) {
      problems.push({
        name,
        message: `Given twice (also as ${seen.get(lower)}); header names are case-insensitive: keep one.`,
      });
    }
    seen.set(lower, name);
    if (!FIELD_VALUE.test(value)) problems.push({ name, message: valueProblem(value) });
  }
  return problems;
}

/** Why a job may not set this header, as the rest of "<name> is …", if it may not. */
function reservedReason(lowerName: string): string | undefined {
  const named = RESERVED_NAMES.get(lowerName);
  if (named) return named;
  const prefix = RESERVED_PREFIXES.find(([start]) => lowerName.startsWith(start));
  return prefix ? `reserved: ${prefix[1]}` : undefined;
}

function valueProblem(value: string): string {
  const codes = Array.from(value, (character) => character.codePointAt(0) ?? 0);
  if (codes.some((code) => code === 0x0a || code === 0x0d)) {
    return 'The value contains a line break (CR or LF): give it on one line.';
  }
  if (codes.some((code) => (code < 0x20 && code !== 0x09) || code === 0x7f)) {
    return 'The value contains a control character: remove it.';
  }
  if (codes.some((code) => code > 0x7f)) {
    return 'The value contains non-ASCII characters: percent-encode them (RFC 8187) or move them to the payload.';
  }
  return 'The value starts or ends with whitespace: trim it.';
}
