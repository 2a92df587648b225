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

/**
 * Calls HTTP targets with Node's own client: connections kept alive between calls, no redirects followed, a
 * hard timeout, every resolved address checked, the call signed with the tenant's own secret per the Standard
 * Webhooks spec, and the run's idempotency key sent.
 */
export function httpTargetCaller(options: HttpCallerOptions) {
  const reach: HttpReach = {
    ports: options.allowedPorts ?? DEFAULT_HTTP_TARGET_PORTS,
    insecureHosts: options.allowedHosts,
  };
  // The lookup exempts listed hosts by name; the port check below keeps them to their own ports.
  const lookup = guardedLookup(options.allowedHosts.map((entry) => entry.host));
  const agents = {
    'http:': new HttpAgent({ keepAlive: true, lookup } as ConstructorParameters<typeof HttpAgent>[0]),
    'https:': new HttpsAgent({ keepAlive: true, lookup } as ConstructorParameters<typeof HttpsAgent>[0]),
  };

  return async function callHttpTarget(
    target: HttpTarget,
    payload: unknown,
    fire: HttpCallFire,
    maxDurationMs = Number.POSITIVE_INFINITY,
  ): Promise<CallOutcome> {
    const timeoutMs = Math.min(target.timeoutSeconds * 1000, maxDurationMs);
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const url = new URL(target.url);
    const host = hostOf(url);
    const port = portOf(url);
    const refusal = portRefusal(reach, host, port);
    if (refusal) return { ok: false, durationMs: 0, error: `refused: ${refusal}` };
    if (internalLiteral(reach, host, port)) {
      return { ok: false, durationMs: 0, error: `refused: ${host} is an internal address` };
    }
    const hasBody = target.method !== 'GET' && target.method !== 'DELETE' && payload !== undefined;
    const body = hasBody ? JSON.stringify(payload) : '';
    let secrets: SigningSecrets;
    try {
      secrets = await options.signingSecrets(fire.tenant);
    } catch (error) {
      logger.error('webhook signing secrets unavailable', {
        tenant: fire.tenant,
        jobId: fire.jobId,
        runId: fire.runId,
        error: (error as Error).name,
        detail: (error as Error).message,
      });
      return { ok: false, durationMs: elapsed(), error: SIGNING_UNAVAILABLE };
    }
    const headers: Record<string, string> = {
      'user-agent': USER_AGENT,
      ...(hasBody ? { 'content-type': 'application/json' } : {}),
      ...target.headers,
      'idempotency-key': fire.idempotencyKey,
      ...signatureHeaders(secrets, webhookIdOf(fire.jobId, fire.runId), Math.floor(Date.now() / 1000), body),
      ...(hasBody ? { 'content-length': String(Buffer.byteLength(body)) } : {}),
    };
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    try {
      const { response, snippet } = await new Promise<{ response: IncomingMessage; snippet: string }>(
        (resolve, reject) => {
          const request = send(url, {
            method: target.method,
            headers,
            agent: agents[url.protocol as 'http:' | 'https:'],
          });
          // One deadline for the whole exchange: connect, send, and read the answer.
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
        },
      );
      const status = response.statusCode ?? 0;
      const ok = status >= 200 && status < 300;
      const retryAfterSeconds = parseRetryAfter(response.headers['retry-after'], Date.now());
      return {
        ok,
        statusCode: status,
        durationMs: elapsed(),
        ...(snippet ? { responseSnippet: snippet } : {}),
        ...(ok ? {} : { error: `target answered HTTP ${status}` }),
        ...(!ok && retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
      };
    } catch (error) {
      return { ok: false, durationMs: elapsed(), error: describe(error, timeoutMs) };
    }
  };
}

function describe(error: unknown, timeoutMs: number): string {
  if (error instanceof BlockedAddressError) return `refused: ${error.message}`;
  if (error instanceof Error && error.name === 'TimeoutError') return `timed out after ${timeoutMs / 1000} s`;
  const code = (error as { code?: string }).code;
  return `request failed: ${code ?? (error as Error).message}`;
}
