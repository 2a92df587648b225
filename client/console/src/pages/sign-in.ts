/// <reference lib="dom" />
import { announce, h, replace } from '../dom.js';
import { messageOf } from '../format.js';
import type { Page } from '../page.js';
import { signInMode, signInWithClientCredentials, signInWithToken } from '../session.js';

const signedIn = () => {
  announce('Signed in.');
  window.dispatchEvent(new Event('scheduler:signed-in'));
};

function clientCredentialsForm(): HTMLFormElement {
  const error = h('p', { class: 'field-error', id: 'credentials-error' });
  const form = h(
    'form',
    { class: 'stacked', 'aria-labelledby': 'credentials-heading' },
    h('h2', { id: 'credentials-heading' }, 'With your tenant’s app client'),
    h(
      'div',
      {},
      h('label', { for: 'client-id' }, 'Client id'),
      h('input', { id: 'client-id', name: 'clientId', required: true, autocomplete: 'username' }),
    ),
    h(
      'div',
      {},
      h('label', { for: 'client-secret' }, 'Client secret'),
      h('input', {
        id: 'client-secret',
        name: 'clientSecret',
        type: 'password',
        required: true,
        autocomplete: 'current-password',
      }),
    ),
    error,
    h('div', {}, h('button', { type: 'submit' }, 'Sign in')),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    replace(error);
    try {
      await signInWithClientCredentials(String(data.get('clientId')), String(data.get('clientSecret')));
      signedIn();
    } catch (failure) {
      replace(error, messageOf(failure));
    }
  });
  return form;
}

function tokenForm(): HTMLFormElement {
  const form = h(
    'form',
    { class: 'stacked', 'aria-labelledby': 'token-heading' },
    h('h2', { id: 'token-heading' }, 'With an access token'),
    h(
      'div',
      {},
      h('label', { for: 'token' }, 'Access token'),
      h(
        'p',
        { class: 'hint', id: 'token-hint' },
        'A JWT for your tenant, e.g. from npm run -s token -- alpha.',
      ),
      h('textarea', {
        id: 'token',
        name: 'token',
        required: true,
        'aria-describedby': 'token-hint',
        spellcheck: 'false',
      }),
    ),
    h('div', {}, h('button', { type: 'submit' }, 'Sign in with token')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    signInWithToken(String(new FormData(form).get('token')));
    signedIn();
  });
  return form;
}

/** Sign-in: client id and secret where the deployment has a token endpoint (Cognito), and a pasted token. */
export const signInPage: Page = {
  async render(main) {
    replace(
      main,
      h('h1', {}, 'Sign in'),
      h('p', {}, 'You see and change your own tenant’s jobs only. The token stays in this browser tab.'),
      h(
        'div',
        { class: 'two' },
        signInMode() === 'client-credentials' && clientCredentialsForm(),
        tokenForm(),
      ),
    );
  },
};
