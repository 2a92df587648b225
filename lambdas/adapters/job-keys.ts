/** Key layout of the single table. */
export const jobKey = (jobId: string) => ({ PK: `JOB#${jobId}`, SK: 'META' }) as const;
export const runKey = (jobId: string, scheduledTime: string) =>
  ({ PK: `JOB#${jobId}`, SK: `RUN#${scheduledTime}` }) as const;
/** The tenant index lists a tenant's jobs newest first. */
export const tenantIndexKey = (tenant: string, createdAt: string, jobId: string) =>
  ({ GSI1PK: `TENANT#${tenant}`, GSI1SK: `${createdAt}#${jobId}` }) as const;
export const TENANT_INDEX = 'GSI1';
