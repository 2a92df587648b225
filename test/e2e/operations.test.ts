import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { DeleteScheduleCommand, GetScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localStackOutputs } from '../../localstack/client-token.js';
import { ApiClient } from '../support/api-client.js';
import { eventually } from '../support/eventually.js';
import { localAws } from '../support/local-aws.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';

const run = promisify(execFile);

describe('operating the deployed stack', () => {
  const receiver = new WebhookReceiver();
  let api: ApiClient;
  beforeAll(async () => {
    await receiver.start();
    api = await ApiClient.forTenant('alpha');
  });
  afterAll(async () => {
    await api.cleanup();
    await receiver.stop();
  });

  it('`npm run status` shows the runs that just happened, with their outcome, and the queue depths', async () => {
    const created = await api.request<{ id: string }>('POST', '/api/jobs', {
      name: 'observed',
      schedule: { expression: 'rate(1 day)' },
      target: { type: 'http', url: receiver.url('/observed') },
    });
    const id = created.body.id;
    const runIds: string[] = [];
    for (let n = 0; n < 3; n++) {
      runIds.push((await api.request<{ runId: string }>('POST', `/api/jobs/${id}/execute`)).body.runId);
    }
    await eventually(
      () => api.request<{ items: Array<{ status: string; trigger: string }> }>('GET', `/api/jobs/${id}/runs`),
      (page) =>
        page.body.items.filter((r) => r.trigger === 'manual' && r.status === 'SUCCEEDED').length === 3,
      30_000,
    );
    const { stdout } = await run('npm', ['run', '-s', 'status'], { timeout: 60_000 });
    expect(stdout).toMatch(/^jobs: \d+ \(.*ACTIVE \d+/m);
    expect(stdout).toMatch(/^dispatch queue: \d+ visible, \d+ in flight$/m);
    expect(stdout).toMatch(/^dead-letter queue: \d+ visible/m);
    expect(stdout).toMatch(/^quarantine queue: \d+ visible, \d+ in flight$/m);
    expect(stdout).toMatch(/^dead fires filed: \d+ \(/m);
    // Each run line names its job by name and id. (A new rate schedule also fires at once, as on AWS: its run is
    // listed too, as trigger `schedule`.)
    const mine = stdout
      .split('\n')
      .filter((line) => line.includes(`observed [${id}]`) && line.includes(' manual '));
    expect(mine.length).toBeGreaterThanOrEqual(3);
    for (const line of mine.slice(0, 3))
      expect(line).toMatch(/SUCCEEDED .* manual {2}attempt 1 {2}lag \d+\.\d s {2}\d+ ms {2}HTTP 200/);
  });

  it('the reconciler’s name comparison puts back a schedule deleted behind the service’s back', async () => {
    const outputs = localStackOutputs();
    const created = await api.request<{ id: string }>('POST', '/api/jobs', {
      name: 'repaired',
      schedule: { expression: 'cron(0 4 * * ? *)' },
      target: { type: 'http', url: receiver.url('/repaired') },
    });
    const id = created.body.id;
    const scheduler = new SchedulerClient(localAws);
    await scheduler.send(new DeleteScheduleCommand({ Name: id, GroupName: outputs.ScheduleGroupName }));
    // A job written in the last 30 s may still be on its way to Scheduler: the comparison leaves it alone.
    await new Promise((resolve) => setTimeout(resolve, 31_000));
    const lambda = new LambdaClient(localAws);
    const invoked = await lambda.send(
      new InvokeCommand({
        FunctionName: outputs.ReconcilerFunctionName,
        Payload: new TextEncoder().encode('{"namePass":"now"}'),
      }),
    );
    const report = JSON.parse(new TextDecoder().decode(invoked.Payload));
    expect(invoked.FunctionError).toBeUndefined();
    // The reconciler's own run every minute may have repaired it first; either way it is back.
    expect(report.prefixesCompared + report.created).toBeGreaterThanOrEqual(1);
    const schedule = await scheduler.send(
      new GetScheduleCommand({ Name: id, GroupName: outputs.ScheduleGroupName }),
    );
    expect(schedule).toMatchObject({ ScheduleExpression: 'cron(0 4 * * ? *)', State: 'ENABLED' });
  }, 90_000);

  it('reports the health of its dependencies and its version', async () => {
    const health = await api.request<{ status: string; version: string }>('GET', '/api/health');
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('ok');
    expect(health.body.version).toMatch(/^\d+\.\d+\.\d+/);
  });
});
