// Settings and the sudo password relay, end to end: `nsinspect serve` (as root, and as a
// throwaway unprivileged user with a real sudoers rule) driven in Debian's Chromium.
import { startServe, stopServe } from '../support/serve.js';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { NS_TYPES } from '../../shared/model/nstype.js';
import { launchChromium } from '../support/chromium.js';
import { describeWithEngine } from '../support/engine.js';
import { IMAGE } from '../support/fixtures.js';
import { docker, nsInode } from '../support/sh.js';
import { createSudoUser, processesWith, sudoUnavailable, type SudoUser } from '../support/sudo-user.js';
import { buildHelper } from '../shell/rig.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SHOTS = `${ROOT}test-results`;
const missingSudo = sudoUnavailable();

/** One API call from the page itself, over a second socket of the page's own origin, with the tab's token. */
function pageCall(page: Page, channel: string, args: unknown[]): Promise<{ result?: unknown; error?: { code: string; message: string } }> {
  return page.evaluate(
    ([channel, args]) =>
      new Promise((resolve, reject) => {
        const ws = new WebSocket(`ws://${location.host}/api`, [
          'nsinspect.v1',
          `nsinspect.token.${sessionStorage.getItem('nsinspect.token')}`,
        ]);
        ws.onopen = () => ws.send(JSON.stringify({ id: 1, channel, args }));
        ws.onmessage = (e) => {
          const m = JSON.parse(String(e.data));
          if (m.id === 1) {
            ws.close();
            resolve(m);
          }
        };
        ws.onerror = () => reject(new Error('socket error'));
      }),
    [channel, args] as const,
  ) as never;
}

const helperContainers = (servePid: number) =>
  docker('ps', '-a', '--filter', 'label=io.nsinspect.helper=1', '--format', '{{.ID}} {{.Label "io.nsinspect.helper.owner"}} {{.Image}}')
    .split('\n')
    .filter((l) => l.trim().split(' ')[1]?.endsWith(`:${servePid}`));

describeWithEngine('settings and the sudo password dialog, in a browser', () => {
  vi.setConfig({ testTimeout: 150_000 });
  let browser: Browser | undefined;
  let page: Page | undefined;
  const shot = (name: string) => page!.screenshot({ path: `${SHOTS}/e2e-${name}.png` });

  beforeAll(async () => {
    for (const f of ['out/renderer/index.html', 'out/cli/nsinspect.cjs']) {
      if (!existsSync(`${ROOT}${f}`)) throw new Error(`${f} is missing: run \`npm run build\` before the e2e tests`);
    }
    mkdirSync(SHOTS, { recursive: true });
    browser = await launchChromium();
  }, 60_000);
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail' && page) await shot(`failed-${task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => undefined);
  });
  afterAll(async () => {
    await browser?.close().catch(() => undefined);
  });

  describe('as root', () => {
    let serve: Awaited<ReturnType<typeof startServe>> | undefined;
    beforeAll(async () => {
      serve = await startServe();
      const context = await browser!.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US', colorScheme: 'light' });
      page = await context.newPage();
    });
    afterAll(async () => {
      await page?.context().close();
      await stopServe(serve?.child);
    });

    it('Settings: what serves and why; a bad image refused; docker-helper then automatic rebuild the backend', async () => {
      const p = page!;
      await p.goto(serve!.url);
      await p.locator('[data-access-state="ready"]').waitFor({ timeout: 60_000 });
      await p.locator('[data-action="settings"]').click();
      const status = p.getByTestId('access-status');
      await p.locator('[data-testid="access-status"][data-state="ready"][data-kind="direct"]').waitFor();
      expect(await status.textContent()).toMatch(/Why: (running as root|the namespaces of .* are readable here)/);
      expect(await p.getByTestId('settings-store').textContent()).toMatch(/nsinspect serve/);
      // The image is validated before anything is sent.
      const image = p.locator('input[name="helperImage"]');
      await image.fill('Bad Image;rm -rf');
      expect(await p.getByTestId('image-help').textContent()).toMatch(/Not an image reference/);
      expect(await p.locator('[data-action="apply-settings"]').isDisabled()).toBe(true);
      // The schema is strict on the server too.
      expect((await pageCall(p, 'settingsSet', [{ access: 'root' }])).error?.code).toBe('input');
      expect((await pageCall(p, 'settingsSet', [{ access: 'direct', helperImage: IMAGE, extra: 1 }])).error?.code).toBe('input');
      expect((await pageCall(p, 'settingsSet', [{ helperImage: 'a b' }])).error?.code).toBe('input');

      await image.fill(IMAGE);
      await p.locator('[data-access="docker-helper"] input').check();
      await p.locator('[data-action="apply-settings"]').click();
      await p.locator('[data-testid="access-status"][data-state="ready"][data-kind="docker-helper"]').waitFor({ timeout: 60_000 });
      expect(await status.textContent()).toMatch(/fixed by the setting/);
      // The helper container of this serve runs the chosen image.
      const helpers = helperContainers(serve!.child.pid!);
      expect(helpers).toHaveLength(1);
      expect(helpers[0]).toContain(IMAGE);
      // An inspection now says docker-helper served it.
      const host = (await pageCall(p, 'inspect', ['host'])).result as { access: string };
      expect(host.access).toBe('docker-helper');
      await shot('settings');

      await p.locator('[data-access="auto"] input').check();
      await p.locator('[data-action="apply-settings"]').click();
      await p.locator('[data-testid="access-status"][data-state="ready"][data-kind="direct"]').waitFor({ timeout: 60_000 });
      // The old helper container was stopped (AutoRemove).
      await expect.poll(() => helperContainers(serve!.child.pid!).length, { timeout: 20_000 }).toBe(0);
      expect(((await pageCall(p, 'inspect', ['host'])).result as { access: string }).access).toBe('direct');

      // Theme override: dark whatever the system says, then back to the system's.
      await p.locator('input[name="theme"][value="dark"]').check();
      expect(await p.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
      const bg = await p.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(bg).toBe('rgb(20, 22, 27)');
      await p.locator('input[name="theme"][value="system"]').check();
      expect(await p.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(245, 246, 248)');
      await p.locator('[data-action="close-settings"]').click();
    });
  });

  const d = missingSudo ? describe.skip : describe;
  d(missingSudo ? `as an unprivileged user (skipped: ${missingSudo})` : 'as an unprivileged user, with sudo', () => {
    let user: SudoUser;
    let helper: ReturnType<typeof buildHelper>;
    let serve: Awaited<ReturnType<typeof startServe>> | undefined;
    beforeAll(async () => {
      helper = buildHelper();
      user = createSudoUser([[process.execPath, helper.script]]);
      // Automatic: direct (not root) and docker-helper (no access to the engine's socket) cannot serve.
      serve = await startServe(user.as, [], [`NSINSPECT_HOST_HELPER_SCRIPT=${helper.script}`]);
      const context = await browser!.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US', colorScheme: 'light' });
      page = await context.newPage();
    });
    afterAll(async () => {
      await page?.context().close();
      await stopServe(serve?.child);
      user?.remove();
      helper?.cleanup();
    });

    it('the password dialog appears; Cancel gives the combined reason; the right password starts the host helper', async () => {
      const p = page!;
      await p.goto(serve!.url);
      expect(serve!.log()).not.toMatch(/running as root/);
      const dialog = p.getByTestId('askpass');
      await dialog.waitFor({ timeout: 60_000 });
      expect(await p.getByTestId('askpass-prompt').textContent()).toContain(`password for ${user.name}`);
      expect(await dialog.locator('input[name="password"]').getAttribute('type')).toBe('password');
      await shot('askpass');
      await dialog.locator('[data-action="askpass-cancel"]').click();
      await dialog.waitFor({ state: 'detached' });
      await p.locator('[data-access-state="failed"]').waitFor({ timeout: 30_000 });
      await p.locator('[data-action="settings"]').click();
      const status = p.getByTestId('access-status');
      await p.locator('[data-testid="access-status"][data-state="failed"]').waitFor();
      const text = (await status.textContent())!;
      expect(text).toMatch(/direct: not root/);
      expect(text).toMatch(/docker-helper:/);
      expect(text).toMatch(/host-helper: authentication cancelled/);
      expect(text).toMatch(/join the docker group/);
      expect(await p.locator('[data-action="apply-settings"]').textContent()).toBe('Try again');
      await shot('settings-none');
      expect(processesWith(helper.script)).toEqual([]);

      // host-helper, fixed: the dialog again; this time the right password.
      await p.locator('[data-access="host-helper"] input').check();
      await p.locator('[data-action="apply-settings"]').click();
      await dialog.waitFor({ timeout: 30_000 });
      await dialog.locator('input[name="password"]').fill(user.password);
      await dialog.locator('[data-action="askpass-ok"]').click();
      await dialog.waitFor({ state: 'detached' });
      await p.locator('[data-testid="access-status"][data-state="ready"][data-kind="host-helper"]').waitFor({ timeout: 30_000 });
      expect(await status.textContent()).toMatch(/fixed by the setting/);
      // The helper runs as root under sudo; this serve (not root) reads the host's namespaces through it.
      const running = processesWith(helper.script);
      expect(running.some((l) => l.includes('/usr/bin/sudo -A --'))).toBe(true);
      const r = await pageCall(p, 'inspect', ['host']);
      const ins = r.result as { access: string; target: { pid: number }; namespaces: { type: string; inode: number }[] };
      expect(ins.access, JSON.stringify(r.error)).toBe('host-helper');
      for (const t of NS_TYPES) expect(ins.namespaces.find((n) => n.type === t)?.inode, t).toBe(nsInode(ins.target.pid, t));
      expect(serve!.log()).not.toContain(user.password);
      await stopServe(serve!.child);
      await expect.poll(() => processesWith(helper.script), { timeout: 10_000 }).toEqual([]);
      expect(
        readdirSync(tmpdir()).filter((x) => x.startsWith('nsinspect-askpass-') && statSync(`${tmpdir()}/${x}`).uid === user.uid),
      ).toEqual([]);
    });
  });
});
