import * as z from 'zod/mini';
import { FIELD_VALUE, HEADER_NAME, headerProblems } from './http-headers.js';

const arn = (service: string, resource: RegExp, example: string) =>
  z
    .string()
    .check(
      z.maxLength(2048),
      z.regex(
        new RegExp(`^arn:aws[a-z-]*:${service}:[a-z0-9-]+:\\d{12}:${resource.source}$`),
        `Must be an ARN like ${example}.`,
      ),
    );

const httpTarget = () =>
  z.strictObject({
    type: z.literal('http'),
    url: z.url({ protocol: /^https?$/, error: 'Must be an absolute http(s) URL.' }).check(z.maxLength(2048)),
    method: z._default(z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']), 'POST'),
    headers: z
      ._default(
        // Names and values are checked below, so that each problem says how to fix it; the patterns are
        // registered for the OpenAPI document only.
        z.record(
          z.string().register(z.globalRegistry, { pattern: HEADER_NAME.source }),
          z.string().check(z.maxLength(4096)).register(z.globalRegistry, { pattern: FIELD_VALUE.source }),
        ),
        {},
      )
      .check(
        z.refine((headers) => Object.keys(headers).length <= 32, 'At most 32 headers.'),
        // Each problem at target.headers.<name>, with how to fix it.
        z.check((context) => {
          for (const { name, message } of headerProblems(context.value)) {
            context.issues.push({ code: 'custom', message, input: context.value[name], path: [name] });
          }
        }),
      ),
    timeoutSeconds: z._default(z.int().check(z.minimum(1), z.maximum(60)), 10),
  });

const sqsTarget = () =>
  z
    .strictObject({
      type: z.literal('sqs'),
      queueArn: arn('sqs', /[A-Za-z0-9_-]{1,80}(\.fifo)?/, 'arn:aws:sqs:eu-west-1:123456789012:my-queue'),
      /** Required for FIFO queues, refused for standard ones. */
      messageGroupId: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
    })
    .check(
      z.refine((target) => target.queueArn.endsWith('.fifo') === (target.messageGroupId !== undefined), {
        message: 'messageGroupId is required for a FIFO queue (.fifo) and not allowed otherwise.',
        path: ['messageGroupId'],
      }),
    );

const eventBridgeTarget = () =>
  z.strictObject({
    type: z.literal('eventbridge'),
    eventBusArn: arn(
      'events',
      /event-bus\/[A-Za-z0-9._\-/]{1,256}/,
      'arn:aws:events:eu-west-1:123456789012:event-bus/default',
    ),
    source: z.string().check(
      z.minLength(1),
      z.maxLength(256),
      z.refine((source) => !source.startsWith('aws.'), 'Sources starting with "aws." are reserved by AWS.'),
    ),
    detailType: z.string().check(z.minLength(1), z.maxLength(128)),
  });

const lambdaTarget = () =>
  z.strictObject({
    type: z.literal('lambda'),
    functionArn: arn(
      'lambda',
      /function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9_$-]{1,128})?/,
      'arn:aws:lambda:eu-west-1:123456789012:function:my-function',
    ),
    /** `Event` (asynchronous, the default) or `RequestResponse` (waits for the function's result). */
    invocationType: z._default(z.enum(['Event', 'RequestResponse']), 'Event'),
  });

/** A job's target. Lazy, like every schema of the service: built on first use, not at cold start. */
export const TargetSchema = z.lazy(() =>
  z.discriminatedUnion('type', [httpTarget(), sqsTarget(), eventBridgeTarget(), lambdaTarget()]),
);

export type HttpTarget = z.infer<ReturnType<typeof httpTarget>>;
export type Target = z.infer<typeof TargetSchema>;

/** The AWS resource a target calls, or undefined for HTTP targets. */
export function targetArnOf(target: Target): string | undefined {
  switch (target.type) {
    case 'sqs':
      return target.queueArn;
    case 'eventbridge':
      return target.eventBusArn;
    case 'lambda':
      return target.functionArn;
    case 'http':
      return undefined;
  }
}
