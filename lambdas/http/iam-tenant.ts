import { DomainError } from '../domain/errors.js';

/**
 * Where an IAM-authenticated caller's tenant comes from. `role`: an assumed-role session counts as its role,
 * whatever session name the caller chose. `session`: the session ARN as it is (the name is part of it).
 */
export type IamTenantFrom = 'role' | 'session';

export class PrincipalNotATenantError extends DomainError {
  constructor(arn: string) {
    super(403, 'principal_not_a_tenant', `${arn} cannot be a tenant of this service.`, [
      {
        path: 'Authorization',
        message:
          'Sign the request with an IAM role or user: a federated-user session names itself, so it cannot stand for a tenant.',
      },
    ]);
  }
}

const ASSUMED_ROLE = /^arn:(aws[a-z-]*):sts::(\d+):assumed-role\/([^/]+)\/[^/]+$/;
const IAM_IDENTITY = /^arn:aws[a-z-]*:iam::\d+:(user\/.+|role\/.+|root)$/;

/**
 * The tenant of an IAM caller, by its ARN as API Gateway's IAM authorizer reports it. Under `role`, the
 * session name is dropped: `arn:aws:sts::<account>:assumed-role/<role>/<session>` becomes
 * `arn:aws:iam::<account>:role/<role>`. That ARN has no path, because the assumed-role ARN has none: for a
 * role created with a path (`role/teams/<role>`) the tenant is not the role's real ARN; it is still unique,
 * as role names are unique in an account whatever their path. Federated-user sessions
 * (`sts:GetFederationToken`) name themselves like a session name does, and are refused; users and the
 * account root stay as they are.
 */
export function iamTenant(arn: string, from: IamTenantFrom): string {
  if (from === 'session') return arn;
  const assumed = ASSUMED_ROLE.exec(arn);
  if (assumed) {
    const [, partition, account, role] = assumed;
    return `arn:${partition}:iam::${account}:role/${role}`;
  }
  if (IAM_IDENTITY.test(arn)) return arn;
  throw new PrincipalNotATenantError(arn);
}
