// What every end-to-end test of the UI sets up the same way: the build it drives, `nsinspect
// serve`, Debian's Chromium with a page of the app whose errors are collected, a screenshot of
// what the user saw when a step failed, and the terminal's text read the way a user copies it.
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './chromium.js';
import { LABEL_KEY } from './fixtures.js';
import { startServe, stopServe } from './serve.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SHOTS = `${ROOT}test-results`;
/** Labelled like the fixtures, with the owning process, so that no other run sweeps it as stale. */
export const OWNER_LABEL = `${LABEL_KEY}.owner=${process.env.NSINSPECT_FIXTURE_OWNER ?? process.pid}`;

/** The e2e tests drive the built app and CLI: missing, they say how to make them. */
export function requireBuild(files = ['out/renderer/index.html', 'out/cli/nsinspect.cjs']): void {
  for (const f of files) if (!existsSync(`${ROOT}${f}`)) throw new Error(`${f} is missing: run \`npm run build\` before the e2e tests`);
  mkdirSync(SHOTS, { recursive: true });
}

export interface AppOptions {
  viewport?: { width: number; height: number };
  colorScheme?: 'light' | 'dark';
  /** Clipboard access for the page's origin (the terminal's Copy). */
  clipboard?: boolean;
  /** Prefix of this suite's screenshots in test-results. */
  shots: string;
}

/** serve, Chromium and one page of the app; stop() ends them, also after a failed start. */
export class AppRun {
  readonly problems: string[] = [];
  serve: { child: ChildProcess; url: string } | undefined;
  browser: Browser | undefined;
  context!: BrowserContext;
  page!: Page;

  private constructor(private readonly prefix: string) {}

  static async start(opts: AppOptions): Promise<AppRun> {
    requireBuild();
    const app = new AppRun(opts.shots);
    try {
      app.serve = await startServe();
      app.browser = await launchChromium();
      app.context = await app.browser.newContext({
        viewport: opts.viewport ?? { width: 1440, height: 900 },
        locale: 'en-US',
        colorScheme: opts.colorScheme ?? 'light',
      });
      if (opts.clipboard)
        await app.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.serve.url).origin });
      app.page = await app.context.newPage();
      app.page.on('pageerror', (e) => app.problems.push(`page error: ${e.message}`));
    } catch (e) {
      await app.stop();
      throw e;
    }
    return app;
  }

  get url(): string {
    return this.serve!.url;
  }

  shot(name: string): Promise<Buffer> {
    return this.page.screenshot({ path: `${SHOTS}/${this.prefix}${name}.png` });
  }

  /** For afterEach: what the user would have seen when a step failed. */
  async shotIfFailed(task: { name: string; result?: { state?: string } }): Promise<void> {
    if (task.result?.state === 'fail' && this.page)
      await this.shot(`failed-${task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => undefined);
  }

  async stop(): Promise<void> {
    await this.browser?.close().catch(() => undefined);
    await stopServe(this.serve?.child);
  }
}

/** The text of the active terminal, through the app's own right-click menu: Select all, Copy. */
export async function terminalText(page: Page): Promise<string> {
  const host = page.locator('.term-pane:visible .term-host');
  await host.click({ button: 'right', position: { x: 200, y: 100 } });
  await page.getByRole('menu').getByText('Select all').click();
  await host.click({ button: 'right', position: { x: 200, y: 100 } });
  await page.getByRole('menu').getByText('Copy').click();
  const text = await page.evaluate(() => navigator.clipboard.readText());
  await host.click({ position: { x: 300, y: 300 } }); // clears the selection, focuses the terminal
  return text;
}

/** Reads the terminal until it shows what pred wants, for about tries × 250 ms. */
export async function waitForTerminal(page: Page, pred: (s: string) => boolean, what: string, tries = 40): Promise<string> {
  let last = '';
  for (let i = 0; i < tries; i++) {
    last = await terminalText(page);
    if (pred(last)) return last;
    await page.waitForTimeout(250);
  }
  throw new Error(`the terminal never showed ${what}; it shows:\n${last}`);
}
