import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { GetQueueUrlCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Target } from '../domain/target.js';
import { type Logger, logger } from '../logger.js';
import type { CallOutcome } from '../use-cases/ports.js';
import { errorNameOf, tenantFacingTargetError } from './aws-target-errors.js';

type AwsTarget = Exclude<Target, { type: 'http' }>;

/** Settings every target client gets on top of its region (tests point them at a local endpoint). */
export interface AwsTargetClientConfig {
  readonly endpoint?: string;
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

/** A call's deadline when the caller gives none. */
const DEFAULT_MAX_DURATION_MS = 10_000;

// SQS and EventBridge answer in milliseconds: a socket silent for 5 s is dead. One SDK retry fits the
// deadline; the job's retry policy does the rest.
const QUICK_CALLS = { maxAttempts: 2, requestHandler: { connectionTimeout: 3_000, requestTimeout: 5_000 } };

class TargetDeadlineError extends Error {
  constructor(readonly ms: number) {
    super(`timed out after ${Number((ms / 1000).toFixed(1))} s`);
    this.name = 'TargetDeadlineError';
  }
}

/** What callAwsTarget needs to know of the run, for the call and for the log line of a failure. */
export interface AwsTargetCall {
  readonly tenant: string;
  readonly jobId: string;
  readonly runId: string;
  readonly idempotencyKey: string;
  /** The call is abandoned (and counts as a failed attempt) after this long. */
  readonly maxDurationMs?: number;
}

/** The region of a target ARN: targets may live in another region than the scheduler. */
const regionOf = (arn: string) => arn.split(':')[3] ?? '';

/**
 * Calls SQS, EventBridge and Lambda targets, each call bounded by its deadline: the SDK call is aborted
 * when it passes, and a timed-out call is a failed attempt ("timed out after N s") like any other. AWS
 * errors reach the run as stable text chosen by their name; their messages only reach the log.
 */
export function awsTargetCaller(
  clientConfig: AwsTargetClientConfig = {},
  log: Pick<Logger, 'warn'> = logger,
) {
  // The SQS and EventBridge SDK modules are loaded by the executor anyway (its queue and its run events), so
  // they are imported by name: a dynamic import of a package would keep all of its commands in the bundle.
  // The Lambda client, which nothing else needs, is a chunk of its own, loaded on the first Lambda target.
  let lambda: Promise<typeof import('./lambda-invoke.js')> | undefined;
  const sqsClients = new Map<string, SQSClient>();
  const eventClients = new Map<string, EventBridgeClient>();
  const queueUrls = new Map<string, string>();
  /** One client per region and kind, made on first use. */
  const clientFor = <T>(cache: Map<string, T>, region: string, make: () => T): T => {
    const existing = cache.get(region);
    if (existing) return existing;
    const made = make();
    cache.set(region, made);
    return made;
  };
  const sqs = (region: string) =>
    clientFor(sqsClients, region, () => new SQSClient({ region, ...QUICK_CALLS, ...clientConfig }));
  const events = (region: string) =>
    clientFor(eventClients, region, () => new EventBridgeClient({ region, ...QUICK_CALLS, ...clientConfig }));

  async function call(target: AwsTarget, payload: unknown, abortSignal: AbortSignal, meta: AwsTargetCall) {
    const body = JSON.stringify(payload ?? null);
    switch (target.type) {
      case 'sqs': {
        const [, , , region = '', account, queueName] = target.queueArn.split(':');
        const client = sqs(region);
        let QueueUrl = queueUrls.get(target.queueArn);
        if (!QueueUrl) {
          ({ QueueUrl } = await client.send(
            new GetQueueUrlCommand({ QueueName: queueName, QueueOwnerAWSAccountId: account }),
            { abortSignal },
          ));
          if (QueueUrl) queueUrls.set(target.queueArn, QueueUrl);
        }
        await client.send(
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
          { abortSignal },
        );
        return {};
      }
      case 'eventbridge': {
        const result = await events(regionOf(target.eventBusArn)).send(
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
          { abortSignal },
        );
        const entry = result.Entries?.[0];
        if ((result.FailedEntryCount ?? 0) > 0) {
          // The entry's ErrorMessage may name the deployment's resources: only its code is shown.
          throw Object.assign(new Error(entry?.ErrorMessage ?? 'entry rejected'), {
            name: entry?.ErrorCode ?? 'PutEventsEntryRejected',
          });
        }
        return {};
      }
      case 'lambda': {
        lambda ??= import('./lambda-invoke.js');
        const { invokeFunction } = await lambda;
        const result = await invokeFunction(regionOf(target.functionArn), target, body, {
          abortSignal,
          clientConfig,
        });
        return {
          ...(result.StatusCode ? { statusCode: result.StatusCode } : {}),
          // The tenant's own function failed: `Unhandled` (or `Handled`), its own business to read.
          ...(result.FunctionError ? { error: `function error: ${result.FunctionError}` } : {}),
        };
      }
    }
  }

  /** Calls an SQS, EventBridge or Lambda target once, within `meta.maxDurationMs`. */
  return async function callAwsTarget(
    target: AwsTarget,
    payload: unknown,
    meta: AwsTargetCall,
  ): Promise<CallOutcome> {
    const started = performance.now();
    const deadlineMs = meta.maxDurationMs ?? DEFAULT_MAX_DURATION_MS;
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    // Raced as well as passed to the SDK: credentials resolution and retry back-off do not all honour the
    // signal, and the deadline must hold whatever the SDK does.
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new TargetDeadlineError(deadlineMs);
        abort.abort(error);
        reject(error);
      }, deadlineMs);
    });
    const durationMs = () => Math.round(performance.now() - started);
    try {
      const result = await Promise.race([call(target, payload, abort.signal, meta), deadline]);
      return { ok: result.error === undefined, durationMs: durationMs(), ...result };
    } catch (error) {
      const timedOut = abort.signal.aborted;
      const shown = timedOut ? new TargetDeadlineError(deadlineMs).message : tenantFacingTargetError(error);
      log.warn('target call failed', {
        tenant: meta.tenant,
        jobId: meta.jobId,
        runId: meta.runId,
        targetType: target.type,
        error: timedOut ? 'TargetDeadlineError' : errorNameOf(error),
        detail: (error as Error)?.message,
        requestId: (error as { $metadata?: { requestId?: string } })?.$metadata?.requestId,
        shown,
      });
      return { ok: false, durationMs: durationMs(), error: shown };
    } finally {
      clearTimeout(timer);
    }
  };
}

/** The executor's AWS target caller, with the clients' default configuration. */
export const callAwsTarget = awsTargetCaller();
