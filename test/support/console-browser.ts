import { existsSync, mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's Chromium (test/support/install-chromium.sh installs it); Playwright's own builds are not reachable. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where screenshots go: beside the tiers' JSON results (test/run-all.sh), gitignored. */
export const SCREENSHOTS = new URL('../../.local-aws/test-results/console/', import.meta.url).pathname;

/**
 * Headless Chromium with a fresh profile (Playwright makes a temporary user-data-dir per launch, and refuses
 * one given in the arguments) and its background connections off: the machine's closed network refuses
 * them, and a test must not wait on them.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `No Chromium at ${CHROMIUM}: run 'bash test/support/install-chromium.sh' (npm test does).`,
    );
  mkdirSync(SCREENSHOTS, { recursive: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    timeout: 60_000,
  });
  return browser;
}

/** A page that fails the test on any request leaving 127.0.0.1 (no CDN, no font, nothing else). */
export async function loopbackOnlyPage(context: BrowserContext, offsite: string[]): Promise<Page> {
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1' || url.protocol === 'data:') return route.continue();
    offsite.push(url.href);
    return route.abort();
  });
  return context.newPage();
}

export interface AxeFigures {
  readonly page: string;
  readonly violations: number;
  readonly seriousOrCritical: string[];
  readonly passes: number;
}

/** axe-core's WCAG 2.x A/AA checks on the page as it is now. */
export async function axeCheck(page: Page, name: string): Promise<AxeFigures> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  return {
    page: name,
    violations: result.violations.length,
    seriousOrCritical: result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    passes: result.passes.length,
  };
}

/**
 * The page's cumulative layout shift since it loaded (Chromium's Layout Instability API), with the elements
 * that moved.
 */
export async function layoutShift(page: Page): Promise<{ score: number; moved: string[] }> {
  return page.evaluate(
    () =>
      new Promise<{ score: number; moved: string[] }>((resolve) => {
        type Shift = PerformanceEntry & {
          value: number;
          hadRecentInput: boolean;
          sources?: { node?: Node | null }[];
        };
        const result = { score: 0, moved: [] as string[] };
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as Shift[]) {
            if (entry.hadRecentInput) continue;
            result.score += entry.value;
            for (const source of entry.sources ?? []) {
              const node = source.node as Element | null | undefined;
              result.moved.push(node ? `${node.nodeName}#${node.id}.${node.className}` : '?');
            }
          }
        }).observe({ type: 'layout-shift', buffered: true });
        setTimeout(() => resolve(result), 300);
      }),
  );
}

/** True when the page needs no horizontal scrolling (WCAG 1.4.10 reflow, e.g. at 200 % zoom). */
export async function reflows(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}
