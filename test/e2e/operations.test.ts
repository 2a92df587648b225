import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client.js';
import { eventually } from '../support/eventually.js';
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
    const mine = stdout.split('\n').filter((line) => line.includes(`job ${id}`));
    expect(mine.length).toBeGreaterThanOrEqual(3);
    for (const line of mine.slice(0, 3))
      expect(line).toMatch(/SUCCEEDED .* manual {2}attempt 1 {2}lag \d+\.\d s {2}\d+ ms {2}HTTP 200/);
  });

  it('reports the health of its dependencies and its version', async () => {
    const health = await api.request<{ status: string; version: string }>('GET', '/api/health');
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('ok');
    expect(health.body.version).toMatch(/^\d+\.\d+\.\d+/);
  });
});
