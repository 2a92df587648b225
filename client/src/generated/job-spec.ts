// Generated from lambdas/http/openapi.json by client/scripts/generate.mjs: do not edit.
import type { DefaultsTree } from '../spec-defaults.js';

/** The fields of a job its owner sets (JobSpec), in the document's order. */
export const JOB_SPEC_KEYS = ["name","description","schedule","target","retryPolicy","overlap","misfirePolicy","payload"] as const;

/** The defaults the API fills into a JobSpec, so a file that leaves them out compares equal. */
export const JOB_SPEC_DEFAULTS: DefaultsTree = {"properties":{"schedule":{"properties":{"timezone":{"default":"UTC"}}},"target":{"variants":{"http":{"properties":{"method":{"default":"POST"},"headers":{"default":{}},"timeoutSeconds":{"default":10}}},"lambda":{"properties":{"invocationType":{"default":"Event"}}}}},"retryPolicy":{"default":{"maxAttempts":3,"initialDelaySeconds":10,"maxDelaySeconds":300,"multiplier":2},"properties":{"maxAttempts":{"default":3},"initialDelaySeconds":{"default":10},"maxDelaySeconds":{"default":300},"multiplier":{"default":2}}},"overlap":{"default":"allow"},"misfirePolicy":{"default":"fire_once"}}};
