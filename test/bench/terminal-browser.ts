// The terminal in the browser, as a user gets it: `nsinspect serve`, Debian's Chromium, the
// Open-terminal dialog, a shell in the container, and the output drawn by xterm.js in the page.
// Called by terminal.ts (which runs the raw pty reference on the same container).
import type { Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { startServe, stopServe } from '../support/serve.js';

/**
 * Watches the page's socket without changing it: bytes of terminal output received, bytes the
 * terminal acknowledged (it acks once xterm.js has parsed them), and — when asked — the moment
 * the output ending in a marker has been parsed and painted. Only the tail of each chunk is
 * decoded, so that watching costs the page next to nothing. Runs before the app's own code (an
 * init script), and knows both wire forms of shellData: binary frames, and base64 in JSON (the
 * form before them, kept so that the "before" figures can be measured again).
 */
export function probe(): void {
  interface Probe {
    recv: number;
    acked: number;
    watch: string | null;
    tail: string;
    target: number;
    seenAt: number;
    /** When the marker arrived (before the terminal parsed what came before it and it). */
    arrivedAt: number;
    /** When the first input after the last reset left the page. */
    sentAt: number;
    keyAt: Record<string, number>;
  }
  const st: Probe = { recv: 0, acked: 0, watch: null, tail: '', target: -1, seenAt: 0, arrivedAt: 0, sentAt: 0, keyAt: {} };
  (window as unknown as { __nsiBench: Probe }).__nsiBench = st;
  const Native = window.WebSocket;
  const latin1 = new TextDecoder('latin1');
  const reached = () => {
    if (st.target >= 0 && st.acked >= st.target) {
      st.target = -1;
      requestAnimationFrame(() => (st.seenAt = performance.now()));
    }
  };
  const onMessage = (ev: MessageEvent) => {
    let tail: string;
    let n: number;
    if (typeof ev.data === 'string') {
      const s = ev.data;
      if (!s.startsWith('{"event":"shellData"')) return;
      const i = s.indexOf('"data":"') + 8;
      const j = s.lastIndexOf('"');
      n = ((j - i) / 4) * 3 - (s[j - 1] === '=' ? (s[j - 2] === '=' ? 2 : 1) : 0);
      tail = st.watch ? atob(s.slice(Math.max(i, j - 88), j)) : '';
    } else if (ev.data instanceof ArrayBuffer) {
      // Binary shellData: [1][id length][id][bytes].
      const u = new Uint8Array(ev.data);
      if (u[0] !== 1) return;
      const off = 2 + u[1]!;
      n = u.length - off;
      tail = st.watch ? latin1.decode(u.subarray(Math.max(off, u.length - 64))) : '';
    } else return;
    st.recv += n;
    if (!st.watch) return;
    st.tail = n >= 64 ? tail : (st.tail + tail).slice(-128);
    if (st.tail.includes(st.watch)) {
      st.watch = null;
      st.tail = '';
      st.target = st.recv;
      st.arrivedAt = performance.now();
      reached();
    }
  };
  class Watched extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      this.addEventListener('message', onMessage);
    }
    override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
      if (typeof data === 'string' && data.includes('"shellInput"') && !st.sentAt) st.sentAt = performance.now();
      if (typeof data === 'string' && data.includes('"shellAck"')) {
        const m = /"args":\["[^"]*",(\d+)\]/.exec(data);
        if (m) st.acked += Number(m[1]);
        reached();
      }
      super.send(data);
    }
  }
  window.WebSocket = Watched as typeof WebSocket;
  window.addEventListener(
    'keydown',
    (e) => {
      const k = (e.ctrlKey ? 'Ctrl+' : '') + e.key;
      st.keyAt[k] = performance.now();
    },
    true,
  );
}

type ProbeState = { recv: number; seenAt: number; arrivedAt: number; sentAt: number; keyAt: Record<string, number> };
const state = (page: Page) => page.evaluate(() => (window as unknown as { __nsiBench: ProbeState }).__nsiBench);

const PROMPT = 'nsi-prompt> ';
/** The prompt as typed: quoted apart, so the echo of the command is not the prompt itself. */
export const PS1 = `PS1='nsi''-prompt> '`;

async function until<T>(what: string, ms: number, fn: () => Promise<T | null | undefined | false>): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`browser terminal: ${what} not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Types a line and waits until the prompt has been drawn after it: the ms from the key to that,
 * with the key's input leaving the page (sent) and the prompt arriving (arrived) on the way.
 */
export async function runToPrompt(page: Page, line: string, key = 'Enter'): Promise<{ ms: number; sent: number; arrived: number }> {
  await page.evaluate((p) => {
    const st = (window as unknown as { __nsiBench: { watch: string | null; seenAt: number; sentAt: number } }).__nsiBench;
    st.watch = p;
    st.seenAt = 0;
    st.sentAt = 0;
  }, PROMPT);
  if (line) await page.keyboard.type(line);
  await page.keyboard.press(key === 'Ctrl+c' ? 'Control+c' : key);
  const s = await until(`the prompt after ${JSON.stringify(line || key)}`, 300_000, async () => {
    const st = await state(page);
    return st.seenAt > 0 ? st : null;
  });
  const at = s.keyAt[key]!;
  return { ms: s.seenAt - at, sent: s.sentAt - at, arrived: s.arrivedAt - at };
}

/**
 * A shell through the dialog, as a user opens one: "Like docker exec" (the default, run by the
 * engine's exec), or nsenter of all but uts (a pty of serve's own, as the raw reference has).
 */
export async function openShell(page: Page, url: string, container: string, via: 'engine' | 'nsenter' = 'engine'): Promise<void> {
  await page.goto(url);
  await page.getByPlaceholder('Filter by name').fill(container);
  await page.locator(`[data-container="${container}"] [data-action="terminal"]`).click({ timeout: 60_000 });
  const dialog = page.getByTestId('open-terminal');
  await dialog.locator('[data-preset="exec"]').click();
  if (via === 'nsenter') {
    await dialog.locator('input[data-ns="uts"]').click();
    await dialog.locator('[data-action="unconfined"]').click();
  }
  await dialog.locator('[data-action="open-terminal"]').click();
  await page.locator('.term-pane:visible[data-status="open"]').waitFor({ timeout: 60_000 });
  await page.locator('.term-pane:visible .term-host').click();
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

export interface BrowserTerminalFigures {
  browserMBps: number;
  /** The reference, run in turns with the page (page, raw, page, raw…). */
  rawPtyMBps: number;
  /** The median of the rounds' ratios. */
  browserVsRawPty: number;
  /** What xterm.js drew with, and the GPU WebGL named. */
  browserRenderer: string;
  ctrlCPromptP50Ms: number;
  ctrlCPromptMaxMs: number;
}

/**
 * `yes LINE | head -c bytes` typed into a shell of the container in the page, timed from the
 * Enter key to the prompt after it parsed and drawn, in turns with the raw pty reference so that
 * drift in the machine's speed hits both; and Ctrl-C during a flood, from the key to the prompt
 * drawn, `samples` times.
 */
export async function benchBrowserTerminal(opts: {
  container: string;
  bytes: number;
  line: string;
  rounds: number;
  samples: number;
  rawPty: () => Promise<number>;
  via: 'engine' | 'nsenter';
  log: (s: string) => void;
}): Promise<BrowserTerminalFigures> {
  const serve = await startServe();
  const browser = await launchChromium();
  try {
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' })).newPage();
    // As source: a runner that keeps function names (tsx) adds calls to its __name helper.
    await page.addInitScript({ content: `var __name = (f) => f;\n(${probe.toString()})();` });
    await openShell(page, serve.url, opts.container, opts.via);
    await runToPrompt(page, PS1);
    const pane = page.locator('.term-pane:visible');
    const browserRenderer = `${await pane.getAttribute('data-renderer')} (${(await pane.getAttribute('data-gpu')) || 'no WebGL'})`;
    const inPage: number[] = [];
    const raw: number[] = [];
    const ratios: number[] = [];
    for (let i = 0; i < opts.rounds; i++) {
      const before = (await state(page)).recv;
      const { ms } = await runToPrompt(page, `yes '${opts.line}' | head -c ${opts.bytes}`);
      const got = (await state(page)).recv - before;
      if (got < opts.bytes) throw new Error(`browser terminal: ${got} of ${opts.bytes} bytes`);
      inPage.push(opts.bytes / 1e6 / (ms / 1000));
      raw.push(await opts.rawPty());
      ratios.push(inPage.at(-1)! / raw.at(-1)!);
    }
    opts.log(
      `terminal (browser, ${opts.via}): ${inPage.map((x) => x.toFixed(2)).join(' ')} MB/s; raw pty ${raw.map((x) => x.toFixed(2)).join(' ')} MB/s`,
    );
    const ctrlC: number[] = [];
    const steps: string[] = [];
    for (let i = 0; i < opts.samples; i++) {
      await page.keyboard.type(`yes '${opts.line}'`);
      await page.keyboard.press('Enter');
      await page.waitForTimeout(1200); // a flood in full swing
      const r = await runToPrompt(page, '', 'Ctrl+c');
      ctrlC.push(r.ms);
      steps.push(`${Math.round(r.ms)} (sent ${Math.round(r.sent)}, arrived ${Math.round(r.arrived)})`);
    }
    opts.log(`terminal (browser, ${opts.via}): Ctrl-C to prompt drawn, ms: ${steps.join(', ')}`);
    return {
      browserMBps: median(inPage),
      rawPtyMBps: median(raw),
      browserVsRawPty: median(ratios),
      browserRenderer,
      ctrlCPromptP50Ms: median(ctrlC),
      ctrlCPromptMaxMs: Math.max(...ctrlC),
    };
  } finally {
    await browser.close().catch(() => undefined);
    await stopServe(serve.child);
  }
}
