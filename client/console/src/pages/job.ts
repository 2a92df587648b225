/// <reference lib="dom" />
import type { Job, Run, SchedulerClient } from '@serverless-scheduler/client';
import { runChart } from '../chart.js';
import { ask } from '../dialog.js';
import { announce, h, replace } from '../dom.js';
import { between, duration, messageOf, scheduleInWords, timeIn, viewerZone } from '../format.js';
import type { Page } from '../page.js';

/** How often an open job page looks for new runs (only while the tab is visible). */
const REFRESH_MS = 4000;
const RUNS_SHOWN = 20;
let refresh: ReturnType<typeof setInterval> | undefined;

function targetInWords(target: Job['target']): string {
  switch (target.type) {
    case 'http':
      return `${target.method ?? 'POST'} ${target.url}`;
    case 'sqs':
      return `SQS ${target.queueArn}`;
    case 'eventbridge':
      return `EventBridge ${target.eventBusArn} (${target.detailType})`;
    case 'lambda':
      return `Lambda ${target.functionArn}`;
    default:
      return JSON.stringify(target);
  }
}

function facts(job: Job): HTMLElement {
  const zone = job.schedule.timezone ?? 'UTC';
  const fact = (term: string, ...value: (Node | string)[]) => [h('dt', {}, term), h('dd', {}, ...value)];
  return h(
    'dl',
    { class: 'facts' },
    fact(
      'Status',
      h('span', { class: `badge ${job.status}` }, job.status),
      job.pausedReason ? ` — ${job.pausedReason}` : '',
    ),
    fact('Schedule', scheduleInWords(job.schedule.expression, zone)),
    fact('Expression', h('code', {}, job.schedule.expression), ` in ${zone}`),
    fact('Target', h('span', { class: 'mono' }, targetInWords(job.target))),
    fact(
      'Next run',
      job.nextRunAt ? `${timeIn(job.nextRunAt, zone)} (yours: ${timeIn(job.nextRunAt, viewerZone())})` : '—',
    ),
    fact(
      'Last run',
      job.lastRunStatus ? `${job.lastRunStatus} at ${timeIn(job.lastRunAt, viewerZone())}` : 'never run',
    ),
    fact(
      'Runs',
      `${job.runsSucceeded ?? 0} succeeded, ${job.runsFailed ?? 0} failed, ${job.runsSkipped ?? 0} skipped`,
    ),
    ...(job.firing.overdue
      ? [fact('Overdue', `${job.firing.overdue.reason}: ${job.firing.overdue.detail}`)]
      : []),
    fact(
      'Retries',
      `${job.retryPolicy.maxAttempts} attempts; overlap ${job.overlap}; misfire ${job.misfirePolicy}`,
    ),
    fact('Revision', String(job.revision)),
    ...(job.description ? [fact('Description', job.description)] : []),
  );
}

async function nextFires(client: SchedulerClient, job: Job): Promise<HTMLElement> {
  if (job.status !== 'ACTIVE') return h('p', {}, `No fires while the job is ${job.status.toLowerCase()}.`);
  // A rate schedule without startAt counts from when its schedule was made, which only the job's own next
  // fire tells; the preview would count from now.
  const anchor = job.firing.nextFireAt ?? job.nextRunAt;
  const schedule =
    job.schedule.expression.startsWith('rate(') && !job.schedule.startAt && anchor
      ? { ...job.schedule, startAt: anchor }
      : job.schedule;
  const preview = await client.previewSchedule({ schedule, count: 10 });
  if (preview.fires.length === 0) return h('p', {}, 'The schedule has no more fires.');
  const dstNote = (dst: string | undefined) =>
    dst === 'gap'
      ? h('span', { class: 'dst' }, '⚠ DST gap: this local time does not exist; fires at the shifted time')
      : dst === 'overlap'
        ? h('span', { class: 'dst' }, '⚠ DST overlap: this local time happens twice')
        : '';
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { id: 'next-fires' },
      h('caption', {}, `Next ${preview.fires.length} fires; daylight-saving gaps and overlaps are marked`),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['#', `Job’s zone (${preview.timezone})`, `Yours (${viewerZone()})`, 'UTC', 'DST'].map((t) =>
            h('th', { scope: 'col' }, t),
          ),
        ),
      ),
      h(
        'tbody',
        {},
        preview.fires.map((fire, i) =>
          h(
            'tr',
            {},
            h('td', {}, String(i + 1)),
            h('td', {}, fire.local),
            h('td', {}, timeIn(fire.utc, viewerZone())),
            h('td', {}, fire.utc),
            h('td', {}, dstNote(fire.dst)),
          ),
        ),
      ),
    ),
  );
}

function runRow(run: Run): HTMLTableRowElement {
  const attempts = run.attempts ?? [];
  return h(
    'tr',
    { 'data-run-id': run.runId },
    h('td', {}, timeIn(run.scheduledTime, viewerZone())),
    h('td', {}, run.trigger),
    h('td', {}, h('span', { class: `badge ${run.status}` }, run.status)),
    h('td', {}, duration(between(run.scheduledTime, run.startedAt))),
    h('td', {}, duration(run.outcome?.durationMs)),
    h(
      'td',
      {},
      attempts.length <= 1
        ? `${run.attempt}${run.outcome?.statusCode ? ` · HTTP ${run.outcome.statusCode}` : ''}${run.outcome?.error ? ` · ${run.outcome.error}` : ''}`
        : h(
            'details',
            {},
            h('summary', {}, `${attempts.length} attempts`),
            h(
              'ol',
              {},
              attempts.map((a) =>
                h(
                  'li',
                  {},
                  `${timeIn(a.startedAt, viewerZone())}: ${a.outcome.statusCode ? `HTTP ${a.outcome.statusCode}` : ''} ${a.outcome.error ?? ''} (${duration(a.outcome.durationMs)})`,
                ),
              ),
            ),
          ),
    ),
  );
}

function runHistory(runs: readonly Run[]): HTMLElement[] {
  if (runs.length === 0) return [h('p', {}, 'No runs yet.')];
  return [
    runChart(runs),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { id: 'runs' },
        h('caption', {}, `Latest ${runs.length} runs, newest first (times are yours: ${viewerZone()})`),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['Scheduled', 'Trigger', 'Outcome', 'Fire lag', 'Duration', 'Attempts'].map((t) =>
              h('th', { scope: 'col' }, t),
            ),
          ),
        ),
        h('tbody', {}, runs.map(runRow)),
      ),
    ),
  ];
}

async function latestRuns(client: SchedulerClient, jobId: string): Promise<Run[]> {
  const page = await client.listRunPages(jobId, { limit: RUNS_SHOWN }).next();
  return page.value?.items ?? [];
}

/** One job: facts, actions, the next 10 fires, and the run history (refreshed while open). */
export const jobPage: Page = {
  async render(main, context) {
    const { client, params, navigate, onLeave } = context;
    const id = params[0] ?? '';
    const [job, runs] = await Promise.all([client.getJob(id), latestRuns(client, id)]);
    const act = async (label: string, action: () => Promise<unknown>) => {
      try {
        await action();
        announce(label);
        await jobPage.render(main, context);
      } catch (error) {
        announce(messageOf(error), 'error');
      }
    };
    const actions = h(
      'div',
      { class: 'actions' },
      h(
        'button',
        {
          type: 'button',
          onclick: () =>
            act('Run started: it appears in the history in a few seconds.', () => client.executeJob(job.id)),
        },
        'Run now',
      ),
      job.status === 'PAUSED'
        ? h(
            'button',
            {
              type: 'button',
              class: 'secondary',
              onclick: () => act('Job resumed.', () => client.resumeJob(job.id, { expected: job })),
            },
            'Resume',
          )
        : job.status === 'ACTIVE' &&
            h(
              'button',
              {
                type: 'button',
                class: 'secondary',
                onclick: async () => {
                  const reason = await ask({
                    title: `Pause ${job.name}?`,
                    text: 'Scheduled fires stop until you resume the job.',
                    confirm: 'Pause',
                    field: {
                      label: 'Reason (optional)',
                      hint: 'Shown on the job, e.g. “receiver down for maintenance”.',
                    },
                  });
                  if (reason === undefined) return;
                  await act('Job paused.', () =>
                    client.pauseJob(job.id, { expected: job, ...(reason ? { reason } : {}) }),
                  );
                },
              },
              'Pause…',
            ),
      h('a', { class: 'button secondary', href: `#/jobs/${encodeURIComponent(job.id)}/edit` }, 'Edit'),
      h(
        'button',
        {
          type: 'button',
          class: 'danger',
          onclick: async () => {
            const confirmed = await ask({
              title: `Delete ${job.name}?`,
              text: 'The job and its schedule are deleted; its run history goes with it. This cannot be undone.',
              confirm: 'Delete job',
              danger: true,
            });
            if (confirmed === undefined) return;
            try {
              await client.deleteJob(job.id, job);
              announce(`Deleted ${job.name}.`);
              navigate('/jobs');
            } catch (error) {
              announce(messageOf(error), 'error');
            }
          },
        },
        'Delete…',
      ),
    );
    const history = h(
      'section',
      { 'aria-labelledby': 'runs-heading' },
      h('h2', { id: 'runs-heading' }, 'Run history'),
      ...runHistory(runs),
    );
    const fires = h(
      'section',
      { 'aria-labelledby': 'fires-heading' },
      h('h2', { id: 'fires-heading' }, 'Next fires'),
      h('p', {}, 'Loading…'),
    );
    replace(main, h('h1', {}, job.name), actions, facts(job), fires, history);
    // The preview is its own request: the page is usable before it answers.
    nextFires(client, job)
      .then((table) => fires.replaceChildren(h('h2', { id: 'fires-heading' }, 'Next fires'), table))
      .catch((error) => fires.append(h('p', { class: 'field-error' }, messageOf(error))));

    let shown = JSON.stringify(runs);
    clearInterval(refresh);
    const timer = setInterval(async () => {
      if (document.hidden) return;
      try {
        const latest = await latestRuns(client, id);
        if (JSON.stringify(latest) === shown) return;
        shown = JSON.stringify(latest);
        history.replaceChildren(h('h2', { id: 'runs-heading' }, 'Run history'), ...runHistory(latest));
      } catch {
        // The next tick tries again; a deleted job's page is left by the user.
      }
    }, REFRESH_MS);
    refresh = timer;
    onLeave(() => clearInterval(timer));
  },
};
