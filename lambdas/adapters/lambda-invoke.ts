import { InvokeCommand, LambdaClient, type LambdaClientConfig } from '@aws-sdk/client-lambda';

const clients = new Map<string, LambdaClient>();

/**
 * Invokes a Lambda target in its own region; loaded on first use (see aws-targets.ts). No SDK retry: a
 * retried RequestResponse call runs the function twice, and the job's retry policy retries anyway. An Event
 * invocation answers at once, so its socket gets a short timeout; a RequestResponse one waits for the
 * function, bounded by `abortSignal` (the call's deadline) rather than by the socket.
 */
export function invokeFunction(
  region: string,
  target: { functionArn: string; invocationType: 'Event' | 'RequestResponse' },
  body: string,
  options: { abortSignal: AbortSignal; clientConfig?: LambdaClientConfig },
) {
  const key = `${region}:${target.invocationType}:${String(options.clientConfig?.endpoint ?? '')}`;
  let client = clients.get(key);
  if (!client) {
    client = new LambdaClient({
      region,
      maxAttempts: 1,
      requestHandler: {
        connectionTimeout: 3_000,
        ...(target.invocationType === 'Event' ? { requestTimeout: 10_000 } : {}),
      },
      ...options.clientConfig,
    });
    clients.set(key, client);
  }
  return client.send(
    new InvokeCommand({
      FunctionName: target.functionArn,
      InvocationType: target.invocationType,
      Payload: new TextEncoder().encode(body),
    }),
    { abortSignal: options.abortSignal },
  );
}
