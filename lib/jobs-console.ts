import { CfnOutput, type RemovalPolicy, Validations } from 'aws-cdk-lib';
import { type HttpApi, HttpMethod, HttpNoneAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { consoleCode } from './console-bundling.js';
import { type FunctionObservability, ServiceFunction } from './node-function.js';

/** How people sign in to the console: a tenant's client id and secret, or a token they paste. */
export type ConsoleSignIn =
  /** Client id + secret, exchanged at `tokenUrl` through the console's own /console/token; or a pasted token. */
  | { readonly mode: 'client-credentials'; readonly tokenUrl: string }
  /** A bearer token from the deployment's own issuer, pasted. */
  | { readonly mode: 'token' };

export interface JobsConsoleProps {
  readonly api: HttpApi;
  readonly signIn: ConsoleSignIn;
  readonly logRetention: RetentionDays;
  readonly removalPolicy: RemovalPolicy;
  readonly observability: FunctionObservability;
}

/** The console's routes: its page and files, and the token exchange; all without the API's authorizer. */
export const CONSOLE_ROUTES: ReadonlyArray<[string, HttpMethod]> = [
  ['/console', HttpMethod.GET],
  ['/console/assets/{file}', HttpMethod.GET],
  ['/console/token', HttpMethod.POST],
];

/**
 * The web console, served by the API itself at /console: the same URL scheme on the local AWS and on AWS, no
 * CloudFront. Its function holds the static files and may do nothing else (no table, queue or secret): every
 * data call goes from the page to the API's authorized routes with the signed-in tenant's bearer token.
 */
export class JobsConsole extends Construct {
  readonly function: ServiceFunction;

  constructor(scope: Construct, id: string, props: JobsConsoleProps) {
    super(scope, id);
    this.function = new ServiceFunction(this, 'Handler', {
      handlerModule: 'console',
      code: consoleCode({ sourceMaps: props.observability.sourceMaps }),
      description: 'The web console (static files, token exchange)',
      memorySize: 256,
      logRetention: props.logRetention,
      removalPolicy: props.removalPolicy,
      observability: props.observability,
      environment: {
        CONSOLE_SIGN_IN: props.signIn.mode,
        ...(props.signIn.mode === 'client-credentials' ? { CONSOLE_TOKEN_URL: props.signIn.tokenUrl } : {}),
      },
    });
    const integration = new HttpLambdaIntegration('Console', this.function.fn);
    const authorizer = new HttpNoneAuthorizer();
    for (const [path, method] of CONSOLE_ROUTES) {
      const [route] = props.api.addRoutes({ path, methods: [method], integration, authorizer });
      if (route)
        Validations.of(route).acknowledge({
          id: 'AwsSolutions::AwsSolutions-APIG4',
          reason:
            'The console page, its static files and the OAuth2 token exchange are public by nature (a sign-in page cannot require the sign-in); they read no data, and every data route keeps the authorizer.',
        });
    }
    new CfnOutput(scope, 'ConsoleUrl', { value: `${props.api.apiEndpoint}/console` });
  }
}
