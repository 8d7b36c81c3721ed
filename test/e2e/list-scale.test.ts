// The container list at 300 containers, in Chromium through `nsinspect serve`, in a 1024×640
// window: every container counted with only a window's worth of rows in the DOM, the filter, the
// status chips and the table mode, checked against `docker ps`; screenshots for a person to look at.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { AppRun, OWNER_LABEL, requireBuild } from '../support/e2e.js';
import { describeWithEngine } from '../support/engine.js';
import { IMAGE, LABEL, LABEL_KEY, PREFIX } from '../support/fixtures.js';
import { docker, tryRun } from '../support/sh.js';

const exec = promisify(execFile);
/** Only this file's containers, so that removing them touches nothing else. */
const SCALE_LABEL = `${LABEL_KEY}.scale=${process.pid}`;
const N = 300;
const EXITED = 10;
const PAUSED = 5;
const SCALE = `${PREFIX}scale${process.pid}-`;
const name = (i: number) => `${SCALE}${String(i).padStart(3, '0')}`;

/** docker run -d, in parallel batches: 300 one by one would take minutes. */
async function createAll(): Promise<void> {
  const batch = 12;
  for (let i = 0; i < N; i += batch) {
    await Promise.all(
      Array.from({ length: Math.min(batch, N - i) }, (_, k) => {
        const j = i + k;
        // The last few exit at once: the "stopped" chip has something to show.
        const cmd = j >= N - EXITED ? ['true'] : ['sleep', '1000000'];
        return exec('docker', [
          'run',
          '-d',
          '--name',
          name(j),
          '--network',
          'none',
          '--label',
          LABEL,
          '--label',
          OWNER_LABEL,
          '--label',
          SCALE_LABEL,
          IMAGE,
          ...cmd,
        ]);
      }),
    );
  }
}

function removeAll(): void {
  const ids = docker('ps', '-aq', '--filter', `label=${SCALE_LABEL}`).split('\n').filter(Boolean);
  const paused = docker('ps', '-q', '--filter', `label=${SCALE_LABEL}`, '--filter', 'status=paused').split('\n').filter(Boolean);
  if (paused.length) tryRun(['docker', 'unpause', ...paused]);
  if (ids.length) tryRun(['docker', 'rm', '-f', ...ids]);
}

/** Names in one docker status, from the docker CLI: the independent source. */
const byStatus = (status: string) =>
  docker('ps', '-a', '--filter', `label=${SCALE_LABEL}`, '--filter', `status=${status}`, '--format', '{{.Names}}')
    .split('\n')
    .filter(Boolean)
    .sort();

describeWithEngine('the container list at 300 containers, 1024×640', () => {
  vi.setConfig({ testTimeout: 120_000 });
  let app: AppRun | undefined;
  let page: Page;
  let problems: string[] = [];
  const shot = (what: string) => app!.shot(what);
  const count = () => page.getByTestId('list-count').textContent();
  const domRows = () => page.locator('[role="listitem"]').count();
  const shownNames = () => page.locator('[role="listitem"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-container')!));
  /** Every row the list shows, drawn or not: scrolled through a window at a time. */
  const allListed = async () => {
    const seen = new Set<string>();
    const scroller = page.locator('.list.vlist');
    await scroller.evaluate((el) => (el.scrollTop = 0));
    for (;;) {
      await page.waitForTimeout(60);
      for (const n of await shownNames()) seen.add(n);
      const more = await scroller.evaluate((el) => {
        const before = el.scrollTop;
        el.scrollTop += el.clientHeight;
        return el.scrollTop > before;
      });
      if (!more) break;
    }
    await scroller.evaluate((el) => (el.scrollTop = 0));
    return [...seen].sort();
  };
  /** All status chips off: every container shown. */
  const chipsOff = async () => {
    const on = page.locator('.chip[aria-pressed="true"]');
    while ((await on.count()) > 0) await on.first().click();
  };

  beforeAll(async () => {
    requireBuild();
    try {
      await createAll();
      for (let i = 0; i < PAUSED; i++) docker('pause', name(i * 7 + 3));
      app = await AppRun.start({ viewport: { width: 1024, height: 640 }, shots: 'list-' });
      ({ page, problems } = app);
      await page.goto(app.url);
      await page.getByPlaceholder(/Filter by name/).fill(SCALE);
      // (expect.poll is for tests, not their setup)
      await page
        .getByTestId('list-count')
        .filter({ hasText: new RegExp(`^${N} of `) })
        .waitFor({ timeout: 60_000 });
    } catch (e) {
      removeAll(); // afterAll runs too, but a half-made set should not wait for it
      throw e;
    }
  }, 300_000);

  afterEach(async ({ task }) => {
    await app?.shotIfFailed(task);
  });

  afterAll(async () => {
    await app?.stop();
    removeAll();
  }, 120_000);

  it('counts all 300 and holds fewer than 100 rows in the DOM, also scrolled to the end', async () => {
    expect(byStatus('running').length + byStatus('paused').length + byStatus('exited').length).toBe(N);
    expect(await count()).toMatch(new RegExp(`^${N} of `));
    expect(await domRows()).toBeGreaterThan(3);
    expect(await domRows()).toBeLessThan(100);
    await page.locator('.list.vlist').evaluate((el) => (el.scrollTop = el.scrollHeight));
    await page.locator(`[data-container="${name(N - 1)}"]`).waitFor();
    expect(await domRows()).toBeLessThan(100);
    expect(await shownNames()).not.toContain(name(0));
    await page.locator('.list.vlist').evaluate((el) => (el.scrollTop = 0));
    await page.locator(`[data-container="${name(0)}"]`).waitFor();
    await page.waitForTimeout(200);
    await shot('300-cards');
  });

  it('filters by text, and / focuses the filter', async () => {
    await page.locator('.list-head h2').click(); // the focus somewhere that is not a text field
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('search');
    await page.getByPlaceholder(/Filter by name/).fill(name(123));
    await expect.poll(count).toMatch(/^1 of /);
    expect(await shownNames()).toEqual([name(123)]);
    await page.getByPlaceholder(/Filter by name/).fill(SCALE);
    await expect.poll(count).toMatch(new RegExp(`^${N} of `));
  });

  it('status chips count and show what docker ps says', async () => {
    const paused = byStatus('paused');
    const exited = byStatus('exited');
    expect(paused).toHaveLength(PAUSED);
    expect(exited).toHaveLength(EXITED);
    const chip = (s: string) => page.locator(`.chip[data-status="${s}"]`);
    expect(await chip('paused').locator('.cnt').textContent()).toBe(String(PAUSED));
    expect(await chip('exited').locator('.cnt').textContent()).toBe(String(EXITED));
    expect(await chip('running').locator('.cnt').textContent()).toBe(String(N - PAUSED - EXITED));
    await chip('paused').click();
    await expect.poll(count).toMatch(new RegExp(`^${PAUSED} of `));
    expect(await allListed()).toEqual(paused);
    await chip('exited').click();
    await expect.poll(count).toMatch(new RegExp(`^${PAUSED + EXITED} of `));
    expect(await allListed()).toEqual([...paused, ...exited].sort());
    await shot('300-chips');
    await chipsOff();
    await expect.poll(count).toMatch(new RegExp(`^${N} of `));
  });

  it('the table mode: one 30 px line per container, A and B still pick, nothing overflows', async () => {
    await chipsOff();
    await expect.poll(count).toMatch(new RegExp(`^${N} of `));
    await page.locator('[data-action="table-mode"]').click();
    await page.locator('.crow.trow').first().waitFor();
    expect(await page.locator('.crow.tile').count()).toBe(0);
    const rows = await domRows();
    expect(rows).toBeGreaterThan(10);
    expect(rows).toBeLessThan(100);
    const box = await page.locator(`[data-container="${name(1)}"]`).boundingBox();
    expect(box!.height).toBe(30);
    // About three times as many rows as cards fit in the window.
    const visible = await page.locator('.list.vlist').evaluate((el) => Math.floor(el.clientHeight / 30));
    expect(visible).toBeGreaterThan(12);
    // The sidebar's heading, chips and controls fit its width at 1024×640.
    const overflow = await page.evaluate(() =>
      [...document.querySelectorAll('.list-head, .list-tools, .chips, .tools-row, .crow')]
        .filter((el) => el.scrollWidth > el.clientWidth + 1)
        .map((el) => el.className),
    );
    expect(overflow).toEqual([]);
    await page.locator(`[data-container="${name(1)}"] .pick.a`).click();
    await page.locator(`[data-container="${name(2)}"] .pick.b`).click();
    await page.getByTestId('matrix').waitFor({ timeout: 60_000 });
    expect(await page.locator(`[data-container="${name(1)}"]`).getAttribute('class')).toContain('sel-a');
    await page.waitForTimeout(300);
    await shot('300-table');
    // Remembered across a reload.
    await page.reload();
    await page.getByPlaceholder(/Filter by name/).fill(SCALE);
    await page.locator('.crow.trow').first().waitFor({ timeout: 60_000 });
    await page.locator('[data-action="table-mode"]').click();
    await page.locator('.crow.tile').first().waitFor();
  });

  it('had no page errors', () => {
    expect(problems).toEqual([]);
  });
});
