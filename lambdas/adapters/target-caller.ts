import type { TargetCaller } from '../use-cases/ports.js';
import { callAwsTarget } from './aws-targets.js';
import { type HttpCallerOptions, httpTargetCaller } from './http-target.js';

/** Calls any kind of target: webhooks over Node's HTTP client, AWS targets with their SDK clients. */
export function targetCaller(http: HttpCallerOptions): TargetCaller {
  const callHttp = httpTargetCaller(http);
  return {
    call: ({ target, payload, idempotencyKey, tenant, jobId, runId, maxDurationMs }) =>
      target.type === 'http'
        ? callHttp(target, payload, { jobId, runId, tenant, idempotencyKey }, maxDurationMs)
        : callAwsTarget(target, payload, {
            tenant,
            jobId,
            runId,
            idempotencyKey,
            ...(maxDurationMs === undefined ? {} : { maxDurationMs }),
          }),
  };
}
