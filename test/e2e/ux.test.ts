// Container actions, the upper-layer view, keyboard tabs and a small window, in Chromium against
// `nsinspect serve` and the real engine; outcomes are read back with the docker CLI.
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { AppRun, OWNER_LABEL, requireBuild } from '../support/e2e.js';
import { describeWithEngine } from '../support/engine.js';
import { FIXTURES, IMAGE, LABEL, PREFIX } from '../support/fixtures.js';
import { docker, tryRun } from '../support/sh.js';

const ACT = `${PREFIX}ux-act`;
const UPPER = `${PREFIX}ux-upper`;

const state = (name: string) => docker('inspect', '-f', '{{.State.Status}}', name);
const listed = (name: string) => docker('ps', '-a', '--filter', `name=^${name}$`, '--format', '{{.Names}}');

describeWithEngine('container actions, the upper layer, keys and a small window, in a browser', () => {
  vi.setConfig({ testTimeout: 120_000 });
  let app: AppRun | undefined;
  let page: Page;
  let problems: string[] = [];
  const shot = (name: string) => app!.shot(name);
  const row = (name: string) => page.locator(`[data-container="${name}"]`);

  beforeAll(async () => {
    requireBuild();
    tryRun(['docker', 'rm', '-f', ACT, UPPER]);
    // sleep as PID 1 ignores SIGTERM: a short stop timeout keeps each stop to a second.
    for (const name of [ACT, UPPER])
      docker('run', '-d', '--name', name, '--stop-timeout', '1', '--label', LABEL, '--label', OWNER_LABEL, IMAGE, 'sleep', '1000000');
    docker(
      'exec',
      UPPER,
      'sh',
      '-c',
      'echo hello > /added.txt && echo more >> /etc/passwd && rm /etc/group && mkdir -p /work/out && touch /work/out/log',
    );
    app = await AppRun.start({ shots: 'ux-' });
    ({ page, problems } = app);
    await page.goto(app.url);
    await page.getByPlaceholder('Filter by name').fill(`${PREFIX}`);
    await row(ACT).waitFor({ timeout: 60_000 });
  }, 90_000);

  afterEach(async ({ task }) => {
    await app?.shotIfFailed(task);
  });

  afterAll(async () => {
    await app?.stop();
    tryRun(['docker', 'rm', '-f', ACT, UPPER]);
  });

  it('stops and starts a container from the list: the engine agrees', async () => {
    await row(ACT).locator('[data-action="stop"]').click();
    await row(ACT).and(page.locator('[data-state="exited"]')).waitFor({ timeout: 30_000 });
    expect(state(ACT)).toBe('exited');
    await row(ACT).locator('[data-action="start"]').waitFor();
    await page.waitForTimeout(300);
    await shot('01-actions');
    await row(ACT).locator('[data-action="start"]').click();
    await row(ACT).and(page.locator('[data-state="running"]')).waitFor({ timeout: 30_000 });
    expect(state(ACT)).toBe('running');
  });

  it('asks before removing; Escape keeps the container, Remove removes it', async () => {
    await row(ACT).locator('[data-action="remove"]').click();
    const dialog = page.getByTestId('confirm-remove');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(`Remove ${ACT}?`);
    await shot('02-confirm-remove');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(listed(ACT)).toBe(ACT);
    await row(ACT).locator('[data-action="remove"]').click();
    await dialog.locator('[data-action="confirm-remove"]').click();
    await row(ACT).waitFor({ state: 'detached', timeout: 30_000 });
    expect(listed(ACT)).toBe('');
  });

  it('lists the upper layer as docker diff does, each with its host path', async () => {
    await row(UPPER).locator('.pick.a').click();
    await row(FIXTURES.b).locator('.pick.b').click();
    await page.getByTestId('matrix').waitFor({ timeout: 60_000 });
    await page.locator('[data-pane="mnt"]').click();
    const box = page.getByTestId('upper-layer');
    await box.locator('select').selectOption(UPPER);
    await box.locator('[data-action="upper-show"]').click();
    await box.getByTestId('upper-counts').waitFor({ timeout: 30_000 });
    const letter = { added: 'A', changed: 'C', deleted: 'D' } as Record<string, string>;
    const rows = await box
      .locator('tr[data-change]')
      .evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-change')!, tr.getAttribute('data-path')!]));
    expect(rows.map(([k, p]) => `${letter[k!]} ${p}`).sort()).toEqual(docker('diff', UPPER).split('\n').filter(Boolean).sort());
    const upper = docker('inspect', '-f', '{{.GraphDriver.Data.UpperDir}}', UPPER);
    expect(await box.locator('tr[data-path="/added.txt"] [data-testid="upper-host-path"]').textContent()).toBe(`${upper}/added.txt`);
    await box.scrollIntoViewIfNeeded();
    await shot('03-upper-layer');
  });

  it('moves between the top tabs with the arrow keys', async () => {
    await page.locator('[data-nav="compare"]').focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.locator('[data-nav="network"]').getAttribute('aria-selected')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-nav'))).toBe('network');
    await page.keyboard.press('Home');
    expect(await page.locator('[data-nav="compare"]').getAttribute('aria-selected')).toBe('true');
  });

  it('in a 1024×640 window, nothing runs off the right edge, the mount table included', async () => {
    await page.setViewportSize({ width: 1024, height: 640 });
    await page.locator('[data-pane="mnt"]').click();
    const table = page.locator('table.mounts');
    await table.scrollIntoViewIfNeeded();
    const overflow = await page.evaluate(() => {
      const content = document.querySelector('.content')!;
      const th = document.querySelector('table.mounts th:last-child')!.getBoundingClientRect();
      return {
        doc: document.documentElement.scrollWidth - window.innerWidth,
        content: content.scrollWidth - content.clientWidth,
        bRight: th.right - window.innerWidth,
      };
    });
    expect(overflow.doc).toBeLessThanOrEqual(0);
    expect(overflow.content).toBeLessThanOrEqual(0);
    expect(overflow.bRight).toBeLessThanOrEqual(0);
    await shot('04-mounts-1024');
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('a terminal whose container stopped offers to start it, then reconnects', async () => {
    await row(UPPER).locator('[data-action="terminal"]').click();
    const dialog = page.getByTestId('open-terminal');
    await dialog.locator('[data-preset="exec"]').click();
    await dialog.locator('[data-action="open-terminal"]').click();
    await page.locator('.term-pane:visible[data-status="open"]').waitFor({ timeout: 60_000 });
    docker('stop', UPPER);
    const pane = page.locator('.term-pane:visible');
    await expect.poll(() => pane.getAttribute('data-end'), { timeout: 60_000 }).toBe('container-stopped');
    await pane.locator(`[data-start-for="${UPPER}"]`).click();
    await expect.poll(() => state(UPPER), { timeout: 30_000 }).toBe('running');
    // Once the list knows it runs, the offer goes; Reconnect opens a new session.
    await pane.locator(`[data-start-for="${UPPER}"]`).waitFor({ state: 'detached', timeout: 30_000 });
    await pane.locator('[data-action="reconnect"]').click();
    await page.locator('.term-pane:visible[data-status="open"]').waitFor({ timeout: 60_000 });
  });

  it('ran without page errors', () => {
    expect(problems).toEqual([]);
  });
});
