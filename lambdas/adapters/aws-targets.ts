import type { Target } from '../domain/target.js';
import type { CallOutcome } from '../use-cases/ports.js';

type AwsTarget = Exclude<Target, { type: 'http' }>;

// SDK clients for the rarer target kinds are loaded on first use: most deployments call webhooks only,
// and a cold start should not pay for clients it will not use.
let sqs: Promise<typeof import('@aws-sdk/client-sqs')> | undefined;
let events: Promise<typeof import('@aws-sdk/client-eventbridge')> | undefined;
let lambda: Promise<typeof import('@aws-sdk/client-lambda')> | undefined;
const clients = new Map<string, unknown>();
const queueUrls = new Map<string, string>();

function client<T>(key: string, make: () => T): T {
  let existing = clients.get(key) as T | undefined;
  if (!existing) {
    existing = make();
    clients.set(key, existing);
  }
  return existing;
}

/** The region of a target ARN: targets may live in another region than the scheduler. */
const regionOf = (arn: string) => arn.split(':')[3] ?? '';

/** Calls an SQS, EventBridge or Lambda target once; AWS errors become a failed outcome with the error name. */
export async function callAwsTarget(
  target: AwsTarget,
  payload: unknown,
  meta: { jobId: string; runId: string; idempotencyKey: string },
): Promise<CallOutcome> {
  const started = performance.now();
  const body = JSON.stringify(payload ?? null);
  const done = (ok: boolean, error?: string): CallOutcome => ({
    ok,
    durationMs: Math.round(performance.now() - started),
    ...(error ? { error } : {}),
  });
  try {
    switch (target.type) {
      case 'sqs': {
        sqs ??= import('@aws-sdk/client-sqs');
        const { SQSClient, SendMessageCommand, GetQueueUrlCommand } = await sqs;
        const [, , , region, account, queueName] = target.queueArn.split(':');
        const sqsClient = client(`sqs:${region}`, () => new SQSClient({ region }));
        let QueueUrl = queueUrls.get(target.queueArn);
        if (!QueueUrl) {
          ({ QueueUrl } = await sqsClient.send(
            new GetQueueUrlCommand({ QueueName: queueName, QueueOwnerAWSAccountId: account }),
          ));
          if (QueueUrl) queueUrls.set(target.queueArn, QueueUrl);
        }
        await sqsClient.send(
          new SendMessageCommand({
            QueueUrl,
            MessageBody: body,
            MessageAttributes: {
              jobId: { DataType: 'String', StringValue: meta.jobId },
              runId: { DataType: 'String', StringValue: meta.runId },
            },
            ...(target.messageGroupId
              ? {
                  MessageGroupId: target.messageGroupId,
                  MessageDeduplicationId: meta.idempotencyKey.slice(-128),
                }
              : {}),
          }),
        );
        return done(true);
      }
      case 'eventbridge': {
        events ??= import('@aws-sdk/client-eventbridge');
        const { EventBridgeClient, PutEventsCommand } = await events;
        const region = regionOf(target.eventBusArn);
        const result = await client(`events:${region}`, () => new EventBridgeClient({ region })).send(
          new PutEventsCommand({
            Entries: [
              {
                EventBusName: target.eventBusArn,
                Source: target.source,
                DetailType: target.detailType,
                Detail: JSON.stringify({ jobId: meta.jobId, runId: meta.runId, payload: payload ?? null }),
              },
            ],
          }),
        );
        const failed = result.FailedEntryCount ?? 0;
        return failed > 0
          ? done(false, `PutEvents rejected the event: ${result.Entries?.[0]?.ErrorCode}`)
          : done(true);
      }
      case 'lambda': {
        lambda ??= import('@aws-sdk/client-lambda');
        const { LambdaClient, InvokeCommand } = await lambda;
        const region = regionOf(target.functionArn);
        const result = await client(`lambda:${region}`, () => new LambdaClient({ region })).send(
          new InvokeCommand({
            FunctionName: target.functionArn,
            InvocationType: target.invocationType,
            Payload: new TextEncoder().encode(body),
          }),
        );
        if (result.FunctionError)
          return { ...done(false, `function error: ${result.FunctionError}`), statusCode: result.StatusCode };
        return { ...done(true), ...(result.StatusCode ? { statusCode: result.StatusCode } : {}) };
      }
    }
  } catch (error) {
    return done(false, `${(error as Error).name}: ${(error as Error).message}`.slice(0, 500));
  }
}
