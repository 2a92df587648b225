/// <reference lib="dom" />
import { announce, h, replace } from './dom.js';
import { messageOf } from './format.js';
import type { Page, PageContext } from './page.js';
import { deadLettersPage } from './pages/dead-letters.js';
import { jobPage } from './pages/job.js';
import { jobFormPage } from './pages/job-form.js';
import { jobsPage } from './pages/jobs.js';
import { signInPage } from './pages/sign-in.js';
import { signingSecretPage } from './pages/signing-secret.js';
import { apiClient, currentSession, signOut } from './session.js';

/** Hash routes: the server serves one page, so every view is a fragment of /console. */
function route(path: string): { page: Page; params: string[] } {
  const routes: [RegExp, Page][] = [
    [/^\/jobs\/new$/, jobFormPage],
    [/^\/jobs\/([^/]+)\/edit$/, jobFormPage],
    [/^\/jobs\/([^/]+)$/, jobPage],
    [/^\/dead-letters$/, deadLettersPage],
    [/^\/signing-secret$/, signingSecretPage],
  ];
  for (const [pattern, page] of routes) {
    const match = pattern.exec(path);
    if (match) return { page, params: match.slice(1).map(decodeURIComponent) };
  }
  return { page: jobsPage, params: [] };
}

/** The latest navigation: a page that finishes loading after the user went elsewhere is dropped. */
let generation = 0;
let leaving: (() => void)[] = [];

/**
 * Renders the page of the address into a detached element, then swaps it in whole: the old page stays until
 * the new one is ready (no empty flash, no layout shift), and a slower, older render can never overwrite a
 * newer one.
 */
async function show(focus = false): Promise<void> {
  const current = ++generation;
  for (const stop of leaving) stop();
  leaving = [];
  const main = document.getElementById('main') as HTMLElement;
  const [path = '', search = ''] = window.location.hash.replace(/^#/, '').split('?');
  const session = currentSession();
  const nav = document.querySelector('header nav');
  const who = document.getElementById('who') as HTMLElement;
  const view = h('div', { class: 'view' });
  const swapIn = (name: string) => {
    if (current !== generation) return;
    main.replaceChildren(view);
    // After a navigation, reading starts at the new content (before the view counts as shown).
    if (focus) main.focus();
    main.dataset.view = name;
    main.removeAttribute('aria-busy');
  };
  // Hidden, not removed: the header keeps its size, so nothing below it moves when the session is known.
  nav?.classList.toggle('signed-out', !session);
  if (!session) {
    replace(who);
    await signInPage.render(view, {} as PageContext);
    swapIn('sign-in');
    return;
  }
  replace(
    who,
    h('span', {}, 'Tenant ', h('code', {}, session.tenant)),
    h(
      'button',
      {
        type: 'button',
        class: 'secondary',
        onclick: () => {
          signOut();
          void show();
        },
      },
      'Sign out',
    ),
  );
  const { page, params } = route(path);
  for (const link of document.querySelectorAll('#nav a')) {
    const here =
      link.getAttribute('href') === `#${path}` || (path === '' && link.getAttribute('href') === '#/jobs');
    if (here) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const context: PageContext = {
    client: apiClient(session),
    params,
    query: new URLSearchParams(search),
    navigate: (to) => {
      window.location.hash = to;
    },
    onLeave: (stop) => {
      if (current === generation) leaving.push(stop);
      else stop();
    },
  };
  // Busy while the page loads; `data-view` names the page once it is shown (tests wait on it).
  main.setAttribute('aria-busy', 'true');
  main.removeAttribute('data-view');
  try {
    await page.render(view, context);
    swapIn(path || '/jobs');
  } catch (error) {
    if (current !== generation) return;
    if ((error as { status?: number }).status === 401) {
      signOut();
      announce('Your sign-in has expired or was refused; sign in again.', 'error');
      await show();
      return;
    }
    replace(view, h('h1', {}, 'Something went wrong'), h('p', { class: 'field-error' }, messageOf(error)));
    swapIn('error');
  }
}

window.addEventListener('hashchange', () => {
  announce('');
  void show(true);
});
window.addEventListener('scheduler:signed-in', () => void show());
void show();
