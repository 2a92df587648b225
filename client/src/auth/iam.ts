import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { SchedulerAuthError } from '../problem.js';
import type { Authenticator, OutgoingRequest } from './authenticator.js';
import { WebCryptoSha256 } from './web-crypto-sha256.js';

export interface IamOptions {
  /** The API's region; read from an `execute-api.<region>.amazonaws.com` URL when omitted. */
  readonly region?: string;
  /** Credentials or a provider; in Node, the default AWS chain (env, profile, SSO, container, instance). */
  readonly credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** @default 'execute-api' */
  readonly service?: string;
}

// A specifier in a variable so browser bundlers leave the Node-only credential chain out.
const nodeProviders = '@aws-sdk/credential-providers';

async function defaultChain(): Promise<AwsCredentialIdentityProvider> {
  try {
    const { fromNodeProviderChain } = (await import(/* @vite-ignore */ nodeProviders)) as {
      fromNodeProviderChain: () => AwsCredentialIdentityProvider;
    };
    return fromNodeProviderChain();
  } catch (error) {
    throw new SchedulerAuthError(
      'IAM auth needs credentials: pass `credentials`, or install @aws-sdk/credential-providers (Node).',
      { cause: error },
    );
  }
}

/** The region in an API Gateway URL (`<id>.execute-api.<region>.amazonaws.com`), if it is one. */
export const regionOfApiUrl = (url: URL): string | undefined =>
  /\.execute-api\.([a-z0-9-]+)\.amazonaws\.com$/.exec(url.hostname)?.[1];

/** SigV4 headers for one request (the signature covers method, path, query, host, date and body). */
export async function signRequest(
  request: OutgoingRequest,
  options: {
    region: string;
    service: string;
    credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
    signingDate?: Date;
  },
): Promise<Record<string, string>> {
  const signer = new SignatureV4({
    service: options.service,
    region: options.region,
    credentials: options.credentials,
    sha256: WebCryptoSha256,
    // API Gateway needs no x-amz-content-sha256 header; the body's hash is in the signature either way.
    applyChecksum: false,
  });
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of request.url.searchParams) {
    const previous = query[name];
    query[name] =
      previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
  }
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: request.url.protocol,
      hostname: request.url.hostname,
      ...(request.url.port ? { port: Number(request.url.port) } : {}),
      // Encoded once as sent; the signer encodes it again, as API Gateway's canonical request does.
      path: request.url.pathname,
      query,
      headers: { ...request.headers, host: request.url.host },
      ...(request.body === undefined ? {} : { body: request.body }),
    },
    options.signingDate ? { signingDate: options.signingDate } : {},
  );
  const { host: _host, ...headers } = signed.headers;
  return headers;
}

/** IAM auth: every attempt SigV4-signed for execute-api with the given or default-chain credentials. */
export function iam(options: IamOptions = {}): Authenticator {
  let credentials: Promise<AwsCredentialIdentity | AwsCredentialIdentityProvider> | undefined;
  return {
    async headers(request) {
      const region = options.region ?? regionOfApiUrl(request.url);
      if (!region) throw new SchedulerAuthError('IAM auth needs a region (the API URL does not name one).');
      credentials ??= options.credentials ? Promise.resolve(options.credentials) : defaultChain();
      try {
        return await signRequest(request, {
          region,
          service: options.service ?? 'execute-api',
          credentials: await credentials,
        });
      } catch (error) {
        if (error instanceof SchedulerAuthError) throw error;
        throw new SchedulerAuthError(`No AWS credentials to sign with: ${(error as Error).message}`, {
          cause: error,
        });
      }
    },
  };
}
