import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { beforeEach, describe, expect, it } from 'vitest';
import { SCHEDULED_TIME_PLACEHOLDER } from '../../../lambdas/domain/fire-message.js';
import type { Job } from '../../../lambdas/domain/job.js';
import type { Target } from '../../../lambdas/domain/target.js';
import type { TargetPolicy } from '../../../lambdas/domain/target-policy.js';
import { createApiHandler } from '../../../lambdas/http/api-handler.js';
import { executeFire } from '../../../lambdas/use-cases/execute-fire.js';
import { noMetrics } from '../../../lambdas/use-cases/ports.js';
import { apiEvent } from '../../support/api-events.js';
import { hostileTenantLedger } from '../../support/hostile-tenant.js';
import {
  FakeTargets,
  InMemoryJobStore,
  InMemoryRunStore,
  ManualClock,
  RecordingRunEvents,
} from '../../support/in-memory-ports.js';
import { jobFixture } from '../../support/job-fixture.js';
import { inMemoryApiDeps } from '../../support/use-case-deps.js';

/*
 * A hostile tenant (Mallory) tries to make the service call itself: its dispatch queue (to forge a fire for
 * another tenant's job), its DLQ, its API function (a forged API Gateway event as another tenant), its
 * executor and reconciler, its run-event bus or its event source (fake run events), and another tenant's
 * allowlisted resources. The deployment uses the local stack's wildcard allowlist, which matches all of them.
 * Names are those the stack gives its resources (test/infra/service-resources.test.ts proves every one
 * carries the prefix).
 */
const ACCOUNT = '111122223333';
/** On the deployment's wildcard list: only the rule against the service itself stands in her way. */
const MALLORY = `arn:aws:iam::${ACCOUNT}:user/mallory`;
/** With a list of her own, tries another tenant's allowlisted resources. */
const EVE = `arn:aws:iam::${ACCOUNT}:user/eve`;
const BOB = `arn:aws:iam::${ACCOUNT}:user/bob`;
const policy: TargetPolicy = {
  insecureHostsAllowed: [],
  arnAllowlist: [
    `arn:aws:sqs:*:${ACCOUNT}:*`,
    `arn:aws:events:*:${ACCOUNT}:event-bus/*`,
    `arn:aws:lambda:*:${ACCOUNT}:function:*`,
  ],
  tenantArnAllowlists: {
    [EVE]: [`arn:aws:sqs:eu-west-1:${ACCOUNT}:eve-*`, `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:eve-*`],
    [BOB]: [`arn:aws:sqs:eu-west-1:${ACCOUNT}:bob-*`, `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:bob-*`],
  },
  serviceResourcePrefix: 'Scheduler-',
};

const sqs = (name: string): Target => ({ type: 'sqs', queueArn: `arn:aws:sqs:eu-west-1:${ACCOUNT}:${name}` });
const fn = (name: string): Target => ({
  type: 'lambda',
  functionArn: `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:${name}`,
  invocationType: 'RequestResponse',
});
const bus = (name: string, source = 'mallory.jobs'): Target => ({
  type: 'eventbridge',
  eventBusArn: `arn:aws:events:eu-west-1:${ACCOUNT}:event-bus/${name}`,
  source,
  detailType: 'Job Run Succeeded',
});

/** Each way Mallory could aim a job at the service, and Eve at Bob's resources: [attack, target, attacker]. */
const ATTACKS: Array<[string, Target, string]> = [
  ['the dispatch queue (forge a fire for another tenant)', sqs('Scheduler-Dispatch-Queue'), MALLORY],
  ['the dead-letter queue', sqs('Scheduler-Dispatch-DeadLetterQueue'), MALLORY],
  ['the API function (a forged event as another tenant)', fn('Scheduler-JobsApi-Handler-Function'), MALLORY],
  ['the API function through a qualifier', fn('Scheduler-JobsApi-Handler-Function:$LATEST'), MALLORY],
  ['the executor function', fn('Scheduler-Executor-Executor-Function'), MALLORY],
  ['the reconciler function', fn('Scheduler-Reconciler-Reconciler-Function'), MALLORY],
  ['the run-event bus', bus('Scheduler-RunEvents'), MALLORY],
  ['the run-event source on its own bus', bus('mallory-bus', 'serverless-scheduler'), MALLORY],
  ['a look-alike of the run-event source', bus('mallory-bus', 'Serverless-Scheduler.runs'), MALLORY],
  ["another tenant's allowlisted queue", sqs('bob-inbox'), EVE],
  ["another tenant's allowlisted function", fn('bob-report'), EVE],
];

const context = { awsRequestId: 'req-1' } as Context;
const ledger = hostileTenantLedger('AWS targets: the stack itself and other tenants');

describe('a hostile tenant aiming AWS targets at the service or another tenant', () => {
  let api: ReturnType<typeof inMemoryApiDeps>;
  let call: (event: ReturnType<typeof apiEvent>) => Promise<APIGatewayProxyStructuredResultV2>;

  beforeEach(() => {
    api = inMemoryApiDeps({ targetPolicy: policy });
    const handler = createApiHandler(api.deps, { flush: () => undefined });
    call = async (event) => (await handler(event, context)) as APIGatewayProxyStructuredResultV2;
  });

  const job = (target: Target) =>
    JSON.stringify({
      name: 'x',
      schedule: { expression: 'rate(1 hour)' },
      target,
      payload: { forged: true },
    });

  it.each(ATTACKS)('the API refuses creating a job that targets %s', async (attack, target, attacker) => {
    let response: APIGatewayProxyStructuredResultV2 | undefined;
    await ledger.attempt(`create a job targeting ${attack}`, async () => {
      response = await call(apiEvent('POST /api/jobs', { body: job(target), principal: attacker }));
      return (response.statusCode ?? 500) < 300 || api.jobs.jobs.size > 0;
    });
    expect(response?.statusCode).toBe(403);
    const { code, detail } = JSON.parse(response?.body ?? '{}');
    expect(code).toBe(attack.startsWith('another tenant') ? 'target_not_allowed' : 'target_is_the_service');
    // The refusal says nothing of how the deployment is configured.
    expect(JSON.stringify(JSON.parse(response?.body ?? '{}'))).not.toMatch(/Scheduler-\*|eve-\*|bob-\*/);
    expect(detail).toBeDefined();
  });

  it.each(ATTACKS)('the API refuses re-aiming an existing job at %s', async (attack, target, attacker) => {
    const created = await call(
      apiEvent('POST /api/jobs', { body: job(sqs('eve-inbox')), principal: attacker }),
    );
    expect(created.statusCode).toBe(201);
    const id = String(JSON.parse(created.body ?? '{}').id);
    await ledger.attempt(`update a job to target ${attack}`, async () => {
      const response = await call(
        apiEvent('PUT /api/jobs/{id}', { id, body: job(target), principal: MALLORY }),
      );
      return (response.statusCode ?? 500) < 300;
    });
  });
});

describe('a job aimed at the service or another tenant that reaches the executor anyway', () => {
  // Jobs stored before an allowlist changed, or written past the API: the executor checks again.
  let jobs: InMemoryJobStore;
  let runs: InMemoryRunStore;
  let targets: FakeTargets;
  const RUN = '2026-11-27T10:01:00.000Z';

  beforeEach(() => {
    jobs = new InMemoryJobStore();
    runs = new InMemoryRunStore();
    targets = new FakeTargets();
  });

  const fire = (job: Job) => ({
    message: { jobId: job.jobId, tenant: job.tenant, revision: 1, scheduledTime: SCHEDULED_TIME_PLACEHOLDER },
    sentAtMs: Date.parse('2026-11-27T10:01:04Z'),
    leaseMs: 25_000,
  });

  it.each(ATTACKS)(
    'the executor makes no call to %s and fails the run at once',
    async (attack, target, attacker) => {
      const job = jobFixture({ tenant: attacker, target, nextRunAt: RUN });
      await jobs.create(job, { quota: 10 });
      const deps = {
        jobs,
        runs,
        targets,
        targetPolicy: policy,
        events: new RecordingRunEvents(),
        clock: new ManualClock(Date.parse('2026-11-27T10:01:05Z')),
        metrics: noMetrics,
      };
      let result: Awaited<ReturnType<typeof executeFire>> | undefined;
      await ledger.attempt(`have the executor call ${attack}`, async () => {
        result = await executeFire(deps, fire(job));
        return targets.calls.length > 0;
      });
      // Failed for good (retrying cannot help), with text that names no resource and no configuration.
      expect(result).toMatchObject({ kind: 'ran', status: 'FAILED', attempt: 1 });
      const run = await runs.get(job.jobId, RUN);
      expect(run?.outcome?.error).toMatch(/^target refused: .*nothing was called$/);
      expect(run?.outcome?.error).not.toMatch(/arn:|Scheduler-|mallory|eve|bob/);
    },
  );

  it("refuses a job whose target left its tenant's allowlist after it was created", async () => {
    const job = jobFixture({ tenant: BOB, target: sqs('bob-inbox'), nextRunAt: RUN });
    await jobs.create(job, { quota: 10 });
    const narrowed: TargetPolicy = { ...policy, tenantArnAllowlists: { [BOB]: [] } };
    const deps = {
      jobs,
      runs,
      targets,
      targetPolicy: narrowed,
      events: new RecordingRunEvents(),
      clock: new ManualClock(Date.parse('2026-11-27T10:01:05Z')),
      metrics: noMetrics,
    };
    await ledger.attempt('call a target removed from the allowlist after the job was created', async () => {
      await executeFire(deps, fire(job));
      return targets.calls.length > 0;
    });
    // A control: with the list as it was, the same fire calls the target.
    await executeFire({ ...deps, runs: new InMemoryRunStore(), targetPolicy: policy }, fire(job));
    expect(targets.calls).toHaveLength(1);
  });
});
