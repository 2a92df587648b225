import { readFileSync } from 'node:fs';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';

/** The deployed API's base URL: API_URL, or what `npm start` / localstack/deploy.sh saved. */
export function deployedApiUrl(): string {
  if (process.env.API_URL) return process.env.API_URL;
  try {
    return readFileSync(new URL('../../.local-aws/api-url', import.meta.url), 'utf8').trim();
  } catch {
    throw new Error("No deployed stack: run 'npm start' (or localstack/deploy.sh) before the e2e tier.");
  }
}

export interface ApiResponse<T = unknown> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
}

/** A client of the jobs API that signs every request with SigV4, as an IAM-authenticated caller would. */
export class ApiClient {
  private readonly signer: SignatureV4;

  constructor(
    private readonly baseUrl: string,
    credentials = { accessKeyId: 'test', secretAccessKey: 'test' },
    region = 'us-east-1',
  ) {
    this.signer = new SignatureV4({ service: 'execute-api', region, credentials, sha256: Sha256 });
  }

  async request<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const url = new URL(this.baseUrl + path);
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const signed = await this.signer.sign({
      method,
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port ? Number(url.port) : undefined,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: {
        host: url.host,
        ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: payload,
    });
    const response = await fetch(url, {
      method,
      headers: signed.headers as Record<string, string>,
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
    return { status: response.status, headers: response.headers, body: parsed as T };
  }

  /** An unsigned request: what an anonymous caller would send. */
  async anonymous(method: string, path: string, body?: unknown): Promise<number> {
    const response = await fetch(this.baseUrl + path, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    await response.arrayBuffer();
    return response.status;
  }
}
