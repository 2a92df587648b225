export type { Authenticator, OutgoingRequest } from './auth/authenticator.js';
export { bearerToken } from './auth/bearer.js';
export { type ClientCredentialsOptions, cognitoClientCredentials } from './auth/cognito.js';
export { type IamOptions, iam, signRequest } from './auth/iam.js';
export { type Expected, jobSpecOf, SchedulerClient, type SchedulerClientOptions } from './client.js';
export { collect } from './pagination.js';
export { SchedulerAuthError, SchedulerNetworkError, SchedulerProblem } from './problem.js';
export type { RetryMode, RetryOptions } from './retry.js';
export type * from './types.js';
