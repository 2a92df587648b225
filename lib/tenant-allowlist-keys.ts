import type { ApiAuth } from './jobs-api.js';

/** An IAM principal as the API names the tenant in role mode: a role without its path, a user, or the root. */
const ROLE_MODE_TENANT = /^arn:aws[a-z-]*:iam::\d{12}:(role\/[\w+=,.@-]+|user\/[\w+=,.@/-]+|root)$/;
/** In session mode: any IAM user, role or root ARN, or an assumed-role session. */
const SESSION_MODE_TENANT =
  /^arn:aws[a-z-]*:(iam::\d{12}:(role|user)\/.+|iam::\d{12}:root|sts::\d{12}:assumed-role\/.+)$/;

/**
 * Checks that every key of `tenantTargetArnAllowlists` is a tenant id as the API will name the caller in this
 * auth mode. A key that can never match (a role ARN with its path, a session ARN in role mode, a Cognito client
 * name) would silently leave that tenant on the shared `targetArnAllowlist`: refused at synth instead.
 */
export function checkTenantAllowlistKeys(
  auth: ApiAuth,
  lists: Readonly<Record<string, readonly string[]>>,
): void {
  const keys = Object.keys(lists);
  if (keys.length === 0) return;
  const wrong = (key: string, why: string) =>
    new Error(`tenantTargetArnAllowlists: '${key}' can never be a tenant in ${auth.mode} mode: ${why}.`);
  for (const key of keys) {
    if (auth.mode === 'cognito') {
      throw wrong(
        key,
        'there a tenant is its app client id, which Cognito makes at deploy time; use targetArnAllowlist, or the jwt mode with your own client ids',
      );
    }
    if (auth.mode === 'iam' && (auth.tenantFrom ?? 'role') === 'role' && !ROLE_MODE_TENANT.test(key)) {
      throw wrong(
        key,
        'with tenantFrom: role the tenant is arn:aws:iam::<account>:role/<name> (no path, no session), a user ARN or the root',
      );
    }
    if (auth.mode === 'iam' && auth.tenantFrom === 'session' && !SESSION_MODE_TENANT.test(key)) {
      throw wrong(
        key,
        'with tenantFrom: session the tenant is an IAM user, role or root ARN, or an assumed-role session ARN',
      );
    }
    if (auth.mode === 'jwt' && key.trim() === '')
      throw wrong(key, "the tenant is the token's sub, never empty");
  }
}
