import { SchedulerClient } from '@aws-sdk/client-scheduler';

/** The EventBridge Scheduler client of the API and the reconciler, built once per cold start. */
export const schedulerClient = new SchedulerClient({});
