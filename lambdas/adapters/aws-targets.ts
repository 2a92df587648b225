import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { GetQueueUrlCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Target } from '../domain/target.js';
import type { CallOutcome } from '../use-cases/ports.js';

type AwsTarget = Exclude<Target, { type: 'http' }>;

// The SQS and EventBridge SDK modules are loaded by the executor anyway (its queue and its run events), so
// they are imported by name: a dynamic import of a package would keep all of its commands in the bundle.
// The Lambda client, which nothing else needs, is a chunk of its own, loaded on the first Lambda target.
let lambda: Promise<typeof import('./lambda-invoke.js')> | undefined;
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
        lambda ??= import('./lambda-invoke.js');
        const { invokeFunction } = await lambda;
        const result = await invokeFunction(regionOf(target.functionArn), target, body);
        if (result.FunctionError)
          return { ...done(false, `function error: ${result.FunctionError}`), statusCode: result.StatusCode };
        return { ...done(true), ...(result.StatusCode ? { statusCode: result.StatusCode } : {}) };
      }
    }
  } catch (error) {
    return done(false, `${(error as Error).name}: ${(error as Error).message}`.slice(0, 500));
  }
}
