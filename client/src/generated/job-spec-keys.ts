// Generated from lambdas/http/openapi.json by client/scripts/generate.mjs: do not edit.
/** The fields of a job its owner sets (JobSpec), in the document's order. */
export const JOB_SPEC_KEYS = ["name","description","schedule","target","retryPolicy","overlap","misfirePolicy","payload"] as const;
