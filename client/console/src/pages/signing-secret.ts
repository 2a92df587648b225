/// <reference lib="dom" />
import type { SigningSecrets } from '@serverless-scheduler/client';
import { ask } from '../dialog.js';
import { announce, h, replace } from '../dom.js';
import { messageOf, timeIn, viewerZone } from '../format.js';
import type { Page, PageContext } from '../page.js';

const masked = (secret: string) => `${secret.slice(0, 6)}${'•'.repeat(12)}`;

function secretRow(
  label: string,
  value: { generation: number; secret: string },
  revealed: boolean,
): HTMLElement[] {
  return [
    h('dt', {}, `${label} (generation ${value.generation})`),
    h('dd', {}, h('code', { class: 'secret' }, revealed ? value.secret : masked(value.secret))),
  ];
}

/**
 * The tenant's webhook signing secret: hidden until revealed; rotation in the API's three steps (begin: sign
 * with both; complete: the next one alone; cancel).
 */
export const signingSecretPage: Page = {
  async render(main: HTMLElement, context: PageContext) {
    const { client } = context;
    const draw = (secrets: SigningSecrets, revealed: boolean) => {
      const rotate = async (phase: 'begin' | 'complete' | 'cancel') => {
        const titles = {
          begin: [
            'Begin a rotation?',
            'A next secret is issued; after the propagation time every call carries signatures with both. Give the next one to your receivers, then complete.',
            'Begin rotation',
          ],
          complete: [
            'Complete the rotation?',
            'From then on calls are signed with the next secret alone. Receivers still on the old one will refuse them.',
            'Complete rotation',
          ],
          cancel: [
            'Cancel the rotation?',
            'The next secret is dropped; calls stay signed with the current one.',
            'Cancel rotation',
          ],
        } as const;
        const [title, text, confirm] = titles[phase];
        if ((await ask({ title, text, confirm, danger: phase !== 'begin' })) === undefined) return;
        try {
          const next = await client.rotateSigningSecret(
            phase === 'complete' && secrets.next ? { phase, generation: secrets.next.generation } : { phase },
          );
          announce(`Rotation step “${phase}” done.`);
          draw(next, revealed);
        } catch (error) {
          announce(messageOf(error), 'error');
        }
      };
      replace(
        main,
        h('h1', {}, 'Signing secret'),
        h(
          'p',
          {},
          'Every webhook call of your tenant is signed (Standard Webhooks) with this secret; receivers verify with it.',
        ),
        h(
          'dl',
          { class: 'facts' },
          secretRow('Current', secrets.current, revealed),
          secrets.next ? secretRow('Next', secrets.next, revealed) : [],
        ),
        secrets.rotationStartedAt &&
          h(
            'p',
            {},
            `Rotation begun ${timeIn(secrets.rotationStartedAt, viewerZone())}; calls carry both signatures from ${timeIn(secrets.signedWithNextFrom, viewerZone())}.`,
          ),
        h(
          'div',
          { class: 'actions' },
          h(
            'button',
            {
              type: 'button',
              class: 'secondary',
              'aria-pressed': String(revealed),
              onclick: () => draw(secrets, !revealed),
            },
            revealed ? 'Hide' : 'Reveal',
          ),
          secrets.next
            ? [
                h('button', { type: 'button', onclick: () => rotate('complete') }, 'Complete rotation…'),
                h(
                  'button',
                  { type: 'button', class: 'secondary', onclick: () => rotate('cancel') },
                  'Cancel rotation…',
                ),
              ]
            : h('button', { type: 'button', onclick: () => rotate('begin') }, 'Begin rotation…'),
        ),
      );
    };
    draw(await client.getSigningSecret(), false);
  },
};
