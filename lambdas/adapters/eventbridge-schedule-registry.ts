import {
  ActionAfterCompletion,
  CreateScheduleCommand,
  type CreateScheduleCommandInput,
  DeleteScheduleCommand,
  FlexibleTimeWindowMode,
  type SchedulerClient,
  ScheduleState,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import { fireMessageInput } from '../domain/fire-message.js';
import type { ScheduleRegistry, ScheduleSpec } from '../use-cases/ports.js';

export interface ScheduleRegistryOptions {
  readonly groupName: string;
  readonly dispatchQueueArn: string;
  readonly schedulerRoleArn: string;
  /** Where Scheduler puts a fire it could not deliver to the dispatch queue. */
  readonly deadLetterQueueArn?: string;
}

/** One EventBridge Scheduler schedule per job, named by job id, firing into the dispatch queue. */
export class EventBridgeScheduleRegistry implements ScheduleRegistry {
  constructor(
    private readonly client: SchedulerClient,
    private readonly options: ScheduleRegistryOptions,
  ) {}

  private input(spec: ScheduleSpec): CreateScheduleCommandInput {
    return {
      Name: spec.jobId,
      GroupName: this.options.groupName,
      ScheduleExpression: spec.expression,
      ScheduleExpressionTimezone: spec.timezone,
      FlexibleTimeWindow: { Mode: FlexibleTimeWindowMode.OFF },
      State: spec.enabled ? ScheduleState.ENABLED : ScheduleState.DISABLED,
      ...(spec.startAt ? { StartDate: new Date(spec.startAt) } : {}),
      ...(spec.endAt ? { EndDate: new Date(spec.endAt) } : {}),
      ActionAfterCompletion: spec.oneTime ? ActionAfterCompletion.DELETE : ActionAfterCompletion.NONE,
      Target: {
        Arn: this.options.dispatchQueueArn,
        RoleArn: this.options.schedulerRoleArn,
        Input: fireMessageInput(spec),
        // The executor retries through the queue; Scheduler only has to get the message there.
        RetryPolicy: { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86_400 },
        ...(this.options.deadLetterQueueArn
          ? { DeadLetterConfig: { Arn: this.options.deadLetterQueueArn } }
          : {}),
      },
    };
  }

  async create(spec: ScheduleSpec): Promise<void> {
    await this.client.send(new CreateScheduleCommand(this.input(spec)));
  }

  async update(spec: ScheduleSpec): Promise<void> {
    await this.client.send(new UpdateScheduleCommand(this.input(spec)));
  }

  async delete(jobId: string): Promise<void> {
    try {
      await this.client.send(new DeleteScheduleCommand({ Name: jobId, GroupName: this.options.groupName }));
    } catch (error) {
      if ((error as Error).name === 'ResourceNotFoundException') return;
      throw error;
    }
  }
}
