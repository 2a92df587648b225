import { describe, expect, it } from 'vitest';
import { tenantFacingTargetError } from '../../../lambdas/adapters/aws-target-errors.js';

/** An SDK-like error: its name chosen by the service, its message full of the deployment's internals. */
const sdkError = (name: string) =>
  Object.assign(
    new Error(
      `User: arn:aws:sts::111122223333:assumed-role/Scheduler-ExecutorRole-ABC/Scheduler-Executor is not authorized to perform: lambda:InvokeFunction on resource: arn:aws:lambda:eu-west-1:111122223333:function:billing (RequestId: 0d9f6b1e-1111-2222-3333-444455556666)`,
    ),
    { name, $metadata: { requestId: '0d9f6b1e-1111-2222-3333-444455556666' } },
  );

describe('errors a tenant sees from AWS target calls', () => {
  it.each([
    ['AccessDeniedException', 'the target refused the call: access denied'],
    ['AccessDenied', 'the target refused the call: access denied'],
    ['KmsAccessDenied', 'the target refused the call: access denied'],
    ['ResourceNotFoundException', 'the target does not exist'],
    ['QueueDoesNotExist', 'the target does not exist'],
    ['AWS.SimpleQueueService.NonExistentQueue', 'the target does not exist'],
    ['ThrottlingException', 'the target throttled the call'],
    ['TooManyRequestsException', 'the target throttled the call'],
    ['RequestThrottled', 'the target throttled the call'],
    ['InvalidParameterValueException', 'the target call failed (InvalidParameterValueException)'],
    ['ServiceUnavailableException', 'the target call failed (ServiceUnavailableException)'],
    ['UnrecognizedClientException', 'the target call failed'],
    ['arn:aws:iam::111122223333:role/Leaky', 'the target call failed'],
    ['', 'the target call failed'],
  ])('%s → "%s", and nothing of the message', (name, shown) => {
    const text = tenantFacingTargetError(sdkError(name));
    expect(text).toBe(shown);
    expect(text).not.toMatch(/arn:|111122223333|RequestId|0d9f6b1e|Scheduler-/);
  });

  it('names network failures by their code, not their message (which names hosts and ports)', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.3.7:443'), { code: 'ECONNREFUSED' });
    expect(tenantFacingTargetError(refused)).toBe('the target call failed (ECONNREFUSED)');
  });

  it('shows nothing for what is not an error', () => {
    expect(tenantFacingTargetError(undefined)).toBe('the target call failed');
    expect(tenantFacingTargetError({ name: 42 })).toBe('the target call failed');
  });
});
