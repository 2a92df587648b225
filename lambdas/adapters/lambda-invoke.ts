import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';

const clients = new Map<string, LambdaClient>();

/** Invokes a Lambda target in its own region; loaded on first use (see aws-targets.ts). */
export function invokeFunction(
  region: string,
  target: { functionArn: string; invocationType: 'Event' | 'RequestResponse' },
  body: string,
) {
  let client = clients.get(region);
  if (!client) {
    client = new LambdaClient({ region });
    clients.set(region, client);
  }
  return client.send(
    new InvokeCommand({
      FunctionName: target.functionArn,
      InvocationType: target.invocationType,
      Payload: new TextEncoder().encode(body),
    }),
  );
}
