import { fileURLToPath } from 'node:url';
import type { RemovalPolicy } from 'aws-cdk-lib';
import { Duration } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, type ILayerVersion, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/** Logging, metrics and tracing settings shared by every function of the stack. */
export interface FunctionObservability {
  /** debug | info | warn | error. */
  readonly logLevel: string;
  /** CloudWatch namespace of the EMF metrics. */
  readonly metricsNamespace: string;
  /** X-Ray active tracing. */
  readonly tracing: boolean;
}

export interface ServiceFunctionProps {
  readonly observability: FunctionObservability;
  /** Handler module under `lambdas/handlers/`, without extension. */
  readonly handlerModule: string;
  readonly description: string;
  readonly environment: Record<string, string>;
  /** @default Duration.seconds(10) */
  readonly timeout?: Duration;
  /** @default 512 */
  readonly memorySize?: number;
  readonly logRetention: RetentionDays;
  readonly removalPolicy: RemovalPolicy;
  readonly layers?: ILayerVersion[];
}

const projectRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * A service Lambda with the project's defaults: Node.js 24 on arm64, minified ESM bundled by esbuild with the
 * AWS SDK inside (the local AWS provides none), its own log group with a retention.
 */
export class ServiceFunction extends Construct {
  readonly fn: NodejsFunction;
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
    this.fn = new NodejsFunction(this, 'Function', {
      role: this.role,
      entry: `${projectRoot}lambdas/handlers/${props.handlerModule}.ts`,
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        LOG_LEVEL: props.observability.logLevel,
        METRICS_NAMESPACE: props.observability.metricsNamespace,
        ...props.environment,
      },
      tracing: props.observability.tracing ? Tracing.ACTIVE : Tracing.DISABLED,
      logGroup,
      projectRoot,
      depsLockFilePath: `${projectRoot}package-lock.json`,
      bundling: {
        format: OutputFormat.ESM,
        target: 'node24',
        minify: true,
        sourceMap: true,
        externalModules: [],
        mainFields: ['module', 'main'],
        // Some bundled CommonJS dependencies call require(); give the ESM bundle one.
        banner: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
      },
    });
  }
}
