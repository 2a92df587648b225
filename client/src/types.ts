import type { components, paths } from './generated/openapi.js';

// Every type here is picked from the generated document types (npm run generate), never written by hand.
type Schemas = components['schemas'];
type JsonOf<T> = T extends { content: { 'application/json': infer Body } } ? Body : never;
type Answer<Operation, Status extends number> = Operation extends { responses: { [K in Status]: infer R } }
  ? JsonOf<R>
  : never;
type RequestOf<Operation> = Operation extends { requestBody?: infer Body }
  ? JsonOf<NonNullable<Body>>
  : never;
type QueryOf<Operation> = Operation extends { parameters: { query?: infer Query } }
  ? NonNullable<Query>
  : never;

export type Job = Schemas['Job'];
/** What a job's owner sets: the body of a create or a full update. */
export type JobSpec = Schemas['JobSpec'];
export type Run = Schemas['Run'];
export type Problem = Schemas['Problem'];
export type FieldError = NonNullable<Problem['errors']>[number];
export type JobListQuery = Omit<QueryOf<paths['/api/jobs']['get']>, 'cursor'>;
export type RunListQuery = Omit<QueryOf<paths['/api/jobs/{id}/runs']['get']>, 'cursor'>;
export type DeadLetterListQuery = Omit<QueryOf<paths['/api/dlq']['get']>, 'cursor'>;
export type PauseRequest = RequestOf<paths['/api/jobs/{id}/pause']['post']>;
export type ManualExecution = Answer<paths['/api/jobs/{id}/execute']['post'], 202>;
export type SchedulePreviewRequest = RequestOf<paths['/api/schedules/preview']['post']>;
export type SchedulePreview = Answer<paths['/api/schedules/preview']['post'], 200>;
export type DeadLetter = Answer<paths['/api/dlq']['get'], 200>['items'][number];
export type RedriveRequest = RequestOf<paths['/api/dlq/redrive']['post']>;
export type RedriveResult = Answer<paths['/api/dlq/redrive']['post'], 200>;
export type SigningSecrets = Answer<paths['/api/signing-secret']['get'], 200>;
export type RotationRequest = RequestOf<paths['/api/signing-secret/rotate']['post']>;
export type Health = Answer<paths['/api/health']['get'], 200>;

/** One page of a list answer. */
export interface Page<T> {
  readonly items: T[];
  readonly nextCursor?: string;
}
