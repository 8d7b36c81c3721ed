// The list in a browser follows docker operations from the event stream alone: run, pause,
// unpause, rename, stop, start and rm each show up in the page with no listContainers request
// (the page used to refetch the whole list after every burst of events). Counted on the page's
// own WebSocket frames; outcomes read back with the docker CLI.
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { launchChromium } from '../support/chromium.js';
import { describeWithEngine } from '../support/engine.js';
import { FIXTURES, IMAGE, LABEL, LABEL_KEY, PREFIX } from '../support/fixtures.js';
import { startServe, stopServe } from '../support/serve.js';
import { docker, tryRun } from '../support/sh.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const OWNER_LABEL = `${LABEL_KEY}.owner=${process.env.NSINSPECT_FIXTURE_OWNER ?? process.pid}`;
const NAME = `${PREFIX}live-e2e`;
const RENAMED = `${PREFIX}live-e2e2`;

describeWithEngine('the list follows docker operations without refetching', () => {
  vi.setConfig({ testTimeout: 120_000 });
  let serve: { child: ChildProcess; url: string } | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const sent: string[] = [];
  const row = (name: string) => page.locator(`[data-container="${name}"]`);

  beforeAll(async () => {
    if (!existsSync(`${ROOT}out/renderer/index.html`)) throw new Error('out/renderer is missing: run `npm run build` before the e2e tests');
    tryRun(['docker', 'rm', '-f', NAME, RENAMED]);
    serve = await startServe();
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' })).newPage();
    page.on('websocket', (ws) =>
      ws.on('framesent', (f) => {
        if (typeof f.payload === 'string') sent.push(f.payload);
      }),
    );
    await page.goto(serve.url);
    await page.getByPlaceholder('Filter by name').fill(PREFIX);
    await row(FIXTURES.a).waitFor({ timeout: 60_000 });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await stopServe(serve?.child);
    tryRun(['docker', 'rm', '-f', NAME, RENAMED]);
  });

  it('seven operations, each in the page from its event, and not one list request', async () => {
    // Wait out the start-up (the first load, and a reload when the link opened).
    await page.waitForTimeout(1000);
    const lists = () => sent.filter((p) => p.includes('"channel":"listContainers"')).length;
    const before = lists();
    const timings: string[] = [];
    const step = async (what: string, op: () => void, check: () => Promise<unknown>) => {
      const t = Date.now();
      op();
      await check();
      timings.push(`${what} ${Date.now() - t} ms`);
    };
    const inState = (name: string, state: string) =>
      row(name)
        .and(page.locator(`[data-state="${state}"]`))
        .waitFor({ timeout: 15_000 });

    await step(
      'run',
      () => docker('run', '-d', '--name', NAME, '--stop-timeout', '1', '--label', LABEL, '--label', OWNER_LABEL, IMAGE, 'sleep', '1000000'),
      () => inState(NAME, 'running'),
    );
    // The event carried the namespace inodes: the row shows them without a refetch.
    await expect.poll(() => row(NAME).locator('.nsdot').count(), { timeout: 5000 }).toBeGreaterThan(0);
    await step(
      'pause',
      () => docker('pause', NAME),
      () => inState(NAME, 'paused'),
    );
    await step(
      'unpause',
      () => docker('unpause', NAME),
      () => inState(NAME, 'running'),
    );
    await step(
      'rename',
      () => docker('rename', NAME, RENAMED),
      async () => {
        await inState(RENAMED, 'running');
        await row(NAME).waitFor({ state: 'detached', timeout: 15_000 });
      },
    );
    await step(
      'stop',
      () => docker('stop', RENAMED),
      () => inState(RENAMED, 'exited'),
    );
    await step(
      'start',
      () => docker('start', RENAMED),
      () => inState(RENAMED, 'running'),
    );
    await step(
      'rm -f',
      () => docker('rm', '-f', RENAMED),
      () => row(RENAMED).waitFor({ state: 'detached', timeout: 15_000 }),
    );
    // What the engine says agrees with the page: the container is gone.
    expect(docker('ps', '-a', '--filter', `name=^${RENAMED}$`, '--format', '{{.Names}}')).toBe('');

    await page.waitForTimeout(1000);
    console.log(`[live-list e2e] listContainers requests for 7 docker operations: ${lists() - before}; ${timings.join(', ')}`);
    expect(lists() - before).toBe(0);
  });
});
