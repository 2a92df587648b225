/// <reference lib="dom" />
import {
  type Authenticator,
  bearerToken,
  cognitoClientCredentials,
  SchedulerClient,
} from '@serverless-scheduler/client';

/** How this deployment lets people sign in (the page's meta tag, filled in by the server). */
export type SignInMode = 'client-credentials' | 'token';

const KEY = 'scheduler-console-session';

/** The signed-in tenant: a bearer token, kept for this browser tab only (sessionStorage), never the secret. */
interface Session {
  readonly token: string;
  /** Milliseconds since the epoch; the console asks for a new sign-in after it. */
  readonly expiresAt: number;
  readonly tenant: string;
}

/** The API's base URL: everything before /console in the page's own address (same origin, any stage path). */
export function apiBaseUrl(): string {
  const { origin, pathname } = window.location;
  return `${origin}${pathname.replace(/\/console.*$/, '')}`;
}

export function signInMode(): SignInMode {
  const mode = document.querySelector('meta[name="scheduler-sign-in"]')?.getAttribute('content');
  return mode === 'client-credentials' ? 'client-credentials' : 'token';
}

/** A JWT's claims, read to name the tenant and the expiry (the API verifies the token, not this page). */
function claimsOf(token: string): { sub?: string; client_id?: string; exp?: number } {
  try {
    const payload = token.split('.')[1] ?? '';
    return JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/')));
  } catch {
    return {};
  }
}

function store(token: string): Session {
  const claims = claimsOf(token);
  const session: Session = {
    token,
    expiresAt: claims.exp ? claims.exp * 1000 : Date.now() + 3600_000,
    tenant: claims.client_id ?? claims.sub ?? 'unknown',
  };
  sessionStorage.setItem(KEY, JSON.stringify(session));
  return session;
}

export function currentSession(): Session | undefined {
  try {
    const session = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Session | null;
    return session && session.expiresAt > Date.now() + 30_000 ? session : undefined;
  } catch {
    return undefined;
  }
}

export function signOut(): void {
  sessionStorage.removeItem(KEY);
}

/** Signs in with a tenant's client id and secret: the token comes through the console's same-origin exchange. */
export async function signInWithClientCredentials(clientId: string, clientSecret: string): Promise<Session> {
  const auth = cognitoClientCredentials({
    tokenUrl: `${apiBaseUrl()}/console/token`,
    clientId,
    clientSecret,
  });
  return store(await auth.token());
}

/** Signs in with a token the user pasted; the first API call tells whether it is good. */
export function signInWithToken(token: string): Session {
  return store(token.trim());
}

/** The typed client for the signed-in tenant. */
export function apiClient(session: Session): SchedulerClient {
  const auth: Authenticator = bearerToken(session.token);
  // Few retries: a person is waiting, and sees the problem.
  return new SchedulerClient({ baseUrl: apiBaseUrl(), auth, retry: { maxAttempts: 2 }, timeoutMs: 15_000 });
}
