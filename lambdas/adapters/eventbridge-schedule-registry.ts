import {
  ActionAfterCompletion,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  FlexibleTimeWindowMode,
  ResourceNotFoundException,
  type SchedulerClient,
} from '@aws-sdk/client-scheduler';
import { fireMessageInput } from '../domain/fire-message.js';
import type { ScheduleRegistry, ScheduleSpec } from '../use-cases/ports.js';

export interface ScheduleRegistryOptions {
  readonly groupName: string;
  readonly dispatchQueueArn: string;
  readonly schedulerRoleArn: string;
}

/** One EventBridge Scheduler schedule per job, named by job id, firing into the dispatch queue. */
export class EventBridgeScheduleRegistry implements ScheduleRegistry {
  constructor(
    private readonly client: SchedulerClient,
    private readonly options: ScheduleRegistryOptions,
  ) {}

  async create(spec: ScheduleSpec): Promise<void> {
    await this.client.send(
      new CreateScheduleCommand({
        Name: spec.jobId,
        GroupName: this.options.groupName,
        ScheduleExpression: spec.expression,
        ScheduleExpressionTimezone: spec.timezone,
        FlexibleTimeWindow: { Mode: FlexibleTimeWindowMode.OFF },
        ActionAfterCompletion: spec.oneTime ? ActionAfterCompletion.DELETE : ActionAfterCompletion.NONE,
        Target: {
          Arn: this.options.dispatchQueueArn,
          RoleArn: this.options.schedulerRoleArn,
          Input: fireMessageInput(spec),
          // The executor retries through the queue; Scheduler only has to get the message there.
          RetryPolicy: { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86_400 },
        },
      }),
    );
  }

  async delete(jobId: string): Promise<void> {
    try {
      await this.client.send(new DeleteScheduleCommand({ Name: jobId, GroupName: this.options.groupName }));
    } catch (error) {
      if (error instanceof ResourceNotFoundException || (error as Error).name === 'ResourceNotFoundException')
        return;
      throw error;
    }
  }
}
