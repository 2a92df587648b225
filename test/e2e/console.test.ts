import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearerToken,
  type DeadLetter,
  type Job,
  jobSpecOf,
  type Run,
  SchedulerClient,
} from '../../client/src/index.js';
import { clientToken, localStackOutputs } from '../../localstack/client-token.js';
import { deployedApiUrl } from '../support/api-client.js';
import {
  type AxeFigures,
  axeCheck,
  launchChromium,
  layoutShift,
  loopbackOnlyPage,
  reflows,
  SCREENSHOTS,
} from '../support/console-browser.js';
import { eventually } from '../support/eventually.js';
import { dynamodb, localAws } from '../support/local-aws.js';
import { localClientCredentials } from '../support/local-client-credentials.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';

/** A rate(1 minute) schedule's first fire, plus the emulator's 10 s sweep and an executor cold start. */
const FIRE_MS = 120_000;
/** The emulator's dead-letter poll for the sorter, with a cold start. */
const SORTING_MS = 60_000;

const run = `console-${Date.now().toString(36)}`;
const consoleUrl = `${deployedApiUrl()}/console`;

describe('the web console in Chromium, on the deployed stack', () => {
  const receiver = new WebhookReceiver();
  const offsite: string[] = [];
  const accessibility: AxeFigures[] = [];
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let alpha: SchedulerClient;
  let scheduled: Job;
  let other: Job;

  /** axe-core on the page as shown, and a screenshot of it under the test results. */
  const inspect = async (name: string) => {
    await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true });
    const figures = await axeCheck(page, name);
    accessibility.push(figures);
    expect(figures.seriousOrCritical, name).toEqual([]);
  };
  /** Polls until the page shows what is expected; a loaded machine may take seconds. */
  const settled = <T>(probe: () => Promise<T> | T) => expect.poll(probe, { timeout: 15_000, interval: 200 });
  /** Goes to a view and waits until it is shown (a hash change alone leaves the old view up for a moment). */
  const open = async (hash: string) => {
    await page.goto(`${consoleUrl}#${hash}`);
    await shown(hash);
  };
  const shown = (hash: string) => page.locator(`main[data-view="${hash}"]:not([aria-busy])`).waitFor();

  beforeAll(async () => {
    await receiver.start();
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await loopbackOnlyPage(context, offsite);
    alpha = new SchedulerClient({ baseUrl: deployedApiUrl(), auth: bearerToken(await clientToken('alpha')) });
    other = await alpha.createJob({
      name: `${run}-other`,
      // 02:30 on 28 March in Berlin: some years the clocks skip from 02:00 to 03:00 that night.
      schedule: { expression: 'cron(30 2 28 3 ? *)', timezone: 'Europe/Berlin' },
      target: { type: 'http', url: receiver.url('/other') },
    });
  });
  afterAll(async () => {
    for await (const job of alpha.listJobs({ namePrefix: run }))
      await alpha.deleteJob(job.id).catch(() => undefined);
    await receiver.stop();
    const worst = accessibility.reduce((n, f) => n + f.seriousOrCritical.length, 0);
    console.log(
      `console accessibility (axe-core, WCAG 2.2 A/AA + best practices): ${accessibility.length} page states, ` +
        `${worst} serious/critical; all violations by page: ${accessibility.map((f) => `${f.page} ${f.violations}`).join(', ')}`,
    );
  });

  it('serves the sign-in page with nothing from off the stack, and signs alpha in with its client id and secret', async () => {
    await page.goto(consoleUrl);
    await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
    await inspect('sign-in');
    const { clientId, clientSecret } = await localClientCredentials('alpha');
    await page.getByLabel('Client id').fill(clientId);
    await page.getByLabel('Client secret').fill('not-the-secret');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await settled(() => page.locator('#credentials-error').textContent()).toContain('refused');

    await page.getByLabel('Client secret').fill(clientSecret);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'Jobs', level: 1 }).waitFor();
    await settled(() => page.locator('table').textContent()).toContain(`${run}-other`);
    await inspect('jobs');

    // Filters live in the address: a name prefix finds the job; a status it does not have, nothing.
    await page.getByLabel('Name starts with').fill(`${run}-oth`);
    await page.getByRole('button', { name: 'Filter' }).click();
    await settled(() => page.locator('main table tbody tr').count()).toBe(1);
    expect(await page.locator('main table tbody').textContent()).toContain(`${run}-other`);
    await page.getByLabel('Status').selectOption('PAUSED');
    await page.getByRole('button', { name: 'Filter' }).click();
    await settled(() => page.locator('main').textContent()).toContain('No job matches these filters.');
    expect(page.url()).toContain('status=PAUSED');
    expect(offsite).toEqual([]);
  });

  it('creates a job from the form: a live preview of its fires, and the API’s field error at its field', async () => {
    await open('/jobs/new');
    await page.getByLabel('Name').fill(`${run}-every-minute`);
    const expression = page.getByLabel('Expression');
    await expression.fill('cron(0 9 ? * MON-FRI *)');
    await page.getByLabel('Time zone').fill('America/New_York');
    const preview = page.locator('#preview');
    await settled(() => preview.locator('li').count()).toBe(5);
    expect(await preview.textContent()).toContain('At 09:00, on Monday through Friday (America/New_York)');

    // A schedule the API refuses: the preview says why, and saving puts the problem's field error at the field.
    await expression.fill('cron(61 * * * ? *)');
    await settled(() => preview.textContent()).toContain('No preview');
    await page.getByLabel('URL').fill(receiver.url('/every-minute'));
    await page.getByRole('button', { name: 'Save job' }).click();
    await settled(() => expression.getAttribute('aria-invalid')).toBe('true');
    const fieldError = page.locator('#f-schedule-expression-error');
    expect(await fieldError.textContent()).not.toBe('');
    expect(await expression.evaluate((el) => el === document.activeElement)).toBe(true);
    await inspect('job-form-errors');

    await expression.fill('rate(1 minute)');
    await page.getByLabel('Time zone').fill('UTC');
    await page.getByRole('button', { name: 'Save job' }).click();
    await page.getByRole('heading', { name: `${run}-every-minute`, level: 1, exact: true }).waitFor();
    scheduled = (await alpha.jobPage({ namePrefix: `${run}-every-minute` })).items[0] as Job;
    expect(scheduled).toMatchObject({ status: 'ACTIVE', schedule: { expression: 'rate(1 minute)' } });
  });

  it('runs a job now, and shows the run in the history with its lag and duration', async () => {
    await open(`/jobs/${scheduled.id}`);
    await page.getByRole('button', { name: 'Run now' }).click();
    const runs = page.locator('#runs tbody');
    await expect
      .poll(() => runs.textContent(), { timeout: 60_000, interval: 1000 })
      .toMatch(/manual.*SUCCEEDED/);
    const made = (await alpha.listRunPages(scheduled.id).next()).value?.items ?? [];
    expect(made.find((r: Run) => r.trigger === 'manual')).toMatchObject({
      status: 'SUCCEEDED',
      outcome: { statusCode: 200 },
    });
    expect(receiver.callsTo('/every-minute').length).toBeGreaterThanOrEqual(1);
    await settled(() => page.locator('#next-fires tbody tr').count()).toBe(10);
  });

  it('pauses with a reason and resumes, by keyboard', async () => {
    await open(`/jobs/${other.id}`);
    // The next fires in the job's zone, the one in a daylight-saving gap marked.
    await settled(() => page.locator('#next-fires tbody tr').count()).toBe(10);
    const preview = await alpha.previewSchedule({ schedule: other.schedule, count: 10 });
    const rows = await page.locator('#next-fires tbody tr').allTextContents();
    expect(preview.fires.some((fire) => fire.dst)).toBe(true);
    for (const [i, fire] of preview.fires.entries()) {
      expect(rows[i]).toContain(fire.local);
      if (fire.dst) expect(rows[i]).toContain(`DST ${fire.dst}`);
      else expect(rows[i]).not.toContain('DST');
    }
    await page.getByRole('button', { name: 'Pause…' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor();
    await page.keyboard.type('receiver down for maintenance');
    await page.keyboard.press('Enter');
    await settled(() => page.locator('dl.facts').textContent()).toContain(
      'PAUSED — receiver down for maintenance',
    );
    expect((await alpha.getJob(other.id)).pausedReason).toBe('receiver down for maintenance');

    await page.getByRole('button', { name: 'Resume' }).click();
    await settled(() => page.locator('dl.facts .badge').first().textContent()).toBe('ACTIVE');
  });

  it('shows an edit conflict (If-Match) and resolves it with the user’s changes', async () => {
    await open(`/jobs/${other.id}/edit`);
    const before = await alpha.getJob(other.id);
    // Someone else changes the job after the form was loaded.
    await alpha.updateJob(other.id, { ...jobSpecOf(before), description: 'theirs' }, before);
    await page.getByLabel('Description (optional)').fill('mine');
    await page.getByRole('button', { name: 'Save job' }).click();
    const conflict = page.locator('.conflict');
    await settled(() => conflict.textContent()).toContain('Someone else changed this job');
    expect(await conflict.textContent()).toContain(`it is now at revision ${before.revision + 1}`);
    await inspect('edit-conflict');

    await page.getByRole('button', { name: 'Save mine over theirs' }).click();
    await shown(`/jobs/${other.id}`);
    expect(await alpha.getJob(other.id)).toMatchObject({
      description: 'mine',
      revision: before.revision + 2,
    });
  });

  it('deletes a job only once confirmed', async () => {
    await open(`/jobs/${other.id}`);
    await page.getByRole('button', { name: 'Delete…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    expect((await alpha.getJob(other.id)).id).toBe(other.id);

    await page.getByRole('button', { name: 'Delete…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete job' }).click();
    await page.getByRole('heading', { name: 'Jobs', level: 1 }).waitFor();
    await settled(() =>
      alpha.getJob(other.id).then(
        () => 'there',
        (e) => e.status,
      ),
    ).toBe(404);
  });

  it('redrives a dead fire from the dead letters page', async () => {
    const outputs = localStackOutputs();
    const { Item } = await dynamodb.send(
      new GetItemCommand({
        TableName: outputs.TableName,
        Key: { PK: { S: `JOB#${scheduled.id}` }, SK: { S: 'META' } },
      }),
    );
    const scheduledTime = new Date(Date.now() - 3_600_000).toISOString();
    await new SQSClient(localAws).send(
      new SendMessageCommand({
        QueueUrl: outputs.DeadLetterQueueUrl,
        MessageBody: JSON.stringify({
          jobId: scheduled.id,
          tenant: Item?.tenant?.S,
          revision: 1,
          scheduledTime,
        }),
      }),
    );
    const filed = await eventually<DeadLetter[]>(
      async () => (await alpha.listDeadLetterPages({ limit: 50 }).next()).value?.items ?? [],
      (items) => items.some((item) => item.fire.scheduledTime === scheduledTime),
      SORTING_MS,
      1000,
    );
    const dead = filed.find((item) => item.fire.scheduledTime === scheduledTime);
    expect(dead).toBeDefined();

    await open('/dead-letters');
    await inspect('dead-letters');
    await page.locator(`input[value="${dead?.id}"]`).check();
    await page.getByRole('button', { name: 'Redrive selected' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Redrive' }).click();
    await settled(() => page.locator('#status').textContent()).toBe('Redrove 1 dead fire.');
    await settled(() => page.locator(`input[value="${dead?.id}"]`).count()).toBe(0);
    expect(
      (await alpha.listDeadLetterPages({ limit: 50 }).next()).value?.items.map((item: DeadLetter) => item.id),
    ).not.toContain(dead?.id);
  });

  it('reveals the signing secret only when asked, and begins and cancels a rotation', async () => {
    await open('/signing-secret');
    const secret = page.locator('code.secret').first();
    expect(await secret.textContent()).toContain('•');
    await inspect('signing-secret');
    await page.getByRole('button', { name: 'Reveal' }).click();
    expect(await secret.textContent()).toBe((await alpha.getSigningSecret()).current.secret);

    await page.getByRole('button', { name: 'Begin rotation…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Begin rotation' }).click();
    await settled(() => page.locator('code.secret').count()).toBe(2);
    await page.getByRole('button', { name: 'Cancel rotation…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel rotation' }).click();
    await settled(() => page.locator('code.secret').count()).toBe(1);
    expect((await alpha.getSigningSecret()).next).toBeUndefined();
  });

  it('shows a scheduled fire of the job made in the form in its history, with the run chart', async () => {
    const created = Date.parse(scheduled.createdAt);
    const isScheduledFire = (run: Run) =>
      run.trigger === 'schedule' && Date.parse(run.scheduledTime) >= created && run.status === 'SUCCEEDED';
    const runs = await eventually<Run[]>(
      async () => (await alpha.listRunPages(scheduled.id, { limit: 20 }).next()).value?.items ?? [],
      (items) => items.some(isScheduledFire),
      FIRE_MS,
      2000,
    );
    const fire = runs.find(isScheduledFire);
    expect(fire, 'a fire of the rate(1 minute) schedule ran').toBeDefined();

    await open(`/jobs/${scheduled.id}`);
    const row = page.locator(`#runs tr[data-run-id="${fire?.runId}"]`);
    await settled(() => row.textContent()).toMatch(/schedule\s*SUCCEEDED/);
    expect(await page.locator('.chart svg rect').count()).toBeGreaterThanOrEqual(4);
    await page.locator('#next-fires').waitFor();
    await inspect('job');
  });

  it('is usable at 200 % zoom and by keyboard, without layout shift on load', async () => {
    // 200 % zoom of a 1280 px window: the page lays out in 640 CSS pixels.
    const zoomed = await browser.newContext({ viewport: { width: 640, height: 450 }, deviceScaleFactor: 2 });
    const small = await loopbackOnlyPage(zoomed, offsite);
    await small.goto(consoleUrl);
    await small.evaluate(
      (token) => {
        const claims = JSON.parse(atob((token.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/')));
        sessionStorage.setItem(
          'scheduler-console-session',
          JSON.stringify({ token, expiresAt: claims.exp * 1000, tenant: 'alpha' }),
        );
      },
      await clientToken('alpha'),
    );
    const shifts: Record<string, { score: number; moved: string[] }> = {};
    for (const hash of ['/jobs', `/jobs/${scheduled.id}`, '/jobs/new', '/dead-letters', '/signing-secret']) {
      await small.goto(`${consoleUrl}#${hash}`);
      await small.reload();
      await small.locator('main[data-view]:not([aria-busy])').waitFor();
      await small.waitForLoadState('networkidle');
      shifts[hash] = await layoutShift(small);
      expect(await reflows(small), `${hash} needs no horizontal scrolling at 640 px`).toBe(true);
    }
    console.log(`console cumulative layout shift on load: ${JSON.stringify(shifts)}`);
    for (const [hash, shift] of Object.entries(shifts)) expect(shift.score, hash).toBeLessThan(0.01);
    // The first Tab reaches the skip link, which moves focus to the content.
    await small.keyboard.press('Tab');
    expect(await small.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await zoomed.close();
  });

  it('shows tenant beta none of alpha’s jobs (signed in with a pasted token)', async () => {
    const betaContext = await browser.newContext();
    const betaPage = await loopbackOnlyPage(betaContext, offsite);
    await betaPage.goto(consoleUrl);
    await betaPage.getByLabel('Access token', { exact: true }).fill(await clientToken('beta'));
    await betaPage.getByRole('button', { name: 'Sign in with token' }).click();
    await betaPage.getByRole('heading', { name: 'Jobs', level: 1 }).waitFor();
    await betaPage.locator('main table, main p').first().waitFor();
    expect(await betaPage.locator('main').textContent()).not.toContain(run);
    await betaPage.screenshot({ path: `${SCREENSHOTS}beta-jobs.png`, fullPage: true });
    await betaPage.goto(`${consoleUrl}#/jobs/${scheduled.id}`);
    await settled(() => betaPage.locator('main').textContent()).toContain('Something went wrong');
    expect(await betaPage.locator('main').textContent()).not.toContain(`${run}-every-minute`);
    await betaContext.close();
    expect(offsite).toEqual([]);
  });
});
