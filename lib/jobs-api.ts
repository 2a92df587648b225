import { CfnOutput, Duration, type RemovalPolicy } from 'aws-cdk-lib';
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpRoute,
  HttpRouteKey,
  HttpStage,
  type IHttpRouteAuthorizer,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer, HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ENV_DEFAULTS } from '../lambdas/environment.js';
import type { JobSchedules } from './job-schedules.js';
import type { JobTable } from './job-table.js';
import { type CognitoClient, JobsIdentity } from './jobs-identity.js';
import { type FunctionObservability, ServiceFunction } from './node-function.js';
import { type TargetAllowlists, targetPolicyEnvironment } from './target-permissions.js';
import type { WebhookMasterKey } from './webhook-master-key.js';

/** How API callers authenticate. The tenant is always the authenticated principal. */
export type ApiAuth =
  /**
   * SigV4-signed requests; the tenant is the caller's IAM identity. `tenantFrom: 'role'` (the default): an
   * assumed-role session counts as its role, `arn:aws:iam::<account>:role/<name>` (no path), so no session
   * name the caller picks can make it another tenant. `'session'`: the session ARN itself, name included,
   * for deployments where only trusted brokers may assume the shared roles.
   */
  | { readonly mode: 'iam'; readonly tenantFrom?: 'role' | 'session' }
  /** Bearer JWTs from your own issuer; the tenant is the token's `sub`; scopes `jobs:read` / `jobs:write`. */
  | { readonly mode: 'jwt'; readonly issuer: string; readonly audience: readonly string[] }
  /**
   * Bearer JWTs from a Cognito pool the stack creates, one client-credentials app client per tenant: a name
   * (read and write) or `{ name, scopes: ['read'] }` for a client that can only read.
   */
  | { readonly mode: 'cognito'; readonly clients: readonly CognitoClient[]; readonly domainPrefix: string };

export interface JobsApiProps {
  readonly auth: ApiAuth;
  readonly jobTable: JobTable;
  readonly dispatchQueue: IQueue;
  readonly deadLetterQueue: IQueue;
  readonly schedules: JobSchedules;
  /** Tenants read their signing secrets (derived from it) through GET /api/signing-secret. */
  readonly signingMasterKey: WebhookMasterKey;
  readonly httpTargetInsecureHosts: readonly string[];
  readonly httpTargetPorts: readonly number[];
  readonly targetAllowlists: TargetAllowlists;
  readonly jobQuotaPerTenant: number;
  readonly version: string;
  readonly logRetention: RetentionDays;
  readonly observability: FunctionObservability;
  readonly removalPolicy: RemovalPolicy;
  /** The stage's request rate and burst, shared by every caller. */
  readonly throttle: { readonly rateLimit: number; readonly burstLimit: number };
  /** Per-tenant limits on create, update and execute, per window. */
  readonly tenantRateLimits: TenantRateLimits;
}

/** Requests of each kind one tenant may make per window (see lambdas/domain/rate-limit.ts for the defaults). */
export interface TenantRateLimits {
  readonly create: number;
  readonly update: number;
  readonly execute: number;
  readonly windowSeconds: number;
}

export const READ = 'read';
export const WRITE = 'write';
/** Every route with the access it needs; the router and the OpenAPI document have the same (a unit test). */
export const ROUTES: ReadonlyArray<[string, HttpMethod, typeof READ | typeof WRITE]> = [
  ['/api/jobs', HttpMethod.POST, WRITE],
  ['/api/jobs', HttpMethod.GET, READ],
  ['/api/jobs/{id}', HttpMethod.GET, READ],
  ['/api/jobs/{id}', HttpMethod.PUT, WRITE],
  ['/api/jobs/{id}', HttpMethod.PATCH, WRITE],
  ['/api/jobs/{id}', HttpMethod.DELETE, WRITE],
  ['/api/jobs/{id}/execute', HttpMethod.POST, WRITE],
  ['/api/jobs/{id}/pause', HttpMethod.POST, WRITE],
  ['/api/jobs/{id}/resume', HttpMethod.POST, WRITE],
  ['/api/jobs/{id}/runs', HttpMethod.GET, READ],
  ['/api/jobs/{id}/runs/{runId}', HttpMethod.GET, READ],
  ['/api/schedules/preview', HttpMethod.POST, READ],
  ['/api/dlq', HttpMethod.GET, READ],
  ['/api/dlq/redrive', HttpMethod.POST, WRITE],
  // Write scope to read it too: whoever holds the secret can sign calls the tenant's receivers accept.
  ['/api/signing-secret', HttpMethod.GET, WRITE],
  ['/api/signing-secret/rotate', HttpMethod.POST, WRITE],
  ['/api/openapi.json', HttpMethod.GET, READ],
  ['/api/health', HttpMethod.GET, READ],
];

/** The jobs HTTP API (v2): every route authenticated, one Lambda behind it. */
export class JobsApi extends Construct {
  readonly api: HttpApi;
  readonly function: ServiceFunction;
  readonly identity?: JobsIdentity;

  constructor(scope: Construct, id: string, props: JobsApiProps) {
    super(scope, id);
    const { table } = props.jobTable;
    this.function = new ServiceFunction(this, 'Handler', {
      handlerModule: 'api',
      description: 'The jobs API',
      logRetention: props.logRetention,
      removalPolicy: props.removalPolicy,
      observability: props.observability,
      environment: {
        TABLE_NAME: table.tableName,
        ...props.schedules.registryEnvironment(props.dispatchQueue, props.deadLetterQueue),
        SIGNING_MASTER_KEY_SECRET_ID: props.signingMasterKey.secret.secretArn,
        HTTP_TARGET_INSECURE_HOSTS: props.httpTargetInsecureHosts.join(','),
        HTTP_TARGET_PORTS: props.httpTargetPorts.join(','),
        ...targetPolicyEnvironment(props.targetAllowlists),
        JOB_QUOTA_PER_TENANT: String(props.jobQuotaPerTenant),
        ...(props.auth.mode === 'iam'
          ? { IAM_TENANT_FROM: props.auth.tenantFrom ?? ENV_DEFAULTS.IAM_TENANT_FROM }
          : {}),
        SERVICE_VERSION: props.version,
        RATE_LIMIT_CREATE: String(props.tenantRateLimits.create),
        RATE_LIMIT_UPDATE: String(props.tenantRateLimits.update),
        RATE_LIMIT_EXECUTE: String(props.tenantRateLimits.execute),
        RATE_LIMIT_WINDOW_SECONDS: String(props.tenantRateLimits.windowSeconds),
      },
    });
    const fn = this.function.fn;
    props.jobTable.grantItemAccess(fn, 'GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query');
    props.jobTable.grantTenantIndexQuery(fn);
    props.schedules.grantManageSchedules(fn);
    props.dispatchQueue.grantSendMessages(fn);
    // The DLQ tools read the caller's dead fires from the table (the sorter files them): no access to the DLQ.
    // The signing-secret routes derive the caller's secrets from the master key.
    props.signingMasterKey.grantRead(fn);
    // Health checks: the table and the schedule group answer (the queue's attributes come with the send grant).
    fn.addToRolePolicy(
      new PolicyStatement({ actions: ['dynamodb:DescribeTable'], resources: [table.tableArn] }),
    );
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['scheduler:GetScheduleGroup'],
        resources: [props.schedules.group.scheduleGroupArn],
      }),
    );

    if (props.auth.mode === 'cognito') {
      this.identity = new JobsIdentity(this, 'Identity', {
        clients: props.auth.clients,
        domainPrefix: props.auth.domainPrefix,
        removalPolicy: props.removalPolicy,
      });
    }
    const scopes = this.scopesFor(props.auth);
    this.api = new HttpApi(this, 'Api', {
      description: 'Serverless Scheduler jobs API',
      createDefaultStage: false,
      defaultAuthorizer: this.authorizerFor(props.auth),
      corsPreflight: {
        allowMethods: [
          CorsHttpMethod.GET,
          CorsHttpMethod.POST,
          CorsHttpMethod.PUT,
          CorsHttpMethod.PATCH,
          CorsHttpMethod.DELETE,
        ],
        allowHeaders: [
          'authorization',
          'content-type',
          'idempotency-key',
          'if-match',
          'x-amz-date',
          'x-amz-security-token',
        ],
        exposeHeaders: ['etag', 'location', 'retry-after'],
        maxAge: Duration.hours(1),
      },
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });
    new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.throttle.rateLimit, burstLimit: props.throttle.burstLimit },
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs) },
    });
    const integration = new HttpLambdaIntegration('Jobs', fn);
    for (const [path, method, access] of ROUTES) {
      this.api.addRoutes({
        path,
        methods: [method],
        integration,
        ...(scopes
          ? { authorizationScopes: access === READ ? [scopes.read, scopes.write] : [scopes.write] }
          : {}),
      });
    }

    // Every other request reaches the handler too, authenticated like the rest (any valid caller), so an
    // unknown path or method answers the API's own `route_not_found` problem, not API Gateway's bare 404.
    new HttpRoute(this, 'UnknownRoutes', {
      httpApi: this.api,
      routeKey: HttpRouteKey.DEFAULT,
      integration,
      ...(scopes ? { authorizationScopes: [scopes.read, scopes.write] } : {}),
    });

    new CfnOutput(scope, 'ApiId', { value: this.api.apiId });
    new CfnOutput(scope, 'ApiEndpoint', { value: this.api.apiEndpoint });
  }

  private authorizerFor(auth: ApiAuth): IHttpRouteAuthorizer {
    if (auth.mode === 'iam') return new HttpIamAuthorizer();
    if (auth.mode === 'jwt')
      return new HttpJwtAuthorizer('Jwt', auth.issuer, { jwtAudience: [...auth.audience] });
    const identity = this.identity as JobsIdentity;
    return new HttpJwtAuthorizer('Cognito', identity.issuer, {
      jwtAudience: identity.clients.map((client) => client.userPoolClientId),
    });
  }

  /** Route scopes for token-based auth: readers need jobs:read or jobs:write, writers jobs:write. */
  private scopesFor(auth: ApiAuth): { read: string; write: string } | undefined {
    if (auth.mode === 'iam') return undefined;
    if (auth.mode === 'jwt') return { read: 'jobs:read', write: 'jobs:write' };
    const identity = this.identity as JobsIdentity;
    return { read: identity.readScope, write: identity.writeScope };
  }
}
