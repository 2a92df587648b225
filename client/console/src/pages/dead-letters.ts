/// <reference lib="dom" />
import type { DeadLetter } from '@serverless-scheduler/client';
import { ask } from '../dialog.js';
import { announce, h, replace } from '../dom.js';
import { messageOf, timeIn, viewerZone } from '../format.js';
import type { Page, PageContext } from '../page.js';

const SHOWN = 50;

/** The tenant's dead fires (fires that could not be delivered), with redrive of chosen ones or all. */
export const deadLettersPage: Page = {
  async render(main: HTMLElement, context: PageContext) {
    const { client } = context;
    const page = await client.listDeadLetterPages({ limit: SHOWN }).next();
    const items: DeadLetter[] = page.value?.items ?? [];
    const redrive = async (ids?: string[]) => {
      const count = ids?.length ?? items.length;
      const confirmed = await ask({
        title: `Redrive ${count} dead fire${count === 1 ? '' : 's'}?`,
        text: 'They go back to the dispatch queue and run again (the run lock still stops a fire that already ran).',
        confirm: 'Redrive',
      });
      if (confirmed === undefined) return;
      try {
        const { redriven } = await client.redriveDeadLetters(ids ? { ids } : {});
        announce(`Redrove ${redriven} dead fire${redriven === 1 ? '' : 's'}.`);
        await deadLettersPage.render(main, context);
      } catch (error) {
        announce(messageOf(error), 'error');
      }
    };
    const selected = () =>
      [...main.querySelectorAll<HTMLInputElement>('input[name="dead"]:checked')].map((box) => box.value);
    replace(
      main,
      h('h1', {}, 'Dead letters'),
      h(
        'p',
        {},
        'Fires the service could not deliver after its retries. Fix the cause, then send them back.',
      ),
      items.length === 0
        ? h('p', {}, 'No dead fires. Nothing is waiting.')
        : [
            h(
              'div',
              { class: 'actions' },
              h(
                'button',
                {
                  type: 'button',
                  onclick: () =>
                    selected().length
                      ? redrive(selected())
                      : announce('Choose at least one dead fire first.', 'error'),
                },
                'Redrive selected',
              ),
              h(
                'button',
                { type: 'button', class: 'secondary', onclick: () => redrive() },
                'Redrive all (oldest 100)',
              ),
            ),
            h(
              'div',
              { class: 'table-wrap' },
              h(
                'table',
                { id: 'dead-letters' },
                h('caption', {}, `${items.length} dead fire${items.length === 1 ? '' : 's'}, newest first`),
                h(
                  'thead',
                  {},
                  h(
                    'tr',
                    {},
                    ['Select', 'Job', 'Scheduled', 'Reason', 'Received', 'Filed'].map((t) =>
                      h('th', { scope: 'col' }, t),
                    ),
                  ),
                ),
                h(
                  'tbody',
                  {},
                  items.map((item, i) =>
                    h(
                      'tr',
                      {},
                      h(
                        'td',
                        {},
                        h('input', {
                          type: 'checkbox',
                          name: 'dead',
                          value: item.id,
                          id: `dead-${i}`,
                          'aria-label': `Select the fire of ${item.fire.scheduledTime}`,
                        }),
                      ),
                      h(
                        'td',
                        {},
                        h('a', { href: `#/jobs/${encodeURIComponent(item.fire.jobId)}` }, item.fire.jobId),
                      ),
                      h('td', {}, timeIn(item.fire.scheduledTime, viewerZone())),
                      h('td', {}, item.reason ?? '—'),
                      h('td', {}, `${item.receiveCount} times`),
                      h('td', {}, timeIn(item.filedAt, viewerZone())),
                    ),
                  ),
                ),
              ),
            ),
          ],
    );
  },
};
