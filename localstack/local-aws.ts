/**
 * The one switch between the local AWS emulators the project supports, `LOCAL_AWS=ministack|localstack`
 * (ministack by default: it needs no Docker and no token). Everything that differs between them is here;
 * localstack/env.sh mirrors the health path and the driver default for the shell scripts, and a unit test
 * keeps the two in step.
 */
export type LocalAwsName = 'ministack' | 'localstack';

export const LOCAL_AWS_NAMES: readonly LocalAwsName[] = ['ministack', 'localstack'];

/**
 * The services `-c local=true` deploys (CloudFormation resource types of the synthesized stack, plus what CDK
 * deploys with: S3 assets, SSM bootstrap version, STS, ECR), in LocalStack's SERVICES spelling. The compose
 * file's SERVICES must list exactly these (a unit test compares them).
 */
export const LOCALSTACK_SERVICES = [
  'cloudformation',
  'cloudwatch',
  'cognito-idp',
  'dynamodb',
  'ecr',
  'events',
  'iam',
  'lambda',
  'logs',
  'apigateway',
  's3',
  'scheduler',
  'secretsmanager',
  'sns',
  'sqs',
  'ssm',
  'sts',
] as const;

export interface LocalAws {
  readonly name: LocalAwsName;
  /** The emulator's endpoint for every AWS client (AWS_ENDPOINT_URL). */
  readonly endpoint: string;
  /** Answers 200 when the emulator is up. */
  readonly healthUrl: string;
  /** The OAuth2 token endpoint of the emulator's Cognito, for every user pool (AWS: the TokenEndpoint output). */
  readonly tokenUrl: string;
  /** The base URL of a deployed HTTP API's `$default` stage (AWS: the ApiEndpoint output). */
  apiUrl(apiId: string): string;
  /** Whether the emulator's own EventBridge Scheduler fires schedules at all (without the project's driver). */
  readonly schedulerFires: boolean;
}

/** `LOCAL_AWS` names an emulator the project does not know: said plainly, with the choices. */
export class UnknownLocalAwsError extends Error {
  readonly code = 'unknown_local_aws';
  constructor(value: string) {
    super(
      `LOCAL_AWS='${value}' is not a local AWS this project knows; use one of: ${LOCAL_AWS_NAMES.join(', ')}.`,
    );
    this.name = 'UnknownLocalAwsError';
  }
}

function port(endpoint: string): string {
  return new URL(endpoint).port || '4566';
}

/** The local AWS chosen by the environment: LOCAL_AWS, and AWS_ENDPOINT_URL (default 127.0.0.1:4566). */
export function localAws(env: Record<string, string | undefined> = process.env): LocalAws {
  const name = env.LOCAL_AWS?.trim() || 'ministack';
  const endpoint = (env.AWS_ENDPOINT_URL ?? 'http://127.0.0.1:4566').replace(/\/+$/, '');
  switch (name) {
    case 'ministack':
      return {
        name,
        endpoint,
        healthUrl: `${endpoint}/_ministack/health`,
        // ministack serves Cognito's token endpoint at its root, for every pool.
        tokenUrl: `${endpoint}/oauth2/token`,
        apiUrl: (apiId) => `${endpoint}/_aws/execute-api/${apiId}/$default`,
        // It does (a 10-second sweep, cron and at() read as UTC, no placeholder substitution); start.sh turns
        // that sweep off when the driver runs (localstack/ministack-driven.py).
        schedulerFires: true,
      };
    case 'localstack':
      return {
        name,
        endpoint,
        healthUrl: `${endpoint}/_localstack/health`,
        // LocalStack serves it under its internal prefix and picks the pool by client id.
        tokenUrl: `${endpoint}/_aws/cognito-idp/oauth2/token`,
        // A `$default` stage has no stage segment; the host form resolves to 127.0.0.1 (public DNS record).
        apiUrl: (apiId) => `http://${apiId}.execute-api.localhost.localstack.cloud:${port(endpoint)}`,
        schedulerFires: false,
      };
    default:
      throw new UnknownLocalAwsError(name);
  }
}

// `tsx localstack/local-aws.ts api-url <apiId>` and friends: the shell scripts ask here rather than repeat it.
if (import.meta.url === `file://${process.argv[1]}`) {
  const [what, apiId = ''] = process.argv.slice(2);
  try {
    const chosen = localAws();
    const answers: Record<string, string> = {
      name: chosen.name,
      'health-url': chosen.healthUrl,
      'token-url': chosen.tokenUrl,
      'api-url': chosen.apiUrl(apiId),
      services: LOCALSTACK_SERVICES.join(','),
    };
    if (!what || !(what in answers)) throw new Error(`ask for one of: ${Object.keys(answers).join(', ')}`);
    process.stdout.write(`${answers[what]}\n`);
  } catch (error) {
    process.stderr.write(`error: ${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}
