import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

type Result = APIGatewayProxyStructuredResultV2;

/** The console's static files, read once at cold start: name (under /console/assets/) → text. */
export type ConsoleAssets = Readonly<Record<string, string>>;

/** Sends a token request (the caller's Basic credentials and form) to the identity provider's endpoint. */
export type TokenExchange = (
  authorization: string,
  form: string,
) => Promise<{ status: number; body: string }>;

export interface ConsoleSiteDeps {
  readonly assets: ConsoleAssets;
  /** The page itself, with the sign-in modes this deployment offers filled in. */
  readonly page: string;
  /** Absent when the deployment has no client-credentials token endpoint (own-issuer JWT mode). */
  readonly exchangeToken?: TokenExchange;
}

const TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
};

/**
 * Same-origin only: the page runs its own script and style and talks to its own API; nothing from elsewhere
 * (no CDN, no font), no framing.
 */
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

const problem = (status: number, code: string, detail: string): Result => ({
  statusCode: status,
  headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store', ...SECURITY_HEADERS },
  body: JSON.stringify({ type: 'about:blank', title: code.replace(/_/g, ' '), status, code, detail }),
});

/** Bodies above this are no token request. */
const MAX_FORM_BYTES = 2048;

/**
 * Serves the console: the page at /console, its files at /console/assets/<name>, and /console/token, which
 * passes an OAuth2 client-credentials request on to the identity provider so the page needs no CORS from it.
 * Nothing here reads data: every data call goes from the page to the API with the bearer token.
 */
export function createConsoleSite(deps: ConsoleSiteDeps): (event: APIGatewayProxyEventV2) => Promise<Result> {
  return async (event) => {
    const method = event.requestContext.http.method;
    const path = event.rawPath.replace(/^.*?\/console/, '/console');
    if (method === 'GET' && path === '/console') {
      return {
        statusCode: 200,
        headers: {
          'content-type': 'text/html; charset=utf-8',
          'cache-control': 'no-cache',
          ...SECURITY_HEADERS,
        },
        body: deps.page,
      };
    }
    const asset = /^\/console\/assets\/([a-z0-9-]+\.([a-z]+))$/.exec(path);
    if (method === 'GET' && asset) {
      const [, name = '', extension = ''] = asset;
      const body = deps.assets[name];
      if (body === undefined || !TYPES[extension])
        return problem(404, 'asset_not_found', `No console file ${name}.`);
      return {
        statusCode: 200,
        // Short-lived: file names carry no hash, and a deploy should reach open consoles within minutes.
        headers: {
          'content-type': TYPES[extension],
          'cache-control': 'public, max-age=300',
          ...SECURITY_HEADERS,
        },
        body,
      };
    }
    if (method === 'POST' && path === '/console/token') return exchange(deps, event);
    return problem(404, 'route_not_found', `No console route ${method} ${path}.`);
  };
}

async function exchange(deps: ConsoleSiteDeps, event: APIGatewayProxyEventV2): Promise<Result> {
  if (!deps.exchangeToken)
    return problem(404, 'token_exchange_unavailable', 'This deployment issues no client-credentials tokens.');
  const authorization = event.headers.authorization ?? '';
  if (!/^Basic [A-Za-z0-9+/=]{4,1024}$/.test(authorization))
    return problem(401, 'unauthenticated', 'Send the client id and secret as HTTP Basic credentials.');
  const form = event.body
    ? event.isBase64Encoded
      ? Buffer.from(event.body, 'base64').toString('utf8')
      : event.body
    : '';
  if (form.length > MAX_FORM_BYTES)
    return problem(400, 'malformed_request', 'The token request is too long.');
  const fields = new URLSearchParams(form);
  if (fields.get('grant_type') !== 'client_credentials')
    return problem(400, 'unsupported_grant_type', 'Only grant_type=client_credentials is passed on.');
  // Only the fields of a client-credentials request go on: the page cannot make the endpoint do anything else.
  const forwarded = new URLSearchParams({ grant_type: 'client_credentials' });
  const scope = fields.get('scope');
  if (scope) forwarded.set('scope', scope);
  try {
    const answer = await deps.exchangeToken(authorization, forwarded.toString());
    return {
      statusCode: answer.status >= 500 ? 502 : answer.status,
      headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...SECURITY_HEADERS },
      body: answer.body,
    };
  } catch {
    return problem(502, 'token_endpoint_unreachable', 'The identity provider did not answer; try again.');
  }
}
