import { SchedulerAuthError } from '../problem.js';
import type { Authenticator } from './authenticator.js';

export interface ClientCredentialsOptions {
  /** The OAuth2 token endpoint, e.g. the stack's TokenEndpoint output (`https://<domain>/oauth2/token`). */
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** e.g. `['scheduler/jobs:read', 'scheduler/jobs:write']`; the client's allowed scopes when omitted. */
  readonly scopes?: readonly string[];
  /** A token is renewed this long before it expires. @default 60 */
  readonly refreshBeforeSeconds?: number;
  readonly fetch?: typeof fetch;
  readonly now?: () => number;
}

/**
 * Cognito (or any OAuth2) client credentials: one token fetched, cached, shared by concurrent calls and
 * renewed before it expires.
 */
export function cognitoClientCredentials(options: ClientCredentialsOptions): Authenticator & {
  token(): Promise<string>;
} {
  const now = options.now ?? Date.now;
  const refreshBeforeMs = (options.refreshBeforeSeconds ?? 60) * 1000;
  let cached: { token: string; renewAtMs: number } | undefined;
  let pending: Promise<string> | undefined;

  const fetchToken = async (): Promise<string> => {
    const doFetch = options.fetch ?? globalThis.fetch;
    // RFC 6749 §2.3.1: id and secret form-encoded, then HTTP Basic.
    const basic = btoa(`${encodeURIComponent(options.clientId)}:${encodeURIComponent(options.clientSecret)}`);
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    if (options.scopes?.length) form.set('scope', options.scopes.join(' '));
    let response: Response;
    try {
      response = await doFetch(options.tokenUrl, {
        method: 'POST',
        headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      });
    } catch (error) {
      throw new SchedulerAuthError(`The token endpoint could not be reached: ${(error as Error).message}`, {
        cause: error,
      });
    }
    const body = (await response.json().catch(() => ({}))) as {
      access_token?: string;
      expires_in?: number;
      error?: string;
    };
    if (!response.ok || !body.access_token) {
      throw new SchedulerAuthError(
        `The token endpoint refused the client credentials: ${response.status} ${body.error ?? ''}`.trim(),
      );
    }
    const lifetimeMs = (body.expires_in ?? 3600) * 1000;
    // A token shorter-lived than the margin is used once rather than never.
    cached = { token: body.access_token, renewAtMs: now() + Math.max(0, lifetimeMs - refreshBeforeMs) };
    return body.access_token;
  };

  const token = async (): Promise<string> => {
    if (cached && now() < cached.renewAtMs) return cached.token;
    pending ??= fetchToken().finally(() => {
      pending = undefined;
    });
    return pending;
  };

  return {
    token,
    async headers() {
      return { authorization: `Bearer ${await token()}` };
    },
    invalidate() {
      cached = undefined;
    },
  };
}
