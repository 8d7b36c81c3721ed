// The terminal part of `npm run bench`: a large output through each session kind's full data
// path (session → batching → flow control → @xterm/headless, acked as the terminal parses it),
// with a raw node-pty running the same command as the reference; and key-echo round trips.
// Standalone: `npx tsx test/bench/terminal.ts [sizeMB] [--browser-only]`; the browser part needs
// `npm run build` (it runs `nsinspect serve`).
import xtermHeadless from '@xterm/headless';
import type { ShellOpenRequest } from '../../shared/api/shell.js';
import { Backends } from '../../electron/core/access/select.js';
import { Engine } from '../../electron/core/engine/engine.js';
import { ShellManager } from '../../electron/core/shell/manager.js';
import { loadPty } from '../../electron/core/shell/pty-session.js';
import { IMAGE } from '../support/fixtures.js';
import { containerPid, docker, tryRun } from '../support/sh.js';
import { buildHelper } from '../shell/rig.js';
import { benchBrowserTerminal } from './terminal-browser.js';
import { benchRemoteTerminal, type RemoteTerminalFigures } from './remote-terminal.js';

const { Terminal } = xtermHeadless as unknown as typeof import('@xterm/headless');
const LINE = 'nsinspect terminal benchmark 0123456789 abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const log = (s: string) => process.stderr.write(`${s}\n`);
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

export function producer(bytes: number): string[] {
  return ['sh', '-c', `yes '${LINE}' | head -c ${bytes}`];
}

function newTerminal() {
  return new Terminal({ cols: 120, rows: 40, scrollback: 1000, allowProposedApi: true });
}

/** The reference: node-pty running the same nsenter command, straight into the terminal. */
async function rawPty(pid: number, bytes: number): Promise<number> {
  const pty = loadPty();
  const term = newTerminal();
  const t = performance.now();
  let received = 0;
  await new Promise<void>((resolve) => {
    const p = pty.spawn('nsenter', [`-m/proc/${pid}/ns/mnt`, '--', ...producer(bytes)], {
      cols: 120,
      rows: 40,
      env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', TERM: 'xterm-256color' },
      encoding: null,
    } as never);
    let pending = 0;
    let exited = false;
    const done = () => exited && pending === 0 && resolve();
    (p.onData as unknown as (cb: (d: Buffer) => void) => void)((d) => {
      received += d.length;
      pending++;
      term.write(d, () => {
        pending--;
        done();
      });
    });
    p.onExit(() => {
      exited = true;
      setTimeout(done, 20);
    });
  });
  const s = (performance.now() - t) / 1000;
  term.dispose();
  if (received < bytes) throw new Error(`raw pty: ${received} of ${bytes} bytes`);
  return bytes / 1e6 / s;
}

export async function throughSession(m: ShellManager, req: ShellOpenRequest, bytes: number): Promise<number> {
  const term = newTerminal();
  let received = 0;
  let pending = 0;
  let ended = false;
  let id = '';
  const t = performance.now();
  await new Promise<void>((resolve, reject) => {
    const done = () => ended && pending === 0 && resolve();
    const onData = (sid: string, d: Uint8Array) => {
      if (sid !== id) return;
      received += d.length;
      pending++;
      term.write(d, () => {
        pending--;
        m.ack(sid, d.length);
        done();
      });
    };
    const onEnd = (sid: string) => {
      if (sid !== id) return;
      ended = true;
      done();
    };
    m.on('data', onData);
    m.on('end', onEnd);
    m.open(req).then((s) => (id = s.id), reject);
  });
  const s = (performance.now() - t) / 1000;
  term.dispose();
  if (received < bytes) throw new Error(`${req.access ?? req.kind}: ${received} of ${bytes} bytes`);
  return bytes / 1e6 / s;
}

/** Key echo: a program in raw mode that writes back each byte it reads (as an editor or shell echoes). */
export async function echo(
  m: ShellManager,
  container: string,
  samples: number,
  access: ShellOpenRequest['access'] = 'direct',
): Promise<{ p50: number; p99: number }> {
  const s = await m.open({
    container,
    kind: 'nsenter',
    namespaces: ['mnt', 'pid'],
    unconfined: true,
    command: ['sh', '-c', 'stty raw -echo; echo ready; exec cat'],
    cols: 80,
    rows: 24,
    access,
  });
  let received = 0;
  let ready = false;
  let head = '';
  let waiter: (() => void) | null = null;
  const onData = (id: string, d: Uint8Array) => {
    if (id !== s.id) return;
    if (!ready) {
      // Up to the end of the "ready" line: its "\r\n" may come in a chunk of its own (over ssh it
      // does), and counted as echo it would make every sample wait for the one before.
      head += Buffer.from(d).toString('latin1');
      const end = head.indexOf('ready');
      const nl = end < 0 ? -1 : head.indexOf('\n', end);
      m.ack(id, d.length);
      if (nl < 0) return;
      ready = true;
      received += head.length - nl - 1;
      return;
    }
    received += d.length;
    m.ack(id, d.length);
    waiter?.();
  };
  m.on('data', onData);
  while (!ready) await new Promise((r) => setTimeout(r, 10));
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const want = i + 1;
    const t = performance.now();
    await new Promise<void>((resolve) => {
      waiter = () => received >= want && resolve();
      m.input(s.id, String.fromCharCode(97 + (i % 26)));
    });
    times.push(performance.now() - t);
  }
  m.off('data', onData);
  await m.close(s.id);
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length * 0.5)]!, p99: times[Math.min(times.length - 1, Math.floor(times.length * 0.99))]! };
}

/**
 * In the page, 20 MB (about `seq 1 3000000`), against a raw pty with the same output: the
 * dialog's default shell (the engine's exec, as "Like docker exec" is), then an nsenter shell in
 * a pty of serve's own (the path the raw reference has).
 */
async function inBrowser(name: string, pid: number) {
  const bytes = 20e6;
  const run = async (via: 'engine' | 'nsenter') => {
    const b = await benchBrowserTerminal({
      container: name,
      bytes,
      line: LINE,
      rounds: 3,
      samples: 9,
      via,
      rawPty: () => rawPty(pid, bytes),
      log,
    });
    log(`terminal (browser, ${via}): ${round(b.browserMBps)} MB/s with ${b.browserRenderer}, raw pty ${round(b.rawPtyMBps)} MB/s`);
    return b;
  };
  const engine = await run('engine');
  const nsenter = await run('nsenter');
  return {
    browserMBps: round(engine.browserMBps),
    browserRawPtyMBps: round(engine.rawPtyMBps),
    browserVsRawPty: round(engine.browserVsRawPty),
    browserRenderer: engine.browserRenderer,
    ctrlCPromptP50Ms: round(engine.ctrlCPromptP50Ms),
    ctrlCPromptMaxMs: round(engine.ctrlCPromptMaxMs),
    browserNsenter: {
      browserMBps: round(nsenter.browserMBps),
      browserRawPtyMBps: round(nsenter.rawPtyMBps),
      browserVsRawPty: round(nsenter.browserVsRawPty),
      ctrlCPromptP50Ms: round(nsenter.ctrlCPromptP50Ms),
      ctrlCPromptMaxMs: round(nsenter.ctrlCPromptMaxMs),
    },
  };
}

export async function benchTerminal(opts: {
  sizeMB: number;
  only?: 'browser';
}): Promise<Record<string, unknown> & Partial<RemoteTerminalFigures>> {
  const bytes = Math.round(opts.sizeMB * 1e6);
  const name = `nsi-bench-term-${process.pid}`;
  const helper = buildHelper();
  process.env.NSINSPECT_HOST_HELPER_SCRIPT = helper.script;
  tryRun(['docker', 'rm', '-f', name]);
  docker('run', '-d', '--name', name, '--label', `io.nsinspect.bench=${process.pid}`, IMAGE, 'sleep', '1000000');
  const engine = new Engine();
  const backends = new Backends(engine, IMAGE);
  const m = new ShellManager({ engine, backends });
  try {
    await engine.start();
    const pid = containerPid(name);
    if (opts.only === 'browser') return await inBrowser(name, pid);
    // The nsenter data path of each backend (a whole-container shell would be the engine's exec).
    const base = { container: name, namespaces: ['mnt' as const], unconfined: true, command: producer(bytes), cols: 120, rows: 40 };
    // Warm up: helpers started, caches filled.
    await throughSession(m, { ...base, command: producer(1e6), kind: 'nsenter', access: 'docker-helper' }, 1e6);
    await throughSession(m, { ...base, command: producer(1e6), kind: 'nsenter', access: 'host-helper' }, 1e6);
    const rawPtyMBps = await rawPty(pid, bytes);
    log(`terminal: raw node-pty ${round(rawPtyMBps)} MB/s`);
    const perKind: Record<string, number> = {};
    for (const [kind, req] of [
      ['direct', { ...base, kind: 'nsenter', access: 'direct' }],
      ['docker-helper', { ...base, kind: 'nsenter', access: 'docker-helper' }],
      ['host-helper', { ...base, kind: 'nsenter', access: 'host-helper' }],
      ['docker-exec', { ...base, kind: 'docker-exec', namespaces: [] }],
    ] as Array<[string, ShellOpenRequest]>) {
      perKind[kind] = round(await throughSession(m, req, bytes));
      log(`terminal: ${kind} ${perKind[kind]} MB/s`);
    }
    const e = await echo(m, name, 300);
    log(`terminal: echo p50 ${round(e.p50)} ms, p99 ${round(e.p99)} ms`);
    const throughputMBps = perKind.direct!;
    const browser = await inBrowser(name, pid);
    return {
      throughputMBps,
      rawPtyMBps: round(rawPtyMBps),
      throughputVsRawPty: round(throughputMBps / rawPtyMBps),
      echoP50Ms: round(e.p50),
      echoP99Ms: round(e.p99),
      perKind,
      ...browser,
      // Through the ssh rig (remote-terminal.ts); absent, with the reason logged, where it cannot run.
      ...(await benchRemoteTerminal({ sizeMB: Math.min(opts.sizeMB, 50) })),
    };
  } finally {
    await m.dispose();
    await backends.close();
    await engine.stop();
    tryRun(['docker', 'rm', '-f', name]);
    helper.cleanup();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await benchTerminal({
    sizeMB: Number(process.argv[2] ?? 200),
    ...(process.argv.includes('--browser-only') ? { only: 'browser' as const } : {}),
  });
  process.stdout.write(`${JSON.stringify({ terminal: r })}\n`);
}
