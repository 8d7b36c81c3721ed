// The Network view part of `npm run bench`: the view in Chromium through `serve`, in a 1024×640
// window, with the bench's containers running (issue 12 §2: rendered in ≤ 1 s at 300). Three
// figures, medians: the Nav click to the picture drawn (topology request included), opening
// every bridge (layout and rendering only, every row), and a search down to one container.
// Standalone: `npx tsx test/bench/network-view.ts [containers] [runs]` starts its own containers.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { IMAGE, buildImage } from '../support/fixtures.js';
import { startServe, stopServe } from '../support/serve.js';
import { docker, tryRun } from '../support/sh.js';

const execFileAsync = promisify(execFile);
const log = (s: string) => process.stderr.write(`${s}\n`);
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/**
 * In the page: the time from the action to two animation frames after its result is drawn. A
 * string, not a function: tsx's transform would wrap the function's inner names in a helper
 * that does not exist in the page.
 */
const IN_PAGE = `async ({ action, arg }) => {
  const q = (s) => document.querySelector(s);
  const until = async (cond) => {
    const t = performance.now();
    while (!cond()) {
      if (performance.now() - t > 300000) throw new Error(action + ': not drawn within 300 s');
      await new Promise((r) => requestAnimationFrame(r));
    }
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  };
  const t0 = performance.now();
  if (action === 'nav') {
    performance.clearMarks('nsinspect:topology-answered');
    q('[data-nav="network"]').click();
    await until(() => !!q('[data-testid="network-count"]') && !!q('.react-flow__node'));
    const answered = performance.getEntriesByName('nsinspect:topology-answered')[0];
    const end = performance.now();
    return { ms: end - t0, drawMs: answered ? end - answered.startTime : NaN };
  } else if (action === 'openAll') {
    q('[data-action="open-all"]').click();
    await until(() => !!q('[data-action="close-all"]'));
  } else {
    const input = q('[data-testid="network-search"]');
    // React listens for the native input event: set the value the way typing does.
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, arg);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await until(() => document.querySelectorAll('.react-flow__node-netns').length === 1);
  }
  return { ms: performance.now() - t0 };
}`;

function timedInPage(page: Page, action: 'nav' | 'openAll' | 'search', arg: string): Promise<{ ms: number; drawMs?: number }> {
  return page.evaluate(`(${IN_PAGE})(${JSON.stringify({ action, arg })})`) as Promise<{ ms: number; drawMs?: number }>;
}

/** Measures the view with whatever containers run now; `probe` is one of them, for the search. */
export async function benchNetworkView(opts: { runs: number; probe: string }): Promise<Record<string, number>> {
  const serve = await startServe();
  const browser = await launchChromium();
  try {
    const page = await (await browser.newContext({ viewport: { width: 1024, height: 640 }, locale: 'en-US' })).newPage();
    await page.goto(serve.url);
    // A loaded 2-core machine takes minutes to list and inspect hundreds of containers. The list
    // draws only the rows in view: the probe is found through the filter, then the filter is
    // cleared, as it applies to the picture too.
    const filter = page.getByPlaceholder('Filter by name');
    await filter.fill(opts.probe);
    await page.locator(`[data-container="${opts.probe}"]`).first().waitFor({ state: 'attached', timeout: 600_000 });
    await filter.fill('');
    const nav: number[] = [];
    const draw: number[] = [];
    const openAll: number[] = [];
    const search: number[] = [];
    let nodes = 0;
    let namespaces = 0;
    for (let i = 0; i <= opts.runs; i++) {
      const n = await timedInPage(page, 'nav', '');
      const o = await timedInPage(page, 'openAll', '');
      nodes = await page.locator('.react-flow__node').count();
      namespaces = Number(/\/(\d+)/.exec(await page.getByTestId('network-count').innerText())?.[1] ?? 0);
      const s = await timedInPage(page, 'search', opts.probe);
      // The first round warms the chunk load and the JIT; it is not counted.
      if (i > 0) {
        nav.push(n.ms);
        draw.push(n.drawMs ?? NaN);
        openAll.push(o.ms);
        search.push(s.ms);
      }
      await page.locator('[data-nav="compare"]').click();
      await page.locator('[data-testid="network-view"]').waitFor({ state: 'detached' });
    }
    if (process.env.NSINSPECT_BENCH_SHOT) {
      await timedInPage(page, 'nav', '');
      await page.screenshot({ path: process.env.NSINSPECT_BENCH_SHOT });
    }
    return {
      namespaces,
      nodesRenderedOpen: nodes,
      navToDrawnMs: round(median(nav)),
      // From the topology's answer to the picture drawn: the view's own share.
      answerToDrawnMs: round(median(draw)),
      openAllMs: round(median(openAll)),
      searchMs: round(median(search)),
      runs: opts.runs,
    };
  } catch (e) {
    if (process.env.NSINSPECT_BENCH_SHOT) await browser.contexts()[0]?.pages()[0]?.screenshot({ path: process.env.NSINSPECT_BENCH_SHOT });
    throw e;
  } finally {
    await browser.close().catch(() => undefined);
    await stopServe(serve.child);
  }
}

/** docker run, a few at a time: one after another takes 5 s each on a loaded 2-core machine. */
async function startAll(names: string[], label: string): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < names.length) {
      const name = names[next++]!;
      const r = await execFileAsync('docker', ['run', '-d', '--name', name, '--label', label, IMAGE, 'sleep', '1000000']).catch(
        (e: Error) => e,
      );
      if (r instanceof Error) throw new Error(`docker run ${name}: ${r.message}`);
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
}

async function standalone(): Promise<void> {
  const n = Number(process.argv[2] ?? 300);
  const runs = Number(process.argv[3] ?? 20);
  const label = `io.nsinspect.bench=${process.pid}`;
  const remove = () => {
    const ids = tryRun(['docker', 'ps', '-aq', '--filter', `label=${label}`])
      .stdout.split('\n')
      .filter(Boolean);
    if (ids.length) tryRun(['docker', 'rm', '-f', ...ids]);
  };
  process.on('SIGINT', () => {
    remove();
    process.exit(130);
  });
  buildImage();
  log(n ? `starting ${n} containers…` : 'measuring with the containers that run now');
  const names = Array.from({ length: n }, (_, i) => `nsi-net-bench-${process.pid}-${i}`);
  try {
    await startAll(names, label);
    // 0: the containers already running here (another run's), the oldest one searched for.
    const running = n ? names : docker('ps', '--format', '{{.Names}}').split('\n').filter(Boolean);
    const r = await benchNetworkView({ runs, probe: running[n ? n >> 1 : running.length - 1]! });
    log(`network view, ${n || 'the running'} containers, 1024×640, median of ${runs}: ${JSON.stringify(r)} (target: drawn ≤ 1000 ms)`);
    process.stdout.write(`${JSON.stringify({ network: { containers: n || docker('ps', '-q').split('\n').length, ...r } })}\n`);
  } finally {
    remove();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  standalone().catch((e) => {
    log(`network bench failed: ${(e as Error).stack ?? e}`);
    process.exit(1);
  });
}
