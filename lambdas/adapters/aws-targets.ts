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
 * The SDK clients of target calls: one per region and kind, made on first use, and the queue URLs looked up.
 * The SQS and EventBridge SDK modules are loaded by the executor anyway (its queue and its run events), so
 * they are imported by name: a dynamic import of a package would keep all of its commands in the bundle.
 * The Lambda client, which nothing else needs, is a chunk of its own, loaded on the first Lambda target.
 */
class TargetClients {
  readonly #sqs = new Map<string, SQSClient>();
  readonly #events = new Map<string, EventBridgeClient>();
  readonly #queueUrls = new Map<string, string>();
  #lambda: Promise<typeof import('./lambda-invoke.js')> | undefined;

  constructor(readonly config: AwsTargetClientConfig) {}

  sqs(region: string): SQSClient {
    return madeOnce(this.#sqs, region, () => new SQSClient({ region, ...QUICK_CALLS, ...this.config }));
  }

  events(region: string): EventBridgeClient {
    return madeOnce(
      this.#events,
      region,
      () => new EventBridgeClient({ region, ...QUICK_CALLS, ...this.config }),
    );
  }

  lambda(): Promise<typeof import('./lambda-invoke.js')> {
    this.#lambda ??= import('./lambda-invoke.js');
    return this.#lambda;
  }

  /** The queue's URL, looked up once per ARN. */
  async queueUrl(queueArn: string, abortSignal: AbortSignal): Promise<string | undefined> {
    const known = this.#queueUrls.get(queueArn);
    if (known) return known;
    const [, , , region = '', account, queueName] = queueArn.split(':');
    const { QueueUrl } = await this.sqs(region).send(
      new GetQueueUrlCommand({ QueueName: queueName, QueueOwnerAWSAccountId: account }),
      { abortSignal },
    );
    if (QueueUrl) this.#queueUrls.set(queueArn, QueueUrl);
    return QueueUrl;
  }
}

function madeOnce<T>(cache: Map<string, T>, key: string, make: () => T): T {
  const existing = cache.get(key);
  if (existing) return existing;
  const made = make();
  cache.set(key, made);
  return made;
}

/** What one call of a target answered, before it is timed: a status code, or the tenant function's error. */
type CallAnswer = { statusCode?: number; error?: string };

/**
 * Calls SQS, EventBridge and Lambda targets, each call bounded by its deadline: the SDK call is aborted
 * when it passes, and a timed-out call is a failed attempt ("timed out after N s") like any other. AWS
 * errors reach the run as stable text chosen by their name; their messages only reach the log.
 */
export function awsTargetCaller(
  clientConfig: AwsTargetClientConfig = {},
  log: Pick<Logger, 'warn'> = logger,
) {
  const clients = new TargetClients(clientConfig);
  /** Calls an SQS, EventBridge or Lambda target once, within `meta.maxDurationMs`. */
  return function callAwsTarget(
    target: AwsTarget,
    payload: unknown,
    meta: AwsTargetCall,
  ): Promise<CallOutcome> {
    return callWithinDeadline(clients, log, { target, payload, meta });
  };
}

interface AwsCall {
  readonly target: AwsTarget;
  readonly payload: unknown;
  readonly meta: AwsTargetCall;
}

async function callWithinDeadline(
  clients: TargetClients,
  log: Pick<Logger, 'warn'>,
  call: AwsCall,
): Promise<CallOutcome> {
  const started = performance.now();
  const deadlineMs = call.meta.maxDurationMs ?? DEFAULT_MAX_DURATION_MS;
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
    const result = await Promise.race([callOnce(clients, call, abort.signal), deadline]);
    return { ok: result.error === undefined, durationMs: durationMs(), ...result };
  } catch (error) {
    const shown = abort.signal.aborted
      ? new TargetDeadlineError(deadlineMs).message
      : tenantFacingTargetError(error);
    logFailure(log, call, error, { timedOut: abort.signal.aborted, shown });
    return { ok: false, durationMs: durationMs(), error: shown };
  } finally {
    clearTimeout(timer);
  }
}

/** The failure in full, for operators; the tenant sees `shown` only. */
function logFailure(
  log: Pick<Logger, 'warn'>,
  { target, meta }: AwsCall,
  error: unknown,
  { timedOut, shown }: { timedOut: boolean; shown: string },
): void {
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
}

function callOnce(clients: TargetClients, call: AwsCall, abortSignal: AbortSignal): Promise<CallAnswer> {
  const { target } = call;
  switch (target.type) {
    case 'sqs':
      return sendToQueue(clients, { ...call, target }, abortSignal);
    case 'eventbridge':
      return putEvent(clients, { ...call, target }, abortSignal);
    case 'lambda':
      return invokeFunctionTarget(clients, { ...call, target }, abortSignal);
  }
}

type CallOf<T extends AwsTarget['type']> = AwsCall & { readonly target: Extract<AwsTarget, { type: T }> };

async function sendToQueue(clients: TargetClients, call: CallOf<'sqs'>, abortSignal: AbortSignal) {
  const { target, meta } = call;
  const QueueUrl = await clients.queueUrl(target.queueArn, abortSignal);
  await clients.sqs(regionOf(target.queueArn)).send(
    new SendMessageCommand({
      QueueUrl,
      MessageBody: JSON.stringify(call.payload ?? null),
      MessageAttributes: {
        jobId: { DataType: 'String', StringValue: meta.jobId },
        runId: { DataType: 'String', StringValue: meta.runId },
      },
      ...(target.messageGroupId
        ? { MessageGroupId: target.messageGroupId, MessageDeduplicationId: meta.idempotencyKey.slice(-128) }
        : {}),
    }),
    { abortSignal },
  );
  return {};
}

async function putEvent(clients: TargetClients, call: CallOf<'eventbridge'>, abortSignal: AbortSignal) {
  const { target, meta } = call;
  const result = await clients.events(regionOf(target.eventBusArn)).send(
    new PutEventsCommand({
      Entries: [
        {
          EventBusName: target.eventBusArn,
          Source: target.source,
          DetailType: target.detailType,
          Detail: JSON.stringify({ jobId: meta.jobId, runId: meta.runId, payload: call.payload ?? null }),
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

async function invokeFunctionTarget(
  clients: TargetClients,
  call: CallOf<'lambda'>,
  abortSignal: AbortSignal,
) {
  const { invokeFunction } = await clients.lambda();
  const { target } = call;
  const result = await invokeFunction(
    regionOf(target.functionArn),
    target,
    JSON.stringify(call.payload ?? null),
    {
      abortSignal,
      clientConfig: clients.config,
    },
  );
  return {
    ...(result.StatusCode ? { statusCode: result.StatusCode } : {}),
    // The tenant's own function failed: `Unhandled` (or `Handled`), its own business to read.
    ...(result.FunctionError ? { error: `function error: ${result.FunctionError}` } : {}),
  };
}

/** The executor's AWS target caller, with the clients' default configuration. */
export const callAwsTarget = awsTargetCaller();
