import type { RemovalPolicy } from 'aws-cdk-lib';
import { Stack, Token, Validations } from 'aws-cdk-lib';
import { type IGrantable, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { ScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { LambdaEnvironment } from '../lambdas/environment.js';

export interface JobSchedulesProps {
  readonly dispatchQueue: IQueue;
  /** Where Scheduler puts a fire it could not deliver to the dispatch queue. */
  readonly deadLetterQueue: IQueue;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * The schedule group that holds one EventBridge Scheduler schedule per job, and the role those schedules
 * assume: it may send to the dispatch queue (and its dead-letter queue) and nothing else.
 */
export class JobSchedules extends Construct {
  readonly group: ScheduleGroup;
  readonly role: Role;

  constructor(scope: Construct, id: string, props: JobSchedulesProps) {
    super(scope, id);
    const stack = Stack.of(this);
    // A fixed name keeps the group's ARN (and so the IAM grants on it) readable and predictable.
    this.group = new ScheduleGroup(this, 'Group', {
      scheduleGroupName: `${stack.stackName}-jobs`,
      removalPolicy: props.removalPolicy,
    });
    const { account } = stack;
    this.role = new Role(this, 'SchedulerRole', {
      description: 'Assumed by EventBridge Scheduler to put job fires on the dispatch queue',
      // Confused-deputy guard: only schedules of this account may assume it.
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': account } },
      }),
    });
    props.dispatchQueue.grantSendMessages(this.role);
    props.deadLetterQueue.grantSendMessages(this.role);
  }

  /**
   * What a function that registers schedules needs to know (the Lambda side's EventBridgeScheduleRegistry):
   * the group, the role schedules assume, and the queues they fire into.
   */
  registryEnvironment(dispatchQueue: IQueue, deadLetterQueue: IQueue): LambdaEnvironment {
    return {
      SCHEDULE_GROUP_NAME: this.group.scheduleGroupName,
      SCHEDULER_ROLE_ARN: this.role.roleArn,
      DISPATCH_QUEUE_ARN: dispatchQueue.queueArn,
      DISPATCH_QUEUE_URL: dispatchQueue.queueUrl,
      DEAD_LETTER_QUEUE_ARN: deadLetterQueue.queueArn,
    };
  }

  /** Lets `grantee` create, update and delete job schedules in this group, passing this group's role. */
  grantManageSchedules(grantee: IGrantable): void {
    this.group.grantReadSchedules(grantee);
    this.group.grantWriteSchedules(grantee);
    this.group.grantDeleteSchedules(grantee);
    const stack = Stack.of(this);
    const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
    const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
    Validations.of(this.node.scope ?? this).acknowledge({
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:scheduler:${region}:${account}:schedule/${this.group.scheduleGroupName}/*]`,
      reason:
        'Schedules are created at run time, one per job, named by job id: the grant is scoped to this group.',
    });
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['iam:PassRole'],
        resources: [this.role.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
      }),
    );
  }
}
