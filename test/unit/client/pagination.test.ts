import { afterEach, describe, expect, it } from 'vitest';
import { bearerToken, collect, SchedulerClient } from '../../../client/src/index.js';
import { jobAnswer, startFakeApi } from './fake-api.js';

let api: Awaited<ReturnType<typeof startFakeApi>> | undefined;
afterEach(async () => api?.close());

/** Seven jobs served three a page, the cursor being the next index. */
async function pagedJobs() {
  const jobs = Array.from({ length: 7 }, (_, index) =>
    jobAnswer({ id: `01JOB${index}`, name: `job-${index}` }),
  );
  api = await startFakeApi((request) => {
    const from = Number(request.url.searchParams.get('cursor') ?? 0);
    const next = from + 3;
    return {
      status: 200,
      body: { items: jobs.slice(from, next), ...(next < jobs.length ? { nextCursor: String(next) } : {}) },
    };
  });
  return new SchedulerClient({ baseUrl: api.url, auth: bearerToken('t') });
}

describe('list calls as async iterators', () => {
  it('yields every item of every page in order, following nextCursor', async () => {
    const client = await pagedJobs();

    const names = (await collect(client.listJobs({ status: 'ACTIVE' }))).map((job) => job.name);

    expect(names).toEqual(['job-0', 'job-1', 'job-2', 'job-3', 'job-4', 'job-5', 'job-6']);
    expect(api?.requests.map((request) => request.url.search)).toEqual([
      '?status=ACTIVE',
      '?status=ACTIVE&cursor=3',
      '?status=ACTIVE&cursor=6',
    ]);
  });

  it('fetches only the pages the loop reaches', async () => {
    const client = await pagedJobs();

    for await (const job of client.listJobs()) if (job.name === 'job-1') break;

    expect(api?.requests).toHaveLength(1);
  });

  it('pages runs and dead letters under their own paths, ids escaped', async () => {
    api = await startFakeApi(() => ({ status: 200, body: { items: [] } }));
    const client = new SchedulerClient({
      baseUrl: `${api.url}/_aws/execute-api/abc/$default`,
      auth: bearerToken('t'),
    });

    await collect(client.listRuns('01JOB/../x'));
    await collect(client.listDeadLetters({ limit: 5 }));
    await client.getRun('01JOB', '2026-12-01T00:00:00.000Z~01RUN');

    expect(api.requests.map((request) => request.url.pathname + request.url.search)).toEqual([
      '/_aws/execute-api/abc/$default/api/jobs/01JOB%2F..%2Fx/runs',
      '/_aws/execute-api/abc/$default/api/dlq?limit=5',
      '/_aws/execute-api/abc/$default/api/jobs/01JOB/runs/2026-12-01T00%3A00%3A00.000Z~01RUN',
    ]);
  });
});
