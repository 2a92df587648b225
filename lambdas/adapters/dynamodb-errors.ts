/** True for DynamoDB's "condition not met" error, from either the plain or the document client. */
export function isConditionalCheckFailed(
  error: unknown,
): error is Error & { Item?: Record<string, unknown> } {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}
