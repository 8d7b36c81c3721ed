// Every main view at 1440×900 and 1024×640, light and dark, English and Vietnamese: screenshots,
// and nothing wider than the window. Then the details panel on a hostile container, in Chromium
// against `nsinspect serve` and the real engine, checked with the docker CLI.
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { launchChromium } from '../support/chromium.js';
import { describeWithEngine } from '../support/engine.js';
import { FIXTURES, IMAGE, LABEL, LABEL_KEY, PREFIX, RUN_ID } from '../support/fixtures.js';
import { startServe, stopServe } from '../support/serve.js';
import { docker, run, tryRun } from '../support/sh.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SHOTS = `${ROOT}test-results/layout`;
const OWNER_LABEL = `${LABEL_KEY}.owner=${process.env.NSINSPECT_FIXTURE_OWNER ?? process.pid}`;
const LOUD = `nsi-ui-loud-${RUN_ID}`;
// Colour, a window title (OSC), a screen clear, markup; a 200 kB line; then a line every 0.3 s.
const SCRIPT = `printf '\\033[31mred\\033[0m \\033]0;pwned\\007\\033[2J <b>bold</b>\\n'; head -c 200000 /dev/zero | tr '\\0' x; echo; i=0; while :; do i=$((i+1)); echo tick $i; sleep 0.3; done`;

const SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 640 },
] as const;
const THEMES = ['light', 'dark'] as const;
const LOCALES = [
  { locale: 'en-US', short: 'en', filter: 'Filter by name' },
  { locale: 'vi-VN', short: 'vi', filter: 'Lọc theo tên' },
] as const;

/**
 * What sticks out of the window: the page's own scroll width, every visible element whose box,
 * clipped by its scrolling or clipping ancestors, ends right of the viewport, and a pane
 * (content, sidebar, a card) that would scroll sideways.
 */
function overflowing(): string[] {
  const w = window.innerWidth;
  const out: string[] = [];
  const se = document.scrollingElement!;
  if (se.scrollWidth > w) out.push(`page scrollWidth ${se.scrollWidth} > ${w}`);
  for (const el of document.querySelectorAll<HTMLElement>('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    const cs = getComputedStyle(el);
    if (cs.visibility === 'hidden' || cs.display === 'none') continue;
    let left = r.left;
    let right = r.right;
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const ps = getComputedStyle(p);
      if (ps.overflowX !== 'visible') {
        const pr = p.getBoundingClientRect();
        left = Math.max(left, pr.left);
        right = Math.min(right, pr.right);
      }
      if (ps.position === 'fixed') break;
    }
    if (right - left <= 0) continue;
    if (right > w + 0.5) {
      const id = `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ').join('.')}` : ''}`;
      out.push(`${id} right=${Math.round(right)} "${(el.textContent ?? '').slice(0, 30)}"`);
    }
  }
  // The panes scroll up and down, never sideways: what is wider than its pane is cut off there.
  for (const pane of document.querySelectorAll<HTMLElement>('main.content, aside.sidebar, .details-body, .card-body')) {
    if (pane.scrollWidth > pane.clientWidth + 1) {
      // Name the culprit: the innermost element that ends right of the pane's box.
      const edge = pane.getBoundingClientRect().left + pane.clientWidth;
      const wide = [...pane.querySelectorAll<HTMLElement>('*')].filter((e) => e.getBoundingClientRect().right > edge + 1);
      const inner = wide.find((e) => !wide.some((o) => o !== e && e.contains(o)));
      const what = inner
        ? ` by ${inner.tagName.toLowerCase()}.${String(inner.className).split(' ').join('.')} "${(inner.textContent ?? '').slice(0, 30)}"`
        : '';
      out.push(
        `${pane.tagName.toLowerCase()}.${pane.className.split(' ').join('.')} scrolls sideways (${pane.scrollWidth} > ${pane.clientWidth})${what}`,
      );
    }
  }
  return out.slice(0, 20);
}

describeWithEngine('layout at two sizes, two themes, two languages; the details panel', () => {
  vi.setConfig({ testTimeout: 300_000 });
  let serve: { child: ChildProcess; url: string } | undefined;
  let browser: Browser | undefined;
  const problems: string[] = [];

  async function openPage(
    size: { width: number; height: number },
    theme: string,
    locale: string,
  ): Promise<{ ctx: BrowserContext; page: Page }> {
    const ctx = await browser!.newContext({ viewport: size, locale, colorScheme: theme as 'light' | 'dark' });
    const page = await ctx.newPage();
    // A loaded machine (other suites, a benchmark's hundreds of containers) makes each step slow, not wrong.
    page.setDefaultTimeout(90_000);
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.goto(serve!.url);
    return { ctx, page };
  }

  /** The hostile container, new: its log starts with the escape sequences. */
  const startLoud = () => {
    tryRun(['docker', 'rm', '-f', LOUD]);
    docker(
      'run', '-d', '--name', LOUD, '--label', LABEL, '--label', OWNER_LABEL, '--label', 'app.tier=web',
      '-e', 'SECRET_TOKEN=hunter2', '--expose', '8080', IMAGE, 'sh', '-c', SCRIPT,
    ); // prettier-ignore
  };

  beforeAll(async () => {
    if (!existsSync(`${ROOT}out/renderer/index.html`)) throw new Error('out/renderer is missing: run `npm run build` before the e2e tests');
    mkdirSync(SHOTS, { recursive: true });
    serve = await startServe();
    browser = await launchChromium();
  }, 90_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await stopServe(serve?.child);
    tryRun(['docker', 'rm', '-f', LOUD]);
  });

  const COMBOS = SIZES.flatMap((size) => THEMES.flatMap((theme) => LOCALES.map((l) => ({ size, theme, l }))));
  it.each(COMBOS)(
    '$size.width×$size.height, $theme, $l.short: list + compare, mounts, network, host map, a terminal; nothing overflows',
    async ({ size, theme, l }) => {
      const found: string[] = [];
      const tag = `${size.width}x${size.height}-${theme}-${l.short}`;
      const { ctx, page } = await openPage(size, theme, l.locale);
      try {
        await page.getByPlaceholder(l.filter).fill(PREFIX);
        await page.locator(`[data-container="${FIXTURES.a}"] .pick.a`).click({ timeout: 60_000 });
        await page.locator(`[data-container="${FIXTURES.b}"] .pick.b`).click();
        await page.getByTestId('matrix').waitFor({ timeout: 60_000 });
        await page.waitForTimeout(300);
        const check = async (view: string) => {
          await page.screenshot({ path: `${SHOTS}/${tag}-${view}.png` });
          for (const o of await page.evaluate(overflowing)) found.push(`${tag} ${view}: ${o}`);
        };
        await check('compare');
        await page.locator('[data-pane="mnt"]').click();
        await page.getByTestId('pane-mnt').locator('table').first().waitFor({ timeout: 30_000 });
        await page.getByTestId('pane-mnt').scrollIntoViewIfNeeded();
        await check('mounts');
        await page.locator('.nav [data-nav="network"]').click();
        // The picture of every bridge can take a while on a busy engine: its layout is checked either way.
        await page
          .locator('.react-flow__node')
          .first()
          .waitFor({ timeout: 30_000 })
          .catch(() => undefined);
        await page.waitForTimeout(800);
        await check('network');
        await page.locator('.nav [data-nav="hostmap"]').click();
        await page.waitForTimeout(800);
        await check('hostmap');
        // A terminal open, for its tab bar and toolbars.
        await page.locator(`[data-container="${FIXTURES.a}"] [data-action="terminal"]`).click();
        await page.locator('[data-action="open-terminal"]').click();
        await page
          .locator('.term-pane[data-status="open"]')
          .waitFor({ timeout: 60_000 })
          .catch(async (e: unknown) => {
            await page.screenshot({ path: `${SHOTS}/${tag}-failed-terminal.png` });
            throw e;
          });
        await page.waitForTimeout(500);
        await check('terminals');
        if (tag === '1024x640-dark-vi') {
          // The detector sees what it is for: a box wider than the window.
          await page.evaluate(() => {
            const d = document.createElement('div');
            d.style.cssText = 'width: 3000px; height: 4px';
            document.body.appendChild(d);
          });
          expect((await page.evaluate(overflowing)).length).toBeGreaterThan(0);
        }
      } finally {
        await ctx.close();
      }
      expect(found).toEqual([]);
    },
  );

  it('the sidebar folds away and stays folded after a reload', async () => {
    const { ctx, page } = await openPage(SIZES[1], 'light', 'en-US');
    try {
      const sidebar = page.locator('aside.sidebar');
      await sidebar.waitFor();
      const before = (await page.locator('main.content').boundingBox())!.width;
      await page.getByRole('button', { name: 'Hide the container list' }).click();
      await expect.poll(async () => (await page.locator('main.content').boundingBox())!.width).toBeGreaterThan(before + 200);
      await page.reload();
      await page.getByRole('button', { name: 'Show the container list' }).waitFor();
      await page.screenshot({ path: `${SHOTS}/sidebar-folded.png` });
      await page.getByRole('button', { name: 'Show the container list' }).click();
      await page.getByPlaceholder('Filter by name').waitFor();
    } finally {
      await ctx.close();
    }
  });

  it('opens the details panel: docker inspect’s labels and env (masked), and the log live and harmless', async () => {
    startLoud();
    const before = problems.length;
    const { ctx, page } = await openPage(SIZES[0], 'light', 'en-US');
    try {
      await page.getByPlaceholder('Filter by name').fill(LOUD);
      const row = page.locator(`[data-container="${LOUD}"]`);
      await row.locator('[data-action="details"]').click({ timeout: 60_000 });
      const panel = page.getByTestId('details-panel');
      await panel.getByTestId('details-labels').waitFor();
      const raw = JSON.parse(run(['docker', 'inspect', LOUD]))[0];
      for (const [k, v] of Object.entries(raw.Config.Labels as Record<string, string>)) {
        expect(await panel.getByTestId('details-labels').textContent()).toContain(`${k}${v}`);
      }
      expect(await panel.getByTestId('details-ports').textContent()).toContain('8080/tcp');
      await page.screenshot({ path: `${SHOTS}/details-overview.png` });
      await panel.locator('[data-details-tab="env"]').click();
      const env = panel.getByTestId('details-env');
      expect(await env.textContent()).not.toContain('hunter2');
      await panel.getByRole('button', { name: 'Reveal SECRET_TOKEN' }).click();
      expect(await env.textContent()).toContain('hunter2');
      await panel.locator('[data-details-tab="inspect"]').click();
      expect(JSON.parse((await panel.getByTestId('details-json').textContent())!)).toEqual([raw]);
      await panel.locator('[data-details-tab="logs"]').click();
      const logs = panel.getByTestId('details-logs');
      await expect.poll(() => logs.textContent(), { timeout: 20_000 }).toMatch(/tick 2\n/);
      const text = (await logs.textContent())!;
      const cli = run(['docker', 'logs', LOUD]);
      expect(cli).toContain('\u001b]0;pwned');
      expect(text.startsWith('red  <b>bold</b>\n')).toBe(true);
      expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
      expect(await logs.locator('b').count()).toBe(0);
      expect(await page.title()).not.toContain('pwned');
      // The 200 kB line is cut, not laid out whole.
      expect(text.length).toBeLessThan(20_000);
      expect(await page.evaluate(overflowing)).toEqual([]);
      await page.screenshot({ path: `${SHOTS}/details-logs.png` });
      await page.keyboard.press('Escape');
      await panel.waitFor({ state: 'detached' });
      // Settings, for the README: what serves and why.
      await page.locator('[data-action="settings"]').click();
      await page.getByTestId('settings').waitFor();
      await page.waitForTimeout(500);
      await page.screenshot({ path: `${SHOTS}/settings.png` });
      await page.keyboard.press('Escape');
      expect(problems.slice(before)).toEqual([]);
    } finally {
      await ctx.close();
    }
  });
});
