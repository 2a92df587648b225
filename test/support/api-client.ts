import { readFileSync } from 'node:fs';
import { clientToken } from '../../localstack/client-token.js';

/** The deployed API's base URL: API_URL, or what `npm start` / localstack/deploy.sh saved. */
export function deployedApiUrl(): string {
  if (process.env.API_URL) return process.env.API_URL;
  try {
    return readFileSync(new URL('../../.local-aws/api-url', import.meta.url), 'utf8').trim();
  } catch {
    throw new Error("No deployed stack: run 'npm start' (or 'npm run deploy:local') before the e2e tier.");
  }
}

export interface ApiResponse<T = unknown> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
}

/**
 * A client of the deployed jobs API, authenticated as one tenant with a bearer token. It remembers the jobs
 * it created and `cleanup()` deletes those still there, so a failing test leaves nothing firing.
 */
export class ApiClient {
  private readonly created = new Set<string>();

  constructor(
    private readonly baseUrl: string,
    private readonly token: string | undefined,
  ) {}

  /** A client for a tenant (`alpha`, `beta`) of the local stack, with the scopes asked for (default: all). */
  static async forTenant(tenant: string, scopes?: string[]): Promise<ApiClient> {
    return new ApiClient(deployedApiUrl(), await clientToken(tenant, scopes));
  }

  /** A caller without credentials. */
  static anonymous(): ApiClient {
    return new ApiClient(deployedApiUrl(), undefined);
  }

  async request<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const response = await fetch(this.baseUrl + path, {
      method,
      headers: {
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: payload,
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    this.remember(method, path, response.status, parsed);
    return { status: response.status, headers: response.headers, body: parsed as T };
  }

  private remember(method: string, path: string, status: number, body: unknown): void {
    const id = (body as { id?: unknown } | undefined)?.id;
    if (
      method === 'POST' &&
      path.startsWith('/api/jobs') &&
      !path.startsWith('/api/jobs/') &&
      typeof id === 'string'
    ) {
      this.created.add(id);
    }
    const deleted = /^\/api\/jobs\/([^/?]+)$/.exec(path);
    if (method === 'DELETE' && deleted?.[1] && (status === 204 || status === 404))
      this.created.delete(deleted[1]);
  }

  /** Deletes every job this client created that is still there. */
  async cleanup(): Promise<void> {
    const ids = [...this.created];
    for (let n = 0; n < ids.length; n += 10) {
      await Promise.all(
        ids.slice(n, n + 10).map((id) => this.request('DELETE', `/api/jobs/${id}`).catch(() => undefined)),
      );
    }
  }
}
