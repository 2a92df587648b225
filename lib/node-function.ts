import type { RemovalPolicy } from 'aws-cdk-lib';
import { Duration } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  Architecture,
  type Code,
  Function as LambdaFunction,
  Runtime,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { LambdaEnvironment } from '../lambdas/environment.js';
import { HANDLER, lambdaCode } from './lambda-bundling.js';

/** Logging, metrics and tracing settings shared by every function of the stack. */
export interface FunctionObservability {
  /** debug | info | warn | error. */
  readonly logLevel: string;
  /** CloudWatch namespace of the EMF metrics. */
  readonly metricsNamespace: string;
  /** X-Ray active tracing. */
  readonly tracing: boolean;
  /**
   * Ship source maps and run Node with --enable-source-maps, for stack traces in TypeScript terms. Node
   * parses the maps at load: it costs ≈ 14 ms (a third) of every cold start, so it is off unless asked for.
   */
  readonly sourceMaps: boolean;
}

export interface ServiceFunctionProps {
  readonly observability: FunctionObservability;
  /** Handler module under `lambdas/handlers/`, without extension. */
  readonly handlerModule: string;
  readonly description: string;
  readonly environment: LambdaEnvironment;
  /** @default Duration.seconds(10) */
  readonly timeout?: Duration;
  /** @default 512 */
  readonly memorySize?: number;
  /** Concurrency set aside for this function alone (and its ceiling). @default none: the account's pool */
  readonly reservedConcurrentExecutions?: number;
  readonly logRetention: RetentionDays;
  readonly removalPolicy: RemovalPolicy;
  /** The package, when it holds more than the handler module. @default the handler module bundled alone */
  readonly code?: Code;
}

/**
 * A service Lambda with the project's defaults: Node.js 24 on arm64, bundled as lib/lambda-bundling.ts says,
 * its own log group with a retention.
 */
export class ServiceFunction extends Construct {
  readonly fn: LambdaFunction;
  /** The function's role: it may write its own log group and nothing else until granted more. */
  readonly role: Role;

  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    super(scope, id);
    const logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });
    // An own role instead of AWSLambdaBasicExecutionRole, whose log permissions cover every log group.
    this.role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    logGroup.grantWrite(this.role);
    this.fn = new LambdaFunction(this, 'Function', {
      role: this.role,
      code: props.code ?? lambdaCode(props.handlerModule, { sourceMaps: props.observability.sourceMaps }),
      handler: HANDLER,
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      ...(props.reservedConcurrentExecutions === undefined
        ? {}
        : { reservedConcurrentExecutions: props.reservedConcurrentExecutions }),
      environment: {
        ...(props.observability.sourceMaps ? { NODE_OPTIONS: '--enable-source-maps' } : {}),
        LOG_LEVEL: props.observability.logLevel,
        METRICS_NAMESPACE: props.observability.metricsNamespace,
        ...props.environment,
      },
      tracing: props.observability.tracing ? Tracing.ACTIVE : Tracing.DISABLED,
      logGroup,
    });
  }
}
