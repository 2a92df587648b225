import { CfnOutput, Duration, type RemovalPolicy } from 'aws-cdk-lib';
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpStage,
  type IHttpRouteAuthorizer,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer, HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { JobSchedules } from './job-schedules.js';
import type { JobTable } from './job-table.js';
import { ServiceFunction } from './node-function.js';

/** How API callers authenticate. The tenant is always the authenticated principal. */
export type ApiAuth =
  | { readonly mode: 'iam' }
  | { readonly mode: 'jwt'; readonly issuer: string; readonly audience: readonly string[] };

export interface JobsApiProps {
  readonly auth: ApiAuth;
  readonly jobTable: JobTable;
  readonly dispatchQueue: IQueue;
  readonly schedules: JobSchedules;
  readonly httpTargetInsecureHosts: readonly string[];
  readonly logRetention: RetentionDays;
  readonly removalPolicy: RemovalPolicy;
}

/** The jobs HTTP API (v2): every route authenticated, one Lambda behind it. */
export class JobsApi extends Construct {
  readonly api: HttpApi;
  readonly function: ServiceFunction;

  constructor(scope: Construct, id: string, props: JobsApiProps) {
    super(scope, id);
    this.function = new ServiceFunction(this, 'Handler', {
      handlerModule: 'api',
      description: 'The jobs API',
      logRetention: props.logRetention,
      removalPolicy: props.removalPolicy,
      environment: {
        TABLE_NAME: props.jobTable.table.tableName,
        SCHEDULE_GROUP_NAME: props.schedules.group.scheduleGroupName,
        DISPATCH_QUEUE_ARN: props.dispatchQueue.queueArn,
        SCHEDULER_ROLE_ARN: props.schedules.role.roleArn,
        HTTP_TARGET_INSECURE_HOSTS: props.httpTargetInsecureHosts.join(','),
      },
    });
    props.jobTable.grantItemAccess(
      this.function.fn,
      'GetItem',
      'PutItem',
      'UpdateItem',
      'DeleteItem',
      'Query',
    );
    props.jobTable.grantTenantIndexQuery(this.function.fn);
    props.schedules.grantManageSchedules(this.function.fn);

    this.api = new HttpApi(this, 'Api', {
      description: 'Serverless Scheduler jobs API',
      createDefaultStage: false,
      defaultAuthorizer: authorizerFor(props.auth),
      corsPreflight: {
        allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PUT, CorsHttpMethod.DELETE],
        allowHeaders: [
          'authorization',
          'content-type',
          'idempotency-key',
          'if-match',
          'x-amz-date',
          'x-amz-security-token',
        ],
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
      throttle: { rateLimit: 100, burstLimit: 200 },
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs) },
    });
    const integration = new HttpLambdaIntegration('Jobs', this.function.fn);
    this.api.addRoutes({ path: '/api/jobs', methods: [HttpMethod.POST], integration });
    this.api.addRoutes({ path: '/api/jobs/{id}', methods: [HttpMethod.GET, HttpMethod.DELETE], integration });

    new CfnOutput(scope, 'ApiId', { value: this.api.apiId });
    new CfnOutput(scope, 'ApiEndpoint', { value: this.api.apiEndpoint });
  }
}

function authorizerFor(auth: ApiAuth): IHttpRouteAuthorizer {
  if (auth.mode === 'iam') return new HttpIamAuthorizer();
  return new HttpJwtAuthorizer('Jwt', auth.issuer, { jwtAudience: [...auth.audience] });
}
