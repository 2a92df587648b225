// Generated from lambdas/http/openapi.json by client/scripts/generate.mjs: do not edit.
export interface paths {
    "/api/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the caller's jobs, newest first */
        get: operations["listJobs"];
        put?: never;
        /** Create a job */
        post: operations["createJob"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a job */
        get: operations["getJob"];
        /** Replace a job */
        put: operations["replaceJob"];
        post?: never;
        /** Delete a job and its schedule */
        delete: operations["deleteJob"];
        options?: never;
        head?: never;
        /** Change some of a job's fields: a JSON merge patch (RFC 7396; application/merge-patch+json too) */
        patch: operations["patchJob"];
        trace?: never;
    };
    "/api/jobs/{id}/execute": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Fire the job now, as its own run */
        post: operations["executeJob"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs/{id}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Pause the job (pausing a paused job with the same reason changes nothing) */
        post: operations["pauseJob"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs/{id}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Resume the job (resuming an active job changes nothing) */
        post: operations["resumeJob"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs/{id}/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The job's runs, newest first */
        get: operations["listRuns"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs/{id}/runs/{runId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One run */
        get: operations["getRun"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/schedules/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The next fires of a schedule */
        post: operations["previewSchedule"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/dlq": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's dead fires, newest first (no other tenant's are read or touched) */
        get: operations["listDeadFires"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/dlq/redrive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move the caller's dead fires back to the dispatch queue: the oldest `limit` (default 100), or those named by `ids` */
        post: operations["redriveDeadFires"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/signing-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's webhook signing secrets (Standard Webhooks): current, and next while rotating */
        get: operations["getSigningSecret"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/signing-secret/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** One step of rotating the caller's signing secret: begin (sign with current and next), complete (next becomes current) or cancel */
        post: operations["rotateSigningSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This document */
        get: operations["getOpenApiDocument"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Dependencies reachable, and the version */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Problem: {
            type: string;
            title: string;
            status: number;
            /** @description Stable, machine-readable reason */
            code: string;
            detail: string;
            instance?: string;
            errors?: {
                path: string;
                message: string;
            }[];
        };
        GatewayMessage: {
            message: string;
        };
        Job: {
            name: string;
            description?: string;
            schedule: {
                expression: string;
                /** @default UTC */
                timezone: string;
                /** Format: date-time */
                startAt?: string;
                /** Format: date-time */
                endAt?: string;
            };
            target: {
                /** @constant */
                type: "http";
                /** Format: uri */
                url: string;
                /**
                 * @default POST
                 * @enum {string}
                 */
                method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
                /** @default {} */
                headers: {
                    [key: string]: string;
                };
                /** @default 10 */
                timeoutSeconds: number;
            } | {
                /** @constant */
                type: "sqs";
                queueArn: string;
                messageGroupId?: string;
            } | {
                /** @constant */
                type: "eventbridge";
                eventBusArn: string;
                source: string;
                detailType: string;
            } | {
                /** @constant */
                type: "lambda";
                functionArn: string;
                /**
                 * @default Event
                 * @enum {string}
                 */
                invocationType: "Event" | "RequestResponse";
            };
            /**
             * @default {
             *       "maxAttempts": 3,
             *       "initialDelaySeconds": 10,
             *       "maxDelaySeconds": 300,
             *       "multiplier": 2
             *     }
             */
            retryPolicy: {
                /** @default 3 */
                maxAttempts: number;
                /** @default 10 */
                initialDelaySeconds: number;
                /** @default 300 */
                maxDelaySeconds: number;
                /** @default 2 */
                multiplier: number;
            };
            /**
             * @default allow
             * @enum {string}
             */
            overlap: "allow" | "forbid";
            /**
             * @default fire_once
             * @enum {string}
             */
            misfirePolicy: "fire_once" | "skip";
            payload?: components["schemas"]["JsonValue"];
            /** @description ULID */
            id: string;
            /** @enum {string} */
            status: "ACTIVE" | "PAUSED" | "COMPLETED";
            pausedReason?: string;
            /** @description Also the ETag; send it back in If-Match. */
            revision: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /** Format: date-time */
            nextRunAt?: string;
            /** Format: date-time */
            lastRunAt?: string;
            /** @enum {string} */
            lastRunStatus?: "RUNNING" | "SUCCEEDED" | "FAILED" | "SKIPPED";
            /** @description Runs that succeeded, kept by the executor */
            runsSucceeded?: number;
            /** @description Runs that failed after their last attempt */
            runsFailed?: number;
            /** @description Fires skipped (overlap, misfire, paused or changed job) */
            runsSkipped?: number;
            /** @description Why the latest skipped fire was skipped */
            lastSkipReason?: string;
            /** Format: date-time */
            lastSkippedAt?: string;
            firing: {
                /**
                 * @description enabled: registered and firing; disabled: paused; finished: completed
                 * @enum {string}
                 */
                schedule: "enabled" | "disabled" | "finished";
                /** Format: date-time */
                nextFireAt?: string;
                /** @description The next fire in the job's time zone, with offset */
                nextFireLocal?: string;
                /** @description A fire that is due and has not run: why, in a word and a sentence */
                overdue?: {
                    /** Format: date-time */
                    scheduledTime: string;
                    /** @enum {string} */
                    reason: "running" | "retrying" | "stalled" | "catch_up_pending" | "skip_pending" | "awaiting_run";
                    detail: string;
                    /** Format: date-time */
                    nextAttemptAt?: string;
                };
            };
        };
        JobSpec: {
            name: string;
            description?: string;
            schedule: {
                expression: string;
                /** @default UTC */
                timezone?: string;
                /** Format: date-time */
                startAt?: string;
                /** Format: date-time */
                endAt?: string;
            };
            target: {
                /** @constant */
                type: "http";
                /** Format: uri */
                url: string;
                /**
                 * @default POST
                 * @enum {string}
                 */
                method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
                /** @default {} */
                headers?: {
                    [key: string]: string;
                };
                /** @default 10 */
                timeoutSeconds?: number;
            } | {
                /** @constant */
                type: "sqs";
                queueArn: string;
                messageGroupId?: string;
            } | {
                /** @constant */
                type: "eventbridge";
                eventBusArn: string;
                source: string;
                detailType: string;
            } | {
                /** @constant */
                type: "lambda";
                functionArn: string;
                /**
                 * @default Event
                 * @enum {string}
                 */
                invocationType?: "Event" | "RequestResponse";
            };
            /**
             * @default {
             *       "maxAttempts": 3,
             *       "initialDelaySeconds": 10,
             *       "maxDelaySeconds": 300,
             *       "multiplier": 2
             *     }
             */
            retryPolicy?: {
                /** @default 3 */
                maxAttempts?: number;
                /** @default 10 */
                initialDelaySeconds?: number;
                /** @default 300 */
                maxDelaySeconds?: number;
                /** @default 2 */
                multiplier?: number;
            };
            /**
             * @default allow
             * @enum {string}
             */
            overlap?: "allow" | "forbid";
            /**
             * @default fire_once
             * @enum {string}
             */
            misfirePolicy?: "fire_once" | "skip";
            payload?: components["schemas"]["JsonValue"];
        };
        /** @description Members of JobSpec to change (RFC 7396): anything left out stays as it is. */
        JobPatch: {
            name?: string;
            description?: string;
            schedule?: {
                expression: string;
                /** @default UTC */
                timezone?: string;
                /** Format: date-time */
                startAt?: string;
                /** Format: date-time */
                endAt?: string;
            };
            target?: {
                /** @constant */
                type: "http";
                /** Format: uri */
                url: string;
                /**
                 * @default POST
                 * @enum {string}
                 */
                method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
                /** @default {} */
                headers?: {
                    [key: string]: string;
                };
                /** @default 10 */
                timeoutSeconds?: number;
            } | {
                /** @constant */
                type: "sqs";
                queueArn: string;
                messageGroupId?: string;
            } | {
                /** @constant */
                type: "eventbridge";
                eventBusArn: string;
                source: string;
                detailType: string;
            } | {
                /** @constant */
                type: "lambda";
                functionArn: string;
                /**
                 * @default Event
                 * @enum {string}
                 */
                invocationType?: "Event" | "RequestResponse";
            };
            /**
             * @default {
             *       "maxAttempts": 3,
             *       "initialDelaySeconds": 10,
             *       "maxDelaySeconds": 300,
             *       "multiplier": 2
             *     }
             */
            retryPolicy?: {
                /** @default 3 */
                maxAttempts?: number;
                /** @default 10 */
                initialDelaySeconds?: number;
                /** @default 300 */
                maxDelaySeconds?: number;
                /** @default 2 */
                multiplier?: number;
            };
            /**
             * @default allow
             * @enum {string}
             */
            overlap?: "allow" | "forbid";
            /**
             * @default fire_once
             * @enum {string}
             */
            misfirePolicy?: "fire_once" | "skip";
            payload?: components["schemas"]["JsonValue"];
        };
        Run: {
            jobId: string;
            /** @description The scheduled time, or `<time>~<ULID>` for a manual run */
            runId: string;
            /** Format: date-time */
            scheduledTime: string;
            /**
             * @description catch_up: the reconciler's fire for a scheduled time that was missed
             * @enum {string}
             */
            trigger: "schedule" | "manual" | "catch_up";
            /** @enum {string} */
            status: "RUNNING" | "SUCCEEDED" | "FAILED" | "SKIPPED";
            /** @description The attempt under way or last made, from 1 */
            attempt: number;
            /** Format: date-time */
            startedAt: string;
            /** Format: date-time */
            finishedAt?: string;
            outcome?: {
                statusCode?: number;
                durationMs: number;
                error?: string;
                /** @description The first bytes of the target's answer */
                responseSnippet?: string;
            };
            /** @description Every attempt made, oldest first */
            attempts?: {
                attempt: number;
                /** Format: date-time */
                startedAt: string;
                outcome: {
                    statusCode?: number;
                    durationMs: number;
                    error?: string;
                    /** @description The first bytes of the target's answer */
                    responseSnippet?: string;
                };
            }[];
            /**
             * Format: date-time
             * @description When the next attempt is due, while waiting for a retry
             */
            nextAttemptAt?: string;
            skipReason?: string;
        };
        JobPage: {
            items: components["schemas"]["Job"][];
            /** @description Pass it as `cursor` for the next page; absent on the last */
            nextCursor?: string;
        };
        RunPage: {
            items: components["schemas"]["Run"][];
            /** @description Pass it as `cursor` for the next page; absent on the last */
            nextCursor?: string;
        };
        DeadFire: {
            /** @description `<sentAt>#<messageId>`; pass it to /api/dlq/redrive as one of `ids` */
            id: string;
            messageId: string;
            fire: {
                jobId: string;
                revision: number;
                scheduledTime: string;
            } & {
                [key: string]: unknown;
            };
            reason?: string;
            /** Format: date-time */
            sentAt: string;
            /** Format: date-time */
            filedAt: string;
            receiveCount: number;
        };
        DeadFirePage: {
            items: components["schemas"]["DeadFire"][];
            /** @description Pass it as `cursor` for the next page; absent on the last */
            nextCursor?: string;
        };
        Redriven: {
            redriven: number;
        };
        Execution: {
            jobId: string;
            runId: string;
            /** Format: date-time */
            scheduledTime: string;
            /** @constant */
            trigger: "manual";
        };
        Preview: {
            timezone: string;
            fires: {
                /** Format: date-time */
                utc: string;
                local: string;
                /** @enum {string} */
                dst?: "gap" | "overlap";
            }[];
        };
        SigningSecret: {
            current: {
                generation: number;
                /** @description whsec_<base64 key bytes>: give it to a standardwebhooks library */
                secret: string;
            };
            next?: {
                generation: number;
                /** @description whsec_<base64 key bytes>: give it to a standardwebhooks library */
                secret: string;
            };
            /** Format: date-time */
            rotationStartedAt?: string;
            /**
             * Format: date-time
             * @description From then on every call also carries a signature with next
             */
            signedWithNextFrom?: string;
            /** Format: date-time */
            rotatedAt?: string;
            /** @description How long a rotation step takes to reach every call */
            propagationSeconds: number;
        };
        Health: {
            /** @enum {string} */
            status: "ok" | "degraded";
            version: string;
            checks: {
                [key: string]: {
                    ok: boolean;
                    detail?: string;
                };
            };
        };
        /** @description Any JSON value. */
        JsonValue: JsonValue;
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listJobs: {
        parameters: {
            query?: {
                limit?: number;
                /** @description The nextCursor of the previous page, as it was given */
                cursor?: string;
                status?: "ACTIVE" | "PAUSED" | "COMPLETED";
                namePrefix?: string;
                lastRunStatus?: "SUCCEEDED" | "FAILED";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of jobs */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobPage"];
                };
            };
            /** @description Bad Request: problem `validation_failed`, `invalid_cursor` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "validation_failed" | "invalid_cursor";
                    };
                };
            };
            /** @description Unauthorized: problem `unauthenticated`; or API Gateway's own answer: no or an invalid token or signature (API Gateway’s authorizer) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "unauthenticated";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Forbidden: problem `principal_not_a_tenant`; or API Gateway's own answer: a token without the scope the route needs (API Gateway’s authorizer) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "principal_not_a_tenant";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Too Many Requests: or API Gateway's own answer: over the stage’s request rate (API Gateway’s throttling) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Internal Server Error: problem `internal_error`; or API Gateway's own answer: the integration failed (API Gateway) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "internal_error";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Service Unavailable: or API Gateway's own answer: the integration was throttled or unavailable (API Gateway) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
        };
    };
    createJob: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retried create answer the job the first request made (24 hours) */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["JobSpec"];
            };
        };
        responses: {
            /** @description Replayed: the job this Idempotency-Key made */
            200: {
                headers: {
                    /** @description The job’s revision, quoted: send it back in If-Match */
                    ETag: string;
                    /** @description Where the resource is */
                    Location: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                };
            };
            /** @description Created */
            201: {
                headers: {
                    /** @description The job’s revision, quoted: send it back in If-Match */
                    ETag: string;
                    /** @description Where the resource is */
                    Location: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                };
            };
            /** @description Bad Request: problem `malformed_request`, `validation_failed` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "malformed_request" | "validation_failed";
                    };
                };
            };
            /** @description Unauthorized: problem `unauthenticated`; or API Gateway's own answer: no or an invalid token or signature (API Gateway’s authorizer) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "unauthenticated";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Forbidden: problem `job_quota_exceeded`, `target_not_allowed`, `target_is_the_service`, `principal_not_a_tenant`; or API Gateway's own answer: a token without the scope the route needs (API Gateway’s authorizer) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "job_quota_exceeded" | "target_not_allowed" | "target_is_the_service" | "principal_not_a_tenant";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Conflict: problem `idempotency_key_reused`, `idempotency_key_spent` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "idempotency_key_reused" | "idempotency_key_spent";
                    };
                };
            };
            /** @description Content Too Large: problem `payload_too_large`; or API Gateway's own answer: a body over API Gateway’s own 10 MB limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "payload_too_large";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Unsupported Media Type: problem `unsupported_media_type` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "unsupported_media_type";
                    };
                };
            };
            /** @description Too Many Requests: problem `rate_limited`; or API Gateway's own answer: over the stage’s request rate (API Gateway’s throttling) */
            429: {
                headers: {
                    /** @description Seconds until the limit’s window ends */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "rate_limited";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Internal Server Error: problem `internal_error`; or API Gateway's own answer: the integration failed (API Gateway) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "internal_error";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Service Unavailable: problem `dependency_unavailable`; or API Gateway's own answer: the integration was throttled or unavailable (API Gateway) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "dependency_unavailable";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
        };
    };
    getJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The job id, a ULID */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The job */
            200: {
                headers: {
                    /** @description The job’s revision, quoted: send it back in If-Match */
                    ETag: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                };
            };
            /** @description Bad Request: problem `validation_failed` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "validation_failed";
                    };
                };
            };
            /** @description Unauthorized: problem `unauthenticated`; or API Gateway's own answer: no or an invalid token or signature (API Gateway’s authorizer) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "unauthenticated";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Forbidden: problem `principal_not_a_tenant`; or API Gateway's own answer: a token without the scope the route needs (API Gateway’s authorizer) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "principal_not_a_tenant";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Not Found: problem `job_not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "job_not_found";
                    };
                };
            };
            /** @description Too Many Requests: or API Gateway's own answer: over the stage’s request rate (API Gateway’s throttling) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Internal Server Error: problem `internal_error`; or API Gateway's own answer: the integration failed (API Gateway) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "internal_error";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Service Unavailable: or API Gateway's own answer: the integration was throttled or unavailable (API Gateway) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
        };
    };
    replaceJob: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag of the job as last read: the change is made only at that revision (else 412) */
                "If-Match"?: string;
            };
            path: {
                /** @description The job id, a ULID */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["JobSpec"];
            };
        };
        responses: {
            /** @description The job at its new revision */
            200: {
                headers: {
                    /** @description The job’s revision, quoted: send it back in If-Match */
                    ETag: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                };
            };
            /** @description Bad Request: problem `malformed_request`, `validation_failed` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "malformed_request" | "validation_failed";
                    };
                };
            };
            /** @description Unauthorized: problem `unauthenticated`; or API Gateway's own answer: no or an invalid token or signature (API Gateway’s authorizer) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "unauthenticated";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Forbidden: problem `target_not_allowed`, `target_is_the_service`, `principal_not_a_tenant`; or API Gateway's own answer: a token without the scope the route needs (API Gateway’s authorizer) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "target_not_allowed" | "target_is_the_service" | "principal_not_a_tenant";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Not Found: problem `job_not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "job_not_found";
                    };
                };
            };
            /** @description Precondition Failed: problem `revision_mismatch` */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "revision_mismatch";
                    };
                };
            };
            /** @description Content Too Large: problem `payload_too_large`; or API Gateway's own answer: a body over API Gateway’s own 10 MB limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "payload_too_large";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Unsupported Media Type: problem `unsupported_media_type` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "unsupported_media_type";
                    };
                };
            };
            /** @description Too Many Requests: problem `rate_limited`; or API Gateway's own answer: over the stage’s request rate (API Gateway’s throttling) */
            429: {
                headers: {
                    /** @description Seconds until the limit’s window ends */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "rate_limited";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Internal Server Error: problem `internal_error`; or API Gateway's own answer: the integration failed (API Gateway) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "internal_error";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Service Unavailable: problem `dependency_unavailable`; or API Gateway's own answer: the integration was throttled or unavailable (API Gateway) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "dependency_unavailable";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
        };
    };
    deleteJob: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag of the job as last read: the change is made only at that revision (else 412) */
                "If-Match"?: string;
            };
            path: {
                /** @description The job id, a ULID */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad Request: problem `validation_failed` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "validation_failed";
                    };
                };
            };
            /** @description Unauthorized: problem `unauthenticated`; or API Gateway's own answer: no or an invalid token or signature (API Gateway’s authorizer) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "unauthenticated";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Forbidden: problem `principal_not_a_tenant`; or API Gateway's own answer: a token without the scope the route needs (API Gateway’s authorizer) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "principal_not_a_tenant";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Not Found: problem `job_not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "job_not_found";
                    };
                };
            };
            /** @description Precondition Failed: problem `revision_mismatch` */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "revision_mismatch";
                    };
                };
            };
            /** @description Too Many Requests: or API Gateway's own answer: over the stage’s request rate (API Gateway’s throttling) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Internal Server Error: problem `internal_error`; or API Gateway's own answer: the integration failed (API Gateway) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "internal_error";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Service Unavailable: problem `dependency_unavailable`; or API Gateway's own answer: the integration was throttled or unavailable (API Gateway) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "dependency_unavailable";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
        };
    };
    patchJob: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag of the job as last read: the change is made only at that revision (else 412) */
                "If-Match"?: string;
            };
            path: {
                /** @description The job id, a ULID */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["JobPatch"];
            };
        };
        responses: {
            /** @description The job at its new revision */
            200: {
                headers: {
                    /** @description The job’s revision, quoted: send it back in If-Match */
                    ETag: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                };
            };
            /** @description Bad Request: problem `malformed_request`, `validation_failed` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "malformed_request" | "validation_failed";
                    };
                };
            };
            /** @description Unauthorized: problem `unauthenticated`; or API Gateway's own answer: no or an invalid token or signature (API Gateway’s authorizer) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "unauthenticated";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Forbidden: problem `target_not_allowed`, `target_is_the_service`, `principal_not_a_tenant`; or API Gateway's own answer: a token without the scope the route needs (API Gateway’s authorizer) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "target_not_allowed" | "target_is_the_service" | "principal_not_a_tenant";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Not Found: problem `job_not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "job_not_found";
                    };
                };
            };
            /** @description Precondition Failed: problem `revision_mismatch` */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "revision_mismatch";
                    };
                };
            };
            /** @description Content Too Large: problem `payload_too_large`; or API Gateway's own answer: a body over API Gateway’s own 10 MB limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "payload_too_large";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Unsupported Media Type: problem `unsupported_media_type` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "unsupported_media_type";
                    };
                };
            };
            /** @description Too Many Requests: problem `rate_limited`; or API Gateway's own answer: over the stage’s request rate (API Gateway’s throttling) */
            429: {
                headers: {
                    /** @description Seconds until the limit’s window ends */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "rate_limited";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Internal Server Error: problem `internal_error`; or API Gateway's own answer: the integration failed (API Gateway) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "internal_error";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Service Unavailable: problem `dependency_unavailable`; or API Gateway's own answer: the integration was throttled or unavailable (API Gateway) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "dependency_unavailable";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
        };
    };
    executeJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The job id, a ULID */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Queued */
            202: {
                headers: {
                    /** @description Where the resource is */
                    Location: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Execution"];
                };
            };
            /** @description Bad Request: problem `validation_failed` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "validation_failed";
                    };
                };
            };
            /** @description Unauthorized: problem `unauthenticated`; or API Gateway's own answer: no or an invalid token or signature (API Gateway’s authorizer) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "unauthenticated";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Forbidden: problem `principal_not_a_tenant`; or API Gateway's own answer: a token without the scope the route needs (API Gateway’s authorizer) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "principal_not_a_tenant";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Not Found: problem `job_not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "job_not_found";
                    };
                };
            };
            /** @description Conflict: problem `job_completed` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "job_completed";
                    };
                };
            };
            /** @description Too Many Requests: problem `rate_limited`; or API Gateway's own answer: over the stage’s request rate (API Gateway’s throttling) */
            429: {
                headers: {
                    /** @description Seconds until the limit’s window ends */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "rate_limited";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Internal Server Error: problem `internal_error`; or API Gateway's own answer: the integration failed (API Gateway) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "internal_error";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Service Unavailable: problem `dependency_unavailable`; or API Gateway's own answer: the integration was throttled or unavailable (API Gateway) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "dependency_unavailable";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
        };
    };
    pauseJob: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag of the job as last read: the change is made only at that revision (else 412) */
                "If-Match"?: string;
            };
            path: {
                /** @description The job id, a ULID */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description The paused job */
            200: {
                headers: {
                    /** @description The job’s revision, quoted: send it back in If-Match */
                    ETag: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                };
            };
            /** @description Bad Request: problem `malformed_request`, `validation_failed` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "malformed_request" | "validation_failed";
                    };
                };
            };
            /** @description Unauthorized: problem `unauthenticated`; or API Gateway's own answer: no or an invalid token or signature (API Gateway’s authorizer) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "unauthenticated";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Forbidden: problem `principal_not_a_tenant`; or API Gateway's own answer: a token without the scope the route needs (API Gateway’s authorizer) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "principal_not_a_tenant";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Not Found: problem `job_not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "job_not_found";
                    };
                };
            };
            /** @description Conflict: problem `job_completed` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "job_completed";
                    };
                };
            };
            /** @description Precondition Failed: problem `revision_mismatch` */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "revision_mismatch";
                    };
                };
            };
            /** @description Content Too Large: problem `payload_too_large`; or API Gateway's own answer: a body over API Gateway’s own 10 MB limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "payload_too_large";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Unsupported Media Type: problem `unsupported_media_type` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "unsupported_media_type";
                    };
                };
            };
            /** @description Too Many Requests: problem `rate_limited`; or API Gateway's own answer: over the stage’s request rate (API Gateway’s throttling) */
            429: {
                headers: {
                    /** @description Seconds until the limit’s window ends */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "rate_limited";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Internal Server Error: problem `internal_error`; or API Gateway's own answer: the integration failed (API Gateway) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "internal_error";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Service Unavailable: problem `dependency_unavailable`; or API Gateway's own answer: the integration was throttled or unavailable (API Gateway) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "dependency_unavailable";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
        };
    };
    resumeJob: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag of the job as last read: the change is made only at that revision (else 412) */
                "If-Match"?: string;
            };
            path: {
                /** @description The job id, a ULID */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The active job */
            200: {
                headers: {
                    /** @description The job’s revision, quoted: send it back in If-Match */
                    ETag: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                };
            };
            /** @description Bad Request: problem `validation_failed` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "validation_failed";
                    };
                };
            };
            /** @description Unauthorized: problem `unauthenticated`; or API Gateway's own answer: no or an invalid token or signature (API Gateway’s authorizer) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "unauthenticated";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Forbidden: problem `principal_not_a_tenant`; or API Gateway's own answer: a token without the scope the route needs (API Gateway’s authorizer) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "principal_not_a_tenant";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Not Found: problem `job_not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "job_not_found";
                    };
                };
            };
            /** @description Conflict: problem `job_completed` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "job_completed";
                    };
                };
            };
            /** @description Precondition Failed: problem `revision_mismatch` */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "revision_mismatch";
                    };
                };
            };
            /** @description Too Many Requests: problem `rate_limited`; or API Gateway's own answer: over the stage’s request rate (API Gateway’s throttling) */
            429: {
                headers: {
                    /** @description Seconds until the limit’s window ends */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "rate_limited";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Internal Server Error: problem `internal_error`; or API Gateway's own answer: the integration failed (API Gateway) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "internal_error";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Service Unavailable: problem `dependency_unavailable`; or API Gateway's own answer: the integration was throttled or unavailable (API Gateway) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "dependency_unavailable";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
        };
    };
    listRuns: {
        parameters: {
            query?: {
                limit?: number;
                /** @description The nextCursor of the previous page, as it was given */
                cursor?: string;
            };
            header?: never;
            path: {
                /** @description The job id, a ULID */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of runs */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunPage"];
                };
            };
            /** @description Bad Request: problem `validation_failed`, `invalid_cursor` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "validation_failed" | "invalid_cursor";
                    };
                };
            };
            /** @description Unauthorized: problem `unauthenticated`; or API Gateway's own answer: no or an invalid token or signature (API Gateway’s authorizer) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "unauthenticated";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Forbidden: problem `principal_not_a_tenant`; or API Gateway's own answer: a token without the scope the route needs (API Gateway’s authorizer) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "principal_not_a_tenant";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Not Found: problem `job_not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "job_not_found";
                    };
                };
            };
            /** @description Too Many Requests: or API Gateway's own answer: over the stage’s request rate (API Gateway’s throttling) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Internal Server Error: problem `internal_error`; or API Gateway's own answer: the integration failed (API Gateway) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "internal_error";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Service Unavailable: or API Gateway's own answer: the integration was throttled or unavailable (API Gateway) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
        };
    };
    getRun: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The job id, a ULID */
                id: string;
                /** @description A run id from a run list or an execute answer (URL-encoded) */
                runId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The run */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Run"];
                };
            };
            /** @description Bad Request: problem `validation_failed` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "validation_failed";
                    };
                };
            };
            /** @description Unauthorized: problem `unauthenticated`; or API Gateway's own answer: no or an invalid token or signature (API Gateway’s authorizer) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "unauthenticated";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Forbidden: problem `principal_not_a_tenant`; or API Gateway's own answer: a token without the scope the route needs (API Gateway’s authorizer) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "principal_not_a_tenant";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Not Found: problem `job_not_found`, `run_not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "job_not_found" | "run_not_found";
                    };
                };
            };
            /** @description Too Many Requests: or API Gateway's own answer: over the stage’s request rate (API Gateway’s throttling) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Internal Server Error: problem `internal_error`; or API Gateway's own answer: the integration failed (API Gateway) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "internal_error";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Service Unavailable: or API Gateway's own answer: the integration was throttled or unavailable (API Gateway) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
        };
    };
    previewSchedule: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    schedule: {
                        expression: string;
                        /** @default UTC */
                        timezone?: string;
                        /** Format: date-time */
                        startAt?: string;
                        /** Format: date-time */
                        endAt?: string;
                    };
                    /** @default 10 */
                    count?: number;
                    /** Format: date-time */
                    after?: string;
                };
            };
        };
        responses: {
            /** @description Fires */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Preview"];
                };
            };
            /** @description Bad Request: problem `malformed_request`, `validation_failed` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "malformed_request" | "validation_failed";
                    };
                };
            };
            /** @description Unauthorized: problem `unauthenticated`; or API Gateway's own answer: no or an invalid token or signature (API Gateway’s authorizer) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "unauthenticated";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Forbidden: problem `principal_not_a_tenant`; or API Gateway's own answer: a token without the scope the route needs (API Gateway’s authorizer) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "principal_not_a_tenant";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Content Too Large: problem `payload_too_large`; or API Gateway's own answer: a body over API Gateway’s own 10 MB limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "payload_too_large";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Unsupported Media Type: problem `unsupported_media_type` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "unsupported_media_type";
                    };
                };
            };
            /** @description Too Many Requests: or API Gateway's own answer: over the stage’s request rate (API Gateway’s throttling) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Internal Server Error: problem `internal_error`; or API Gateway's own answer: the integration failed (API Gateway) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "internal_error";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Service Unavailable: or API Gateway's own answer: the integration was throttled or unavailable (API Gateway) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
        };
    };
    listDeadFires: {
        parameters: {
            query?: {
                limit?: number;
                /** @description The nextCursor of the previous page, as it was given */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Dead fires */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeadFirePage"];
                };
            };
            /** @description Bad Request: problem `validation_failed`, `invalid_cursor` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "validation_failed" | "invalid_cursor";
                    };
                };
            };
            /** @description Unauthorized: problem `unauthenticated`; or API Gateway's own answer: no or an invalid token or signature (API Gateway’s authorizer) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "unauthenticated";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Forbidden: problem `principal_not_a_tenant`; or API Gateway's own answer: a token without the scope the route needs (API Gateway’s authorizer) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "principal_not_a_tenant";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Too Many Requests: or API Gateway's own answer: over the stage’s request rate (API Gateway’s throttling) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Internal Server Error: problem `internal_error`; or API Gateway's own answer: the integration failed (API Gateway) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "internal_error";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Service Unavailable: or API Gateway's own answer: the integration was throttled or unavailable (API Gateway) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
        };
    };
    redriveDeadFires: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    limit?: number;
                    ids?: string[];
                };
            };
        };
        responses: {
            /** @description Moved */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Redriven"];
                };
            };
            /** @description Bad Request: problem `malformed_request`, `validation_failed` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "malformed_request" | "validation_failed";
                    };
                };
            };
            /** @description Unauthorized: problem `unauthenticated`; or API Gateway's own answer: no or an invalid token or signature (API Gateway’s authorizer) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "unauthenticated";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Forbidden: problem `principal_not_a_tenant`; or API Gateway's own answer: a token without the scope the route needs (API Gateway’s authorizer) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "principal_not_a_tenant";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Content Too Large: problem `payload_too_large`; or API Gateway's own answer: a body over API Gateway’s own 10 MB limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "payload_too_large";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Unsupported Media Type: problem `unsupported_media_type` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "unsupported_media_type";
                    };
                };
            };
            /** @description Too Many Requests: or API Gateway's own answer: over the stage’s request rate (API Gateway’s throttling) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Internal Server Error: problem `internal_error`; or API Gateway's own answer: the integration failed (API Gateway) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "internal_error";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Service Unavailable: or API Gateway's own answer: the integration was throttled or unavailable (API Gateway) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
        };
    };
    getSigningSecret: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The secrets */
            200: {
                headers: {
                    /** @description no-store: secrets are not cached */
                    "Cache-Control": "no-store";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SigningSecret"];
                };
            };
            /** @description Unauthorized: problem `unauthenticated`; or API Gateway's own answer: no or an invalid token or signature (API Gateway’s authorizer) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "unauthenticated";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Forbidden: problem `principal_not_a_tenant`; or API Gateway's own answer: a token without the scope the route needs (API Gateway’s authorizer) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "principal_not_a_tenant";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Too Many Requests: or API Gateway's own answer: over the stage’s request rate (API Gateway’s throttling) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Internal Server Error: problem `internal_error`; or API Gateway's own answer: the integration failed (API Gateway) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "internal_error";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Service Unavailable: problem `dependency_unavailable`; or API Gateway's own answer: the integration was throttled or unavailable (API Gateway) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "dependency_unavailable";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
        };
    };
    rotateSigningSecret: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description begin: issue the next secret and sign with both; complete: sign with the next one alone; cancel: drop the next one
                     * @enum {string}
                     */
                    phase: "begin" | "complete" | "cancel";
                    /** @description For complete: the generation to make current (a repeated complete then answers 200) */
                    generation?: number;
                };
            };
        };
        responses: {
            /** @description The secrets after the step */
            200: {
                headers: {
                    /** @description no-store: secrets are not cached */
                    "Cache-Control": "no-store";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SigningSecret"];
                };
            };
            /** @description Bad Request: problem `malformed_request`, `validation_failed` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "malformed_request" | "validation_failed";
                    };
                };
            };
            /** @description Unauthorized: problem `unauthenticated`; or API Gateway's own answer: no or an invalid token or signature (API Gateway’s authorizer) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "unauthenticated";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Forbidden: problem `principal_not_a_tenant`; or API Gateway's own answer: a token without the scope the route needs (API Gateway’s authorizer) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "principal_not_a_tenant";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Conflict: problem `signing_rotation_not_started`, `signing_generation_mismatch`, `signing_rotation_contended` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "signing_rotation_not_started" | "signing_generation_mismatch" | "signing_rotation_contended";
                    };
                };
            };
            /** @description Content Too Large: problem `payload_too_large`; or API Gateway's own answer: a body over API Gateway’s own 10 MB limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "payload_too_large";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Unsupported Media Type: problem `unsupported_media_type` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "unsupported_media_type";
                    };
                };
            };
            /** @description Too Many Requests: or API Gateway's own answer: over the stage’s request rate (API Gateway’s throttling) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Internal Server Error: problem `internal_error`; or API Gateway's own answer: the integration failed (API Gateway) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "internal_error";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Service Unavailable: problem `dependency_unavailable`; or API Gateway's own answer: the integration was throttled or unavailable (API Gateway) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "dependency_unavailable";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
        };
    };
    getOpenApiDocument: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OpenAPI 3.1 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            /** @description Unauthorized: problem `unauthenticated`; or API Gateway's own answer: no or an invalid token or signature (API Gateway’s authorizer) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "unauthenticated";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Forbidden: problem `principal_not_a_tenant`; or API Gateway's own answer: a token without the scope the route needs (API Gateway’s authorizer) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "principal_not_a_tenant";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Too Many Requests: or API Gateway's own answer: over the stage’s request rate (API Gateway’s throttling) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Internal Server Error: problem `internal_error`; or API Gateway's own answer: the integration failed (API Gateway) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "internal_error";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Service Unavailable: or API Gateway's own answer: the integration was throttled or unavailable (API Gateway) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
        };
    };
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Healthy */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            /** @description Unauthorized: problem `unauthenticated`; or API Gateway's own answer: no or an invalid token or signature (API Gateway’s authorizer) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "unauthenticated";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Forbidden: problem `principal_not_a_tenant`; or API Gateway's own answer: a token without the scope the route needs (API Gateway’s authorizer) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "principal_not_a_tenant";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Too Many Requests: or API Gateway's own answer: over the stage’s request rate (API Gateway’s throttling) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Internal Server Error: problem `internal_error`; or API Gateway's own answer: the integration failed (API Gateway) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "internal_error";
                    };
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Degraded */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
        };
    };
}

/** Any JSON value. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
