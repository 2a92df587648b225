import type { IncomingMessage } from 'node:http';
import {
  DEFAULT_HTTP_TARGET_PORTS,
  type HttpReach,
  hostOf,
  type InsecureHost,
  internalLiteral,
  portOf,
  portRefusal,
} from '../domain/http-reach.js';
import { callTimeoutMs } from '../domain/lease.js';
import { parseRetryAfter } from '../domain/retry-policy.js';
import type { HttpTarget } from '../domain/target.js';
import { type SigningSecrets, signatureHeaders, webhookIdOf } from '../domain/webhook-signature.js';
import { logger } from '../logger.js';
import type { CallOutcome } from '../use-cases/ports.js';
import { BlockedAddressError, guardedLookup } from './guarded-lookup.js';

// Taken as CommonJS builtins: an ESM import of node:http builds its module namespace, which loads Node's
// bundled undici (the lazy WebSocket/fetch exports) and adds ≈ 9 ms to every cold start.
const { Agent: HttpAgent, request: httpRequest } = process.getBuiltinModule('node:http');
const { Agent: HttpsAgent, request: httpsRequest } = process.getBuiltinModule('node:https');

const USER_AGENT = 'serverless-scheduler/1';
/** How much of the target's answer is kept with the run, for diagnosis. */
const SNIPPET_BYTES = 512;

export interface HttpCallerOptions {
  /** Hosts that may resolve to internal addresses (local development: loopback), each on its ports. */
  readonly allowedHosts: readonly InsecureHost[];
  /** The ports any other host may be called on. @default [443, 80] */
  readonly allowedPorts?: readonly number[];
  /** A tenant's signing secrets, read on demand (they rotate). */
  readonly signingSecrets: (tenant: string) => Promise<SigningSecrets>;
}

/** Which fire a call belongs to: what it is signed for and deduplicated by. */
export interface HttpCallFire {
  readonly jobId: string;
  readonly runId: string;
  readonly tenant: string;
  readonly idempotencyKey: string;
}

/** What a tenant sees when its call could not be signed: the cause (and any secret) stays in the log. */
export const SIGNING_UNAVAILABLE = 'webhook signing is unavailable; the service will retry';

/** What every call of one caller shares: where it may go, its kept-alive connections, its tenants' secrets. */
interface HttpCaller {
  readonly reach: HttpReach;
  readonly agents: Record<'http:' | 'https:', InstanceType<typeof HttpAgent>>;
  readonly signingSecrets: HttpCallerOptions['signingSecrets'];
}

/**
 * Calls HTTP targets with Node's own client: connections kept alive between calls, no redirects followed, a
 * hard timeout, every resolved address checked, the call signed with the tenant's own secret per the Standard
 * Webhooks spec, and the run's idempotency key sent.
 */
export function httpTargetCaller(options: HttpCallerOptions) {
  // The lookup exempts listed hosts by name; the port check keeps them to their own ports.
  const lookup = guardedLookup(options.allowedHosts.map((entry) => entry.host));
  const caller: HttpCaller = {
    reach: { ports: options.allowedPorts ?? DEFAULT_HTTP_TARGET_PORTS, insecureHosts: options.allowedHosts },
    agents: {
      'http:': new HttpAgent({ keepAlive: true, lookup } as ConstructorParameters<typeof HttpAgent>[0]),
      'https:': new HttpsAgent({ keepAlive: true, lookup } as ConstructorParameters<typeof HttpsAgent>[0]),
    },
    signingSecrets: options.signingSecrets,
  };
  return (
    target: HttpTarget,
    payload: unknown,
    fire: HttpCallFire,
    maxDurationMs = Number.POSITIVE_INFINITY,
  ) => callHttpTarget(caller, target, payload, fire, maxDurationMs);
}

/** One call: refused before it is made, or signed, sent and answered within its timeout. */
async function callHttpTarget(
  caller: HttpCaller,
  target: HttpTarget,
  payload: unknown,
  fire: HttpCallFire,
  maxDurationMs: number,
): Promise<CallOutcome> {
  const timeoutMs = callTimeoutMs(target.timeoutSeconds, maxDurationMs);
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const url = new URL(target.url);
  const refusal = reachRefusal(caller.reach, url);
  if (refusal) return { ok: false, durationMs: 0, error: `refused: ${refusal}` };
  const secrets = await signingSecretsOf(caller, fire);
  if (!secrets) return { ok: false, durationMs: elapsed(), error: SIGNING_UNAVAILABLE };
  const hasBody = target.method !== 'GET' && target.method !== 'DELETE' && payload !== undefined;
  const body = hasBody ? JSON.stringify(payload) : '';
  const headers = signedHeaders(target, fire, secrets, hasBody ? body : undefined);
  const agent = caller.agents[url.protocol as 'http:' | 'https:'];
  try {
    const answer = await exchange(url, { method: target.method, headers, agent }, body, timeoutMs);
    return outcomeOf(answer, elapsed());
  } catch (error) {
    return { ok: false, durationMs: elapsed(), error: describe(error, timeoutMs) };
  }
}

/** Why the URL may not be called (port, or an internal address written literally), checked before any lookup. */
function reachRefusal(reach: HttpReach, url: URL): string | undefined {
  const host = hostOf(url);
  const port = portOf(url);
  const refusal = portRefusal(reach, host, port);
  if (refusal) return refusal;
  return internalLiteral(reach, host, port) ? `${host} is an internal address` : undefined;
}

/** The tenant's signing secrets, or undefined when they cannot be read (the cause goes to the log only). */
async function signingSecretsOf(caller: HttpCaller, fire: HttpCallFire): Promise<SigningSecrets | undefined> {
  try {
    return await caller.signingSecrets(fire.tenant);
  } catch (error) {
    logger.error('webhook signing secrets unavailable', {
      tenant: fire.tenant,
      jobId: fire.jobId,
      runId: fire.runId,
      error: (error as Error).name,
      detail: (error as Error).message,
    });
    return undefined;
  }
}

/** The request's headers: the target's own, the idempotency key, and the Standard Webhooks signature. */
function signedHeaders(
  target: HttpTarget,
  fire: HttpCallFire,
  secrets: SigningSecrets,
  body: string | undefined,
): Record<string, string> {
  return {
    'user-agent': USER_AGENT,
    ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    ...target.headers,
    'idempotency-key': fire.idempotencyKey,
    ...signatureHeaders(
      secrets,
      webhookIdOf(fire.jobId, fire.runId),
      Math.floor(Date.now() / 1000),
      body ?? '',
    ),
    ...(body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) }),
  };
}

interface Answer {
  readonly response: IncomingMessage;
  /** The first SNIPPET_BYTES of the answer's body. */
  readonly snippet: string;
}

/** Sends the request and reads the answer, all under one deadline: connect, send, and read. */
function exchange(
  url: URL,
  options: { method: string; headers: Record<string, string>; agent: HttpCaller['agents']['http:'] },
  body: string,
  timeoutMs: number,
): Promise<Answer> {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<Answer>((resolve, reject) => {
    const request = send(url, options);
    const deadline = setTimeout(
      () => request.destroy(Object.assign(new Error('timeout'), { name: 'TimeoutError' })),
      timeoutMs,
    );
    const fail = (error: Error) => {
      clearTimeout(deadline);
      reject(error);
    };
    request.on('error', fail);
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      let kept = 0;
      response.on('data', (chunk: Buffer) => {
        if (kept < SNIPPET_BYTES) {
          chunks.push(chunk.subarray(0, SNIPPET_BYTES - kept));
          kept += Math.min(chunk.length, SNIPPET_BYTES - kept);
        }
      });
      response.on('end', () => {
        clearTimeout(deadline);
        resolve({ response, snippet: Buffer.concat(chunks).toString('utf8') });
      });
      response.on('error', fail);
    });
    request.end(body);
  });
}

/** The call's outcome from the target's answer: 2xx is success; a failure keeps the Retry-After it asked for. */
function outcomeOf({ response, snippet }: Answer, durationMs: number): CallOutcome {
  const status = response.statusCode ?? 0;
  const ok = status >= 200 && status < 300;
  const retryAfterSeconds = parseRetryAfter(response.headers['retry-after'], Date.now());
  return {
    ok,
    statusCode: status,
    durationMs,
    ...(snippet ? { responseSnippet: snippet } : {}),
    ...(ok ? {} : { error: `target answered HTTP ${status}` }),
    ...(!ok && retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
  };
}

function describe(error: unknown, timeoutMs: number): string {
  if (error instanceof BlockedAddressError) return `refused: ${error.message}`;
  if (error instanceof Error && error.name === 'TimeoutError') return `timed out after ${timeoutMs / 1000} s`;
  const code = (error as { code?: string }).code;
  return `request failed: ${code ?? (error as Error).message}`;
}
