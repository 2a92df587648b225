import type { TargetCaller } from '../use-cases/ports.js';
import { callAwsTarget } from './aws-targets.js';
import { callHttpTarget } from './http-target.js';

/** Calls any kind of target: webhooks with fetch, AWS targets with their SDK clients. */
export const targetCaller: TargetCaller = {
  call: ({ target, payload, idempotencyKey, jobId, runId }) =>
    target.type === 'http'
      ? callHttpTarget(target, payload, idempotencyKey)
      : callAwsTarget(target, payload, { jobId, runId, idempotencyKey }),
};
