/// <reference lib="dom" />
import {
  type FieldError,
  type Job,
  type JobSpec,
  jobSpecOf,
  type SchedulerClient,
  SchedulerProblem,
} from '@serverless-scheduler/client';
import { announce, h, replace } from '../dom.js';
import { messageOf, scheduleInWords, timeIn, viewerZone } from '../format.js';
import type { Page, PageContext } from '../page.js';

type TargetType = JobSpec['target']['type'];
const TARGET_FIELDS: Record<TargetType, string[]> = {
  http: ['target.url', 'target.method', 'target.timeoutSeconds'],
  sqs: ['target.queueArn', 'target.messageGroupId'],
  eventbridge: ['target.eventBusArn', 'target.source', 'target.detailType'],
  lambda: ['target.functionArn'],
};
const NUMBERS = new Set(['target.timeoutSeconds', 'retryPolicy.maxAttempts']);
const PREVIEW_DELAY_MS = 300;

/** A labelled field named by its JSON path in the job spec, so the API's field errors find it. */
function field(path: string, label: string, control: HTMLElement, hint?: string): HTMLElement {
  const id = `f-${path.replace(/\W/g, '-')}`;
  control.id = id;
  control.setAttribute('name', path);
  const described = [hint ? `${id}-hint` : '', `${id}-error`].filter(Boolean).join(' ');
  control.setAttribute('aria-describedby', described);
  return h(
    'div',
    { 'data-field': path },
    h('label', { for: id }, label),
    hint && h('p', { class: 'hint', id: `${id}-hint` }, hint),
    control,
    h('p', { class: 'field-error', id: `${id}-error` }),
  );
}

const input = (value: unknown, attributes: Record<string, string | boolean> = {}) =>
  h('input', { value: value === undefined ? '' : String(value), ...attributes });
const select = (value: string, options: string[]) =>
  h(
    'select',
    {},
    options.map((option) => h('option', { value: option, selected: option === value }, option)),
  );

function set(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    node[key] ??= {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys.at(-1) ?? ''] = value;
}

/** The spec the form describes, over `base` (an edited job keeps what the form does not show, e.g. headers). */
function specOf(form: HTMLFormElement, base: Partial<JobSpec>): { spec?: JobSpec; errors: FieldError[] } {
  const spec = structuredClone(base) as Record<string, unknown>;
  const data = new FormData(form);
  const type = String(data.get('target.type')) as TargetType;
  const previous = (spec.target ?? {}) as Record<string, unknown>;
  // A changed target kind starts from nothing; the same kind keeps fields the form does not show.
  spec.target = previous.type === type ? { ...previous } : { type };
  const errors: FieldError[] = [];
  for (const [path, raw] of data.entries()) {
    const value = String(raw).trim();
    if (path.startsWith('target.') && path !== 'target.type' && !TARGET_FIELDS[type].includes(path)) continue;
    if (path === 'payload') {
      if (value === '') delete spec.payload;
      else
        try {
          spec.payload = JSON.parse(value);
        } catch {
          errors.push({ path, message: 'The payload is not valid JSON.' });
        }
      continue;
    }
    if (value === '') {
      const keys = path.split('.');
      let parent: Record<string, unknown> | undefined = spec;
      for (const key of keys.slice(0, -1)) parent = parent?.[key] as Record<string, unknown> | undefined;
      if (parent) delete parent[keys.at(-1) ?? ''];
      continue;
    }
    set(spec, path, NUMBERS.has(path) && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value);
  }
  return errors.length ? { errors } : { spec: spec as unknown as JobSpec, errors };
}

/** Shows field errors at their fields (longest matching path) and in a summary that links to them. */
function showErrors(
  form: HTMLFormElement,
  summary: HTMLElement,
  errors: readonly FieldError[],
  detail: string,
): void {
  clearErrors(form, summary);
  const fields = [...form.querySelectorAll<HTMLElement>('[data-field]')].filter((f) => !f.hidden);
  const items: HTMLElement[] = [];
  let first: HTMLElement | undefined;
  for (const error of errors) {
    const holder = fields
      .filter((f) => error.path === f.dataset.field || error.path.startsWith(`${f.dataset.field}.`))
      .sort((a, b) => (b.dataset.field?.length ?? 0) - (a.dataset.field?.length ?? 0))[0];
    const control = holder?.querySelector<HTMLElement>('input, select, textarea');
    if (holder && control) {
      control.setAttribute('aria-invalid', 'true');
      const message = holder.querySelector('.field-error');
      if (message) message.textContent = [message.textContent, error.message].filter(Boolean).join(' ');
      first ??= control;
      items.push(
        h(
          'li',
          {},
          h(
            'a',
            {
              href: `#${control.id}`,
              onclick: (e: Event) => {
                e.preventDefault();
                control.focus();
              },
            },
            `${holder.querySelector('label')?.textContent}: ${error.message}`,
          ),
        ),
      );
    } else items.push(h('li', {}, `${error.path}: ${error.message}`));
  }
  replace(summary, h('h2', {}, 'The job was not saved'), h('p', {}, detail), h('ul', {}, items));
  summary.hidden = false;
  (first ?? summary).focus();
}

function clearErrors(form: HTMLFormElement, summary: HTMLElement): void {
  for (const control of form.querySelectorAll('[aria-invalid]')) control.removeAttribute('aria-invalid');
  for (const message of form.querySelectorAll('.field-error')) message.textContent = '';
  summary.hidden = true;
  replace(summary);
}

/** The next fires of the schedule as typed, asked of the API a moment after the typing stops. */
function livePreview(client: SchedulerClient, form: HTMLFormElement, box: HTMLElement): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let asked = 0;
  const update = async () => {
    const data = new FormData(form);
    const expression = String(data.get('schedule.expression') ?? '').trim();
    const timezone = String(data.get('schedule.timezone') ?? '').trim() || 'UTC';
    const ask = ++asked;
    if (!expression) return replace(box, h('p', {}, 'Type a schedule to see its next fires.'));
    try {
      const preview = await client.previewSchedule({ schedule: { expression, timezone }, count: 5 });
      if (ask !== asked) return;
      replace(
        box,
        h('p', {}, h('strong', {}, scheduleInWords(expression, timezone))),
        preview.fires.length === 0
          ? h('p', {}, 'No fires: the schedule is over.')
          : h(
              'ol',
              { 'aria-label': 'Next fires' },
              preview.fires.map((fire) =>
                h(
                  'li',
                  {},
                  `${fire.local} (yours: ${timeIn(fire.utc, viewerZone())})`,
                  fire.dst ? h('span', { class: 'dst' }, ` ⚠ DST ${fire.dst}`) : '',
                ),
              ),
            ),
      );
    } catch (error) {
      if (ask !== asked) return;
      const problem = error instanceof SchedulerProblem ? error : undefined;
      const reasons = problem?.errors.map((e) => e.message) ?? [];
      replace(
        box,
        h(
          'p',
          { class: 'preview-error' },
          'No preview: ',
          reasons.length ? reasons.join(' ') : messageOf(error),
        ),
      );
    }
  };
  return () => {
    clearTimeout(timer);
    timer = setTimeout(update, PREVIEW_DELAY_MS);
  };
}

function jobForm(spec: Partial<JobSpec>): HTMLFormElement {
  const target = (spec.target ?? { type: 'http' }) as Record<string, unknown>;
  const type = (target.type as TargetType) ?? 'http';
  const zones = Intl.supportedValuesOf('timeZone');
  const targetFields = h(
    'fieldset',
    {},
    h('legend', {}, 'Target'),
    field('target.type', 'Kind', select(type, ['http', 'sqs', 'eventbridge', 'lambda'])),
    field(
      'target.url',
      'URL',
      input(target.url, { type: 'url', placeholder: 'https://example.com/hooks/report' }),
    ),
    field(
      'target.method',
      'Method',
      select(String(target.method ?? 'POST'), ['POST', 'PUT', 'PATCH', 'GET', 'DELETE']),
    ),
    field(
      'target.timeoutSeconds',
      'Timeout (seconds)',
      input(target.timeoutSeconds, { inputmode: 'numeric' }),
    ),
    field('target.queueArn', 'Queue ARN', input(target.queueArn)),
    field('target.messageGroupId', 'Message group id (FIFO queues)', input(target.messageGroupId)),
    field('target.eventBusArn', 'Event bus ARN', input(target.eventBusArn)),
    field('target.source', 'Event source', input(target.source)),
    field('target.detailType', 'Detail type', input(target.detailType)),
    field('target.functionArn', 'Function ARN', input(target.functionArn)),
  );
  const payload = h('textarea', { spellcheck: 'false' });
  payload.value = spec.payload === undefined ? '' : JSON.stringify(spec.payload, null, 2);
  const description = h('textarea', {});
  description.value = spec.description ?? '';
  return h(
    'form',
    { class: 'stacked', novalidate: true },
    field('name', 'Name', input(spec.name, { autocomplete: 'off' })),
    field('description', 'Description (optional)', description),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Schedule'),
      field(
        'schedule.expression',
        'Expression',
        input(spec.schedule?.expression, { autocomplete: 'off', spellcheck: 'false' }),
        'cron(0 9 ? * MON-FRI *), 0 9 * * 1-5, rate(5 minutes) or at(2030-01-01T09:00:00)',
      ),
      field(
        'schedule.timezone',
        'Time zone',
        input(spec.schedule?.timezone ?? viewerZone(), { list: 'zones', autocomplete: 'off' }),
        'An IANA zone, e.g. Europe/Berlin',
      ),
      h(
        'datalist',
        { id: 'zones' },
        zones.map((zone) => h('option', { value: zone })),
      ),
      h(
        'div',
        { class: 'preview', id: 'preview', 'aria-live': 'polite' },
        h('p', {}, 'Type a schedule to see its next fires.'),
      ),
    ),
    targetFields,
    field('payload', 'Payload (JSON, optional)', payload, 'Sent as the body of each call'),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Behaviour'),
      field(
        'retryPolicy.maxAttempts',
        'Attempts per fire',
        input(spec.retryPolicy?.maxAttempts, { inputmode: 'numeric', placeholder: '3' }),
      ),
      field('overlap', 'While a run is still going', select(spec.overlap ?? 'allow', ['allow', 'forbid'])),
      field(
        'misfirePolicy',
        'A fire missed while the service was down',
        select(spec.misfirePolicy ?? 'fire_once', ['fire_once', 'skip']),
      ),
    ),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit' }, 'Save job'),
      h('a', { class: 'button secondary', href: '#/jobs' }, 'Cancel'),
    ),
  );
}

/** Shows only the target fields of the chosen kind. */
function showTargetFields(form: HTMLFormElement): void {
  const type = (form.elements.namedItem('target.type') as HTMLSelectElement).value as TargetType;
  for (const holder of form.querySelectorAll<HTMLElement>('[data-field^="target."]')) {
    const path = holder.dataset.field ?? '';
    holder.hidden = path !== 'target.type' && !TARGET_FIELDS[type].includes(path);
  }
}

const differences = (a: Partial<JobSpec>, b: Partial<JobSpec>): string[] =>
  [...new Set([...Object.keys(a), ...Object.keys(b)])].filter(
    (key) =>
      JSON.stringify((a as Record<string, unknown>)[key]) !==
      JSON.stringify((b as Record<string, unknown>)[key]),
  );

/** Create (no id) or edit a job. An edit is sent with If-Match; a 412 shows what changed and lets the user choose. */
export const jobFormPage: Page & {
  render(main: HTMLElement, context: PageContext, loaded?: Job): Promise<void>;
} = {
  async render(main: HTMLElement, context: PageContext, loaded?: Job): Promise<void> {
    const { client, params, navigate } = context;
    const id = params[0];
    const job = id ? (loaded ?? (await client.getJob(id))) : undefined;
    const base: Partial<JobSpec> = job ? jobSpecOf(job) : {};
    const form = jobForm(base);
    const summary = h('div', { class: 'error-summary', tabindex: '-1', hidden: true, role: 'alert' });
    const conflict = h('div', { class: 'conflict', tabindex: '-1', hidden: true });
    replace(main, h('h1', {}, job ? `Edit ${job.name}` : 'New job'), conflict, summary, form);
    showTargetFields(form);
    const preview = livePreview(client, form, form.querySelector('#preview') as HTMLElement);
    form.addEventListener('input', (event) => {
      const name = (event.target as HTMLElement).getAttribute('name') ?? '';
      if (name.startsWith('schedule.')) preview();
    });
    form.addEventListener('change', (event) => {
      if ((event.target as HTMLElement).getAttribute('name') === 'target.type') showTargetFields(form);
    });
    if (base.schedule) preview();

    let expected = job?.revision;
    const save = async () => {
      const { spec, errors } = specOf(form, base);
      if (!spec) return showErrors(form, summary, errors, 'Fix the fields marked below.');
      try {
        const saved =
          job && expected !== undefined
            ? await client.updateJob(job.id, spec, expected)
            : await client.createJob(spec);
        announce(job ? `Saved ${saved.name} (revision ${saved.revision}).` : `Created ${saved.name}.`);
        navigate(`/jobs/${encodeURIComponent(saved.id)}`);
      } catch (error) {
        if (error instanceof SchedulerProblem && error.status === 412 && job) return showConflict(spec);
        if (error instanceof SchedulerProblem && error.errors.length)
          return showErrors(form, summary, error.errors, error.detail);
        showErrors(form, summary, [], messageOf(error));
      }
    };
    const showConflict = async (mine: JobSpec) => {
      const theirs = await client.getJob(job?.id ?? '');
      const changed = differences(base, jobSpecOf(theirs));
      const yours = differences(base, mine);
      replace(
        conflict,
        h('h2', {}, 'Someone else changed this job while you were editing'),
        h(
          'p',
          {},
          `You started from revision ${job?.revision}; it is now at revision ${theirs.revision}${theirs.status !== job?.status ? ` and ${theirs.status.toLowerCase()}` : ''}.`,
        ),
        h(
          'p',
          {},
          `They changed: ${changed.join(', ') || 'its state only'}. You changed: ${yours.join(', ') || 'nothing'}.`,
        ),
        h(
          'div',
          { class: 'actions' },
          h(
            'button',
            {
              type: 'button',
              onclick: () => {
                expected = theirs.revision;
                conflict.hidden = true;
                void save();
              },
            },
            'Save mine over theirs',
          ),
          h(
            'button',
            { type: 'button', class: 'secondary', onclick: () => jobFormPage.render(main, context, theirs) },
            'Discard mine, load theirs',
          ),
        ),
      );
      conflict.hidden = false;
      conflict.focus();
    };
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void save();
    });
  },
};
