import {
  ActionAfterCompletion,
  CreateScheduleCommand,
  type CreateScheduleCommandInput,
  DeleteScheduleCommand,
  FlexibleTimeWindowMode,
  GetScheduleCommand,
  ListSchedulesCommand,
  type SchedulerClient,
  ScheduleState,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import { fireMessageInput } from '../domain/fire-message.js';
import {
  type RegisteredSchedule,
  ScheduleNotFoundError,
  ScheduleRefusedError,
  type ScheduleRegistry,
  type ScheduleSpec,
} from '../use-cases/ports.js';

/** Schedule names per ListSchedules call (the API's largest page). */
const LIST_PAGE = 100;

const isNotFound = (error: unknown) => (error as Error | undefined)?.name === 'ResourceNotFoundException';

/**
 * Scheduler's errors in the service's terms: a ValidationException is the request's fault (its message, ARNs
 * left out: they name the stack's queue and role); a missing schedule is ScheduleNotFoundError. Anything else
 * (throttling, timeouts) passes as it is: retryable.
 */
function translated(error: unknown): unknown {
  if ((error as Error | undefined)?.name === 'ValidationException') {
    const reason = String((error as Error).message ?? '').replace(/arn:aws[\w-]*:[^\s,;"')]+/g, '<arn>');
    return new ScheduleRefusedError(reason || 'The schedule is not valid for EventBridge Scheduler.');
  }
  if (isNotFound(error)) return new ScheduleNotFoundError((error as Error).message);
  return error;
}

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
    await this.client.send(new CreateScheduleCommand(this.input(spec))).catch((error) => {
      throw translated(error);
    });
  }

  async update(spec: ScheduleSpec): Promise<void> {
    await this.client.send(new UpdateScheduleCommand(this.input(spec))).catch((error) => {
      throw translated(error);
    });
  }

  async describe(jobId: string): Promise<RegisteredSchedule | undefined> {
    try {
      const schedule = await this.client.send(
        new GetScheduleCommand({ Name: jobId, GroupName: this.options.groupName }),
      );
      let revision: number | undefined;
      try {
        const input = JSON.parse(schedule.Target?.Input ?? '{}') as { revision?: unknown };
        revision = typeof input.revision === 'number' ? input.revision : undefined;
      } catch {
        revision = undefined;
      }
      return {
        expression: schedule.ScheduleExpression ?? '',
        timezone: schedule.ScheduleExpressionTimezone ?? 'UTC',
        enabled: schedule.State === ScheduleState.ENABLED,
        ...(revision === undefined ? {} : { revision }),
        ...(schedule.StartDate ? { startAt: new Date(schedule.StartDate).toISOString() } : {}),
        ...(schedule.EndDate ? { endAt: new Date(schedule.EndDate).toISOString() } : {}),
      };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw translated(error);
    }
  }

  async listNames(pageToken?: string, prefix?: string): Promise<{ names: string[]; nextToken?: string }> {
    const result = await this.client.send(
      new ListSchedulesCommand({
        GroupName: this.options.groupName,
        MaxResults: LIST_PAGE,
        ...(prefix ? { NamePrefix: prefix } : {}),
        ...(pageToken ? { NextToken: pageToken } : {}),
      }),
    );
    const names = (result.Schedules ?? []).map((schedule) => schedule.Name ?? '').filter(Boolean);
    return {
      names,
      ...(result.NextToken ? { nextToken: result.NextToken } : {}),
      // A full page with no NextToken may have been cut short: the local emulator's ListSchedules answers the
      // first page only. The caller narrows the prefix instead of trusting it (on AWS this costs a split, rarely).
      ...(!result.NextToken && (result.Schedules ?? []).length >= LIST_PAGE ? { mayHaveMore: true } : {}),
    };
  }

  async delete(jobId: string): Promise<void> {
    try {
      await this.client.send(new DeleteScheduleCommand({ Name: jobId, GroupName: this.options.groupName }));
    } catch (error) {
      if (isNotFound(error)) return;
      throw translated(error);
    }
  }
}
