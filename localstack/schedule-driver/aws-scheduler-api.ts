import {
  ActionAfterCompletion,
  CreateScheduleGroupCommand,
  DeleteScheduleCommand,
  GetScheduleCommand,
  ListSchedulesCommand,
  ListTagsForResourceCommand,
  type SchedulerClient,
  ScheduleState,
  TagResourceCommand,
} from '@aws-sdk/client-scheduler';
import type { ScheduleDetail, SchedulerApi, ScheduleSummary } from './ports.js';

/** Pages read per listing at most: 100 schedules a page (AWS's maximum) makes 10,000 schedules. */
const MAX_PAGES = 100;

const ms = (date: Date | undefined) => (date ? date.getTime() : undefined);

/** The emulator's Scheduler API through the AWS SDK. */
export class AwsSchedulerApi implements SchedulerApi {
  /**
   * @param pageSize ministack answers one page of at most MaxResults and no NextToken, so it is asked for
   *   all at once; LocalStack (like AWS) pages by 100.
   */
  constructor(
    private readonly client: SchedulerClient,
    private readonly pageSize: number,
  ) {}

  async list(): Promise<ScheduleSummary[]> {
    const schedules: ScheduleSummary[] = [];
    let nextToken: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const result = await this.client.send(
        new ListSchedulesCommand({
          MaxResults: this.pageSize,
          ...(nextToken ? { NextToken: nextToken } : {}),
        }),
      );
      for (const s of result.Schedules ?? []) {
        if (!s.Arn || !s.Name) continue;
        schedules.push({
          arn: s.Arn,
          groupName: s.GroupName ?? 'default',
          name: s.Name,
          modifiedMs: ms(s.LastModificationDate) ?? 0,
        });
      }
      nextToken = result.NextToken;
      if (!nextToken) break;
    }
    return schedules;
  }

  async get(groupName: string, name: string): Promise<ScheduleDetail | undefined> {
    try {
      const s = await this.client.send(new GetScheduleCommand({ GroupName: groupName, Name: name }));
      const startMs = ms(s.StartDate);
      const endMs = ms(s.EndDate);
      return {
        arn: s.Arn ?? '',
        groupName,
        name,
        modifiedMs: ms(s.LastModificationDate) ?? 0,
        createdMs: ms(s.CreationDate) ?? 0,
        expression: s.ScheduleExpression ?? '',
        timezone: s.ScheduleExpressionTimezone ?? 'UTC',
        enabled: s.State !== ScheduleState.DISABLED,
        ...(startMs === undefined ? {} : { startMs }),
        ...(endMs === undefined ? {} : { endMs }),
        targetArn: s.Target?.Arn ?? '',
        ...(s.Target?.Input === undefined ? {} : { input: s.Target.Input }),
        deleteAfterCompletion: s.ActionAfterCompletion === ActionAfterCompletion.DELETE,
      };
    } catch (error) {
      if ((error as Error).name === 'ResourceNotFoundException') return undefined;
      throw error;
    }
  }

  async delete(groupName: string, name: string): Promise<void> {
    try {
      await this.client.send(new DeleteScheduleCommand({ GroupName: groupName, Name: name }));
    } catch (error) {
      if ((error as Error).name !== 'ResourceNotFoundException') throw error;
    }
  }
}

/** The schedule group whose tags say which driver fires the emulator's schedules, and since when it beats. */
export const DRIVER_MARK_GROUP = 'local-schedule-driver';

export interface DriverMark {
  readonly pid: number;
  readonly dir: string;
  readonly beatMs: number;
}

/**
 * The driver's heartbeat, kept in the emulator itself (tags of an empty schedule group), so that drivers of
 * different checkouts sharing one emulator see each other and only one fires.
 */
export class DriverMarkOnEmulator {
  private created = false;

  constructor(private readonly client: SchedulerClient) {}

  /** The mark group's ARN; the local account is always 000000000000. */
  private async groupArn(): Promise<string> {
    return `arn:aws:scheduler:${await this.client.config.region()}:000000000000:schedule-group/${DRIVER_MARK_GROUP}`;
  }

  /** The current mark, or undefined when no driver ever marked this emulator (reading creates nothing). */
  async read(): Promise<DriverMark | undefined> {
    let tags: { Key?: string; Value?: string }[];
    try {
      tags =
        (await this.client.send(new ListTagsForResourceCommand({ ResourceArn: await this.groupArn() })))
          .Tags ?? [];
    } catch (error) {
      if ((error as Error).name === 'ResourceNotFoundException') return undefined;
      throw error;
    }
    const tag = (key: string) => tags.find((t) => t.Key === key)?.Value;
    const [pid, dir, beat] = [tag('driver-pid'), tag('driver-dir'), tag('driver-beat')];
    return pid && dir && beat ? { pid: Number(pid), dir, beatMs: Number(beat) } : undefined;
  }

  async beat(mark: DriverMark): Promise<void> {
    if (!this.created) {
      try {
        await this.client.send(new CreateScheduleGroupCommand({ Name: DRIVER_MARK_GROUP }));
      } catch (error) {
        if ((error as Error).name !== 'ConflictException') throw error;
      }
      this.created = true;
    }
    await this.client.send(
      new TagResourceCommand({
        ResourceArn: await this.groupArn(),
        Tags: [
          { Key: 'driver-pid', Value: String(mark.pid) },
          { Key: 'driver-dir', Value: mark.dir },
          { Key: 'driver-beat', Value: String(mark.beatMs) },
        ],
      }),
    );
  }
}
