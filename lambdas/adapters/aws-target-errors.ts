/*
 * What a tenant reads in `outcome.error` when an SQS, EventBridge or Lambda target call fails. AWS SDK
 * messages carry role ARNs, account ids, request ids and resource names of the deployment; none of that
 * belongs to the tenant, so the run gets stable text chosen by the error's name and the details go to the
 * executor's log only.
 */

const ACCESS_DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'AuthorizationError',
  'KmsAccessDenied',
  'KMSAccessDeniedException',
  'InvalidSecurity',
]);

const NOT_FOUND = new Set([
  'ResourceNotFoundException',
  'ResourceNotFound',
  'QueueDoesNotExist',
  'AWS.SimpleQueueService.NonExistentQueue',
  'NonExistentQueue',
]);

const THROTTLED = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'RequestThrottled',
  'RequestLimitExceeded',
  'KmsThrottled',
  'KMSThrottlingException',
  'EC2ThrottledException',
  'OverLimit',
]);

/** Names that say something about the call (not about the deployment): shown as they are. */
const SHOWN = new Set([
  'InvalidParameterValue',
  'InvalidParameterValueException',
  'InvalidMessageContents',
  'InvalidRequestContentException',
  'RequestTooLargeException',
  'RequestEntityTooLargeException',
  'UnsupportedMediaTypeException',
  'ValidationException',
  'ResourceNotReadyException',
  'ResourceConflictException',
  'RecursiveInvocationException',
  'InvalidRuntimeException',
  'SnapStartTimeoutException',
  'ENILimitReachedException',
  'EFSIOException',
  'KmsDisabled',
  'KMSDisabledException',
  'KmsNotFound',
  'KMSNotFoundException',
  'ServiceException',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'InternalFailure',
  'InternalException',
  'InternalError',
  'TimeoutError',
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EPIPE',
]);

/** The stable, tenant-facing text for a failed target call, from the error's name (or Node's error code). */
export function tenantFacingTargetError(error: unknown): string {
  const name = errorNameOf(error);
  if (ACCESS_DENIED.has(name)) return 'the target refused the call: access denied';
  if (NOT_FOUND.has(name)) return 'the target does not exist';
  if (THROTTLED.has(name)) return 'the target throttled the call';
  if (SHOWN.has(name)) return `the target call failed (${name})`;
  return 'the target call failed';
}

/** An SDK error's name, or a Node network error's code (its name is only `Error`). */
export function errorNameOf(error: unknown): string {
  if (typeof error === 'string') return error;
  const { name, code } = (error ?? {}) as { name?: unknown; code?: unknown };
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return code;
  return typeof name === 'string' ? name : '';
}
