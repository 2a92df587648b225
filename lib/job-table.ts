import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

export interface JobTableProps {
  /** @default RemovalPolicy.RETAIN */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The single table: jobs (`JOB#id`/`META`), their runs (`JOB#id`/`RUN#time`), dead fires
 * (`DEADLETTER#tenant`/`sentAt#messageId`), job id items (`JOBIDS#shard`/`jobId`), repair marks
 * (`REPAIR`/`jobId`), tenant index `GSI1`, due index `GSI2`.
 */
export class JobTable extends Construct {
  /** The TTL attribute of run items, in epoch seconds. */
  static readonly TTL_ATTRIBUTE = 'ttlEpochSeconds';
  static readonly TENANT_INDEX = 'GSI1';
  /**
   * ACTIVE jobs by the minute of their next run (sparse, keys only): the reconciler's missed-fire pass reads
   * the minutes gone by, so its work grows with the overdue jobs, not with every job.
   */
  static readonly DUE_INDEX = 'GSI2';
  readonly table: Table;

  constructor(scope: Construct, id: string, props: JobTableProps = {}) {
    super(scope, id);
    this.table = new Table(this, 'Table', {
      partitionKey: { name: 'PK', type: AttributeType.STRING },
      sortKey: { name: 'SK', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryption.AWS_MANAGED,
      timeToLiveAttribute: JobTable.TTL_ATTRIBUTE,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    this.table.addGlobalSecondaryIndex({
      indexName: JobTable.TENANT_INDEX,
      partitionKey: { name: 'GSI1PK', type: AttributeType.STRING },
      sortKey: { name: 'GSI1SK', type: AttributeType.STRING },
      projectionType: ProjectionType.ALL,
    });
    this.table.addGlobalSecondaryIndex({
      indexName: JobTable.DUE_INDEX,
      partitionKey: { name: 'GSI2PK', type: AttributeType.STRING },
      sortKey: { name: 'nextRunAt', type: AttributeType.STRING },
      projectionType: ProjectionType.KEYS_ONLY,
    });
  }

  /** Queries of the due index (the reconciler's missed-fire pass). */
  grantDueIndexQuery(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['dynamodb:Query'],
        resources: [`${this.table.tableArn}/index/${JobTable.DUE_INDEX}`],
      }),
    );
  }

  /** Item reads and writes on the table itself; no scans, no index, no table management. */
  grantItemAccess(grantee: IGrantable, ...actions: ItemAction[]): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: actions.map((action) => `dynamodb:${action}`),
        resources: [this.table.tableArn],
      }),
    );
  }

  /**
   * Item actions on the items whose partition key starts with `keyPrefix` only (IAM's dynamodb:LeadingKeys),
   * for a function that has no business with the table's other items.
   */
  grantItemAccessUnder(grantee: IGrantable, keyPrefix: string, ...actions: ItemAction[]): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: actions.map((action) => `dynamodb:${action}`),
        resources: [this.table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${keyPrefix}*`] } },
      }),
    );
  }

  /** Scans of the tenant index (jobs only): the reconciler's walk over every job. */
  grantTenantIndexScan(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['dynamodb:Scan'],
        resources: [`${this.table.tableArn}/index/${JobTable.TENANT_INDEX}`],
      }),
    );
  }

  /** Queries on the tenant index. */
  grantTenantIndexQuery(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['dynamodb:Query'],
        resources: [`${this.table.tableArn}/index/${JobTable.TENANT_INDEX}`],
      }),
    );
  }
}

export type ItemAction =
  | 'GetItem'
  | 'PutItem'
  | 'UpdateItem'
  | 'DeleteItem'
  | 'Query'
  | 'BatchGetItem'
  | 'BatchWriteItem';
