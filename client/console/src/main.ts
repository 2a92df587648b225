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

let cleanup: (() => void) | undefined;

async function show(): Promise<void> {
  cleanup?.();
  cleanup = undefined;
  const main = document.getElementById('main') as HTMLElement;
  const [path = '', search = ''] = window.location.hash.replace(/^#/, '').split('?');
  const session = currentSession();
  const nav = document.querySelector('header nav');
  const who = document.getElementById('who') as HTMLElement;
  // Hidden, not removed: the header keeps its size, so nothing below it moves when the session is known.
  nav?.classList.toggle('signed-out', !session);
  if (!session) {
    replace(who);
    await signInPage.render(main, {} as PageContext);
    main.dataset.view = 'sign-in';
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
    const current =
      link.getAttribute('href') === `#${path}` || (path === '' && link.getAttribute('href') === '#/jobs');
    if (current) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const context: PageContext = {
    client: apiClient(session),
    params,
    query: new URLSearchParams(search),
    navigate: (to) => {
      window.location.hash = to;
    },
    onLeave: (fn) => {
      cleanup = fn;
    },
  };
  // Busy while the page loads; `data-view` names the page once it is shown (tests wait on it).
  main.setAttribute('aria-busy', 'true');
  main.removeAttribute('data-view');
  try {
    await page.render(main, context);
    main.dataset.view = path || '/jobs';
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === 401) {
      signOut();
      announce('Your sign-in has expired or was refused; sign in again.', 'error');
      await show();
      return;
    }
    replace(main, h('h1', {}, 'Something went wrong'), h('p', { class: 'field-error' }, messageOf(error)));
    main.dataset.view = 'error';
  } finally {
    main.removeAttribute('aria-busy');
  }
}

window.addEventListener('hashchange', () => {
  announce('');
  void show().then(() => document.getElementById('main')?.focus());
});
window.addEventListener('scheduler:signed-in', () => void show());
void show();
