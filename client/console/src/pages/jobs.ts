/// <reference lib="dom" />
import type { Job, JobListQuery } from '@serverless-scheduler/client';
import { h, replace } from '../dom.js';
import { scheduleInWords, timeIn, viewerZone } from '../format.js';
import type { Page } from '../page.js';

const STATUSES = ['ACTIVE', 'PAUSED', 'COMPLETED'] as const;
const PAGE_SIZE = 20;

function row(job: Job): HTMLTableRowElement {
  const zone = job.schedule.timezone ?? 'UTC';
  return h(
    'tr',
    {},
    h('td', {}, h('a', { href: `#/jobs/${encodeURIComponent(job.id)}` }, job.name)),
    h('td', {}, h('span', { class: `badge ${job.status}` }, job.status)),
    h('td', {}, scheduleInWords(job.schedule.expression, zone)),
    h(
      'td',
      {},
      job.nextRunAt
        ? [
            timeIn(job.nextRunAt, zone),
            h('br'),
            h('span', { class: 'hint' }, `yours: ${timeIn(job.nextRunAt, viewerZone())}`),
          ]
        : '—',
    ),
    h(
      'td',
      {},
      job.lastRunStatus
        ? [
            h('span', { class: `badge ${job.lastRunStatus}` }, job.lastRunStatus),
            ' ',
            timeIn(job.lastRunAt, viewerZone()),
          ]
        : 'never run',
    ),
  );
}

/** The tenant's jobs, newest first: status filter, name search (prefix), cursor paging forward and back. */
export const jobsPage: Page = {
  async render(main, { client, query, navigate }) {
    const status = query.get('status') ?? '';
    const name = query.get('name') ?? '';
    const cursor = query.get('cursor') ?? undefined;
    // The cursors of the pages before this one, so "Previous" needs no server support.
    const back = query.getAll('back');
    const filters = h(
      'form',
      { class: 'filters', role: 'search', 'aria-label': 'Filter jobs' },
      h(
        'div',
        {},
        h('label', { for: 'filter-status' }, 'Status'),
        h(
          'select',
          { id: 'filter-status', name: 'status' },
          h('option', { value: '' }, 'Any'),
          STATUSES.map((s) => h('option', { value: s, selected: s === status }, s.toLowerCase())),
        ),
      ),
      h(
        'div',
        {},
        h('label', { for: 'filter-name' }, 'Name starts with'),
        h('input', { id: 'filter-name', name: 'name', value: name, type: 'search' }),
      ),
      h('div', {}, h('button', { type: 'submit' }, 'Filter')),
    );
    filters.addEventListener('submit', (event) => {
      event.preventDefault();
      const data = new FormData(filters);
      const next = new URLSearchParams();
      if (data.get('status')) next.set('status', String(data.get('status')));
      if (data.get('name')) next.set('name', String(data.get('name')));
      navigate(`/jobs?${next}`);
    });
    const list = h('div', { class: 'table-wrap' }, h('p', {}, 'Loading jobs…'));
    replace(
      main,
      h('h1', {}, 'Jobs'),
      h('div', { class: 'actions' }, h('a', { class: 'button', href: '#/jobs/new' }, 'New job')),
      filters,
      list,
    );
    const request: JobListQuery & { cursor?: string } = { limit: PAGE_SIZE };
    if (status) request.status = status as Job['status'];
    if (name) request.namePrefix = name;
    // A cursor in the address resumes where the user was (and survives a reload).
    const page = await client.jobPage(cursor ? { ...request, cursor } : request);
    const items = page.items;
    const pager = h('nav', { class: 'pager', 'aria-label': 'Pages' });
    const withCursor = (to: string | undefined, stack: string[]) => {
      const next = new URLSearchParams();
      if (status) next.set('status', status);
      if (name) next.set('name', name);
      if (to) next.set('cursor', to);
      for (const c of stack) next.append('back', c);
      return `#/jobs?${next}`;
    };
    if (cursor)
      pager.append(
        h(
          'a',
          { class: 'button secondary', href: withCursor(back.at(-1) || undefined, back.slice(0, -1)) },
          'Previous page',
        ),
      );
    if (page.nextCursor)
      pager.append(
        h(
          'a',
          { class: 'button secondary', href: withCursor(page.nextCursor, [...back, cursor ?? '']) },
          'Next page',
        ),
      );
    replace(
      list,
      items.length === 0
        ? h(
            'p',
            {},
            status || name ? 'No job matches these filters.' : 'No jobs yet. Create one with “New job”.',
          )
        : h(
            'table',
            {},
            h(
              'caption',
              {},
              `${items.length} job${items.length === 1 ? '' : 's'} on this page; times in the job’s zone, and yours (${viewerZone()})`,
            ),
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                ['Name', 'Status', 'Schedule', 'Next run', 'Last run'].map((t) =>
                  h('th', { scope: 'col' }, t),
                ),
              ),
            ),
            h('tbody', {}, items.map(row)),
          ),
      pager,
    );
  },
};
