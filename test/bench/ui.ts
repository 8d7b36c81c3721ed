// The UI part of `npm run bench`: the browser face in Chromium through `nsinspect serve`, against
// the bench's running containers. Times are taken inside the page (performance.now, frame-exact
// through requestAnimationFrame) so that playwright's own round trips are not counted.
//   firstListMs      navigation start to the list counting every container, rows drawn
//   compareClickMs   a click on B to the comparison table holding both sides' inodes
//   runToListP95Ms   `docker run` returning to the new container shown running in the list
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { IMAGE } from '../support/fixtures.js';
import { startServe, stopServe } from '../support/serve.js';

const run = promisify(execFile);
const log = (s: string) => process.stderr.write(`${s}\n`);
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const quantile = (xs: number[], q: number) => {
  const s = sorted(xs);
  return s.length ? s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]! : NaN;
};
const median = (xs: number[]) => {
  const s = sorted(xs);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/*
 * What runs in the page is plain text: tsx (esbuild with keepNames) would wrap the functions of
 * this file in a __name helper that the page does not have.
 */
const inPage = (body: string, ...args: unknown[]) => `(${body})(${args.map((x) => JSON.stringify(x)).join(', ')})`;

/** Records when the count first reads "N of N" (N ≥ min) with rows drawn, and the longest task. */
const FULL_LIST_WATCH = `function (min) {
  window.__longest = 0;
  try {
    new PerformanceObserver(function (l) {
      for (const e of l.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) { /* no long-task timing */ }
  function check() {
    const el = document.querySelector('[data-testid="list-count"]');
    const m = /^(\\d+) of (\\d+)$/.exec(el ? el.textContent.trim() : '');
    if (m && Number(m[2]) >= min && m[1] === m[2] && document.querySelector('[role="listitem"]')) {
      window.__full = performance.now();
      return;
    }
    requestAnimationFrame(check);
  }
  requestAnimationFrame(check);
}`;

/**
 * Clicks B on b (A already picked); resolves with the time until the table holds both sides'
 * inodes (table), and until the comparison itself has answered and replaced any preview (full).
 */
const COMPARE_CLICK = `async function (a, b) {
  function table() {
    const m = document.querySelector('[data-testid="matrix"]');
    if (!m) return null;
    const heads = [...m.querySelectorAll('thead .nm')].map((e) => e.textContent);
    if (heads[0] !== a || heads[1] !== b) return null;
    const rows = [...m.querySelectorAll('tbody tr[data-ns]')];
    const whole = rows.length > 0 && rows.every((r) => r.querySelector('td[data-side="a"] [data-inode]') && r.querySelector('td[data-side="b"] [data-inode]'));
    return whole ? m : null;
  }
  const button = document.querySelector('[data-container="' + b + '"] .pick.b');
  const t0 = performance.now();
  let tableAt = null;
  button.click();
  await new Promise(function (resolve, reject) {
    const limit = setTimeout(function () { reject(new Error('no comparison of ' + a + ' and ' + b + ' in 30 s')); }, 30000);
    function check() {
      const m = table();
      if (m && tableAt === null) tableAt = performance.now();
      if (m && !m.hasAttribute('data-preview') && document.querySelector('[data-pane]')) { clearTimeout(limit); resolve(); }
      else requestAnimationFrame(check);
    }
    check();
  });
  return { table: tableAt - t0, full: performance.now() - t0 };
}`;

/** window.__seen: a promise of the wall-clock time the row of name is first drawn running. */
const SEEN_RUNNING = `function (name) {
  window.__seen = new Promise(function (resolve) {
    function check() {
      if (document.querySelector('[data-container="' + name + '"][data-state="running"]')) resolve(performance.timeOrigin + performance.now());
      else requestAnimationFrame(check);
    }
    check();
  });
}`;

export interface UiBenchOptions {
  /** The bench's running containers, by name (pairs for the comparison are taken from them). */
  names: string[];
  /** The bench's label (key=value), put on the containers this part starts so the bench removes them. */
  label: string;
  runs: number;
  viewport?: { width: number; height: number };
}

/** Navigation start to the count reading "N of N" (N ≥ expected) with rows drawn; and the page's weight then. */
async function firstList(browser: Browser, url: string, expected: number, viewport: { width: number; height: number }) {
  const context = await browser.newContext({ viewport, locale: 'en-US', colorScheme: 'light' });
  try {
    const page = await context.newPage();
    await page.addInitScript(inPage(FULL_LIST_WATCH, expected));
    // The list call's round trip on the page's socket, as the browser's frame events time it: how
    // much of the wait is serve's answer rather than the page.
    let listCall: number | null = null;
    page.on('websocket', (ws) => {
      let sentAt: number | null = null;
      let id: unknown = null;
      ws.on('framesent', (f) => {
        if (sentAt !== null || typeof f.payload !== 'string' || !f.payload.includes('"listContainers"')) return;
        sentAt = performance.now();
        id = (JSON.parse(f.payload) as { id?: unknown }).id;
      });
      ws.on('framereceived', (f) => {
        if (sentAt === null || listCall !== null || typeof f.payload !== 'string') return;
        if ((JSON.parse(f.payload) as { id?: unknown }).id === id) listCall = performance.now() - sentAt;
      });
    });
    await page.goto(url);
    // Polled from here: a string predicate for waitForFunction would be an eval, which the page's CSP refuses.
    for (const end = Date.now() + 60_000; !(await page.evaluate('window.__full !== undefined'));) {
      if (Date.now() > end) throw new Error('the list did not fill within 60 s');
      await new Promise((r) => setTimeout(r, 25));
    }
    const page_ = (await page.evaluate(`({
      fullMs: window.__full,
      fcpMs: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
      longestTaskMs: window.__longest,
      domNodes: document.getElementsByTagName('*').length,
      domRows: document.querySelectorAll('[role="listitem"]').length,
      heapMB: performance.memory ? performance.memory.usedJSHeapSize / 2 ** 20 : null,
    })`)) as { fullMs: number; fcpMs: number | null; longestTaskMs: number; domNodes: number; domRows: number; heapMB: number | null };
    return { ...page_, listCallMs: listCall as number | null };
  } finally {
    await context.close();
  }
}

/** Shows one container by filtering to its exact name (the list draws only what is in view). */
async function showOnly(page: Page, name: string) {
  await page.getByPlaceholder(/Filter/).fill(name);
  await page.locator(`[data-container="${name}"]`).waitFor({ timeout: 30_000 });
}

/** Clicks B on `b` (A already picked) and waits, frame by frame, for the table and for the whole comparison. */
async function compareClick(page: Page, a: string, b: string): Promise<{ table: number; full: number }> {
  await showOnly(page, b);
  return (await page.evaluate(inPage(COMPARE_CLICK, a, b))) as { table: number; full: number };
}

/** `docker run -d` of a new container; the time from its return (and from its start) to the row shown running. */
async function runToList(page: Page, name: string, label: string): Promise<{ fromReturn: number; fromSpawn: number; dockerRun: number }> {
  await page.getByPlaceholder(/Filter/).fill(name);
  await page.evaluate(inPage(SEEN_RUNNING, name));
  const spawned = performance.timeOrigin + performance.now();
  await run('docker', ['run', '-d', '--name', name, '--label', label, '--network', 'none', IMAGE, 'sleep', '1000000']);
  const returned = performance.timeOrigin + performance.now();
  const seen = await Promise.race([
    page.evaluate('window.__seen') as Promise<number>,
    new Promise<number>((_, reject) => setTimeout(() => reject(new Error(`${name} did not appear in the list within 30 s`)), 30_000)),
  ]);
  return { fromReturn: seen - returned, fromSpawn: seen - spawned, dockerRun: returned - spawned };
}

export async function benchUi(o: UiBenchOptions) {
  const viewport = o.viewport ?? { width: 1440, height: 900 };
  const serve = await startServe();
  const browser = await launchChromium();
  try {
    const total = Number((await run('docker', ['ps', '-aq'])).stdout.split('\n').filter(Boolean).length);
    await firstList(browser, serve.url, total, viewport); // warm: serve's engine list, Chromium's caches
    const loads = [];
    for (let i = 0; i < o.runs; i++) loads.push(await firstList(browser, serve.url, total, viewport));
    log(`  ui: first list ${round(median(loads.map((l) => l.fullMs)))} ms (median of ${o.runs})`);

    const context = await browser.newContext({ viewport, locale: 'en-US', colorScheme: 'light' });
    const page = await context.newPage();
    await page.goto(serve.url);
    const [a, ...others] = o.names;
    await showOnly(page, a!);
    await page.locator(`[data-container="${a}"] .pick.a`).click();
    await compareClick(page, a!, others[0]!); // warm
    const clickRuns: { table: number; full: number }[] = [];
    for (let i = 0; i < o.runs; i++) clickRuns.push(await compareClick(page, a!, others[(i + 1) % others.length]!));
    const clicks = clickRuns.map((c) => c.table);
    log(
      `  ui: compare click ${round(median(clicks))} ms, whole comparison ${round(median(clickRuns.map((c) => c.full)))} ms (median of ${o.runs})`,
    );

    const stamp = `${process.pid}-${Date.now().toString(36)}`;
    await runToList(page, `nsi-bench-ui-${stamp}-warm`, o.label);
    const appear = [];
    for (let i = 0; i < o.runs; i++) appear.push(await runToList(page, `nsi-bench-ui-${stamp}-${i}`, o.label));
    await context.close();

    const fromReturn = appear.map((x) => x.fromReturn);
    return {
      containers: total,
      viewport: `${viewport.width}x${viewport.height}`,
      firstListMs: round(median(loads.map((l) => l.fullMs))),
      firstContentfulPaintMs: round(median(loads.map((l) => l.fcpMs ?? NaN))),
      /** serve's answer to the list call, socket frame to frame: the part of firstListMs that is not the page's. */
      listCallMs: round(median(loads.map((l) => l.listCallMs ?? NaN))),
      longestTaskMs: round(median(loads.map((l) => l.longestTaskMs))),
      domNodes: loads.at(-1)!.domNodes,
      domRows: loads.at(-1)!.domRows,
      heapMB: loads.at(-1)!.heapMB === null ? null : round(loads.at(-1)!.heapMB!),
      compareClickMs: round(median(clicks)),
      compareClickP95Ms: round(quantile(clicks, 0.95)),
      /** The click to the whole comparison (every pane's data), which the table no longer waits for. */
      compareFullMs: round(median(clickRuns.map((c) => c.full))),
      runToListP50Ms: round(median(fromReturn)),
      runToListP95Ms: round(quantile(fromReturn, 0.95)),
      runToListFromSpawnP95Ms: round(
        quantile(
          appear.map((x) => x.fromSpawn),
          0.95,
        ),
      ),
      dockerRunMs: round(median(appear.map((x) => x.dockerRun))),
      runs: o.runs,
      targets: { firstListMs: 1000, compareClickMs: 300, runToListP95Ms: 300 },
    };
  } finally {
    await browser.close().catch(() => undefined);
    await stopServe(serve.child);
  }
}
